/**
 * `engine worker` and `engine api` as two processes against a dev server (issue 14 item 5): an incident is
 * worked end to end through the API process while only the worker process polls the task queue, and a
 * SIGTERM drains the worker and ends it with exit code 0. The processes share what a deployment shares —
 * the payload keys (BREACH_PAYLOAD_KEYS) and the API tokens — and nothing else (each its own data
 * directory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { freePort } from '../../scripts/temporal/free-port.js';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { TEST_KEY_SET } from '../harness/test-keys.js';
import { uniqueTaskQueue } from '../harness/test-worker.js';
import { killAll, spawnEngine, type EngineProcess } from '../harness/engine-process.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const T = { responder: 'tok-responder-0123456789', po: 'tok-privacy-officer-0123456789', legal: 'tok-legal-counsel-0123456789' };
const TOKENS = JSON.stringify([
  { userId: 'rita-responder', role: 'responder', token: T.responder },
  { userId: 'pat-privacy', role: 'privacy_officer', token: T.po },
  { userId: 'lee-legal', role: 'legal', token: T.legal },
]);

let env: TestWorkflowEnvironment;
const processes: EngineProcess[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-roles-'));

beforeAll(async () => {
  env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
}, 120_000);
afterAll(async () => {
  killAll(processes);
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let seq = 0;
/** `engine <role>` with the deployment's shared settings: Temporal, task queue, payload keys, API tokens. */
function engine(role: string, taskQueue: string, extra: Record<string, string> = {}): EngineProcess {
  const p = spawnEngine(role, {
    dir: tmp,
    name: `${role}-${++seq}`,
    env: {
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      BREACH_TASK_QUEUE: taskQueue,
      BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
      BREACH_API_TOKENS: TOKENS,
      ...extra,
    },
  });
  processes.push(p);
  return p;
}

describe('engine roles as separate processes', () => {
  it('engine worker + engine api: an incident worked end to end through the API; only the worker polls; SIGTERM drains the worker', async () => {
    const taskQueue = uniqueTaskQueue('roles');
    const apiPort = await freePort();
    const worker = engine('worker', taskQueue);
    const api = engine('api', taskQueue, { BREACH_API_PORT: String(apiPort) });
    await Promise.all([worker.ready(), api.ready()]);
    // Each role started only its part.
    expect(worker.output()).toMatch(/ready \(role worker/);
    expect(worker.output()).toMatch(/self-check\s+engine-self-check-worker-\S+ completed/);
    expect(worker.output()).not.toContain('HTTP API');
    expect(worker.output()).not.toContain('codec server');
    expect(api.output()).toMatch(/ready \(role api/);
    expect(api.output()).toContain(`HTTP API        http://127.0.0.1:${apiPort}`);
    expect(api.output()).not.toMatch(/bundling workflow code|self-check|codec server|Temporal Web UI/);

    // Only the worker process polls the task queue (the SDK's identity is pid@host).
    const pollers = async () => {
      const r = await env.client.workflowService.describeTaskQueue({
        namespace: env.namespace ?? 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return (r.pollers ?? []).map((p) => p.identity ?? '');
    };
    const polling = await pollers();
    expect(polling.some((id) => id.startsWith(`${worker.child.pid}@`))).toBe(true);
    expect(polling.some((id) => id.startsWith(`${api.child.pid}@`))).toBe(false);

    const url = `http://127.0.0.1:${apiPort}`;
    const call = async (method: 'GET' | 'POST', p: string, token: string, body?: unknown) => {
      const r = await fetch(`${url}${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    const ref = `ROLES-${Date.now()}`;
    const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { OR: 12 } } });
    expect((await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', facts })).status).toBe(201);
    const decided = await call('POST', `/incidents/${ref}/decision`, T.po, { reportable: true });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);
    // The worker's activities plan the obligations.
    let obligations: { obligation: { id: string } }[] = [];
    // All are planned (the HHS log a moment after the individual notice; issue 16: Oregon's own 45-day
    // individual clock, earlier than HIPAA's, after them).
    for (let i = 0; i < 100 && obligations.length < 3; i++) {
      obligations = ((await call('GET', `/incidents/${ref}`, T.legal)).json.obligations ?? []) as typeof obligations;
      if (obligations.length < 3) await new Promise((r) => setTimeout(r, 300));
    }
    expect(obligations.map((o) => o.obligation.id).sort()).toEqual(['hhs_annual_log', 'individual_notice', 'state:OR:individual_notice']);
    // State items first, the HHS log last: the incident closes with the last confirmation, and the Oregon item may be
    // met by the individual notice meanwhile (the person's evidence is then added beside the engine's).
    const order = (id: string) => (id.startsWith('state:') ? 0 : id === 'hhs_annual_log' ? 2 : 1);
    obligations.sort((a, b) => order(a.obligation.id) - order(b.obligation.id));
    for (const o of obligations) {
      const r = await call('POST', `/incidents/${ref}/obligations/${encodeURIComponent(o.obligation.id)}/confirm`, T.responder, {
        evidence: { method: o.obligation.id === 'individual_notice' ? 'first_class_mail' : 'hhs_portal', reference: 'ROLES-TEST' },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    // The incident closes (the worker ran it), and the API reads the closed incident.
    let stage: unknown;
    for (let i = 0; i < 200 && stage !== 'closed'; i++) {
      stage = (await call('GET', `/incidents/${ref}`, T.legal)).json.stage;
      if (stage !== 'closed') await new Promise((r) => setTimeout(r, 300));
    }
    expect(stage).toBe('closed');
    // The run completes once the obligation workflows it told to finish have finished (children-end-first-issue-18).
    let status = '';
    for (let i = 0; i < 100 && status !== 'COMPLETED'; i++) {
      status = (await env.client.workflow.getHandle(`incident-${ref}`).describe()).status.name;
      if (status !== 'COMPLETED') await new Promise((r) => setTimeout(r, 300));
    }
    expect(status).toBe('COMPLETED');
    // An action on the closed incident is refused as such (409), not reported as an unknown incident (404).
    const late = await call('POST', `/incidents/${ref}/obligations/individual_notice/confirm`, T.responder, {
      evidence: { method: 'first_class_mail', reference: 'ROLES-TEST-2' },
    });
    expect(late.status, JSON.stringify(late.json)).toBe(409);
    expect(String(late.json.error)).toMatch(/closed/);
    const report = await fetch(`${url}/incidents/${ref}/report?format=md`, { headers: { authorization: `Bearer ${T.legal}` } });
    expect(report.status).toBe(200);
    expect(await report.text()).toMatch(/Reportable breach\*\*, decided by pat-privacy/);

    // SIGTERM drains the worker: it says so, stops polling, and exits 0; the API keeps serving.
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('SIGTERM: stopping the worker (finishing in-flight tasks)');
    expect(worker.output()).toContain('[engine] worker stopped');
    expect((await call('GET', '/incidents', T.legal)).status).toBe(200);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('[engine] stopped');
  });

  it('a role it does not know is a usage line and exit 2; a worker with an unreachable cluster is one clear error', async () => {
    const bad = engine('wroker', 'unused');
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/usage: engine \[all\|worker\|api\|codec\]/);
    const unreachable = engine('worker', 'unused', { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.output()).toMatch(/\[engine\] Cannot reach Temporal at 127\.0\.0\.1:\d+/);
    expect(unreachable.output()).not.toMatch(/\n\s+at /);
  });
});
