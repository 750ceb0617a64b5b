/**
 * Issue 18 (task nde): a history the second try of the early confirmation answer (early-confirm-answer-2-issue-18)
 * recorded live and cannot replay — the non-determinism error the drills met, kept to show it is real and that the
 * code still takes that path for such histories (it must: the 2026-12-03d fixtures carry the same marker and replay).
 *
 * Recorded on the Java time-skipping server by the setup of test/workflows/update-signal-order.test.ts with the second
 * try on for new executions: the confirmation's update was admitted while no worker ran (its task scheduled), then
 * an obligation's status report was signalled before the task started. Live the update was handled first (the server
 * sequences the request at the WorkflowTaskScheduled event), its answer completed, then the main loop woken by the
 * report upserted the search attributes; on replay sdk-core hands the signal first, the main loop's upsert comes before
 * the completion. Not under test/replay/histories (every history there must replay). Synthetic facts, test keys.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { installQuietRuntime } from '../harness/test-worker.js';
import { testDataConverter } from '../harness/test-keys.js';
import { bundleWorkflows } from '../../worker/create-worker.js';
import { EARLY_CONFIRM_ANSWER_3_PATCH, EARLY_CONFIRM_ANSWER_PATCH } from '../../workflows/patches.js';

const { History } = proto.temporal.api.history.v1;
const EventType = proto.temporal.api.enums.v1.EventType;
const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./known-nde/early-confirm-answer-2-report-after-task-scheduled.json', import.meta.url));

describe('a history of the withdrawn second try that fails to replay (task nde)', () => {
  const raw = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { workflowId: string; history: Record<string, unknown> };
  const history = History.fromObject(raw.history);
  const events = history.events;

  it('is the race: the report signalled between the task being scheduled and started, the answer completed in that task before the upsert', () => {
    const markers = events
      .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
      .flatMap((p) => p.payloads ?? [])
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(markers).toContain(`"${EARLY_CONFIRM_ANSWER_PATCH}"`);
    expect(markers).not.toContain(EARLY_CONFIRM_ANSWER_3_PATCH);
    const accepted = events.findIndex(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'confirmObligation',
    );
    let started = accepted;
    while (events[started]!.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) started--;
    let scheduled = started;
    while (events[scheduled]!.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) scheduled--;
    expect(events.slice(scheduled + 1, started).map((e) => e.workflowExecutionSignaledEventAttributes?.signalName)).toContain(
      'obligationChanged',
    );
    const inTask = events.slice(
      accepted,
      events.findIndex((e, i) => i > accepted && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
    );
    const types = inTask.map((e) => e.eventType);
    const completed = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    expect(completed).toBeGreaterThan(types.indexOf(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED));
    expect(types.slice(completed + 1)).toContain(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  });

  it('fails to replay with the error the drills met', { timeout: 120_000 }, async () => {
    installQuietRuntime();
    const workflowBundle = await bundleWorkflows(workflowsPath);
    const replay = Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter }, history, raw.workflowId);
    await expect(replay).rejects.toThrow(
      /UpsertWorkflowSearchAttributesMachine does not handle HistoryEvent\(id: \d+, WorkflowExecutionUpdateCompleted\)/,
    );
  });
});
