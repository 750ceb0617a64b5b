import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const breach = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/cli.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('breach drill (command line, no server)', () => {
  it('check: a valid scenario and script', () => {
    const r = breach(['drill', 'check', '--scenario', 'scenarios/laptop.yaml', '--script', 'scenarios/teams/laptop-late.yaml']);
    expect(r.stdout).toContain('DRILL scenario laptop: valid (1 inject(s), ends day 65); script valid');
    expect(r.code).toBe(0);
  });

  it('check: an invalid scenario exits 2 naming the file, field and rule, without a stack trace', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drill-cli-')), 'bad.yaml');
    fs.writeFileSync(f, 'id: Laptop\ntitle: T\nocrBreachType: X\ndescription: D\nfacts: {}\n');
    const r = breach(['drill', 'check', '--scenario', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`breach drill: ${f}: id: lower-case letters, digits and - only\n`);
  });

  it('run: refuses the production data directory before anything starts (exit 2)', () => {
    const prod = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-cli-prod-'));
    const r = breach(
      [
        'drill',
        'run',
        '--scenario',
        'scenarios/laptop.yaml',
        '--script',
        'scenarios/teams/laptop.yaml',
        '--data-dir',
        path.join(prod, 'drill'),
      ],
      { BREACH_DATA_DIR: prod },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^breach drill: dataDir: a drill may not use the production data directory/);
    expect(fs.readdirSync(prod)).toEqual([]);
  });

  it('advance without a running drill says how to start one (exit 2)', () => {
    const r = breach(['drill', 'advance', '5d', '--session', path.join(os.tmpdir(), 'no-such-drill-session.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no drill session here \(start one with: breach drill start --scenario <file>\)/);
  });
});
