import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY_SET } from '../harness/test-keys.js';
import type { FastifyInstance } from 'fastify';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { IncidentError, incidentWorkflowId } from '../../service/incident-service.js';
import { runPlanCommand } from '../../cli/plan-command.js';
import { incidentWorkflow } from '../../workflows/incident/incident-workflow.js';
import { incidentStateQuery, recordFactsUpdate, startLawEnforcementDelayUpdate } from '../../contract/incident-messages.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

/**
 * Issue 13, items 2 and 7: hostile values never crash a validator, never fail a workflow task, and come
 * back as 400 / exit 2 with issues[] (field path + rule); a terminated reference can be reopened on purpose.
 */
const T = { responder: 'tok-responder-hostile-0123456789', po: 'tok-po-hostile-0123456789' };
let engine: EngineUnderTest;
let api: FastifyInstance;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'hostile' });
  api = buildHttpApi({
    service: engine.service,
    client: engine.env.client,
    tokens: new TokenStore([
      { userId: 'rita-responder', role: 'responder', token: T.responder },
      { userId: 'pat-privacy', role: 'privacy_officer', token: T.po },
    ]),
    accessLog: () => undefined,
    console: false,
  });
  await api.ready();
});
afterAll(async () => {
  await api?.close();
  await engine?.stop();
});

const call = (method: 'GET' | 'POST', url: string, token: string, payload?: unknown) =>
  api.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(payload !== undefined ? { payload: payload instanceof Raw ? payload.json : JSON.stringify(payload) } : {}),
  });
