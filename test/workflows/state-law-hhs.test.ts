import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import type { IncidentService } from '../../service/incident-service.js';
import { stateLawForSnapshot } from '../../reports/state-law-report.js';
import { addBusinessDays, localDateOf } from '../../domain/index.js';
import { currentPack, holidaysBetween } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/**
 * Issue 16 on a real (time-skipping) Temporal server: an incident with New York and Illinois residents;
 * the NY and IL attorney-general notices (5 business days after HHS) are pending until the HHS notice is
 * confirmed in the workflow, then dated from the recorded confirmation ("sent" instant).
 */
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let service: IncidentService;
beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'state-law' });
  ({ env, service } = engine);
});
afterAll(() => engine?.stop());

describe('state law with the incident workflow', () => {
  it('HHS confirmed → the NY and IL AG notices get their dates', async () => {
    const ref = `INC-SL-${Date.now()}`;
    const now = await env.currentTimeMs();
    const tz = 'America/New_York';
    const facts = {
      ...coveredEntityBreach(new Date(now - 3_600_000).toISOString()),
      organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider' as const, timeZone: tz },
      affected: { byJurisdiction: { NY: 300, IL: 300 } },
    };
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await service.recordFacts(ref, { by: 'responder-1', facts });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });
    await env.sleep(2_000);

    let state = await service.status(ref);
    expect(state.obligations.map((o) => o.obligation.id).sort()).toEqual(['hhs_notice', 'individual_notice']);
    let sl = stateLawForSnapshot(state, new Date(await env.currentTimeMs()).toISOString());
    if (!sl.ok) throw new Error(sl.reason);
    for (const id of ['state:NY:ag_after_hhs', 'state:IL:ag_after_hhs'])
      expect(sl.plan.obligations.find((o) => o.id === id)).toMatchObject({ status: 'pending', pendingOn: 'hhs_notice' });

    await env.sleep(3 * 86_400_000);
    const sentAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
    await service.confirm(ref, {
      by: 'privacy-officer',
      obligationId: 'hhs_notice',
      evidence: { method: 'hhs_portal', reference: 'OCR-SYN-1', sentAt },
    });
    state = await service.status(ref);
    expect(state.obligations.find((o) => o.obligation.id === 'hhs_notice')?.status).toBe('confirmed');
    sl = stateLawForSnapshot(state, new Date(await env.currentTimeMs()).toISOString());
    if (!sl.ok) throw new Error(sl.reason);

    const day0 = localDateOf(sentAt, tz);
    const year = Number(day0.slice(0, 4));
    const pack = currentPack();
    const expected = (code: 'NY' | 'IL') => addBusinessDays(day0, 5, holidaysBetween(pack.entries.get(code)!.holidays, year, year + 1));
    expect(sl.plan.obligations.find((o) => o.id === 'state:NY:ag_after_hhs')).toMatchObject({
      status: 'planned',
      deadline: { date: expected('NY') },
    });
    expect(sl.plan.obligations.find((o) => o.id === 'state:IL:ag_after_hhs')).toMatchObject({
      status: 'planned',
      deadline: { date: expected('IL') },
    });
    expect(sl.plan.obligations.find((o) => o.id === 'state:NY:ag_after_hhs')?.deadlineBasis).toContain(
      `the HHS notice recorded on ${day0}`,
    );
  });
});
