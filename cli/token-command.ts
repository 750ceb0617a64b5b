import type { Command } from 'commander';
import { issueToken, Role } from '../security/api-tokens.js';

/** `breach token create`: a new API token, printed once, and the hashed entry for the token configuration. */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      'API credentials (164.312(d)): tokens are stored hashed, with an expiry; rotate by issuing the next before the last expires',
    )
    .command('create')
    .description('print a new random token once, and the entry (SHA-256 and expiry, never the token) to add to BREACH_API_TOKENS(_FILE)')
    .requiredOption('--user <id>', 'user id (letters, digits and . _ @ -; not a patient identifier)')
    .requiredOption('--role <role>', 'responder | privacy_officer | legal | admin')
    .option('--days <n>', 'valid for this many days (default 90; at most 365; emergency at most 3)')
    .option('--emergency', 'a break-glass credential: every request needs a reason header, is audited and reported to the privacy officer')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  breach token create --user pat.privacy --role privacy_officer --days 90\n  breach token create --user oncall-1 --role admin --emergency --days 1',
    )
    .action((o: { user: string; role: string; days?: string; emergency?: boolean; json?: boolean }) => {
      const role = Role.safeParse(o.role);
      const days = Number(o.days ?? (o.emergency ? 1 : 90));
      const max = o.emergency ? 3 : 365;
      const problems = [
        ...(role.success ? [] : ['--role: one of responder, privacy_officer, legal, admin']),
        ...(Number.isFinite(days) && days > 0 && days <= max
          ? []
          : [`--days: a number of days above 0 and at most ${max}${o.emergency ? ' for an emergency credential' : ''}`]),
        ...(/^[A-Za-z0-9._@-]{1,100}$/.test(o.user) ? [] : ['--user: letters, digits and . _ @ - only, at most 100']),
      ];
      if (problems.length > 0 || !role.success) {
        for (const p of problems) console.error(p);
        process.exitCode = 2;
        return;
      }
      const { token, entry } = issueToken({ userId: o.user, role: role.data, days, ...(o.emergency ? { emergency: true } : {}) });
      if (o.json) {
        console.log(JSON.stringify({ token, entry }));
        return;
      }
      console.log(`token (give it to ${o.user} over a secure channel; it is not stored anywhere):\n  ${token}`);
      console.log(`entry for BREACH_API_TOKENS / BREACH_API_TOKENS_FILE (expires ${entry.expiresAt}):\n  ${JSON.stringify(entry)}`);
    });
}
