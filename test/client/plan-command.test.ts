import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const breach = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'client/cli.ts', ...args], { cwd: root, encoding: 'utf8', input, timeout: 60_000 });

describe('breach plan', () => {
  it('prints the determination and obligations as a table, exit 0', () => {
    const r = breach(['plan', 'examples/incidents/ce-two-states.json', '--now', '2026-11-22T00:00:00Z']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Determination: REPORTABLE breach');
    expect(r.stdout).toMatch(/individual_notice\s+1200 affected individual\(s\)\s+2026-11-30\s+2026-10-31\s+45 CFR 164\.404/);
    expect(r.stdout).toMatch(/media_notice:CA/);
    expect(r.stdout).not.toMatch(/media_notice:NV/); // exactly 500 in Nevada
  });

  it('--json gives the plan for machines; stdin works', () => {
    const r = breach(['plan', '--json', '--now', '2026-11-22T00:00:00Z'], fs.readFileSync(path.join(root, 'examples/incidents/ba-ten-business-days.json'), 'utf8'));
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as { obligations: { id: string; deadline: { date: string } }[] };
    expect(plan.obligations).toEqual([expect.objectContaining({ id: 'ce_notice:lakeside-health', deadline: expect.objectContaining({ date: '2026-10-15' }) as unknown })]);
  });

  it('invalid input: exit 2 with every problem by field path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-plan-'));
    const file = path.join(dir, 'bad.json');
    const facts = JSON.parse(fs.readFileSync(path.join(root, 'examples/incidents/ce-two-states.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...facts, dates: { discoveredAt: '2027-01-01T00:00:00Z' }, affected: { byJurisdiction: { CA: -3, ZZ: 4 } } }));
    const r = breach(['plan', file, '--now', '2026-11-22T00:00:00Z']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('affected.byJurisdiction.CA: cannot be negative');
    expect(r.stderr).toContain('affected.byJurisdiction.ZZ: unknown state or jurisdiction code "ZZ"');
    const r2 = breach(['plan', '--json', file, '--now', '2026-11-22T00:00:00Z']);
    expect(r2.status).toBe(2);
    expect((JSON.parse(r2.stderr) as { issues: unknown[] }).issues.length).toBeGreaterThanOrEqual(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
