import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../domain/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-11-22T00:00:00Z';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-plan-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the real CLI in a subprocess, as a user would: `npx tsx cli/cli.ts plan …`. */
function breach(args: string[], input?: string) {
  const r = spawnSync('npx', ['tsx', 'cli/cli.ts', ...args], { cwd: root, encoding: 'utf8', input: input ?? '', timeout: 90_000 });
  // npm may print its own configuration warnings: they are not the command's output.
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !/^npm (warn|notice)/.test(l))
    .join('\n')
    .trim();
  return { status: r.status, stdout: r.stdout, stderr };
}
const example = (name: string) => path.join('examples', 'incidents', name);
const read = (name: string) => fs.readFileSync(path.join(root, example(name)), 'utf8');

describe('breach plan', () => {
  it('a valid file: determination and obligations as a table, exit 0', () => {
    const r = breach(['plan', example('ce-two-states.json'), '--now', NOW]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Breach plan — Synthetic Valley Clinic (covered entity)   [PREVIEW: no decision recorded]');
    expect(r.stdout).toContain('Discovery: 2026-10-01 in America/Los_Angeles (day 0; from 2026-10-01T16:30:00-07:00)');
    expect(r.stdout).toMatch(/Recommendation: REPORTABLE \(breach\)/);
    expect(r.stdout).toMatch(/Factor \(i\).*\n.*Factor \(ii\).*\n.*Factor \(iii\).*\n.*Factor \(iv\)/);
    expect(r.stdout).toMatch(/^id\s+recipient\s+deadline\s+target\s+law-enforcement hold\s+rule$/m);
    expect(r.stdout).toMatch(
      /^individual_notice\s+1200 affected individual\(s\) with usable contact information\s+2026-11-30\s+2026-10-31\s+45 CFR 164\.404$/m,
    );
    expect(r.stdout).toMatch(/^media_notice:CA\s+prominent media outlets serving California\s+2026-11-30\s+2026-10-31\s+45 CFR 164\.406$/m);
    expect(r.stdout).toMatch(/^hhs_notice\s+Secretary of HHS \(OCR breach portal\)\s+2026-11-30\s+2026-10-31\s+45 CFR 164\.408\(b\)$/m);
    expect(r.stdout).not.toMatch(/media_notice:NV/); // exactly 500 in Nevada
    expect(r.stdout).toMatch(/Documentation — keep until at least 2032-11-21/);
  });

  it("--details adds each obligation's basis and content checklist with citations", () => {
    const r = breach(['plan', example('ce-two-states.json'), '--now', NOW, '--details']);
    expect(r.status).toBe(0);
    // The local date in the organization's zone, zone named — not the UTC instant "2026-12-01T07:59:59.999Z" (issue 12 item 8).
    expect(r.stdout).toContain(
      'deadline (outer limit) Mon 30 Nov 2026 (end of day, America/Los_Angeles): 60 calendar days after discovery on 2026-10-01 (day 0; 45 CFR 164.404(b))',
    );
    expect(r.stdout).not.toContain('2026-12-01T07:59:59.999Z');
    expect(r.stdout).toMatch(/\[ \] contact procedures, including a toll-free telephone number.* — 45 CFR 164\.404\(c\)\(1\)\(E\)/);
  });

  it('--json: the plan for machines', () => {
    const r = breach(['plan', example('ba-two-covered-entities.json'), '--json', '--now', '2026-11-28T00:00:00Z']);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.status).toBe('preview');
    expect(plan.obligations.map((o) => [o.id, o.deadline.date, o.deadline.instant])).toEqual([
      ['ce_notice:riverside-hospital', '2026-12-01', '2026-12-02T04:59:59.999Z'], // 2 business days over Thanksgiving and the Friday after
      ['ce_notice:valley-plan', '2026-12-25', '2026-12-26T04:59:59.999Z'], // 30 calendar days
    ]);
  });

  it('stdin: facts piped in (no file, or -)', () => {
    for (const args of [
      ['plan', '--json', '--now', NOW],
      ['plan', '-', '--json', '--now', NOW],
    ]) {
      const r = breach(args, read('ba-ten-business-days.json'));
      expect(r.status).toBe(0);
      const plan = JSON.parse(r.stdout) as Plan;
      expect(plan.obligations).toHaveLength(1);
      expect(plan.obligations[0]).toMatchObject({ id: 'ce_notice:lakeside-health', deadline: { date: '2026-10-15' } });
    }
  });

  it('a recorded decision: { facts, decision } is planned as decided; not reportable → no obligations, the record kept', () => {
    const r = breach(['plan', example('ce-encrypted-laptop-not-reportable.json'), '--now', NOW]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Decision: NOT REPORTABLE by privacy-officer at 2026-10-06T11:00:00-04:00 (agrees with the recommendation)');
    expect(r.stdout).toContain('Obligations: none — no notice is required.');
    expect(r.stdout).toMatch(/the reason no notice was required \(secured\)/);
    expect(r.stdout).not.toContain('PREVIEW');
  });

  it('a law-enforcement delay shows in the table and postpones the notices; the deadline moves only with the explicit "extend" reading', () => {
    const r = breach(['plan', example('ce-law-enforcement-hold.json'), '--now', '2026-10-01T00:00:00Z']);
    expect(r.status).toBe(0);
    // Issue 12 item 2: the delay ends 19 October, before the undelayed deadline (1 November): it stays.
    expect(r.stdout).toMatch(
      /^individual_notice\s+.*\s+2026-11-01\s+2026-10-19\s+IN FORCE, until 2026-10-19T22:00:00\.000Z\s+45 CFR 164\.404$/m,
    );
    expect(r.stdout).toMatch(/Law-enforcement delays \(45 CFR 164\.412\):\n\s+2026-09-04T16:00:00\.000Z → 2026-10-19T22:00:00\.000Z/);
    expect(r.stdout).toMatch(/law-enforcement delays postpone notices \(the deadline is never extended\)/);
    const x = breach([
      'plan',
      example('ce-law-enforcement-hold.json'),
      '--now',
      '2026-10-01T00:00:00Z',
      '--law-enforcement-delay-reading',
      'extend',
    ]);
    expect(x.stdout).toMatch(
      /^individual_notice\s+.*\s+2026-12-16\s+2026-11-16\s+IN FORCE, until 2026-10-19T22:00:00\.000Z\s+45 CFR 164\.404$/m,
    );
    expect(x.stdout).toMatch(/EXTEND deadlines \(organization policy\)/);
  });

  it('issue 12 item 8: the deadline is called the outer limit, dates name the zone, a clipped --target-days is said', () => {
    const r = breach([
      'plan',
      example('ce-law-enforcement-hold.json'),
      '--now',
      '2026-10-01T00:00:00Z',
      '--target-days',
      '75',
      '--details',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/latest lawful/);
    expect(r.stdout).toMatch(/dates are local dates in America\/Chicago\. Deadline: the OUTER LIMIT the law sets/);
    expect(r.stdout).toMatch(/deadline \(outer limit\) Sun 1 Nov 2026 \(end of day, America\/Chicago\)/);
    expect(r.stdout).toMatch(
      /! the target of 75 days after discovery falls after the deadline of individual_notice \(2026-11-01\).*clipped to the deadline/,
    );
    expect(r.stdout).toMatch(/Permitted by the Privacy Rule\? unknown/);
  });

  it('invalid input: exit 2, every problem listed as field.path: reason', () => {
    const facts = JSON.parse(read('ce-two-states.json')) as Record<string, unknown>;
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...facts,
        role: 'business_associate',
        dates: { discoveredAt: '2027-01-01T00:00:00Z', reportedAt: '2026-01-01T00:00:00Z' },
        affected: { byJurisdiction: { CA: -3, ZZ: 4, NV: 2.5 } },
        vendor: 'x',
      }),
    );
    const r = breach(['plan', file, '--now', NOW]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('invalid input: 7 problems');
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(':')[0])
        .sort(),
    ).toEqual(
      [
        'affected.byJurisdiction.CA',
        'affected.byJurisdiction.NV',
        'affected.byJurisdiction.ZZ',
        'coveredEntities',
        'dates.discoveredAt',
        'dates.reportedAt',
        'vendor',
      ].sort(),
    );
    expect(r.stderr).toContain('  affected.byJurisdiction.CA: cannot be negative');
    expect(r.stderr).toContain('  affected.byJurisdiction.ZZ: "ZZ" is not a State or jurisdiction code');
    expect(r.stderr).toContain('  dates.discoveredAt: is in the future (now is 2026-11-22T00:00:00Z)');
    expect(r.stderr).toContain(
      '  coveredEntities: a business associate must name at least one covered entity to notify (45 CFR 164.410(a)(1))',
    );

    const j = breach(['plan', file, '--json', '--now', NOW]);
    expect(j.status).toBe(2);
    const body = JSON.parse(j.stderr) as { error: string; problems: { path: string; message: string }[] };
    expect(body.error).toBe('invalid input');
    expect(body.problems).toHaveLength(7);
  });

  it('invalid input in the { facts, decision } form: paths name the field in the document, incl. a missing justification', () => {
    const envelope = JSON.parse(read('ce-two-states.json')) as Record<string, unknown>;
    const file = path.join(tmp, 'decision.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        facts: { ...envelope, urgent: 'yes' },
        decision: { reportable: false, decidedBy: 'po', decidedAt: '2026-10-05T09:00:00-07:00' },
      }),
    );
    const r1 = breach(['plan', file, '--now', NOW]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain('  facts.urgent: must be true or false');
    fs.writeFileSync(
      file,
      JSON.stringify({ facts: envelope, decision: { reportable: false, decidedBy: 'po', decidedAt: '2026-10-05T09:00:00-07:00' } }),
    );
    const r2 = breach(['plan', file, '--now', NOW]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(
      / {2}decision\.justification: is required: the decision \(not reportable\) differs from the recommendation \(reportable: breach\)/,
    );
  });

  it.each([
    [['plan', 'examples/incidents/does-not-exist.json'], /\(input\): cannot read examples\/incidents\/does-not-exist\.json/],
    [['plan', '--now', 'yesterday', example('ce-two-states.json')], /--now: must be an ISO 8601 date-time/],
    [['plan', '--target-days', '-3', example('ce-two-states.json')], /--target-days: must be a whole number of days ≥ 0/],
  ])('%j → exit 2', (args, message) => {
    const r = breach(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('not JSON at all → exit 2', () => {
    const r = breach(['plan', '--now', NOW], '{ "organization": ');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\(input\): stdin is not valid JSON or YAML/);
  });

  it('the package bin (cli/breach.mjs) runs the same program', () => {
    const r = spawnSync(process.execPath, ['cli/breach.mjs', 'plan', example('ce-two-states.json'), '--json', '--now', NOW], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Plan).obligations.map((o) => o.id)).toEqual(['individual_notice', 'media_notice:CA', 'hhs_notice']);
  });
});
