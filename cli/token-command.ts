import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { issueToken, parseTokenConfig, revokeTokens, Role, rotateToken, type TokenEntry } from '../security/api-tokens.js';

const USER = /^[A-Za-z0-9._@-]{1,100}$/;

/** The token file as the engine reads it (BREACH_API_TOKENS_FILE); an error naming the option. */
function readTokenFile(file: string): TokenEntry[] {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`--file: ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  return parseTokenConfig(raw, `--file ${file}`);
}

/** Written whole and renamed into place (0600): the running engine never reads half a file. */
function writeTokenFile(file: string, entries: TokenEntry[]): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 2;
}

/** `breach token create`: a new API token, printed once, and the hashed entry for the token configuration. */
export function registerTokenCommand(program: Command): void {
  const tokens = program
    .command('token')
    .description(
      'API credentials (164.312(d)): tokens are stored hashed, with an expiry; rotate by issuing the next before the last expires',
    );
  tokens
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

  tokens
    .command('rotate')
    .description(
      'a new token for the user (same role) in the token file; the old ones expire after the overlap (the engine rereads the file)',
    )
    .requiredOption('--file <tokens.json>', 'the token file (BREACH_API_TOKENS_FILE)')
    .requiredOption('--user <id>', 'whose token')
    .option('--days <n>', 'the new token is valid for this many days (default 90; at most 365)', '90')
    .option('--overlap-hours <n>', 'the old token keeps working this long (default 24; 0 = at once)', '24')
    .action((o: { file: string; user: string; days: string; overlapHours: string }) => {
      const days = Number(o.days);
      const overlapHours = Number(o.overlapHours);
      if (!USER.test(o.user)) return fail('--user: letters, digits and . _ @ - only, at most 100');
      if (!(Number.isFinite(days) && days > 0 && days <= 365)) return fail('--days: a number of days above 0 and at most 365');
      if (!(Number.isFinite(overlapHours) && overlapHours >= 0 && overlapHours <= 720))
        return fail('--overlap-hours: a number of hours from 0 to 720');
      try {
        const r = rotateToken(readTokenFile(o.file), { userId: o.user, days, overlapHours, now: new Date() });
        writeTokenFile(o.file, r.entries);
        console.log(`token (give it to ${o.user} over a secure channel; it is not stored anywhere):\n  ${r.token}`);
        console.log(`${r.retired} previous token(s) of ${o.user} expire within ${overlapHours} hour(s); ${o.file} updated`);
      } catch (err) {
        fail((err as Error).message);
      }
    });
  tokens
    .command('revoke')
    .description('every token of the user expires now (the entries stay, for the record of who had access)')
    .requiredOption('--file <tokens.json>', 'the token file (BREACH_API_TOKENS_FILE)')
    .requiredOption('--user <id>', 'whose tokens')
    .action((o: { file: string; user: string }) => {
      if (!USER.test(o.user)) return fail('--user: letters, digits and . _ @ - only, at most 100');
      try {
        const r = revokeTokens(readTokenFile(o.file), o.user, new Date());
        if (r.revoked === 0) return fail(`--user: ${o.user} has no unexpired token in ${o.file}`);
        writeTokenFile(o.file, r.entries);
        console.log(`${r.revoked} token(s) of ${o.user} revoked; ${o.file} updated (the engine applies it within a second)`);
      } catch (err) {
        fail((err as Error).message);
      }
    });
  tokens
    .command('list')
    .description('the credentials in the token file: user, role, expiry, status (never a token)')
    .requiredOption('--file <tokens.json>', 'the token file (BREACH_API_TOKENS_FILE)')
    .option('--json', 'machine-readable output')
    .action((o: { file: string; json?: boolean }) => {
      try {
        const now = Date.now();
        const rows = readTokenFile(o.file).map((e) => ({
          userId: e.userId,
          role: e.role,
          expiresAt: e.expiresAt ?? null,
          status: e.expiresAt && Date.parse(e.expiresAt) <= now ? 'expired' : e.expiresAt ? 'active' : 'active (no expiry)',
          ...(e.emergency ? { emergency: true } : {}),
          stored: e.sha256 ? 'sha256' : 'clear',
        }));
        if (o.json) return console.log(JSON.stringify(rows));
        for (const r of rows)
          console.log(
            `${r.userId.padEnd(24)} ${r.role.padEnd(16)} ${(r.expiresAt ?? '-').padEnd(26)} ${r.status}${r.emergency ? ' BREAK-GLASS' : ''}${r.stored === 'clear' ? ' (stored in clear: rotate)' : ''}`,
          );
      } catch (err) {
        fail((err as Error).message);
      }
    });
}
