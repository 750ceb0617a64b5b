/**
 * Issue 18 §3, the root cause of the stalls on the time-skipping server: an incident completed while a child
 * it had just told to finish (the last confirmed State obligation) was still completing. The child's
 * completion never reached the incident, and the Java test server kept the time lock it took to report it
 * (temporalio/sdk-typescript#1101): every later env.sleep of the server ran in real time. With the patch
 * children-end-first-issue-18 the incident completes only once the children that are finishing have.
 * On the code before, the first probe fails in about half the incidents (a race): three incidents are run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../harness/test-keys.js';
import { bundleWorkflows, WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { confirmUntilClosed } from '../harness/confirm-all.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { CHILDREN_END_FIRST_PATCH } from '../../workflows/patches.js';

const EventType = proto.temporal.api.enums.v1.EventType;
const DAY = 86_400_000;
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'children-end' });
  ({ env } = engine);
});
afterAll(() => engine?.stop());

/** A day of server time passes in well under the real-time bound (it does not when the server's time is locked). */
async function timeStillSkips(): Promise<boolean> {
  const skipped = env.sleep(DAY).then(() => true);
  const stalled = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000).unref());
  return Promise.race([skipped, stalled]);
}

describe('an incident ends after the children it told to finish (issue 18 §3)', () => {
  it('every child started has its completion in the incident history, and time keeps skipping after each close', async () => {
    const { service } = engine;
    expect(await timeStillSkips()).toBe(true);
    const markerTexts: string[] = [];
    const histories: {
      workflowId: string;
      history: Awaited<ReturnType<ReturnType<typeof env.client.workflow.getHandle>['fetchHistory']>>;
    }[] = [];
    for (let i = 0; i < 3; i++) {
      const ref = `INC-ENDS-${i}-${Date.now()}`;
      const discoveredAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
      await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
      await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(discoveredAt) });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      await env.sleep(2_000);
      // The State items anchored on the HHS and individual notices start when those are confirmed, and are confirmed last.
      await confirmUntilClosed(service, ref, (o) => ({
        method:
          o.obligation.kind === 'hhs_notice' ? 'hhs_portal' : o.obligation.kind === 'media_notice' ? 'press_release' : 'first_class_mail',
        reference: `EVID-${o.obligation.id}`,
      }));
      expect((await service.result(ref)).stage).toBe('closed');

      const history = await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory();
      histories.push({ workflowId: `incident-${ref}`, history });
      const events = history.events ?? [];
      const started = events.flatMap((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId ?? []);
      const ended = events.flatMap((e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId ?? []);
      expect(started.some((id) => id.includes('/obligation/state:'))).toBe(true);
      expect(started.filter((id) => !ended.includes(id))).toEqual([]);
      expect(events.at(-1)?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
      markerTexts.push(
        events
          .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
          .flatMap((p) => p.payloads ?? [])
          .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
          .join('\n'),
      );
      // The server's time is not left locked by a completion reported to an incident already closed.
      expect(await timeStillSkips()).toBe(true);
    }
    // Behind the patch (recorded histories from before complete as they did).
    for (const text of markerTexts) expect(text).toContain(CHILDREN_END_FIRST_PATCH);
    // And the histories these runs wrote (with the issue-18 speed-ups) replay against the same code.
    const errors: string[] = [];
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: await bundleWorkflows(WORKFLOWS_PATH), dataConverter: testDataConverter },
      histories,
    )) {
      if (r.error) errors.push(`${r.workflowId}: ${String(r.error)}`);
    }
    expect(errors).toEqual([]);
  });
});
