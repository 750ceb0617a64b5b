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
import { DrillSession } from '../../drill/run-drill.js';
import { loadScenario } from '../../drill/scenario.js';
import { serveDrillApi, type DrillApiServer } from '../../drill/drill-api.js';
import { closeSharedDatabases } from '../../roster/database.js';

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

async function signIn(token: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await ctx.newPage();
  await page.goto(api.consoleUrl);
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
    const banner = page.getByRole('banner', { name: 'Drill' });
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
    expect(await page.getByRole('banner', { name: 'Drill' }).count()).toBe(1);
    expect(await page.locator('#drill-day').textContent()).toBe('13');
  });

  it('the team sees the banner but no facilitator controls; the API refuses it the clock; the facilitator is audited', async () => {
    const page = await signIn(api.tokens.team);
    await page.getByRole('banner', { name: 'Drill' }).waitFor();
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
