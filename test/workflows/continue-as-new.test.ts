import { currentPack } from '../../domain/state-law/pack.js';
import { confirmUntilClosed } from '../harness/confirm-all.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { IncidentService } from '../../service/incident-service.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';
import { carriedStates, readIncidentRecord } from '../../evidence/incident-record.js';
import { CARRIED_TIMELINE_ENTRIES } from '../../workflows/incident/carry.js';

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
    await service.open({
      ref,
      openedBy: 'responder-1',
      role: 'covered_entity',
      facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString(), { affected: { byJurisdiction: { CA: 30 } } }),
    });
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
    // Issue 16 item 4: the state-law pack the incident planned on is carried into the new run.
    expect(state.stateLaw).toMatchObject({ packVersion: currentPack().version, packFingerprint: currentPack().fingerprint });
    expect(state.timeline.map((t) => t.action).slice(0, 3)).toEqual(['opened', 'facts_recorded', 'decided']);
    expect(state.obligations.find((o) => o.obligation.id === 'individual_notice')?.remindersSent).toBe(obligation.remindersSent.length);
    // The same request id in a later run is still a no-op answered with the first answer.
    expect(await service.decide(ref, { by: 'privacy-officer', reportable: true, requestId: 'decide-once' })).toEqual(decision);

    // Issue 16: State items anchored on the HIPAA notices start when those are confirmed; confirm them too.
    await confirmUntilClosed(service, ref, (o) => ({
      method: o.obligation.kind === 'hhs_annual_log' ? 'hhs_portal' : 'first_class_mail',
      reference: `CAN-${o.obligation.id}`,
    }));
    const final = await service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.obligations.every((o) => o.status === 'confirmed')).toBe(true);
    expect(final.timeline.filter((t) => t.action === 'decided')).toHaveLength(1);
  });

  it('issue 14: many updates over many runs — the carry stays bounded, the report and the evidence archive still hold every entry', async () => {
    const service = new IncidentService({ client: engine.env.client, taskQueue: engine.taskQueue, historyEventLimit: 40 });
    const ref = `INC-BOUND-${Date.now()}`;
    const wfId = `incident-${ref}`;
    const now = await engine.env.currentTimeMs();
    const facts = (n: number) => coveredEntityBreach(new Date(now - 3_600_000).toISOString(), { affected: { byJurisdiction: { CA: n } } });
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts: facts(30) });
    // Three more versions of the facts, then 150 roster updates: each is a timeline entry.
    for (const n of [31, 32, 33]) await service.recordFacts(ref, { by: 'responder-1', facts: facts(n) });
    const updates = 150;
    for (let i = 0; i < updates; i++) {
      await service.attachRoster(ref, {
        by: 'responder-1',
        rosterId: 'ros_bound_1',
        recipients: 30 + (i % 4),
        rejectedRows: 0,
        byChannel: { email: 30 },
        byJurisdiction: { CA: 30 },
      });
    }
    const carries = await carriedStates(engine.env.client, wfId);
    expect(carries.length).toBeGreaterThan(5); // many runs
    const total = 1 + 4 + updates; // opened, four facts versions, the roster updates
    for (const [i, c] of carries.entries()) {
      // Bounded: the latest entries (and those of the run that ended), never the whole record.
      expect(c.timeline.length).toBeLessThanOrEqual(CARRIED_TIMELINE_ENTRIES + 20);
      expect((c.timelineOffset ?? 0) + c.timeline.length).toBeLessThanOrEqual(total);
      // Facts documents: the versions recorded in the run that ended (all four in the first) and the
      // latest; the others by metadata (their documents are in earlier runs' start inputs).
      if (i < carries.length - 1) expect(c.factsVersions!.filter((v) => v.facts !== undefined)).toHaveLength(1);
    }
    const latestCarry = carries[0]!;
    expect(latestCarry.timelineOffset).toBeGreaterThan(0);
    expect(latestCarry.factsVersions!.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(JSON.stringify(latestCarry.timeline).length).toBeLessThan(JSON.stringify(carries.at(-1)!.timeline).length * 40);

    // The full record from history: every entry in order, every facts version with its document.
    const state = await service.status(ref);
    expect(state.timeline.length).toBeLessThan(total);
    const full = await readIncidentRecord(engine.env.client, wfId, state);
    expect(full.timeline).toHaveLength(total);
    expect(full.timeline.slice(0, 3).map((e) => e.action)).toEqual(['opened', 'facts_recorded', 'facts_recorded']);
    expect(full.timeline.filter((e) => e.action === 'roster_attached' || e.action === 'roster_updated')).toHaveLength(updates);
    expect(
      full.factsVersions!.map((v) => (v.facts as { affected: { byJurisdiction: { CA: number } } }).affected.byJurisdiction.CA),
    ).toEqual([30, 31, 32, 33]);

    // Closed (not a breach): the archived evidence bundle holds the whole timeline, not only the carried part.
    await service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic: the recipient returned the records unopened (test)',
    });
    const final = await service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.evidence!.entries).toBeGreaterThan(total);
    expect(final.evidence!.entries).toBeGreaterThan(final.timeline.length + 4);
  });
});
