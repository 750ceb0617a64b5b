import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { IncidentService } from '../../service/incident-service.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { verifyEvidenceBundle, type EvidenceBundle } from '../../evidence/evidence-bundle.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

const T = { responder: 'tok-responder-0123456789', po: 'tok-privacy-officer-0123456789', legal: 'tok-legal-counsel-0123456789' };
let env: TestWorkflowEnvironment;
let engine: EngineUnderTest;
let api: FastifyInstance;
const access: Record<string, unknown>[] = [];

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'api' });
  env = engine.env;
  api = buildHttpApi({
    service: engine.service,
    client: env.client,
    tokens: new TokenStore([
      { userId: 'rita-responder', role: 'responder', token: T.responder },
      { userId: 'pat-privacy', role: 'privacy_officer', token: T.po },
      { userId: 'lee-legal', role: 'legal', token: T.legal },
    ]),
    accessLog: (l) => access.push(l),
  });
  await api.ready();
});
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

describe('HTTP API', () => {
  it('a SIEM retrying its webhook opens one incident; then the whole life through the API, with roles enforced', async () => {
    const ref = `SIEM-${Date.now()}`;
    const facts = coveredEntityBreach(new Date((await env.currentTimeMs()) - 3_600_000).toISOString(), {
      phi: { involved: 'yes', identifiers: ['names'], description: 'ZQX-synthetic-description' },
      affected: { byJurisdiction: { OR: 30 } },
    });
    const first = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', facts });
    const again = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', facts });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toMatchObject({ ref, created: false });

    // Roles: no token → 401; legal may read but not act; a responder may not decide.
    expect((await call('GET', `/incidents/${ref}`)).statusCode).toBe(401);
    expect((await call('POST', '/incidents', T.legal, { ref: 'LEGAL-1', role: 'covered_entity' })).statusCode).toBe(403);
    const denied = await call('POST', `/incidents/${ref}/decision`, T.responder, { reportable: true });
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ error: string }>().error).toMatch(/role responder may not decide/);
    expect((await call('GET', `/incidents/${ref}`, T.legal)).statusCode).toBe(200);

    // Bad bodies: 400 with every problem by path; unknown incidents 404; refused actions 409.
    const bad = await call('POST', `/incidents/${ref}/decision`, T.po, { reportable: 'yes', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(expect.arrayContaining(['body.reportable']));
    expect((await call('GET', '/incidents/NOPE-000', T.legal)).statusCode).toBe(404);
    const refused = await call('POST', `/incidents/${ref}/obligations/hhs_notice/confirm`, T.responder, {
      evidence: { method: 'hhs_portal' },
    });
    expect(refused.statusCode).toBe(409);

    expect((await call('POST', `/incidents/${ref}/decision`, T.po, { reportable: true })).statusCode).toBe(200);
    await env.sleep(2_000);
    const state = (await call('GET', `/incidents/${ref}`, T.legal)).json<{ obligations: { obligation: { id: string } }[] }>();
    // Issue 16: Oregon's own individual-notice clock (45 days) is earlier than HIPAA's, so it is tracked too.
    expect(state.obligations.map((o) => o.obligation.id).sort()).toEqual([
      'hhs_annual_log',
      'individual_notice',
      'state:OR:individual_notice',
    ]);
    // A correction after the decision needs a reason; it is recorded as a new facts version.
    const corrected = { ...facts, affected: { byJurisdiction: { OR: 35 } } };
    expect((await call('POST', `/incidents/${ref}/facts`, T.po, { facts: corrected })).statusCode).toBe(409);
    expect(
      (await call('POST', `/incidents/${ref}/facts`, T.po, { facts: corrected, reason: 'five more patients found in the archive' }))
        .statusCode,
    ).toBe(200);
    for (const o of state.obligations) {
      const r = await call('POST', `/incidents/${ref}/obligations/${encodeURIComponent(o.obligation.id)}/confirm`, T.responder, {
        evidence: { method: o.obligation.id === 'individual_notice' ? 'first_class_mail' : 'hhs_portal', reference: 'API-TEST' },
      });
      // (The State individual notice is met by the HIPAA individual notice: the engine may have confirmed it already.)
      if (o.obligation.id.startsWith('state:') && r.statusCode === 409) expect(r.body).toMatch(/already confirmed/);
      else expect(r.statusCode, r.body).toBe(200);
    }
    await new IncidentService({ client: env.client, taskQueue: 'unused' }).result(ref);

    // Counsel: the report and a verifiable evidence bundle.
    const md = await call('GET', `/incidents/${ref}/report?format=md`, T.legal);
    expect(md.statusCode).toBe(200);
    expect(md.body).toMatch(/Reportable breach\*\*, decided by pat-privacy/);
    expect(md.body).toMatch(/individual_notice.*first_class_mail|confirmed/s);
    // Every facts version, and what the correction changed, field by field.
    expect(md.body).toMatch(/\*\*Version 2\*\* — .* by pat-privacy; reason: five more patients found in the archive/);
    expect(md.body).toContain('| `affected.byJurisdiction.OR` | 30 | 35 |');
    // The appendix from the workflow's own Temporal history: updates accepted, children started.
    expect(md.body).toMatch(/## Appendix: the workflow's event history \(Temporal\)/);
    expect(md.body).toMatch(/\| WORKFLOW_EXECUTION_UPDATE_ACCEPTED \| decide \|/);
    expect(md.body).toMatch(
      /\| START_CHILD_WORKFLOW_EXECUTION_INITIATED \| obligationWorkflow \| incident-SIEM-\d+\/obligation\/individual_notice \|/,
    );
    expect(md.body).not.toContain('ZQX');
    const pdf = await call('GET', `/incidents/${ref}/report?format=pdf`, T.legal);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const bundle = (await call('GET', `/incidents/${ref}/report?format=evidence`, T.legal)).json<EvidenceBundle>();
    expect(verifyEvidenceBundle(bundle).ok).toBe(true);
    expect(bundle.entries.filter((e) => e.type === 'facts_version').map((e) => (e.data as { version: number }).version)).toEqual([1, 2]);
    expect((await call('GET', `/incidents/${ref}/report`, T.responder)).statusCode).toBe(403);

    // The access log has a line per request, and no PHI.
    expect(access.length).toBeGreaterThan(10);
    expect(JSON.stringify(access)).not.toContain('ZQX');
    expect(access[0]).toEqual(expect.objectContaining({ method: 'POST', route: '/incidents', status: 201, user: 'rita-responder' }));
  });

  it('serves its OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/incidents', '/incidents/{ref}/decision', '/incidents/{ref}/report']));
  });
});
