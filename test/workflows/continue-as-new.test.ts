import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { IncidentService } from '../../service/incident-service.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';

/**
 * Long incidents keep their histories bounded: the incident and obligation workflows continue-as-new
 * (here forced early with a small history limit) and carry their whole state — timeline, answered
 * request ids, reminders already sent, the escalation level — into the new run, which keeps working.
 */
const DAY = 86_400_000;
let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'can' });
});
afterAll(() => engine?.stop());

describe('continue-as-new of the incident and obligation workflows', () => {
  it('a month of reminders over several runs: state, request ids and reminders carried; confirm and close in a later run', async () => {
    const service = new IncidentService({ client: engine.env.client, taskQueue: engine.taskQueue, historyEventLimit: 40 });
    const ref = `INC-CAN-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString(), { affected: { byJurisdiction: { CA: 30 } } }) });
    const incident = engine.env.client.workflow.getHandle(`incident-${ref}`);
    const firstRun = (await incident.describe()).runId;
    const decision = await service.decide(ref, { by: 'privacy-officer', reportable: true, requestId: 'decide-once' });
    await engine.env.sleep(2_000); // the plan and the obligation workflows start
    const individual = engine.env.client.workflow.getHandle(`incident-${ref}/obligation/individual_notice`);
    const obligationFirstRun = (await individual.describe()).runId;

    // A month passes: reminders and escalations go out, histories grow past the limit, new runs start.
    await engine.env.sleep(30 * DAY);
    const obligation = await individual.query(obligationStateQuery);
    expect((await individual.describe()).runId).not.toBe(obligationFirstRun);
    expect(obligation.events[0]!.event).toBe('planned'); // the first run's record, carried
    expect(obligation.remindersSent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(obligation.remindersSent.map((r) => r.sequence)).size).toBe(obligation.remindersSent.length); // none sent twice across runs
    expect(obligation.tracker.level).toBeGreaterThan(0);

    const state = await service.status(ref);
    expect((await incident.describe()).runId).not.toBe(firstRun);
    expect(state.timeline.map((t) => t.action).slice(0, 3)).toEqual(['opened', 'facts_recorded', 'decided']);
    expect(state.obligations.find((o) => o.obligation.id === 'individual_notice')?.remindersSent).toBe(obligation.remindersSent.length);
    // The same request id in a later run is still a no-op answered with the first answer.
    expect(await service.decide(ref, { by: 'privacy-officer', reportable: true, requestId: 'decide-once' })).toEqual(decision);

    for (const o of state.obligations) {
      await service.confirm(ref, { by: 'privacy-officer', obligationId: o.obligation.id, evidence: { method: o.obligation.kind === 'hhs_annual_log' ? 'hhs_portal' : 'first_class_mail', reference: `CAN-${o.obligation.id}` } });
    }
    const final = await service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.obligations.every((o) => o.status === 'confirmed')).toBe(true);
    expect(final.timeline.filter((t) => t.action === 'decided')).toHaveLength(1);
  });
});
