import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, parseAdvance, startDrillEngine, type DrillEngine } from '../../drill/drill-engine.js';
import { checkScriptAgainst, loadScenario, loadTeamScript } from '../../drill/scenario.js';
import { DrillSession, playScript } from '../../drill/run-drill.js';
import { drillRequest, parseAdvanceWords, serveDrillControl } from '../../drill/drill-control.js';
import { spawnSync } from 'node:child_process';
import { pdfPageTexts } from './pdf-text.js';

const breach = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

/**
 * Every shipped scenario, played end to end by a scripted on-time team on ONE drill engine (the
 * time-skipping server: 60+ simulated days in seconds), scores what it should.
 */
let engine: DrillEngine;
beforeAll(async () => {
  engine = await startDrillEngine({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-scen-')) });
});
afterAll(() => engine?.stop());

describe('shipped scenarios, scripted on-time teams', () => {
  for (const id of ['laptop', 'network-server', 'misdirected-mail', 'ba-ransomware', 'law-enforcement-delay']) {
    it(`${id}: every deadline met, every inject recorded, score 100`, async () => {
      const scenario = loadScenario(path.join(SCENARIOS, `${id}.yaml`));
      const script = loadTeamScript(path.join(SCENARIOS, 'teams', `${id}.yaml`), scenario);
      const { score, markdown } = await playScript(engine, scenario, script);
      expect(score.missed, markdown).toEqual([]);
      expect(score.overall, markdown).toBe(100);
      expect(markdown).toMatch(/^# DRILL - After-action report/);
      // State items (issue 16) are scored like the HIPAA ones, with their citation and verification status.
      const state = score.obligations.filter((o) => o.law === 'state');
      for (const o of state) expect(o).toMatchObject({ outcome: 'on_target', points: 100, planned: true });
      expect(state.map((o) => [o.id, o.verification]).sort(), markdown).toEqual(STATE_ITEMS[id] ?? []);
      if (state.some((o) => o.verification === 'unverified')) expect(markdown).toContain('**UNVERIFIED**');
    });
  }
});

/** The State items each shipped scenario's plan dates (the pack's encoded rules), with their verification status. */
const STATE_ITEMS: Record<string, [string, string][]> = {
  laptop: [
    ['state:CA:ag_sample_15', 'unverified'],
    ['state:CA:individual_notice_30', 'unverified'],
  ],
  'network-server': [
    ['state:IL:ag_after_hhs', 'secondary_sources'],
    ['state:IN:ag_notice', 'verified'],
    ['state:IN:individual_notice', 'verified'],
    ['state:WI:individual_notice', 'secondary_sources'],
  ],
  'misdirected-mail': [['state:CO:individual_notice', 'secondary_sources']],
  'law-enforcement-delay': [['state:AZ:individual_notice', 'secondary_sources']],
};

describe("covered-entity notices through the engine in a drill (a business associate's ransomware, three covered entities)", () => {
  it('the team sends them with sendCeNotice; they reach the drill notice outbox only; scored against the 60-day outer limit, the late one flagged', async () => {
    const scenario = loadScenario(path.join(SCENARIOS, 'ba-ransomware.yaml'));
    const script = loadTeamScript(path.join(SCENARIOS, 'teams', 'ba-ransomware-ce-notices.yaml'), scenario);
    const { score, markdown, ref, session } = await playScript(engine, scenario, script);
    const byId = Object.fromEntries(score.obligations.map((o) => [o.id, o]));
    // Discovery moved to day -2 (the subcontractor knew first): the outer limit is day 58 for every covered entity.
    const outer = { day: 58, citation: '45 CFR 164.410(b)' };
    expect(byId['ce_notice:riverside-hospital']).toMatchObject({
      confirmedDay: 3.2,
      outcome: 'on_target',
      points: 100,
      outerLimit: { ...outer, met: true },
    });
    expect(byId['ce_notice:valley-plan']).toMatchObject({ confirmedDay: 4, outcome: 'on_target', outerLimit: { ...outer, met: true } });
    // No BAA term: the 60-day outer limit is the legal deadline, and day 61 is past it.
    expect(byId['ce_notice:hilltop-clinic']).toMatchObject({
      confirmedDay: 61,
      deadlineDay: 58,
      outcome: 'missed_deadline',
      points: 0,
      outerLimit: { ...outer, met: false },
    });
    expect(score.missed).toEqual([
      expect.stringMatching(
        /^Notice to covered entity Synthetic Hilltop Clinic \(45 CFR 164\.410\): confirmed on day 61, legal deadline day 58 .*; past the 60-day outer limit of 45 CFR 164\.410\(b\) \(day 58, /,
      ),
    ]);
    // decision 100, inject 100, Riverside 100, Valley 100, Hilltop 0.
    expect(score.overall).toBe(80);
    expect(markdown).toContain('outer limit day 58 (45 CFR 164.410(b)) **PASSED**');

    // Sent through the engine: each notice in the drill's notice outbox, marked DRILL, the roster only as the encrypted attachment.
    const notices = engine.mails().filter((m) => path.basename(m.file).startsWith(`ce-notice.${ref}.`));
    expect(notices.map((m) => path.basename(m.file).split('.')[2]).sort()).toEqual([
      'ce_notice_hilltop-clinic',
      'ce_notice_riverside-hospital',
      'ce_notice_valley-plan',
    ]);
    for (const m of notices) {
      expect(path.dirname(m.file)).toBe(engine.noticeOutboxDir);
      expect(m.text).toMatch(/^Subject: \[DRILL\]/m);
      expect(m.text).toContain('.csv.pgp');
      expect(m.text).not.toContain('Drillclaimant'); // the synthetic names travel encrypted only
    }
    const s = await engine.service.status(ref);
    const sent = s.timeline.filter((t) => t.action === 'ce_notice_sent');
    expect(sent).toHaveLength(3);
    // Dated on the drill's clock, on the simulated day each was sent (the sending activity's wall clock is the real
    // date, days before these: it stays in the notice record and is named in the detail as the real send time).
    expect(sent.map((t) => Math.round(session.dayOf(Date.parse(t.at)) * 10) / 10)).toEqual([3.2, 4, 61]);
    for (const t of sent) {
      const record = s.ceNotices!.find((n) => t.detail!.includes(`message ${n.messageId};`))!;
      expect(t.detail).toContain(`sent ${record.sentAt} by the sending activity's clock, the real send time`);
    }
    // In the after-action timeline they stand after the roster import (day 3.1), not before the drill began.
    const days = score.timeline.filter((t) => t.action === 'ce_notice_sent').map((t) => t.day);
    expect(days).toHaveLength(6); // the engine's three and the drill log's three
    expect(Math.min(...days)).toBeGreaterThanOrEqual(3.1);
  });

  it('send_ce_notice is refused in a scenario that is not a business associate, or without notice text', () => {
    const laptop = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const script = { team: 't', actions: [{ day: 1, do: 'send_ce_notice' as const, obligation: 'ce_notice:x', to: 'a@b.example' }] };
    expect(() => checkScriptAgainst(script, laptop)).toThrow(
      /actions\.0\.do: scenario laptop ships no roster \(roster:\) and so no notice text for send_ce_notice; actions\.0\.do: send_ce_notice is a business associate's notice \(164\.410\); scenario laptop is not one/,
    );
  });
});

describe('State items in the score (issue 16 obligations)', () => {
  it("laptop, on time: California's two items, scored against their own dates, each with its citation and marked unverified", async () => {
    const scenario = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const { score, markdown } = await playScript(engine, scenario, loadTeamScript(path.join(SCENARIOS, 'teams', 'laptop.yaml'), scenario));
    const byId = Object.fromEntries(score.obligations.map((o) => [o.id, o]));
    // The individual notice on day 25 meets California's 30 days (S.B. 446); the AG's sample copy is due 15 days after it.
    expect(byId['state:CA:individual_notice_30']).toMatchObject({
      law: 'state',
      jurisdiction: 'CA',
      verification: 'unverified',
      deadlineDay: 30,
      confirmedDay: 25,
      outcome: 'on_target',
      points: 100,
    });
    expect(byId['state:CA:ag_sample_15']).toMatchObject({
      law: 'state',
      verification: 'unverified',
      deadlineDay: 40,
      confirmedDay: 27,
      outcome: 'on_target',
    });
    expect(byId['state:CA:individual_notice_30']!.citation).toMatch(/^Cal\. Civ\. Code § 1798\.82\(a\)/);
    expect(byId['state:CA:ag_sample_15']!.citation).toMatch(/^Cal\. Civ\. Code § 1798\.82\(f\)/);
    expect(byId.hhs_notice).toMatchObject({ law: 'federal' });
    expect(byId.hhs_notice!.verification).toBeUndefined();
    expect(markdown).toMatch(/\| CA \(\*\*UNVERIFIED\*\*\) \| day 30 \(/);
  });
});

describe('scoring a team that misses', () => {
  it('laptop, late team: the letters after day 60 are a missed deadline; the unrecorded recount leaves media and HHS notices never planned', async () => {
    const scenario = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const { score, markdown } = await playScript(
      engine,
      scenario,
      loadTeamScript(path.join(SCENARIOS, 'teams', 'laptop-late.yaml'), scenario),
    );
    const byId = Object.fromEntries(score.obligations.map((o) => [o.id, o]));
    expect(byId.individual_notice).toMatchObject({ outcome: 'missed_deadline', planned: true, required: true, points: 0 });
    expect(typeof byId.individual_notice!.confirmedDay).toBe('number');
    expect(byId.individual_notice!.confirmedDay!).toBeGreaterThan(byId.individual_notice!.deadlineDay);
    // Reminders went out and, unacknowledged, escalated; the overdue notices followed the deadline.
    expect(byId.individual_notice!.reminders).toBeGreaterThan(0);
    expect(byId.individual_notice!.escalations).toBeGreaterThan(0);
    expect(byId.individual_notice!.overdueNotices).toBeGreaterThan(0);
    expect(byId['media_notice:CA']).toMatchObject({ outcome: 'never_planned', planned: false, required: true, points: 0 });
    expect(byId.hhs_notice).toMatchObject({ outcome: 'never_planned', points: 0 });
    expect(score.decision).toMatchObject({ day: 3, reportable: true, withinServiceLevel: true, points: 100 });
    expect(score.injects).toEqual([{ id: 'backup-recount', kind: 'correction', day: 12, points: 0 }]);
    // California's own 30-day individual notice (a State item, unverified in the pack) is missed with it.
    expect(byId['state:CA:individual_notice_30']).toMatchObject({
      law: 'state',
      verification: 'unverified',
      outcome: 'missed_deadline',
      deadlineDay: 30,
      points: 0,
    });
    expect(score.missed.join('\n')).toMatch(/California.*\[CA law, UNVERIFIED\]: confirmed on day 6\d.*legal deadline day 30/);
    // decision 100, individual 0, CA individual 0, media 0, HHS 0, inject 0 (the annual log is still open at day 65: not scored).
    expect(score.overall).toBe(17);
    expect(score.missed.join('\n')).toMatch(/Notice to affected individuals.*confirmed on day 6\d.*legal deadline day 60/);
    expect(score.missed.join('\n')).toMatch(/Media notice \(California\).*never planned/);
    expect(markdown).toContain('**MISSED the legal deadline**');
    expect(score.timeline.some((t) => t.action === 'obligation_escalation')).toBe(true);
  });
});

describe("the facilitator's clock", () => {
  it('advances by a duration, to a day, and to the next deadline; reminders fire as time passes', async () => {
    const scenario = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const session = await DrillSession.open(engine, scenario);
    await session.advanceBy(parseAdvance('5d'));
    expect(Math.floor(session.dayOf(await engine.now()))).toBe(5);
    // Undecided: the next deadline is the decision's service level (10 days after discovery, end of that day).
    const next = await session.advanceToNextDeadline();
    expect(next?.what).toBe('decision due');
    const state = await engine.service.status(session.ref);
    expect(Date.parse(next!.at)).toBe(Date.parse(state.decisionDue!.dates.deadline.instant));
    expect(session.dayOf(await engine.now())).toBeGreaterThan(10);
    expect(state.timeline.some((t) => t.action === 'decision_reminder')).toBe(true);
    await session.act({ day: 11, do: 'decide', reportable: true });
    await session.advanceToDay(45);
    expect(Math.floor(session.dayOf(await engine.now()))).toBe(45);
    const score = await session.score('clock test');
    expect(score.decision.withinServiceLevel).toBe(false);
    expect(score.decision.points).toBe(50);
    expect(score.injects[0]!.points).toBe(0);
    expect(() => parseAdvance('soon')).toThrow(/advance: "soon" is not a duration like 5d/);
    expect(parseAdvance('12h')).toBe(DAY_MS / 2);
  });
});

describe('an interactive drill across CLI calls (the control endpoint `breach drill advance|act|status|end` use)', () => {
  it('advances, takes team actions, refuses an inject not yet arrived, and ends with the report', async () => {
    const scenario = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const session = await DrillSession.open(engine, scenario);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-ctl-'));
    const ctl = await serveDrillControl(session, scenario, { outDir, team: 'control test' });
    const s = { url: ctl.url, token: ctl.token, ref: session.ref, scenario: scenario.id, pid: process.pid };
    try {
      expect((await drillRequest({ ...s, token: 'x'.repeat(32) }, 'GET', '/status')).status).toBe(401);
      const adv = await drillRequest(s, 'POST', '/advance', parseAdvanceWords(['5d']));
      expect((adv.body as { status: { day: number } }).status.day).toBeGreaterThanOrEqual(5);
      expect((await drillRequest(s, 'POST', '/act', { do: 'decide', reportable: true })).status).toBe(200);
      const early = await drillRequest(s, 'POST', '/act', { do: 'record_inject', inject: 'backup-recount' });
      expect(early).toMatchObject({ status: 400, body: { error: 'inject: "backup-recount" has not arrived yet (day 12)' } });
      await drillRequest(s, 'POST', '/advance', parseAdvanceWords(['day', '12.5']));
      expect((await drillRequest(s, 'POST', '/act', { do: 'record_inject', inject: 'backup-recount' })).status).toBe(200);
      await drillRequest(s, 'POST', '/advance', parseAdvanceWords(['1h'])); // the engine re-plans on the corrected facts
      // A refused action answers 409 with the engine's reason (not a planned obligation).
      const refused = await drillRequest(s, 'POST', '/act', { do: 'confirm', obligation: 'media_notice:NV', method: 'press_release' });
      expect(refused.status).toBe(409);
      const status = (await drillRequest(s, 'GET', '/status')).body as { obligations: { id: string }[]; injects: { recorded: boolean }[] };
      expect(status.obligations.map((o) => o.id)).toContain('media_notice:CA');
      expect(status.injects[0]!.recorded).toBe(true);
      const end = await drillRequest(s, 'POST', '/end');
      const files = await ctl.ended;
      expect(end.body).toMatchObject({ markdownFile: files.markdownFile, overall: 100 });
      expect(fs.readFileSync(files.markdownFile, 'utf8')).toMatch(/^# DRILL - After-action report/);
      expect(fs.readFileSync(files.htmlFile, 'utf8')).toMatch(/<div class="drill" role="banner">DRILL - tabletop exercise/);
      expect(JSON.parse(fs.readFileSync(files.scoreFile, 'utf8'))).toMatchObject({ drill: true, team: 'control test' });
      // The PDF after-action report: the DRILL mark on every page.
      const pdf = pdfPageTexts(fs.readFileSync(files.pdfFile));
      expect(pdf.pages).toBeGreaterThanOrEqual(1);
      expect(pdf.texts).toHaveLength(pdf.pages);
      for (const t of pdf.texts) expect(t).toMatch(/^DRILL — tabletop exercise on simulated time — not a real incident\n/);
      expect(pdf.texts.join('')).toContain('After-action report: Stolen unencrypted laptop');

      // `breach drill report --format pdf` renders it again from the JSON score (and refuses a score that is not one).
      const out = path.join(outDir, 'again.pdf');
      const r = breach([
        'drill',
        'report',
        '--format',
        'pdf',
        '--score',
        files.scoreFile,
        '--scenario',
        'scenarios/laptop.yaml',
        '--out',
        out,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const again = pdfPageTexts(fs.readFileSync(out));
      expect(again.pages).toBe(pdf.pages);
      for (const t of again.texts) expect(t).toMatch(/^DRILL — tabletop exercise/);
      const bad = path.join(outDir, 'bad-score.json');
      fs.writeFileSync(bad, JSON.stringify({ ...JSON.parse(fs.readFileSync(files.scoreFile, 'utf8')), overall: 'high' }));
      const refusedReport = breach(['drill', 'report', '--score', bad, '--scenario', 'scenarios/laptop.yaml']);
      expect(refusedReport.code).toBe(2);
      expect(refusedReport.stderr).toBe(`breach drill: ${bad}: overall: must be a number\n`);
    } finally {
      await ctl.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
    expect(parseAdvanceWords(['next'])).toEqual({ next: true });
    expect(parseAdvanceWords(['to', 'day', '45'])).toEqual({ toDay: 45 });
    expect(() => parseAdvanceWords(['later'])).toThrow(/not a duration like 5d/);
  });
});
