import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { businessAssociateBreach } from '../fixtures/synthetic-facts.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { IncidentError } from '../../service/incident-service.js';
import { incidentWorkflow } from '../../workflows/incident/incident-workflow.js';
import { recordFactsUpdate } from '../../contract/incident-messages.js';
import { COVERED_ENTITIES_MAX, FACTS_MAX_BYTES, FACTS_VERSIONS_MAX_BYTES, jsonBytes } from '../../contract/payload-limits.js';
import type { IncidentFactsInput } from '../../domain/rules.js';

/**
 * Issue 13 item 3: a business associate's facts with 8,600 covered entities (about 1.9 MB) were accepted,
 * then broke the incident ("Blob data size exceeds limit"; the evidence activity's input over the limit,
 * the workflow terminated by the server with nothing archived). Now: a clear refusal naming the field and
 * the limit at every door, and an incident at the limits runs to its archived close.
 */
const TOKEN = 'tok-responder-large-facts-0123456789';
let engine: EngineUnderTest;
let api: FastifyInstance;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'large-facts' });
  api = buildHttpApi({
    service: engine.service,
    client: engine.env.client,
    tokens: new TokenStore([{ userId: 'rita-responder', role: 'responder', token: TOKEN }]),
    accessLog: () => undefined,
    console: false,
  });
  await api.ready();
});
afterAll(async () => {
  await api?.close();
  await engine?.stop();
});

/** n synthetic covered entities (invented names), each with a BAA term and a few holidays: ~220 bytes each. */
function coveredEntities(n: number): IncidentFactsInput['coveredEntities'] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ce-${String(i).padStart(5, '0')}`,
    name: `Synthetic Covered Entity Number ${String(i).padStart(5, '0')} (synthetic)`,
    baaNoticeTerm: { amount: 10, unit: 'business_days' as const },
    holidays: ['2026-01-01', '2026-05-25', '2026-07-03', '2026-09-07'],
  }));
}
const baFacts = async (n: number) =>
  businessAssociateBreach(new Date((await engine.env.currentTimeMs()) - 3_600_000).toISOString(), { coveredEntities: coveredEntities(n) });
const post = (url: string, payload: unknown) =>
  api.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}` }, payload: payload as Record<string, unknown> });

