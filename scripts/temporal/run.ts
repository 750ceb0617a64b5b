import { spawn, type SpawnOptions } from 'node:child_process';
import { ProvisioningError } from './locate.js';

export type Progress = (line: string) => void;

/**
 * Runs a build command, printing a heartbeat every 20 s so a long cold build is visibly alive, and
 * keeping the tail of its output for the error message if it fails.
 */
export function run(command: string, args: string[], opts: SpawnOptions & { progress: Progress; label: string }): Promise<string> {
  const { progress, label, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { ...spawnOpts, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const beat = setInterval(() => progress(`  … ${label} still running (${Math.round((Date.now() - started) / 1000)} s)`), 20_000);
    child.on('error', (err) => {
      clearInterval(beat);
      reject(new ProvisioningError(`${label}: could not run ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearInterval(beat);
      if (code === 0) {
        progress(`  ${label} done in ${Math.round((Date.now() - started) / 1000)} s`);
        resolve(output);
      } else {
        reject(
          new ProvisioningError(
            `${label} failed (${signal ?? `exit ${code}`}). Last output:\n${output.trim().split('\n').slice(-25).join('\n')}`,
          ),
        );
      }
    });
  });
}
