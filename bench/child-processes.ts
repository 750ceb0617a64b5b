/**
 * The benches' child processes: a TypeScript file run under tsx with extra environment, its stdout read
 * line by line (the worker and raw-sender processes report JSON lines), stderr passed through. Every
 * child is kept in `children` so a bench can kill what is left when it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export const children: ChildProcess[] = [];

export function spawnTs(file: string, env: Record<string, string>, onLine: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  return child;
}

/** The status line a bench rewrites in place on stderr. */
export const status = (s: string) => process.stderr.write(`\r\x1b[K${s}`);
