import fs from 'node:fs';
import path from 'node:path';
import type { IncidentSnapshot } from '../workflows/incident-types.js';
import { buildEvidenceBundle, type EvidenceBundle } from './evidence-bundle.js';

/**
 * Archives the incident's evidence bundle to durable storage when it closes: a Temporal namespace keeps
 * closed histories for days, the rule requires six years (45 CFR 164.530(j)(2)). The default archive is a
 * directory; one file per incident state, named by its head hash, written whole then renamed — so a
 * retried activity writes the same file again, never a second one, and never a half one.
 */
export function createArchiveActivities(deps: { archiveDir: string }) {
  return {
    archiveEvidence(input: { snapshot: IncidentSnapshot; generatedAt: string }): Promise<{ path: string; headHash: string; entries: number }> {
      const bundle: EvidenceBundle = buildEvidenceBundle(input.snapshot, input.generatedAt);
      const dir = path.join(deps.archiveDir, input.snapshot.ref);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `evidence-${bundle.headHash.slice(0, 16)}.json`);
      if (!fs.existsSync(file)) {
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(bundle, null, 2), { mode: 0o600 });
        fs.renameSync(`${file}.tmp`, file);
      }
      return Promise.resolve({ path: file, headHash: bundle.headHash, entries: bundle.entries.length });
    },
  };
}
