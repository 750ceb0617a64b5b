import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntil } from './worker-process.js';

/**
 * `engine <role>` (the package's `engine` bin, engine/engine.ts) in a process of its own, as a deployment
 * runs it: only the settings the test gives (none of the developer's own TEMPORAL_* / BREACH_*), its own
 * data directory under `dir`. Output is kept for assertions and error messages.
 */
export interface EngineProcess {
  role: string;
  child: ChildProcess;
  dataDir: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once the role printed its ready lines; rejects if it exits first. */
  ready: (timeoutMs?: number) => Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** role: all, worker, api, codec (or anything else, to test the usage error). */
export function spawnEngine(role: string, opts: { dir: string; name?: string; env: Record<string, string> }): EngineProcess {
  const dataDir = path.join(opts.dir, opts.name ?? role);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_') && !k.startsWith('BREACH_') && k !== 'DATABASE_URL'),
  );
  const child = spawn(process.execPath, [path.join(root, 'engine/engine.mjs'), role], {
    cwd: root,
    env: { ...inherited, BREACH_DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Also in <dir>/<name>.log, for the post-mortem of a process that died during a long suite.
  const log = fs.createWriteStream(path.join(opts.dir, `${opts.name ?? role}.log`), { flags: 'a' });
  const keep = (d: Buffer) => {
    out += d.toString();
    log.write(d);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => log.end(`[test] exited: ${code ?? signal}\n`));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    role,
    child,
    dataDir,
    output: () => out,
    exited,
    ready: (timeoutMs = 120_000) =>
      waitUntil(
        `engine ${role}${opts.name ? ` (${opts.name})` : ''} to be ready`,
        () => {
          if (child.exitCode !== null || child.signalCode !== null)
            throw new Error(
              `engine ${role}${opts.name ? ` (${opts.name})` : ''} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`,
            );
          return out.includes('Press Ctrl-C to stop.');
        },
        timeoutMs,
        100,
      ),
  };
}

/** SIGKILL every process still running (test cleanup). */
export function killAll(processes: EngineProcess[]): void {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
}
