import path from 'node:path';
import type { Command } from 'commander';
import { loadAuditKey, readAuditEntries, verifyAuditLog } from '../security/audit-log.js';
import { setting } from '../config/index.js';

const dataDir = () => path.resolve(setting('BREACH_DATA_DIR'));
const logFile = (o: { file?: string }) => path.resolve(o.file ?? setting('BREACH_AUDIT_LOG') ?? path.join(dataDir(), 'audit.log'));

function isoOption(name: string, v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`${name}: an ISO 8601 date or date-time`);
  return d;
}

/** `breach audit verify` and `breach audit export`: the keyed audit trail (164.312(b)). */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('the audit trail of every access to incident data, rosters, reports, evidence and decoded payloads (164.312(b))');
  audit
    .command('verify')
    .description(
      "recompute every entry's HMAC and link: an edited, deleted, inserted or reordered line is reported (exit 0 intact, 5 broken)",
    )
    .option('--file <log>', 'audit log (default BREACH_AUDIT_LOG or <data dir>/audit.log)')
    .option('--json', 'machine-readable output')
    .action((o: { file?: string; json?: boolean }) => {
      let key: Buffer;
      try {
        key = loadAuditKey(dataDir());
      } catch (err) {
        console.error((err as Error).message);
        process.exitCode = 2;
        return;
      }
      const r = verifyAuditLog(logFile(o), key);
      console.log(
        o.json ? JSON.stringify(r) : r.ok ? `intact: ${r.entries} entries, head ${r.head}` : `BROKEN at entry ${r.brokenAt}: ${r.reason}`,
      );
      process.exitCode = r.ok ? 0 : 5;
    });
  audit
    .command('export')
    .description('the entries for counsel as JSON lines (no PHI: user ids, routes, opaque references), filtered by incident and time')
    .option('--file <log>', 'audit log (default BREACH_AUDIT_LOG or <data dir>/audit.log)')
    .option('--incident <ref>', 'only accesses to this incident')
    .option('--since <iso>', 'from this date-time')
    .option('--until <iso>', 'up to this date-time')
    .addHelpText('after', '\nExample:\n  breach audit export --incident INC-2026-0042 --since 2026-11-01 > access-INC-2026-0042.jsonl')
    .action((o: { file?: string; incident?: string; since?: string; until?: string }) => {
      let since: Date | undefined;
      let until: Date | undefined;
      try {
        since = isoOption('--since', o.since);
        until = isoOption('--until', o.until);
      } catch (err) {
        console.error((err as Error).message);
        process.exitCode = 2;
        return;
      }
      for (const e of readAuditEntries(logFile(o), {
        ...(o.incident ? { incident: o.incident } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
      })) {
        console.log(JSON.stringify(e));
      }
    });
}
