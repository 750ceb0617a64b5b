/**
 * Issue 18 (task nde): the root cause of the early confirmation answer's non-determinism error, reproduced on
 * demand. The Java time-skipping server (drills, the 60-day tests) gives an update's request message the
 * sequencing id of the task's WorkflowTaskScheduled event; a signal written after that event and before the task
 * starts is then handed to the workflow AFTER the update live ([doUpdate, signal]). On replay sdk-core makes the
 * request from the UpdateAccepted event once the task's events are applied: [signal, doUpdate]. With the second
 * try (early-confirm-answer-2) the answer's completion and the main loop woken by the signal raced in the
 * activation's microtasks, and the order flipped on replay ("UpsertWorkflowSearchAttributesMachine does not handle
 * WorkflowExecutionUpdateCompleted"; test/replay/known-nde.test.ts replays such a history). With
 * early-confirm-answer-3 the main loop waits for the next condition pass once woken: the history replays.
 *
 * Setup: the worker is stopped, the confirmation is sent (admitted, its task scheduled), then an obligation's status
 * report is signalled, then a worker starts and takes the task with both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { testDataConverter } from '../harness/test-keys.js';
import { createEngineActivities } from '../../activities/index.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { ensureSearchAttributes } from '../../worker/search-attribute-registration.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import { IncidentService, incidentWorkflowId } from '../../service/incident-service.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { confirmObligationUpdate } from '../../contract/incident-messages.js';
import { obligationChangedSignal } from '../../contract/obligation-messages.js';
import type { IncidentObligationView } from '../../contract/incident-types.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

const EventType = proto.temporal.api.enums.v1.EventType;
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-update-signal-order-'));
  [env, workflowBundle] = await Promise.all([startTimeSkippingEnv(), bundle(WORKFLOWS_PATH)]);
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default', ALL_SEARCH_ATTRIBUTES, () => undefined);
});
afterAll(async () => {
  await env?.teardown();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runWorker(taskQueue: string, opts: { cache: boolean }): Promise<{ stop(): Promise<void> }> {
  const worker = await createTestWorker(env, {
    taskQueue,
    workflowBundle,
    // The first worker keeps nothing cached: its sticky queue would otherwise hold the next task on this server.
    ...(opts.cache ? {} : { maxCachedWorkflows: 0 }),
    activities: createEngineActivities({ dataDir, mailer: { kind: 'outbox', dir: path.join(dataDir, 'outbox') } }),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

/** The incident at notification with its plan's obligations, then the worker stopped. */
async function plannedIncidentWithoutWorker(taskQueue: string, service: IncidentService, ref: string): Promise<IncidentObligationView[]> {
  const first = await runWorker(taskQueue, { cache: false });
  try {
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString()) });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });
    for (let i = 0; i < 100; i++) {
      const s = await service.status(ref);
      if (
        s.obligations.some((o) => o.obligation.id === 'media_notice:CA') &&
        s.obligations.some((o) => o.obligation.id.startsWith('state:'))
      )
        break;
      await pause(200);
    }
    await pause(1_000); // the obligation workflows' first reports are in
    return (await service.status(ref)).obligations;
  } finally {
    await first.stop();
  }
}

describe('a confirmation and a status report in one workflow task, the update admitted first (time-skipping server)', () => {
  it(
    'is answered in that task, and the history replays (the second try met a non-determinism error here)',
    { timeout: 120_000 },
    async () => {
      const taskQueue = uniqueTaskQueue('update-signal-order');
      const service = new IncidentService({ client: env.client, taskQueue });
      const ref = `INC-ORDER-${Date.now()}`;
      const obligations = await plannedIncidentWithoutWorker(taskQueue, service, ref);
      const hhs = obligations.find((o) => o.obligation.id === 'hhs_notice')!;
      const handle = env.client.workflow.getHandle(incidentWorkflowId(ref));

      // No worker: the update is admitted and its task scheduled; the report is written after that event.
      const answer = handle.executeUpdate(confirmObligationUpdate, {
        args: [
          {
            requestId: `order-${Date.now()}`,
            by: 'privacy-officer',
            obligationId: 'media_notice:CA',
            evidence: { method: 'press_release', reference: 'PRESS-1' },
          },
        ],
      });
      await pause(1_500);
      await handle.signal(obligationChangedSignal, {
        obligationId: 'hhs_notice',
        status: hhs.status === 'overdue' ? 'overdue' : 'open',
        escalationLevel: hhs.escalationLevel,
        remindersSent: hhs.remindersSent,
        at: new Date().toISOString(),
      });
      const second = await runWorker(taskQueue, { cache: true });
      try {
        expect(await answer).toEqual({ obligationId: 'media_notice:CA', status: 'confirmed' });
        await pause(1_000);
        const history = await handle.fetchHistory();
        const events = history.events ?? [];
        const at = (i: number) => events[i]!;
        const accepted = events.findIndex(
          (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'confirmObligation',
        );
        const updateId = at(accepted).workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId;
        expect(accepted).toBeGreaterThan(0);
        // The task that accepted the update: the report's signal sits between its Scheduled and Started events.
        let started = accepted;
        while (at(started).eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) started--;
        let scheduled = started;
        while (at(scheduled).eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) scheduled--;
        const between = events.slice(scheduled + 1, started).map((e) => e.workflowExecutionSignaledEventAttributes?.signalName);
        expect(between).toContain('obligationChanged');
        // Answered in that same task (before the signal to the obligation's workflow came back), then the loop's upsert.
        const completed = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
        const nextTask = events.findIndex((e, i) => i > accepted && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
        expect(completed).toBeGreaterThan(accepted);
        expect(completed).toBeLessThan(nextTask);
        const after = events.slice(completed + 1, nextTask).map((e) => e.eventType);
        expect(after).toContain(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);

        // The deterministic check: the live history replays against the same code.
        await expect(
          Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter }, history, handle.workflowId),
        ).resolves.toBeUndefined();
        const state = await service.status(ref);
        expect(state.obligations.find((o) => o.obligation.id === 'media_notice:CA')?.status).toBe('confirmed');
        expect(state.timeline.filter((e) => e.action === 'obligation_confirmed')).toHaveLength(1);
        await saveHistoryFixture('incident-confirm-report-crossing', handle);
      } finally {
        await second.stop();
      }
    },
  );
});