describe('large facts (issue 13 item 3)', () => {
  it('8,600 covered entities (~1.7 MB): 400 at the API naming the field and the limit; nothing started; an open incident keeps working', async () => {
    const huge = await baFacts(8600);
    expect(jsonBytes(huge)).toBeGreaterThan(1_500_000);
    const ref = `BIG-${Date.now()}`;
    const opened = await post('/incidents', { ref, role: 'business_associate', facts: huge });
    expect(opened.statusCode).toBe(400);
    const error = opened.json<{ error: string }>().error;
    expect(error).toContain(`coveredEntities: 8600 covered entities; the limit is ${COVERED_ENTITIES_MAX} per incident`);
    expect(error).toMatch(new RegExp(`facts: \\d+ bytes as JSON; the limit is ${FACTS_MAX_BYTES} bytes`));
    expect(error).not.toMatch(/\n\s+at /); // no stack trace
    await expect(engine.service.status(ref)).rejects.toMatchObject({ code: 'not_found' });

    // An incident opened with valid facts: the huge correction is refused, the incident is untouched.
    await engine.service.open({ ref, openedBy: 'rita-responder', role: 'business_associate', facts: await baFacts(3) });
    const facts = await post(`/incidents/${ref}/facts`, { facts: huge });
    expect(facts.statusCode).toBe(400);
    expect(facts.json<{ error: string }>().error).toContain('coveredEntities: 8600 covered entities');
    await expect(engine.service.recordFacts(ref, { by: 'rita-responder', facts: huge })).rejects.toBeInstanceOf(IncidentError);

    // Straight to the workflow (no service in between): the workflow's validator refuses it, nothing recorded.
    const raw = await engine.env.client.workflow
      .getHandle<typeof incidentWorkflow>(`incident-${ref}`)
      .executeUpdate(recordFactsUpdate, { args: [{ requestId: randomUUID(), by: 'raw-client', facts: huge }] })
      .then(() => new Error('accepted'))
      .catch((e: unknown) => e as Error);
    expect(raw.cause instanceof Error ? raw.cause.message : raw.message).toContain(`the limit is ${COVERED_ENTITIES_MAX} per incident`);
    const state = await engine.service.status(ref);
    expect(state.factsVersion).toBe(1);
    expect((state.facts as { coveredEntities: unknown[] }).coveredEntities).toHaveLength(3);

    // And it closes normally: not reportable with a justification, evidence archived.
    await engine.service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic test: documented low probability of compromise',
    });
    const final = await engine.service.result(ref);
    expect(final.stage).toBe('closed');
    expect(fs.existsSync(final.evidence!.path)).toBe(true);
  });

  it('a raw start with oversized facts: the workflow keeps them out of its state (rejected at intake), and the incident still closes with evidence', async () => {
    const ref = `BIG-RAW-${Date.now()}`;
    const huge = await baFacts(8600);
    await engine.env.client.workflow.start(incidentWorkflow, {
      taskQueue: engine.taskQueue,
      workflowId: `incident-${ref}`,
      args: [{ ref, openedBy: 'raw-client', openedAt: new Date().toISOString(), role: 'business_associate', facts: huge }],
    });
    let state = await engine.service.status(ref);
    for (let i = 0; i < 50 && !state.policy; i++) state = await engine.service.status(ref);
    expect(state.facts).toBeUndefined();
    expect(state.timeline.find((t) => t.action === 'facts_rejected_at_intake')?.detail).toContain(
      `the limit is ${COVERED_ENTITIES_MAX} per incident`,
    );
    await engine.service.recordFacts(ref, { by: 'rita-responder', facts: await baFacts(2) });
    await engine.service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic test: documented low probability of compromise',
    });
    const final = await engine.service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.evidence?.entries).toBeGreaterThan(0);
  });

  it(`${COVERED_ENTITIES_MAX} covered entities (at the limit): accepted, corrected until the versions limit refuses, then closed with the evidence archived (every payload under 2 MB)`, async () => {
    const ref = `BIG-LIMIT-${Date.now()}`;
    const atLimit = await baFacts(COVERED_ENTITIES_MAX);
    const size = jsonBytes(atLimit);
    expect(size).toBeLessThanOrEqual(FACTS_MAX_BYTES);
    await engine.service.open({ ref, openedBy: 'rita-responder', role: 'business_associate', facts: atLimit });
    const fits = Math.floor(FACTS_VERSIONS_MAX_BYTES / size);
    for (let v = 2; v <= fits; v++)
      await engine.service.recordFacts(ref, { by: 'rita-responder', facts: { ...atLimit, urgent: v % 2 === 0 } });
    const refused = await engine.service
      .recordFacts(ref, { by: 'rita-responder', facts: atLimit })
      .catch((e: unknown) => e as IncidentError);
    expect((refused as IncidentError).message).toMatch(
      /facts: this incident already records \d+ KiB of facts versions; with this one \(\d+ KiB\) it would pass the limit of 320 KiB/,
    );
    const state = await engine.service.status(ref);
    expect(state.factsVersion).toBe(fits);
    // The whole state (query answer, continue-as-new carry, evidence activity input) stays well under 2 MB.
    expect(jsonBytes(state)).toBeLessThan(512 * 1024);

    await engine.service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic test: documented low probability of compromise',
    });
    const final = await engine.service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.evidence?.entries).toBeGreaterThan(fits);
    const archived = JSON.parse(fs.readFileSync(final.evidence!.path, 'utf8')) as { entries: { type: string }[] };
    expect(archived.entries.filter((e) => e.type === 'facts_version')).toHaveLength(fits);
  });
});
