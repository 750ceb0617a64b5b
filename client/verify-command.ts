import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyEvidenceBundle, type EvidenceBundle } from '../activities/evidence-bundle.js';

/** `breach verify <bundle.json>`: recompute an evidence bundle's hash chain (exit 0 intact, 5 broken). */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description("check an evidence bundle's SHA-256 chain: any edited, removed or reordered entry is reported")
    .argument('<bundle>', 'evidence bundle JSON (from the archive or GET /incidents/:ref/report?format=evidence)')
    .option('--json', 'machine-readable output')
    .action((file: string, o: { json?: boolean }) => {
      let bundle: EvidenceBundle;
      try {
        bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as EvidenceBundle;
      } catch (err) {
        console.error(`cannot read ${file}: ${(err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const r = verifyEvidenceBundle(bundle);
      console.log(o.json ? JSON.stringify(r) : r.ok ? `intact: ${r.entries} entries, head hash ${r.headHash}` : `BROKEN at entry ${r.brokenAt}: ${r.reason}`);
      process.exitCode = r.ok ? 0 : 5;
    });
}
