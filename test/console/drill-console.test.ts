/**
 * The web console of a drill in a real browser (issue 19 item 1): the drill engine's API and console
 * (drill/drill-api.ts) on the time-skipping server. Every screen carries the DRILL banner (role banner,
 * scenario, simulated day); the facilitator (admin) moves the clock from the console and reads the
 * score; the team (privacy officer) sees the banner and no facilitator controls, and the API refuses
 * it the clock (403). Every facilitator call is in the drill's audit log. Only 127.0.0.1 is contacted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { locateChromium } from '../../scripts/browser/chromium.js';
import { startDrillEngine, type DrillEngine } from '../../drill/drill-engine.js';
import { DrillSession, playScript } from '../../drill/run-drill.js';
import { loadScenario, loadTeamScript } from '../../drill/scenario.js';
import { serveDrillApi, type DrillApiServer } from '../../drill/drill-api.js';
import { closeSharedDatabases } from '../../roster/database.js';
import { auditAccessibility, describeFindings } from './accessibility-audit.js';

const scenarioFile = (f: string) => new URL(`../../scenarios/${f}`, import.meta.url).pathname;

let engine: DrillEngine;
let session: DrillSession;
let api: DrillApiServer;
let browser: Browser;

beforeAll(async () => {
  const chrome = await locateChromium();
  const [e, b] = await Promise.all([
    startDrillEngine({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-console-')) }),
    chromium.launch({ executablePath: chrome.executablePath, args: chrome.args, env: { ...process.env, ...chrome.env } }),
  ]);
  engine = e;
  browser = b;
  session = await DrillSession.open(engine, loadScenario(scenarioFile('laptop.yaml')));
  api = await serveDrillApi(engine, session, { team: 'console team' });
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await engine?.stop();
  await closeSharedDatabases();
});

async function signIn(token: string, server: DrillApiServer = api): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await ctx.newPage();
  await page.goto(server.consoleUrl);
  // Marked before anyone signs in: the sign-in screen and the page title.
  await page.locator('#drill-static-mark').waitFor();
  expect(await page.title()).toMatch(/^DRILL — /);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#me').waitFor();
  return page;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

describe('the console in a drill', () => {
  it('shows the DRILL banner on every screen; the facilitator advances the clock and reads the score from the console', async () => {
    const page = await signIn(api.tokens.facilitator);
    const banner = page.getByRole('region', { name: 'Drill', exact: true });
    await expect.poll(() => banner.textContent()).toMatch(/DRILL — not a real incident\. Scenario: Stolen unencrypted laptop \(laptop\)/);
    expect(await page.locator('#drill-day').textContent()).toBe('0');
    // No way to close it.
    expect(await banner.getByRole('button').count()).toBe(0);

    await page.getByRole('button', { name: 'Advance 5 days' }).click();
    await expect.poll(() => page.locator('#drill-day').textContent(), { timeout: 60_000 }).toBe('5');
    expect(await page.locator('#drill-status').textContent()).toMatch(/Advanced 5 days: now simulated day 5/);
    expect(Math.round(session.dayOf(await engine.now()))).toBe(5);

    await page.getByLabel('Simulated day').fill('13');
    await page.getByRole('button', { name: 'Advance to day' }).click();
    // Timers due meanwhile fire and their activities run: on a loaded machine this takes a while.
    await expect.poll(() => page.locator('#drill-day').textContent(), { timeout: 60_000 }).toBe('13');
    // The day-12 recount has arrived and is not recorded yet.
    expect(await page.locator('#drill-injects').textContent()).toMatch(/Day 12 — correction \(backup-recount\) arrived/);

    await page.getByRole('button', { name: 'Show the score' }).click();
    await page.locator('#drill-score').waitFor();
    expect(await page.locator('#drill-overall').textContent()).toMatch(/Overall \d+\/100 \(simulated day 13\)/);
    expect(await page.locator('#drill-missed').textContent()).toMatch(/decision|Decision/);

    // The incident's own page carries the banner too.
    await page.goto(`${api.consoleUrl}#/incident/${encodeURIComponent(session.ref)}`);
    await page.getByRole('heading', { name: `Incident ${session.ref}` }).waitFor();
    expect(await page.getByRole('region', { name: 'Drill', exact: true }).count()).toBe(1);
    expect(await page.locator('#drill-day').textContent()).toBe('13');
  });

  it('the team sees the banner but no facilitator controls; the API refuses it the clock; the facilitator is audited', async () => {
    const page = await signIn(api.tokens.team);
    await page.getByRole('region', { name: 'Drill', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Open incidents' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Drill facilitator' }).count()).toBe(0);
    const view = (await (await fetch(`${api.url}/drill`, { headers: auth(api.tokens.team) })).json()) as { facilitator: boolean };
    expect(view.facilitator).toBe(false);

    const refused = await fetch(`${api.url}/drill/advance`, { method: 'POST', headers: auth(api.tokens.team), body: '{"by":"5d"}' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('role privacy_officer may not facilitate the drill (allowed: admin)');
    const bad = await fetch(`${api.url}/drill/advance`, { method: 'POST', headers: auth(api.tokens.facilitator), body: '{"by":"soon"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^invalid body: /);
    expect((await fetch(`${api.url}/drill`)).status).toBe(401);

    const audit = fs.readFileSync(api.auditFile, 'utf8');
    expect(audit).toMatch(/"actor":"drill-facilitator","action":"POST \/drill\/advance"/);
    expect(audit).toMatch(/"actor":"drill-team","action":"POST \/drill\/advance".*"outcome":403/);
  });
});

/** "in 10 d 7 h", "in 7 h 12 min", "overdue by 2 d 3 h" (console/ui/assessment-form.ts countdown) → ms from now. */
function countdownMs(text: string): number {
  const m = /^(in|overdue by) (?:(\d+) d (\d+) h|(\d+) h (\d+) min)$/.exec(text.trim());
  if (!m) throw new Error(`not a countdown: "${text}"`);
  const ms = m[2] !== undefined ? Number(m[2]) * 86_400_000 + Number(m[3]) * 3_600_000 : Number(m[4]) * 3_600_000 + Number(m[5]) * 60_000;
  return m[1] === 'in' ? ms : -ms;
}

