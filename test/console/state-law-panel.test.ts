/**
 * The console's "State law" panel (issue 16 item 6) in Chromium against a real Temporal dev server: each
 * state obligation with jurisdiction, recipient, due date or the event it waits on, the rule that set it,
 * citation, pack version and a visible UNVERIFIED / SECONDARY mark; the "state law to review" items; the
 * regulator draft for those whose role may draft (the report's roles). Synthetic incident, loopback only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { currentPack } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { auditAccessibility, describeFindings } from './accessibility-audit.js';
import { locateChromium } from '../../scripts/browser/chromium.js';

const ARTIFACTS = path.resolve('test-artifacts', 'console');
const T = { legal: 'tok-stpanel-legal-counsel-0123', responder: 'tok-stpanel-responder-012345' };
let engine: EngineUnderTest;
let api: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const chrome = await locateChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const [e, b] = await Promise.all([
    startEngineUnderTest({ server: 'dev', name: 'state-law-panel' }),
    chromium.launch({ executablePath: chrome.executablePath, args: chrome.args, env: { ...process.env, ...chrome.env } }),
  ]);
  engine = e;
  browser = b;
  api = buildHttpApi({
    service: engine.service,
    client: engine.env.client,
    tokens: new TokenStore([
      { userId: 'lee-legal', role: 'legal', token: T.legal },
      { userId: 'rae-responder', role: 'responder', token: T.responder },
    ]),
    accessLog: () => undefined,
  });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const addr = api.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await engine?.stop();
});

async function signIn(token: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await ctx.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#me').waitFor();
  return page;
}

describe('State law panel in Chromium', () => {
  it('lists each state obligation with its rule, citation, pack version and verification; counsel items; the TX AG draft for legal only', async () => {
    const ref = `STLAW-${Date.now()}`;
    const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), {
      affected: {
        byJurisdiction: { TX: 300, CA: 600, NY: 300, GA: 7 },
        insufficientContact: 0,
        deceased: 0,
        deceasedWithNextOfKinAddress: 0,
        minors: 0,
      },
    });
    await engine.service.open({ ref, openedBy: 'rae-responder', role: 'covered_entity', facts });
    await engine.service.decide(ref, { by: 'pat-privacy', reportable: true });
    const pack = currentPack().version;

    const page = await signIn(T.legal);
    await page.goto(`${base}/console/#/incident/${ref}`);
    const panel = page.locator('#state-law');
    await panel.locator('#state-obligations').waitFor();
    expect(await panel.locator('#state-law-pack').textContent()).toContain(`State-law pack ${pack}. State law overlay: not legal advice.`);

    const row = (id: string) => panel.locator(`tr[data-obligation="${id}"]`);
    const tx = await row('state:TX:ag_notice').locator('td').allTextContents();
    expect(tx[0]).toBe('TX');
    expect(tx[1]).toMatch(/^Texas Attorney General/);
    expect(tx[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tx[3]).toMatch(/30 calendar day\(s\) after the determination that a breach occurred/);
    expect(tx[4]).toBe('Tex. Bus. & Com. Code § 521.053(i)');
    expect(tx[5]).toBe(pack);
    expect(tx[6]?.trim()).toBe('verified');
    // A clock anchored on the HHS notice waits for it, and says so.
    const nyAg = panel.locator('tr[data-obligation^="state:NY:"]', { hasText: 'Attorney General' }).first();
    expect(await nyAg.locator('td.due').textContent()).toMatch(/^pending: 5 business day\(s\) after the notice to the Secretary of HHS/);
    // Unverified rules are marked where a person looks.
    const unverified = panel.locator('tr[data-verification="unverified"]');
    expect(await unverified.count()).toBeGreaterThan(0);
    for (const cell of await unverified.locator('.unverified-mark').allTextContents()) expect(cell).toBe('UNVERIFIED');
    expect(await row('state:CA:ag_sample_15').locator('.unverified-mark').textContent()).toBe('UNVERIFIED');
    expect(await panel.locator('#state-law-review').textContent()).toMatch(/state law to review: Georgia \(7 resident\(s\)\)/);
    // The recorded plan (the incident's own), with each item's status; this build's pack is the recorded one.
    expect(await panel.locator('#state-law-basis').textContent()).toMatch(/As recorded: the incident's own plan/);
    expect(await row('state:TX:ag_notice').locator('td.status').textContent()).toMatch(/^tracked \((planned|open)\)$/);
    expect(await nyAg.locator('td.status').textContent()).toBe('pending');
    expect(await panel.locator('#state-law-current').count()).toBe(0);
    // Legal may preview a replan with current law, not apply it.
    await panel.getByRole('button', { name: 'Preview replan with current law' }).click();
    await panel.locator('#state-law-replan-diff').waitFor();
    expect(await panel.locator('#state-law-replan-diff').textContent()).toMatch(/Preview: .* nothing would change\./);
    expect(await panel.getByRole('button', { name: /^Apply this replan/ }).count()).toBe(0);

    // The draft: a legal user opens the TX AG form; missing items are named with their citations.
    await panel.getByRole('button', { name: 'Draft TX-AG' }).click();
    await panel.locator('#regulator-draft-status').waitFor();
    expect(await panel.locator('#regulator-draft-status').textContent()).toMatch(
      /Not ready: .*law_enforcement \(Tex\. Bus\. & Com\. Code § 521\.053\(i\)\(6\)\)/,
    );
    expect(await panel.locator('#regulator-draft-text').textContent()).toContain('300 Texas resident(s)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'state-law-panel.png'), fullPage: true });
    const findings = await auditAccessibility(page);
    expect(findings, describeFindings('state law panel', findings)).toEqual([]);

    // A responder sees the panel but no draft (the draft has the report's roles).
    const responder = await signIn(T.responder);
    await responder.goto(`${base}/console/#/incident/${ref}`);
    await responder.locator('#state-obligations').waitFor();
    expect(await responder.locator('#state-law tr[data-obligation="state:TX:ag_notice"]').count()).toBe(1);
    expect(await responder.getByRole('button', { name: /^Draft / }).count()).toBe(0);
    expect(await responder.getByRole('button', { name: 'Preview replan with current law' }).count()).toBe(0);
  });
});