const now = async () => new Date((await engine.env.currentTimeMs()) - 3_600_000).toISOString();
let n = 0;
const newRef = () => `HOST-${Date.now()}-${++n}`;
const toStringTrap = () => JSON.parse('{"toString":1}') as unknown;
/** A JSON text sent as is (JSON.stringify itself overflows the stack on 5,000 levels). */
class Raw {
  constructor(readonly json: string) {}
}
const deepJson = (depth: number): string => `${'{"phi":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
const deep = (depth: number): unknown => JSON.parse(deepJson(depth)) as unknown;

/** True when a workflow task of this run has failed (the incident would be stuck retrying it). */
async function workflowTaskFailed(handle: WorkflowHandle): Promise<boolean> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).some((e) => e.workflowTaskFailedEventAttributes);
}
/** The query answered within 10 s (a workflow whose first task keeps failing never answers). */
const queryWithin = <T>(p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('query not answered in 10 s')), 10_000))]);

describe('hostile input (issue 13 items 2, 7)', () => {
  it('phi.identifiers: [{"toString":1}] → 400 with issues on POST /incidents; nothing is started', async () => {
    const ref = newRef();
    const facts = { ...coveredEntityBreach(await now()), phi: { involved: 'yes', identifiers: [toStringTrap()] } };
    const r = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', facts });
    expect(r.statusCode, r.body).toBe(400);
    const body = r.json<{ error: string; issues: { path: string; message: string }[] }>();
    const issue = body.issues.find((i) => i.path === 'facts.phi.identifiers.0');
    expect(issue?.message).toMatch(/is not one of the 18 identifiers/);
    expect(r.body).not.toMatch(/\n\s+at /);
    expect((await call('GET', `/incidents/${ref}`, T.responder)).statusCode).toBe(404);
  });

  it('a workflow started with such facts (bypassing the API) records the rejection; its task never fails', async () => {
    const ref = newRef();
    const facts = { ...coveredEntityBreach(await now()), phi: { involved: 'yes', identifiers: [toStringTrap()] } };
    const handle = await engine.env.client.workflow.start(incidentWorkflow, {
      taskQueue: engine.taskQueue,
      workflowId: incidentWorkflowId(ref),
      args: [{ ref, openedBy: 'direct-client', openedAt: new Date().toISOString(), role: 'covered_entity', facts }],
    });
    const state = await queryWithin(handle.query(incidentStateQuery));
    expect(state.stage).toBe('intake');
    expect(state.timeline.map((t) => t.action)).toContain('facts_rejected_at_intake');
    expect(await workflowTaskFailed(handle)).toBe(false);
  });

  it('invalid facts through the API, the service and a direct update: 400 / invalid_input with issues, never 409', async () => {
    const ref = newRef();
    expect((await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity' })).statusCode).toBe(201);
    const bad = { ...coveredEntityBreach(await now()), affected: { byJurisdiction: { CA: -1, XX: 3 } } };
    const r = await call('POST', `/incidents/${ref}/facts`, T.responder, { facts: bad });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['facts.affected.byJurisdiction.CA', 'facts.affected.byJurisdiction.XX']),
    );

    const err = await engine.service.recordFacts(ref, { facts: bad, by: 'svc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncidentError);
    expect((err as IncidentError).code).toBe('invalid_input');

    // Straight to the workflow: refused as InvalidFacts with the issues as details.
    const handle = engine.env.client.workflow.getHandle(incidentWorkflowId(ref));
    const direct = await handle
      .executeUpdate(recordFactsUpdate, {
        args: [{ requestId: 'direct-1', by: 'x', facts: { ...bad, phi: { involved: 'yes', identifiers: [toStringTrap()] } } }],
      })
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (direct as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('InvalidFacts');
    expect(cause.details?.[0]).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'phi.identifiers.0' })]));
    expect(await workflowTaskFailed(handle)).toBe(false);
  });

  it('a value that breaks a handler (reason {"toString":1}) is refused; the incident keeps working', async () => {
    const ref = newRef();
    await engine.service.open({ ref, role: 'covered_entity', openedBy: 'svc' });
    const handle = engine.env.client.workflow.getHandle(incidentWorkflowId(ref));
    const facts = coveredEntityBreach(await now());
    const r = await handle
      .executeUpdate(recordFactsUpdate, { args: [{ requestId: 'r-1', by: 'x', facts, reason: toStringTrap() as string }] })
      .catch((e: unknown) => e);
    expect(r).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((r as WorkflowUpdateFailedError).cause as Error).message).toMatch(/^reason: must be text/);
    const held = await handle
      .executeUpdate(startLawEnforcementDelayUpdate, {
        args: [
          {
            requestId: 'h-1',
            by: 'x',
            statement: { kind: 'oral', official: 'Officer Synthetic', agency: 'Example PD', receivedAt: toStringTrap() as string },
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(((held as WorkflowUpdateFailedError).cause as Error).message).toMatch(/statement\.receivedAt: must be text/);
    const ok = await engine.service.recordFacts(ref, { facts, by: 'svc' });
    expect(ok.reportable).toBe(true);
    const state = await handle.query(incidentStateQuery);
    expect(state.factsVersion).toBe(1);
    expect(await workflowTaskFailed(handle)).toBe(false);
  });

  it('facts nested 5,000 deep: 400 on open and on facts, not 500', async () => {
    const ref = newRef();
    const open = await call(
      'POST',
      '/incidents',
      T.responder,
      new Raw(`{"ref":"${ref}","role":"covered_entity","facts":${deepJson(5_000)}}`),
    );
    expect(open.statusCode, open.body).toBe(400);
    expect(open.json<{ issues: unknown[] }>().issues.length).toBeGreaterThan(0);
    expect((await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity' })).statusCode).toBe(201);
    const facts = await call('POST', `/incidents/${ref}/facts`, T.responder, new Raw(`{"facts":${deepJson(5_000)}}`));
    expect(facts.statusCode, facts.body).toBe(400);
    // Within the body limit but under it by depth: the facts' own depth rule answers.
    const moderate = await call('POST', `/incidents/${ref}/facts`, T.responder, { facts: deep(50) });
    expect(moderate.statusCode).toBe(400);
    expect(moderate.json<{ issues: { path: string; message: string }[] }>().issues[0]!.message).toMatch(/nested more than 32 levels/);
  });

  it('facts that conflict with a recorded hold: a clear refusal naming the field, not "(intermediate value) is not iterable"', async () => {
    const ref = newRef();
    const at = await now();
    await engine.service.open({ ref, role: 'covered_entity', openedBy: 'svc', facts: coveredEntityBreach(at) });
    const hold = await call('POST', `/incidents/${ref}/law-enforcement-delays`, T.po, {
      statement: { kind: 'oral', official: 'Officer Synthetic', agency: 'Example PD', receivedAt: at },
    });
    expect(hold.statusCode, hold.body).toBe(200);
    const facts = { ...coveredEntityBreach(at), lawEnforcementDelays: { kind: 'oral' } };
    const api400 = await call('POST', `/incidents/${ref}/facts`, T.responder, { facts });
    expect(api400.statusCode).toBe(400);
    expect(api400.body).not.toMatch(/not iterable/);
    expect(api400.json<{ issues: { path: string }[] }>().issues.map((i) => i.path)).toContain('facts.lawEnforcementDelays');
    const handle = engine.env.client.workflow.getHandle(incidentWorkflowId(ref));
    const direct = await handle
      .executeUpdate(recordFactsUpdate, { args: [{ requestId: 'c-1', by: 'x', facts: facts }] })
      .catch((e: unknown) => e);
    const cause = (direct as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.message).not.toMatch(/not iterable/);
    expect(cause.message).toMatch(/lawEnforcementDelays: must be a list/);
  });

  it('a terminated reference: open says so (created:false, previousRun); --reopen starts a new run, the old one stays', async () => {
    const ref = newRef();
    const first = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity' });
    expect(first.statusCode).toBe(201);
    const handle = engine.env.client.workflow.getHandle(incidentWorkflowId(ref));
    const oldRunId = (await handle.describe()).runId;
    await handle.terminate('synthetic: a stuck incident');
    const again = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, previousRun: 'TERMINATED' });
    const reopened = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', reopen: true });
    expect(reopened.statusCode, reopened.body).toBe(201);
    expect(reopened.json()).toMatchObject({ created: true, reopened: true, previousRun: 'TERMINATED' });
    expect((await call('GET', `/incidents/${ref}`, T.responder)).json()).toMatchObject({ stage: 'intake' });
    expect((await engine.env.client.workflow.getHandle(incidentWorkflowId(ref), oldRunId).describe()).status.name).toBe('TERMINATED');
    // An open incident is never replaced, reopen or not.
    const twice = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', reopen: true });
    expect(twice.json()).toMatchObject({ created: false });
  });

  it('breach plan with {"toString":1}: exit 2 with issues[], no stack trace', () => {
    const facts = { ...coveredEntityBreach('2026-01-05T00:00:00Z'), phi: { involved: 'yes', identifiers: [toStringTrap()] } };
    const r = runPlanCommand({ source: '-', stdin: JSON.stringify(facts), json: true, now: '2026-01-10T00:00:00Z' });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: 'phi.identifiers.0' })]) as unknown,
    });
  });

  it('breach assess / correct with invalid facts: exit 2 with issues[] (not 4), no stack trace', async () => {
    const ref = newRef();
    await engine.service.open({ ref, role: 'covered_entity', openedBy: 'svc' });
    const facts = JSON.stringify({ ...coveredEntityBreach(await now()), phi: { involved: 'yes', identifiers: [toStringTrap()] } });
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // Straight to Temporal (the workflow's own validation), as an operator: --direct takes an admin credential.
    const OPERATOR = {
      BREACH_API_TOKENS: JSON.stringify([{ userId: 'cli-tester', role: 'admin', token: 'hostile-operator-token-0123456789' }]),
      BREACH_API_TOKEN: 'hostile-operator-token-0123456789',
    };
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'cli/cli.ts', ...args], {
          cwd: root,
          env: {
            ...process.env,
            TEMPORAL_ADDRESS: engine.env.address,
            TEMPORAL_NAMESPACE: 'default',
            BREACH_TASK_QUEUE: engine.taskQueue,
            BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
            ...OPERATOR,
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdin.end(facts);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const r = await cli(['assess', ref, '--facts', '-', '--json', '--direct']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const body = JSON.parse(r.stderr) as { code: string; issues: { path: string }[] };
    expect(body.code).toBe('invalid_input');
    expect(body.issues.map((i) => i.path)).toContain('facts.phi.identifiers.0');
  }, 60_000);
});