/**
 * axe-core's WCAG 2.1 A/AA rules and its best-practice rules (one banner landmark, all content in
 * landmarks), per screen of the drill: serious or critical findings fail the test, and so do the
 * best-practice ones these screens once had (a second banner landmark, the static DRILL mark outside any landmark).
 */
const seriousFindings: string[] = [];
const otherFindings: string[] = [];
async function auditDrillScreen(page: Page, where: string): Promise<void> {
  const all = await auditAccessibility(page, { bestPractice: true });
  const serious = all.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  if (serious.length) seriousFindings.push(describeFindings(where, serious));
  const other = all.filter((f) => !serious.includes(f));
  if (other.length) otherFindings.push(describeFindings(where, other));
}

describe("the drill's clock, injects and accessibility in the console", () => {
  let session2: DrillSession;
  let api2: DrillApiServer;
  beforeAll(async () => {
    // A second drill incident on the same drill engine, with its own API (the first tests moved the clock: its day 0 is now).
    session2 = await DrillSession.open(engine, loadScenario(scenarioFile('laptop.yaml')));
    api2 = await serveDrillApi(engine, session2, { team: 'clock team' });
  });
  afterAll(() => api2?.close());

  it("countdowns run on the drill's clock: after advancing 10 days the decision countdown is 10 days shorter", async () => {
    seriousFindings.length = 0;
    otherFindings.length = 0;
    const page = await signIn(api2.tokens.facilitator, api2);
    // GET /drill reports the simulated now.
    const view = (await (await fetch(`${api2.url}/drill`, { headers: auth(api2.tokens.team) })).json()) as { now: string; day: number };
    expect(Math.abs(Date.parse(view.now) - (await engine.now()))).toBeLessThan(60_000);
    await page.getByRole('heading', { name: 'Drill facilitator' }).waitFor();
    await auditDrillScreen(page, 'board in drill mode, facilitator controls (day 0)');

    await page.goto(`${api2.consoleUrl}#/incident/${encodeURIComponent(session2.ref)}`);
    await page.getByRole('heading', { name: `Incident ${session2.ref}` }).waitFor();
    const countdown = page.locator('#decision-countdown');
    const before = countdownMs((await countdown.textContent()) ?? '');
    expect(await page.locator('#decision-due').textContent()).toMatch(/on the drill clock/);
    await auditDrillScreen(page, 'incident page in drill mode (day 0)');

    await page.getByLabel('Simulated day').fill('10');
    await page.getByRole('button', { name: 'Advance to day' }).click();
    await expect.poll(() => page.locator('#drill-day').textContent(), { timeout: 60_000 }).toBe('10');
    // The countdown moved by the simulated 10 days (give or take the real minutes the test took), not by the browser's minutes.
    const after = countdownMs((await countdown.textContent()) ?? '');
    expect(Math.abs(before - after - 10 * 86_400_000)).toBeLessThan(2 * 3_600_000);
    // Clock changes are announced (polite live regions), not only painted.
    expect(await page.locator('#drill-status').getAttribute('role')).toBe('status');
    expect(await page.locator('#drill-banner [aria-live]').count()).toBeGreaterThanOrEqual(1);
  });

  it('the facilitator records an arrived inject for the team from the console (POST /drill/inject: admin only, audited)', async () => {
    // Before the day-12 recount has arrived: nothing to record.
    const early = await fetch(`${api2.url}/drill/inject`, { method: 'POST', headers: auth(api2.tokens.facilitator), body: '{}' });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: string }).error).toBe('inject: no inject has arrived that is not recorded yet');
    const notYet = await fetch(`${api2.url}/drill/inject`, {
      method: 'POST',
      headers: auth(api2.tokens.facilitator),
      body: '{"inject":"backup-recount"}',
    });
    expect(((await notYet.json()) as { error: string }).error).toBe('inject: "backup-recount" has not arrived yet (day 12)');

    const page = await signIn(api2.tokens.facilitator, api2);
    await page.getByLabel('Simulated day').fill('13');
    await page.getByRole('button', { name: 'Advance to day' }).click();
    await expect.poll(() => page.locator('#drill-day').textContent(), { timeout: 60_000 }).toBe('13');
    expect(await page.locator('#drill-injects').textContent()).toMatch(/Day 12 — correction \(backup-recount\) arrived/);
    await auditDrillScreen(page, 'facilitator controls with an arrived inject (day 13)');

    // The team may not; an unknown inject is named.
    const team = await fetch(`${api2.url}/drill/inject`, { method: 'POST', headers: auth(api2.tokens.team), body: '{}' });
    expect(team.status).toBe(403);
    expect(((await team.json()) as { error: string }).error).toBe('role privacy_officer may not facilitate the drill (allowed: admin)');
    const unknown = await fetch(`${api2.url}/drill/inject`, {
      method: 'POST',
      headers: auth(api2.tokens.facilitator),
      body: '{"inject":"no-such-inject"}',
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe('inject: "no-such-inject" is not an inject of scenario laptop');
    const bad = await fetch(`${api2.url}/drill/inject`, { method: 'POST', headers: auth(api2.tokens.facilitator), body: '{"inject":7}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^invalid body: body\.inject: /);

    await page.getByRole('button', { name: 'Record the next inject (backup-recount)' }).click();
    await expect.poll(() => page.locator('#drill-status').textContent(), { timeout: 60_000 }).toMatch(/Recorded inject backup-recount/);
    expect(await page.locator('#drill-injects').count()).toBe(0);
    // The pressed button is gone: focus is on the outcome, not lost to the page's start.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('drill-status');
    const view = (await (await fetch(`${api2.url}/drill`, { headers: auth(api2.tokens.team) })).json()) as {
      injects: { id: string; recorded: boolean }[];
    };
    expect(view.injects).toEqual([expect.objectContaining({ id: 'backup-recount', recorded: true })]);
    // In the engine: the corrected facts, recorded by the facilitator; and in the drill's audit log.
    const s = await engine.service.status(session2.ref);
    expect(s.factsVersion).toBe(2);
    expect(s.timeline.some((t) => t.by === 'drill-facilitator')).toBe(true);
    const audit = fs.readFileSync(api2.auditFile, 'utf8');
    expect(audit).toMatch(/"actor":"drill-facilitator","action":"POST \/drill\/inject".*"outcome":200/);
    expect(audit).toMatch(/"actor":"drill-team","action":"POST \/drill\/inject".*"outcome":403/);

    // The score view and the team's screens pass the audit too.
    await page.getByRole('button', { name: 'Show the score' }).click();
    await page.locator('#drill-score').waitFor();
    expect((await page.locator('#drill-score').textContent()) ?? '').toMatch(/Notice to affected individuals/);
    await auditDrillScreen(page, 'score view (day 13)');
    const teamPage = await signIn(api2.tokens.team, api2);
    await teamPage.getByRole('heading', { name: 'Open incidents' }).waitFor();
    await auditDrillScreen(teamPage, "the team's board in drill mode");
    expect(seriousFindings.join('\n')).toBe('');
    expect(otherFindings.join('\n')).toBe('');
  });
});

describe("a business associate's notices to covered entities in the console's score (164.410(b) outer limit)", () => {
  let api3: DrillApiServer;
  beforeAll(async () => {
    // Scripted (drill/run-drill.ts): two notices on time, the Hilltop Clinic's on day 61, past the 60-day outer limit.
    const scenario = loadScenario(scenarioFile('ba-ransomware.yaml'));
    const played = await playScript(engine, scenario, loadTeamScript(scenarioFile('teams/ba-ransomware-ce-notices.yaml'), scenario));
    api3 = await serveDrillApi(engine, played.session, { team: 'ce notice team' });
  }, 180_000);
  afterAll(() => api3?.close());

  it("the score view shows each notice's outer limit with its citation, and flags the late one as missed", async () => {
    const page = await signIn(api3.tokens.facilitator, api3);
    await page.getByRole('button', { name: 'Show the score' }).click();
    await page.locator('#drill-score').waitFor();
    const row = (label: RegExp) => page.locator('#drill-score tbody tr').filter({ hasText: label });
    // Discovery moved to day -2 by the subcontractor's late notice: the outer limit is day 58 for every covered entity.
    for (const on of [/Synthetic Riverside Hospital/, /Synthetic Valley/]) {
      const text = (await row(on).textContent()) ?? '';
      expect(text).toMatch(/\(outer limit day 58, \d{4}-\d{2}-\d{2}, 45 CFR 164\.410\(b\): met\)/);
      expect(text).not.toMatch(/outer limit passed/);
    }
    const late = row(/Synthetic Hilltop Clinic/);
    expect(await late.locator('td').nth(2).textContent()).toBe('61');
    expect(await late.locator('td').nth(4).textContent()).toMatch(
      /^\s*58 \(outer limit day 58, \d{4}-\d{2}-\d{2}, 45 CFR 164\.410\(b\)\) outer limit passed: missed\s*$/,
    );
    // Flagged in words (a strong mark), not by colour alone; the outcome and the missed list say it too.
    expect(await late.locator('strong').textContent()).toBe('outer limit passed: missed');
    expect(await late.locator('td').nth(5).textContent()).toBe('missed deadline');
    expect(await page.locator('#drill-missed').textContent()).toMatch(
      /Synthetic Hilltop Clinic.*past the 60-day outer limit of 45 CFR 164\.410\(b\) \(day 58, /,
    );
    const serious = (await auditAccessibility(page, { bestPractice: true })).filter(
      (f) => f.impact === 'serious' || f.impact === 'critical',
    );
    expect(describeFindings('score view with covered-entity notices', serious)).toBe('');
  });
});
