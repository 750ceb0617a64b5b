/**
 * Issue 18 §3 (people wait on the engine): a confirmation is answered once recorded, not after the signal to
 * the obligation's workflow has made its round trip. Recorded histories keep the old path (test/replay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { EARLY_CONFIRM_ANSWER_PATCH } from '../../workflows/patches.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';

const EventType = proto.temporal.api.enums.v1.EventType;
let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'fast-answers' });
});
afterAll(() => engine?.stop());

describe('answers people wait for (issue 18 §3)', () => {
  it('answers a confirmation in the task that records it; the obligation workflow gets it; the next effect waits for the delivery', async () => {
    const { env, service } = engine;
    const ref = `INC-CONF-${Date.now()}`;
    const discoveredAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(discoveredAt) });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });
    await env.sleep(2_000);
    const answer = await service.confirm(ref, {
      by: 'privacy-officer',
      obligationId: 'media_notice:CA',
      evidence: { method: 'press_release', reference: 'PRESS-1' },
    });
    expect(answer).toEqual({ obligationId: 'media_notice:CA', status: 'confirmed' });
    // The next effect right after the answer is accepted once the delivery is done (mutex, not a refusal for good).
    await service.acknowledge(ref, { by: 'incident-owner', obligationId: 'hhs_notice' });
    await env.sleep(1_000);

    const state = await service.status(ref);
    expect(state.obligations.find((o) => o.obligation.id === 'media_notice:CA')?.status).toBe('confirmed');
    expect(state.timeline.filter((e) => e.action === 'obligation_confirmed')).toHaveLength(1);
    expect(state.timeline.some((e) => e.action === 'obligation_confirmation_undelivered')).toBe(false);
    const child = await env.client.workflow.getHandle(`incident-${ref}/obligation/media_notice:CA`).query(obligationStateQuery);
    expect(child.status).toBe('confirmed');

    const events = (await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events ?? [];
    const completed = events.findIndex(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED &&
        e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success &&
        events.some(
          (a) =>
            a.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'confirmObligation' &&
            a.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.meta?.updateId ===
              e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId,
        ),
    );
    const initiated = events.find((e) =>
      e.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowExecution?.workflowId?.endsWith('/obligation/media_notice:CA'),
    );
    const signalled = events.findIndex(
      (e) => Number(e.externalWorkflowExecutionSignaledEventAttributes?.initiatedEventId ?? -1) === Number(initiated?.eventId),
    );
    expect(completed).toBeGreaterThan(0);
    expect(signalled).toBeGreaterThan(0);
    // Answered before the signal came back (the old code answered only after it).
    expect(completed).toBeLessThan(signalled);
    const markerText = events
      .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
      .flatMap((p) => p.payloads ?? [])
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(markerText).toContain(EARLY_CONFIRM_ANSWER_PATCH);
  });
});
