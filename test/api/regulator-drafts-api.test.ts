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
  await api.ready();
  const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), {
    affected: { byJurisdiction: { TX: 300, GA: 7 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await engine.service.open({ ref, openedBy: 'responder-user', role: 'covered_entity', facts });
  await engine.service.decide(ref, { by: 'privacy-officer-user', reportable: true });
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
      expect(v.plan?.obligations.find((o) => o.id === 'state:TX:ag_notice')).toMatchObject({
        citation: 'Tex. Bus. & Com. Code § 521.053(i)',
        verification: 'verified',
      });
      expect(v.plan?.toReview.map((t) => t.item)).toEqual(['state law to review: Georgia']);
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
