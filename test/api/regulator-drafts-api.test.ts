import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { USER_ROLES, type UserRole } from '../../contract/vocabulary.js';
import type { RegulatorDraft } from '../../notices/regulator-drafts.js';
import type { StateLawView } from '../../service/regulator-drafts.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

/**
 * GET /incidents/{ref}/state-law and POST /incidents/{ref}/regulator-drafts/{regulator} (issue 16) on a real
 * API over a real Temporal dev server: the draft has the report's roles (legal, privacy officer, admin), the
 * state-law view everyone's; bad input is named by path; nothing of the incident changes.
 */
const TOKEN: Record<UserRole, string> = {
  responder: 'tok-stview-responder-0123456789',
  privacy_officer: 'tok-stview-privacy-0123456789',
  legal: 'tok-stview-legal-0123456789',
  admin: 'tok-stview-admin-0123456789',
};
let engine: EngineUnderTest;
let api: FastifyInstance;
let apiUrl: string;
const ref = `STVIEW-${Date.now()}`;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'stview' });
  api = buildHttpApi({
    service: engine.service,
    client: engine.env.client,
    tokens: new TokenStore(USER_ROLES.map((role) => ({ userId: `${role.replace('_', '-')}-user`, role, token: TOKEN[role] }))),
    accessLog: () => undefined,
    console: false,
  });
  apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });
  const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), {
    affected: { byJurisdiction: { TX: 300, GA: 7 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await engine.service.open({ ref, openedBy: 'responder-user', role: 'covered_entity', facts });
  await engine.service.decide(ref, { by: 'privacy-officer-user', reportable: true });
  // The State items are planned by an activity after the decision: wait until the incident records them.
  for (let i = 0; i < 100 && !(await engine.service.status(ref)).stateLaw?.items.length; i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => {
  await api?.close();
  await engine?.stop();
});

const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
  api.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
const content = { ...SYNTHETIC_INCIDENT, incidentRef: undefined };

describe('state law and regulator drafts over the API', () => {
  it('the state-law view: every role reads it (like status); no token, no answer', async () => {
    expect((await call('GET', `/incidents/${ref}/state-law`)).statusCode).toBe(401);
    for (const role of USER_ROLES) {
      const r = await call('GET', `/incidents/${ref}/state-law`, TOKEN[role]);
      expect(r.statusCode, `${role}: ${r.body}`).toBe(200);
      const v = r.json<StateLawView>();
      // The incident's recorded plan (planned on this build's pack: no "current law would differ" part).
      expect(v.basis).toBe('recorded');
      expect(v.currentLaw).toBeUndefined();
      expect(v.recorded?.items.find((o) => o.id === 'state:TX:ag_notice')).toMatchObject({
        citation: 'Tex. Bus. & Com. Code § 521.053(i)',
        verification: 'verified',
        state: 'tracked',
      });
      expect(v.recorded?.toReview.map((t) => t.item)).toEqual(['state law to review: Georgia']);
      expect(v.drafts.map((d) => d.regulator)).toEqual(['TX-AG']);
    }
  });

  it('a draft: only the roles of the report; refused before anything is read (403, same for an unknown incident)', async () => {
    expect((await call('POST', `/incidents/${ref}/regulator-drafts/TX-AG`, undefined, {})).statusCode).toBe(401);
    for (const r of [ref, 'STVIEW-NOPE-0']) {
      const refused = await call('POST', `/incidents/${r}/regulator-drafts/TX-AG`, TOKEN.responder, { content });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: string }>().error).toBe(
        'role responder may not regulatorDraft (allowed: legal, privacy_officer, admin)',
      );
    }
    for (const role of ['legal', 'privacy_officer', 'admin'] as const) {
      const r = await call('POST', `/incidents/${ref}/regulator-drafts/TX-AG`, TOKEN[role], {
        content,
        answers: { law_enforcement: 'No agency is investigating (synthetic).' },
      });
      expect(r.statusCode, `${role}: ${r.body}`).toBe(200);
      const d = r.json<RegulatorDraft>();
      expect(d).toMatchObject({ regulator: 'TX-AG', complete: true, verificationMark: 'verified', incidentRef: ref });
      expect(d.sections).toHaveLength(6);
      expect(d.sections[1]!.value).toBe('300 Texas resident(s)');
    }
    expect((await call('POST', `/incidents/STVIEW-NOPE-0/regulator-drafts/TX-AG`, TOKEN.legal, {})).statusCode).toBe(404);
  });

  it('a missing item is named with its citation; bad input by path; a regulator with no obligation is refused (409)', async () => {
    const d = (await call('POST', `/incidents/${ref}/regulator-drafts/TX-AG`, TOKEN.legal, {})).json<RegulatorDraft>();
    expect(d.complete).toBe(false);
    expect(d.missing.map((m) => m.citation)).toContain('Tex. Bus. & Com. Code § 521.053(i)(6)');
    const badId = await call('POST', `/incidents/${ref}/regulator-drafts/TEXAS`, TOKEN.legal, {});
    expect(badId.statusCode).toBe(400);
    expect(badId.json<{ issues: { path: string }[] }>().issues[0]!.path).toBe('path.regulator');
    const badBody = await call('POST', `/incidents/${ref}/regulator-drafts/TX-AG`, TOKEN.legal, { answers: { law_enforcement: '' } });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json<{ issues: { path: string; message: string }[] }>().issues).toEqual([
      { path: 'body.answers.law_enforcement', message: 'must not be empty' },
    ]);
    const fl = await call('POST', `/incidents/${ref}/regulator-drafts/FL-AG`, TOKEN.legal, {});
    expect(fl.statusCode).toBe(409);
    expect(fl.json<{ error: string }>().error).toMatch(/^regulator: no FL-AG notice is planned for this incident/);
    // A draft changes nothing.
    const state = await engine.service.status(ref);
    expect(state.timeline.some((t) => /draft/i.test(t.action))).toBe(false);
  });
});

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI from its sources against the API, as the holder of `token`. */
function breach(args: string[], token: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, BREACH_API_URL: apiUrl, BREACH_API_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('breach draft --regulator and breach status (CLI through the API)', () => {
  it('drafts the TX AG form with the answers file; refuses a responder (exit 4) and a draft without --kind or --regulator (exit 2)', async () => {
    const files = fs.mkdtempSync(path.join(engine.dataDir, 'stview-'));
    fs.writeFileSync(path.join(files, 'notice.json'), JSON.stringify(content));
    fs.writeFileSync(path.join(files, 'answers.yaml'), 'law_enforcement: "No agency is investigating (synthetic)."\n');
    const ok = await breach(
      ['draft', ref, '--regulator', 'tx-ag', '--content', path.join(files, 'notice.json'), '--answers', path.join(files, 'answers.yaml')],
      TOKEN.legal,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      new RegExp(
        `^TX-AG draft for ${ref} \\[verified\\]: every item of the content list of Tex\\. Bus\\. & Com\\. Code § 521\\.053\\(i\\) is filled`,
      ),
    );
    expect(ok.stdout).toContain(
      '2. the number of Texas residents affected at the time of notification (Tex. Bus. & Com. Code § 521.053(i)(2)) [FILLED]',
    );
    const missing = await breach(['draft', ref, '--regulator', 'TX-AG'], TOKEN.legal);
    expect(missing.code, missing.stderr).toBe(0);
    // No description recorded in the facts and no notice text: (i)(1), (4), (5) and (6) are named.
    expect(missing.stdout).toMatch(
      /NOT READY — 4 item\(s\) missing\n {2}missing: description \(Tex\. Bus\. & Com\. Code § 521\.053\(i\)\(1\)\)/,
    );
    expect(missing.stdout).toContain('missing: law_enforcement (Tex. Bus. & Com. Code § 521.053(i)(6))');
    const responder = await breach(['draft', ref, '--regulator', 'TX-AG'], TOKEN.responder);
    expect(responder.code).toBe(4);
    expect(responder.stderr).toMatch(/role responder may not regulatorDraft/);
    const neither = await breach(['draft', ref], TOKEN.legal);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--kind: required \(or --regulator/);
  }, 60_000);

  it('breach status shows the state obligations with citation, verification and pack version, and Georgia for review', async () => {
    const r = await breach(['status', ref], TOKEN.responder);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/State law \(pack \S+; not legal advice/);
    expect(r.stdout).toMatch(/state:TX:ag_notice +\d{4}-\d{2}-\d{2} +verified +Tex\. Bus\. & Com\. Code § 521\.053\(i\)/);
    expect(r.stdout).toContain('! state law to review: Georgia (7 resident(s))');
  }, 60_000);
});
