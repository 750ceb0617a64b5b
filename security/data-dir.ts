import fs from 'node:fs';
import path from 'node:path';

/**
 * The data directory holds the payload keys, the evidence and audit keys, API tokens, the roster database,
 * print letters and the archive: on a shared machine nobody but the engine's user may read it
 * (164.312(a)(1) access control; 164.310(d)(1) device and media controls). Like ssh with its key files,
 * the engine refuses to start when the directory or anything at its top level is open to other users,
 * and it sets the process umask so that everything it (and the Temporal server it starts) creates from
 * now on is 0700 / 0600.
 */
export class LoosePermissionsError extends Error {
  override name = 'LoosePermissionsError';
}

export function secureDataDir(dir: string, opts: { allowLoose?: boolean } = {}): void {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const loose: string[] = [];
  const check = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return; // not ours to judge (mounted secrets)
    if ((st.mode & 0o077) !== 0) loose.push(`${p === dir ? '.' : path.relative(dir, p)} (${(st.mode & 0o777).toString(8)})`);
  };
  check(dir);
  for (const name of fs.readdirSync(dir)) check(path.join(dir, name));
  if (loose.length === 0 || opts.allowLoose) return;
  const shown = loose.slice(0, 5).join(', ') + (loose.length > 5 ? ` and ${loose.length - 5} more` : '');
  throw new LoosePermissionsError(
    `data directory ${dir}: open to other users: ${shown}. It holds keys and rosters of affected people; ` +
      `run \`chmod -R go-rwx ${dir}\` (or set BREACH_ALLOW_LOOSE_PERMISSIONS=1 to start anyway, not for real data)`,
  );
}
