import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-provision-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A folder of fake tools: each prints a line and exits 1, like a build that breaks. */
function brokenTools(names: string[]): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'bin-'));
  for (const n of names)
    fs.writeFileSync(path.join(dir, n), `#!/bin/sh\necho "${n}: simulated build failure" >&2\nexit 1\n`, { mode: 0o755 });
  return dir;
}

function provision(pathDirs: string[], cacheDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_'))),
    PATH: [...pathDirs, path.dirname(process.execPath)].join(path.delimiter),
    BREACH_CACHE_DIR: cacheDir,
    BREACH_NO_DOWNLOAD: '1',
    JAVA_HOME: '',
  };
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
}

describe('npm run provision', () => {
  it('with no Go, no Java and no downloads: one clear message naming what is missing and how to supply a binary', () => {
    const cache = path.join(scratch, 'cache-none');
    const r = provision([], cache);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED');
    expect(r.stderr).toContain('no Go to build it');
    expect(r.stderr).toContain('TEMPORAL_CLI_PATH');
    // Nothing half-written is left to confuse the next run.
    expect(fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f !== 'sdk-download') : []).toEqual([]);
  });

  it('a failing Go build leaves no cache entry behind and shows the build output', () => {
    const cache = path.join(scratch, 'cache-go');
    const r = provision([brokenTools(['go'])], cache);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('go install failed');
    expect(r.stderr).toContain('simulated build failure');
    expect(fs.existsSync(cache) ? fs.readdirSync(cache) : []).toEqual([]);
  });

  it('a failing Maven fetch leaves no test-server cache entry behind', () => {
    const cache = path.join(scratch, 'cache-mvn');
    const fakeCli = path.join(scratch, 'fake-temporal');
    fs.writeFileSync(fakeCli, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_'))),
        PATH: [brokenTools(['mvn', 'java']), path.dirname(process.execPath)].join(path.delimiter),
        BREACH_CACHE_DIR: cache,
        BREACH_NO_DOWNLOAD: '1',
        TEMPORAL_CLI_PATH: fakeCli,
      },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mvn dependency:copy-dependencies failed');
    expect(fs.existsSync(cache) ? fs.readdirSync(cache) : []).toEqual([]);
  });

  it('a TEMPORAL_CLI_PATH that is not an executable is reported by name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TEMPORAL_CLI_PATH: path.join(scratch, 'does-not-exist') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('TEMPORAL_CLI_PATH=');
    expect(r.stderr).toContain('is not an executable file');
  });

  it('a second run with everything cached only locates the binaries', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/provision.ts'], { cwd: root, encoding: 'utf8', env: process.env });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('building');
    expect(r.stdout).not.toContain('fetching');
    expect(r.stdout).toMatch(/Temporal servers (and Chromium )?ready/);
  });
});
