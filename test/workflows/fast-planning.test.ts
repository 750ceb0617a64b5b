/**
 * Issue 18 §3 (people wait on the engine): after the decision, planning is a local activity (no task-queue
 * round trip) and every obligation workflow of the plan is started in one workflow task, instead of an
 * activity task and then one workflow task per child. Recorded histories keep the old path (test/replay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { FAST_PLANNING_PATCH } from '../../workflows/patches.js';

const EventType = proto.temporal.api.enums.v1.EventType;
let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'fast-planning' });
});
afterAll(() => engine?.stop());

describe('planning after the decision (issue 18 §3)', () => {
  it('plans in a local activity and starts every obligation workflow in one workflow task', async () => {
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
    const ids = state.obligations.map((o) => o.obligation.id).sort();
    expect(ids).toEqual(['hhs_notice', 'individual_notice', 'media_notice:CA']);
    expect(state.timeline.filter((e) => e.action === 'obligation_planned')).toHaveLength(3);

    const events = (await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory()).events ?? [];
    // No planIncident activity task (the decision-due activities stay ordinary activities).
    const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled).not.toContain('planIncident');
    // Its result recorded in a local-activity marker, behind the patch's marker.
    const markers = events.flatMap((e) => e.markerRecordedEventAttributes ?? []);
    expect(markers.some((m) => m.markerName === 'core_local_activity')).toBe(true);
    const markerText = markers
      .flatMap((m) => Object.values(m.details ?? {}))
      .flatMap((p) => p.payloads ?? [])
      .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
      .join('\n');
    expect(markerText).toContain(FAST_PLANNING_PATCH);
    // The obligation workflows' starts were commands of one and the same workflow task.
    const starts = events.filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED &&
        e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId?.includes('/obligation/'),
    );
    expect(starts).toHaveLength(3);
    const tasks = new Set(starts.map((e) => String(e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowTaskCompletedEventId)));
    expect(tasks.size).toBe(1);
  });
});
