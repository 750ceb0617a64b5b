import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLawCoverage, runLawShow } from '../../cli/law-command.js';
import { runPlanCommand } from '../../cli/plan-command.js';
import type { PlanWithStateLaw } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/** `breach law coverage`, `breach law show <code>` and the state section of `breach plan` (issue 16). */
const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-11-22T00:00:00Z';

describe('breach law', () => {
  it('coverage: every jurisdiction with encoded / not encoded and its verified / secondary / unverified counts', () => {
    const r = runLawCoverage({});
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^State-law pack \d{4}\.\d{2}\.\d{2}-\d+ \(fnv1a32:[0-9a-f]{8}\): 53 of 56 jurisdictions encoded/);
    expect(r.stdout).toMatch(/not legal advice/);
    expect(r.stdout).toMatch(/^TX\s+Texas\s+encoded\s+UNVERIFIED\s+4\s+3\s+0\s+1$/m);
    expect(r.stdout).toMatch(/^GA\s+Georgia\s+NOT ENCODED \(state law to review\)/m);
    expect(r.stdout).toMatch(/^VT\s+Vermont\s+encoded\s+SECONDARY\s+4\s+1\s+3\s+0$/m);
    for (const code of ['DC', 'PR', 'VI', 'GU']) expect(r.stdout).toMatch(new RegExp(`^${code}\\s`, 'm'));
    // Pack 2026.12.03-3: Alaska read in statute text; Nevada's CRA rule rests on one secondary page; no statute found for AS, MP.
    expect(r.stdout).toMatch(/^AK\s+Alaska\s+encoded\s+verified\s+2\s+2\s+0\s+0$/m);
    expect(r.stdout).toMatch(/^NV\s+Nevada\s+encoded\s+UNVERIFIED\s+2\s+1\s+0\s+1$/m);
    for (const code of ['AS', 'MP']) expect(r.stdout).toMatch(new RegExp(`^${code}\\s+.*NOT ENCODED \\(state law to review\\)`, 'm'));
    const json = JSON.parse(runLawCoverage({ json: true }).stdout) as { jurisdictions: { jurisdiction: string; status: string }[] };
    expect(json.jurisdictions).toHaveLength(56);
  });

  it('show TX: every rule with its citation, clock, threshold, verification and sources', () => {
    const r = runLawShow('TX', {});
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\[verified\] ag_notice — Notice to the Texas Attorney General/m);
    expect(r.stdout).toMatch(/rule:\s+Tex\. Bus\. & Com\. Code § 521\.053\(i\)/);
    expect(r.stdout).toMatch(/trigger:\s+at least 250 resident\(s\)/);
    expect(r.stdout).toMatch(/clock:\s+30 calendar day\(s\) after determination/);
    expect(r.stdout).toMatch(/^\[UNVERIFIED\] cra_notice/m);
    expect(r.stdout).toMatch(/source:\s+Texas S\.B\. 768/);
  });

  it('show: a bad code is refused with the rule (exit 2), a not-encoded jurisdiction says so', () => {
    const bad = runLawShow('tx', {});
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/jurisdiction: "tx" is not a jurisdiction code.*did you mean "TX"/);
    expect(runLawShow('unknown', {}).exitCode).toBe(2);
    expect(runLawShow('GA', {}).stdout).toMatch(/NOT ENCODED: a plan with residents of Georgia lists "state law to review: Georgia"/);
  });

  it('show VT: the holiday list its business-day clock uses, with the holiday statute, its verification and its sources', () => {
    const out = runLawShow('VT', {}).stdout;
    expect(out).toMatch(/^Holidays for business days: 1 V\.S\.A\. § 371 .*\[verified\] — .*Town Meeting Day, .*Bennington Battle Day/m);
    expect(out).toMatch(
      /^ {2}source: {5}1 V\.S\.A\. § 371\(a\),\(b\) .*<https:\/\/www\.lawserver\.com\/.*> \(statute_text, checked 2026-12-03\)$/m,
    );
    expect(out).toMatch(/^\[SECONDARY\] ag_preliminary — /m);
  });

  it('the real CLI registers the commands', () => {
    const r = spawnSync('npx', ['tsx', 'cli/cli.ts', 'law', 'show', 'NY'], { cwd: root, encoding: 'utf8', timeout: 90_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/N\.Y\. Gen\. Bus\. Law § 899-aa\(9\)/);
  });
});

describe('breach plan: the state-law section', () => {
  const input = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      facts: { ...coveredEntityBreach('2026-11-02T09:00:00-08:00'), affected: { byJurisdiction: { NY: 300, IL: 300, TX: 260, GA: 20 } } },
      decision: { reportable: true, decidedBy: 'privacy.officer@example.test', decidedAt: '2026-11-04T09:00:00-08:00' },
      ...extra,
    });

  it('table: state obligations with citation, status and verification; pending NY/IL; "state law to review: Georgia"', () => {
    const r = runPlanCommand({ source: '-', stdin: input(), now: NOW });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^State law — pack \d{4}\.\d{2}\.\d{2}-\d+ \(fnv1a32:[0-9a-f]{8}\)\. State law overlay: not legal advice/m);
    expect(r.stdout).toMatch(/^state:TX:ag_notice\s+.*2026-12-04\s+planned\s+verified\s+Tex\. Bus\. & Com\. Code § 521\.053\(i\)$/m);
    expect(r.stdout).toMatch(/^state:NY:ag_after_hhs\s+.*after hhs notice \(≤ \d{4}-\d{2}-\d{2}\)\s+pending\s+verified/m);
    expect(r.stdout).toMatch(/^state:IL:ag_after_hhs\s+.*pending\s+SECONDARY/m);
    expect(r.stdout).toMatch(/! state law to review: Georgia \(20 resident\(s\)\)/);
  });

  it('--json with recorded events: plan.stateLaw is a separate section; the HHS confirmation dates NY and IL', () => {
    const r = runPlanCommand({
      source: '-',
      stdin: input({ events: { hhsNotifiedAt: '2026-11-25T16:00:00-05:00' } }),
      now: NOW,
      json: true,
    });
    expect(r.exitCode).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanWithStateLaw;
    expect(plan.obligations.every((o) => !o.id.startsWith('state:'))).toBe(true); // federal list unchanged
    const due = Object.fromEntries(plan.stateLaw.obligations.map((o) => [o.id, o.deadline?.date]));
    expect(due['state:NY:ag_after_hhs']).toBe('2026-12-03');
    expect(due['state:IL:ag_after_hhs']).toBe('2026-12-03');
  });

  it('bad events: exit 2 naming the field', () => {
    const r = runPlanCommand({ source: '-', stdin: input({ events: { hhsNotifiedAt: 'yesterday', mailedAt: 'x' } }), now: NOW });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/events\.hhsNotifiedAt: must be an ISO 8601 date-time|events\.hhsNotifiedAt: /);
    expect(r.stderr).toMatch(/events: is not a recorded event \(expected hhsNotifiedAt, individualsNotifiedAt\): mailedAt/);
  });
});
