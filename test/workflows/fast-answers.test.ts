/**
 * Issue 18 §3 (people wait on the engine): after the decision every obligation workflow of the plan is
 * started in one workflow task, instead of one workflow task per child (planning stays an ordinary activity:
 * as a local activity it held the decision's answer until planning had run); a confirmation is answered once recorded, not after
 * the signal to the obligation's workflow has made its round trip. Recorded histories keep the old paths
 * (test/replay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { CHILDREN_TOGETHER_PATCH, EARLY_CONFIRM_ANSWER_3_PATCH, EARLY_CONFIRM_ANSWER_PATCH } from '../../workflows/patches.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';

const EventType = proto.temporal.api.enums.v1.EventType;
let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'fast-answers' });
});
afterAll(() => engine?.stop());

describe('planning after the decision (issue 18 §3)', () => {
  it('starts every obligation workflow of the plan in one workflow task (planning an ordinary activity)', async () => {
    const { env, service } = engine;
    const ref = `INC-FAST-${Date.now()}`;
    const discoveredAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(discoveredAt) });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });
    await env.sleep(2_000);

    // The same plan as before: the three obligations of the fixture, each with its workflow.
    const state = await service.status(ref);
    expect(state.stage).toBe('notification');
    // (State obligations, issue 16, are planned after the federal plan by their own activity: not counted here.)
    const federal = state.obligations.filter((o) => !o.obligation.id.startsWith('state:'));
    const ids = federal.map((o) => o.obligation.id).sort();
    expect(ids).toEqual(['hhs_notice', 'individual_notice', 'media_notice:CA']);
    const labels = new Set(federal.map((o) => o.obligation.label));
    expect(state.timeline.filter((e) => e.action === 'obligation_planned' && labels.has((e.detail ?? '').split(':')[0]!))).toHaveLength(3);

    const events = (await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events ?? [];
    // Planning is an ordinary activity (not a local one: the decision's answer does not wait for it).
    const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled).toContain('planIncident');
    const markers = events.flatMap((e) => e.markerRecordedEventAttributes ?? []);
    expect(markers.some((m) => m.markerName === 'core_local_activity')).toBe(false);
    const markerText = markers
      .flatMap((m) => Object.values(m.details ?? {}))
      .flatMap((p) => p.payloads ?? [])
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(markerText).toContain(CHILDREN_TOGETHER_PATCH);
    // The obligation workflows' starts were commands of one and the same workflow task.
    const starts = events.filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED &&
        e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId?.includes('/obligation/') &&
        !e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId.includes('/obligation/state:'),
    );
    expect(starts).toHaveLength(3);
    const tasks = new Set(starts.map((e) => String(e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowTaskCompletedEventId)));
    expect(tasks.size).toBe(1);
  });

  it('answers a confirmation in the task that records it (early-confirm-answer-3); the obligation workflow gets it; the next effect waits for the delivery', async () => {
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
    // Answered before the signal came back (early-confirm-answer-3-issue-18; the withdrawn second try answered after it).
    expect(completed).toBeLessThan(signalled);
    const markerText = events
      .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
      .flatMap((p) => p.payloads ?? [])
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(markerText).toContain(EARLY_CONFIRM_ANSWER_3_PATCH);
    // The second try's id (withdrawn) is never written again.
    expect(markerText).not.toContain(`"${EARLY_CONFIRM_ANSWER_PATCH}"`);
  });
});
