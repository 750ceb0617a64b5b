/**
 * Issue 17 §3: OpenTelemetry tracing through the SDK's interceptors, off by default, on with
 * BREACH_OTEL_TRACES_FILE (or _ENDPOINT). An `engine worker` on the dev server writes spans for a workflow
 * and its activity (its self-check), linked in one trace, and spans for an incident's workflow — and none
 * of them carries the synthetic person, the incident reference or the workflow id (worker/tracing.ts drops
 * what the interceptors record beyond types and run ids).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { TEST_KEY_SET, testDataConverter } from '../harness/test-keys.js';
import { uniqueTaskQueue } from '../harness/test-worker.js';
import { killAll, spawnEngine, type EngineProcess } from '../harness/engine-process.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import { incidentWorkflow } from '../../workflows/incident/incident-workflow.js';
import { redactSpan } from '../../worker/tracing.js';

const MARKER = 'Quincy Tracemarker-4K';
let env: TestWorkflowEnvironment;
const processes: EngineProcess[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-tracing-'));

beforeAll(async () => {
  env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
}, 120_000);
afterAll(async () => {
  killAll(processes);
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface SpanLine {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

describe('OpenTelemetry tracing', () => {
  it('off by default: an engine worker without BREACH_OTEL_* writes no spans and says nothing of tracing', async () => {
    const p = spawnEngine('worker', {
      dir: tmp,
      name: 'untraced',
      env: {
        TEMPORAL_ADDRESS: env.address,
        BREACH_TASK_QUEUE: uniqueTaskQueue('untraced'),
        BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
      },
    });
    processes.push(p);
    await p.ready();
    expect(p.output()).not.toMatch(/^\[engine\]\s+tracing\s/m);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  }, 120_000);

  it('engine worker with BREACH_OTEL_TRACES_FILE: workflow and activity spans in one trace; no PHI, reference or workflow id', async () => {
    const file = path.join(tmp, 'spans.jsonl');
    const taskQueue = uniqueTaskQueue('traced');
    const p = spawnEngine('worker', {
      dir: tmp,
      name: 'traced',
      env: {
        TEMPORAL_ADDRESS: env.address,
        BREACH_TASK_QUEUE: taskQueue,
        BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
        BREACH_OTEL_TRACES_FILE: file,
      },
    });
    processes.push(p);
    await p.ready();
    expect(p.output()).toContain(`tracing         file ${file}`);

    // An incident with a synthetic person in its input, worked by the traced worker.
    const ref = `TRACE-${crypto.randomUUID().slice(0, 8)}`;
    const client = new Client({ connection: env.connection, namespace: 'default', dataConverter: testDataConverter });
    const handle = await client.workflow.start(incidentWorkflow, {
      taskQueue,
      workflowId: `incident-${ref}`,
      args: [{ ref, openedBy: MARKER, openedAt: new Date().toISOString(), role: 'covered_entity' }],
    });
    let worked = false;
    for (let i = 0; i < 60 && !worked; i++) {
      worked = ((await handle.fetchHistory()).events ?? []).some((e) => e.workflowTaskCompletedEventAttributes);
      if (!worked) await new Promise((r) => setTimeout(r, 500));
    }
    expect(worked).toBe(true);
    p.child.kill('SIGTERM'); // flushes the exporter
    expect(await p.exited).toBe(0);

    const text = fs.readFileSync(file, 'utf8');
    const spans = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SpanLine);
    const named = (n: string) => spans.filter((s) => s.name === n);
    const [selfCheckRun] = named('RunWorkflow:engineSelfCheck');
    const [healthRun] = named('RunActivity:reportWorkerHealth');
    expect(selfCheckRun).toBeDefined();
    expect(healthRun).toBeDefined();
    expect(named('StartWorkflow:engineSelfCheck')).toHaveLength(1);
    // One trace: the client's start, the workflow, the activity.
    expect(healthRun!.traceId).toBe(selfCheckRun!.traceId);
    // The incident's workflow scheduled activities (its spans come through the workflow sandbox's sink).
    expect(named('StartActivity:loadNotificationPolicy').length).toBeGreaterThan(0);
    // Nothing that names a person, an incident or an execution beyond its run id.
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(ref);
    expect(text).not.toContain('engine-self-check-worker');
    for (const s of spans)
      expect(Object.keys(s.attributes).every((k) => ['run_id', 'workflowType', 'taskQueue', 'namespace', 'attempt'].includes(k))).toBe(
        true,
      );
  }, 180_000);

  it('redactSpan drops the workflow id, error messages and stack traces the interceptors record', () => {
    const span = {
      name: 'RunActivity:sendNotices',
      kind: 0,
      spanContext: () => ({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 }),
      startTime: [0, 0],
      endTime: [1, 0],
      status: { code: 2, message: `no address for ${MARKER}` },
      attributes: { temporalWorkflowId: 'incident-REF-1', temporalActivityId: '7', run_id: 'r-1', memo: MARKER },
      links: [],
      events: [
        {
          name: 'exception',
          time: [0, 5],
          attributes: { 'exception.type': 'Error', 'exception.message': MARKER, 'exception.stacktrace': 'at x' },
        },
      ],
      duration: [1, 0],
      ended: true,
      resource: { attributes: {} },
      instrumentationLibrary: { name: 't' },
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    } as unknown as ReadableSpan;
    const r = redactSpan(span);
    expect(r.attributes).toEqual({ run_id: 'r-1' });
    expect(r.status).toEqual({ code: 2 });
    expect(r.events[0]!.attributes).toEqual({ 'exception.type': 'Error' });
    expect(JSON.stringify({ a: r.attributes, s: r.status, e: r.events })).not.toContain(MARKER);
  });
});
