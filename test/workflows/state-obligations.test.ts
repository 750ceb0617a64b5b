import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';
import type { IncidentService } from '../../service/incident-service.js';
import { incidentWorkflowId } from '../../contract/incident-ids.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { addBusinessDays, localDateOf } from '../../domain/index.js';
import { currentPack, holidaysBetween, loadPack, RAW_ENTRIES, type StateLawPack } from '../../domain/state-law/index.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/**
 * Issue 16 items 3–5 on a real (time-skipping) Temporal server: the State obligations run as obligation
 * workflows (reminders, escalation, confirmation), the NY/IL attorney-general notices get their dates when
 * the HHS notice is confirmed, and "replan with current law" shows and applies a pack change.
 */
const DAY = 86_400_000;
let pack: StateLawPack = currentPack();
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let service: IncidentService;
beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'state-obligations', stateLawPack: () => pack });
  ({ env, service } = engine);
}, 120_000);
afterAll(() => engine?.stop());

const tz = 'America/New_York';
async function openDecided(ref: string, byJurisdiction: Record<string, number>): Promise<void> {
  const now = await env.currentTimeMs();
  const facts = {
    ...coveredEntityBreach(new Date(now - 3_600_000).toISOString()),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider' as const, timeZone: tz },
    affected: { byJurisdiction },
  };
  await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
  await service.recordFacts(ref, { by: 'responder-1', facts });
  await service.decide(ref, { by: 'privacy-officer', reportable: true });
  await env.sleep(2_000);
}
const item = (s: IncidentSnapshot, id: string) => s.stateLaw?.items.find((i) => i.id === id);
const view = (s: IncidentSnapshot, id: string) => s.obligations.find((o) => o.obligation.id === id);
const child = (ref: string, id: string) =>
  env.client.workflow.getHandle(`${incidentWorkflowId(ref)}/obligation/${id}`).query(obligationStateQuery);

describe('State obligations carried by the incident workflow', () => {
  it('NY+IL+TX: TX AG tracked at once; HHS confirmed → NY/IL AG notices dated (business days, State holidays) with reminders; TX reminded, escalated, confirmed', async () => {
    const ref = `INC-SO-${Date.now()}`;
    await openDecided(ref, { NY: 300, IL: 300, TX: 300 });

    let s = await service.status(ref);
    expect(s.stateLaw).toMatchObject({ packVersion: currentPack().version, packFingerprint: currentPack().fingerprint });
    for (const id of ['state:NY:ag_after_hhs', 'state:IL:ag_after_hhs']) {
      expect(item(s, id)).toMatchObject({ status: 'pending', pendingOn: 'hhs_notice' });
      expect(view(s, id)).toBeUndefined();
    }
    // Texas AG: 30 calendar days after determination (the decision), tracked as an obligation workflow.
    const tx = item(s, 'state:TX:ag_notice')!;
    expect(tx).toMatchObject({ status: 'tracked', citation: 'Tex. Bus. & Com. Code § 521.053(i)', packVersion: currentPack().version });
    expect(tx.verification).toMatch(/verified|secondary_sources|unverified/);
    expect(view(s, 'state:TX:ag_notice')).toMatchObject({ obligation: { kind: 'state_notice', deadline: tx.deadline } });
    expect(['planned', 'open']).toContain(view(s, 'state:TX:ag_notice')!.status);
    // Texas' 60-day individual clock runs from the determination, later than HIPAA's from discovery: HIPAA controls.
    expect(item(s, 'state:TX:individual_notice')).toMatchObject({
      status: 'controlled_elsewhere',
      controlledBy: { id: 'individual_notice' },
    });
    expect(view(s, 'state:TX:individual_notice')).toBeUndefined();
    expect(s.timeline.some((e) => e.action === 'state_law_planned' && e.detail?.includes(currentPack().version))).toBe(true);

    await env.sleep(3 * DAY);
    const sentAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
    await service.confirm(ref, {
      by: 'privacy-officer',
      obligationId: 'hhs_notice',
      evidence: { method: 'hhs_portal', reference: 'OCR-SYN-2', sentAt },
    });
    await env.sleep(2_000);
    s = await service.status(ref);
    expect(s.stateLaw?.events.hhsNotifiedAt).toBe(sentAt);
    const day0 = localDateOf(sentAt, tz);
    const year = Number(day0.slice(0, 4));
    for (const code of ['NY', 'IL'] as const) {
      const id = `state:${code}:ag_after_hhs`;
      const expected = addBusinessDays(day0, 5, holidaysBetween(currentPack().entries.get(code)!.holidays, year, year + 1));
      expect(item(s, id)).toMatchObject({ status: 'tracked', deadline: { date: expected } });
      expect(item(s, id)!.deadlineBasis).toContain(`the HHS notice recorded on ${day0}`);
      expect(view(s, id)).toMatchObject({ obligation: { kind: 'state_notice', deadline: { date: expected } } });
      expect((await child(ref, id)).tracker.schedule.length).toBeGreaterThan(0);
    }
    // Reminders before the NY/IL dates (5 business days ≤ 9 calendar days away).
    await env.sleep(8 * DAY);
    for (const id of ['state:NY:ag_after_hhs', 'state:IL:ag_after_hhs'])
      expect((await child(ref, id)).events.map((e) => e.event)).toContain('reminder_sent');

    // Texas: reminded, escalated up the chain when nobody acknowledges, then confirmed with evidence.
    await env.sleep(20 * DAY);
    const txState = await child(ref, 'state:TX:ag_notice');
    const events = txState.events.map((e) => e.event);
    expect(events).toContain('reminder_sent');
    expect(events.some((e) => e === 'escalated' || e === 'overdue_escalation')).toBe(true);
    expect(txState.tracker.level).toBeGreaterThan(0);
    await service.confirm(ref, {
      by: 'privacy-officer',
      obligationId: 'state:TX:ag_notice',
      evidence: { method: 'other', reference: 'TX-AG-FORM-SYN-1' },
    });
    await env.sleep(2_000);
    s = await service.status(ref);
    expect(view(s, 'state:TX:ag_notice')?.status).toBe('confirmed');
    expect((await child(ref, 'state:TX:ag_notice')).status).toBe('confirmed');
    expect(engine.mails().some((m) => m.includes('Texas Attorney General'))).toBe(true);
    await saveHistoryFixture('incident-state-law-ny-il-tx', env.client.workflow.getHandle(incidentWorkflowId(ref)));
  }, 240_000);

  it('replan with current law across a pack change: preview shows added / removed / moved with rule and reason; applied, it is recorded', async () => {
    const ref = `INC-SR-${Date.now()}`;
    pack = currentPack();
    await openDecided(ref, { TX: 300, IL: 300 });
    let s = await service.status(ref);
    const txBefore = item(s, 'state:TX:ag_notice')!;
    expect(item(s, 'state:IL:ag_after_hhs')?.status).toBe('pending');
    expect(item(s, 'state:IL:ag_over_500')).toBeUndefined();

    // A pack variant: the Texas AG clock 30 → 20 days; Illinois' HHS-anchored AG notice dropped; its
    // AG notice (no later than the individual notices) owed by a HIPAA entity from more than 100 residents.
    const raw = JSON.parse(JSON.stringify(RAW_ENTRIES)) as {
      jurisdiction: string;
      obligations: { id: string; clock: { amount: number }; trigger: { residents: { moreThan?: number } }; hipaa: { interplay: string } }[];
    }[];
    const entry = (code: string) => raw.find((e) => e.jurisdiction === code)!;
    entry('TX').obligations.find((o) => o.id === 'ag_notice')!.clock.amount = 20;
    entry('IL').obligations = entry('IL').obligations.filter((o) => o.id !== 'ag_after_hhs');
    const ilAg = entry('IL').obligations.find((o) => o.id === 'ag_over_500')!;
    ilAg.trigger.residents = { moreThan: 100 };
    ilAg.hipaa.interplay = 'owed';
    pack = loadPack(raw, '2026.12.03-test');

    const preview = await service.replanStateLaw(ref, { by: 'privacy-officer', preview: true });
    expect(preview.applied).toBe(false);
    expect(preview.diff.toPack).toContain('2026.12.03-test');
    const change = (id: string) => preview.diff.changes.find((c) => c.id === id);
    expect(change('state:TX:ag_notice')).toMatchObject({ change: 'moved', from: txBefore.deadline!.date, citation: txBefore.citation });
    expect(change('state:TX:ag_notice')!.reason).toContain('20 calendar day(s) after');
    expect(change('state:IL:ag_after_hhs')).toMatchObject({ change: 'removed' });
    expect(change('state:IL:ag_over_500')).toMatchObject({ change: 'added' });
    // The preview changed nothing.
    s = await service.status(ref);
    expect(s.stateLaw?.packFingerprint).toBe(currentPack().fingerprint);
    expect(s.stateLaw?.replans).toEqual([]);

    // The pack previewed is not the one applied: refused.
    await expect(
      service.replanStateLaw(ref, { by: 'privacy-officer', expectPack: currentPack().fingerprint, note: 'stale preview' }),
    ).rejects.toThrow(/expectPack/);

    const applied = await service.replanStateLaw(ref, {
      by: 'privacy-officer-2',
      expectPack: pack.fingerprint,
      note: 'test pack: Texas AG clock shortened',
    });
    expect(applied).toMatchObject({ applied: true, rescheduled: ['state:TX:ag_notice'] });
    await env.sleep(2_000);
    s = await service.status(ref);
    expect(s.stateLaw).toMatchObject({ packVersion: '2026.12.03-test', packFingerprint: pack.fingerprint });
    expect(s.stateLaw?.replans).toHaveLength(1);
    expect(s.stateLaw?.replans[0]).toMatchObject({ appliedBy: 'privacy-officer-2', note: 'test pack: Texas AG clock shortened' });
    expect(item(s, 'state:IL:ag_after_hhs')).toMatchObject({ status: 'cancelled' });
    expect(item(s, 'state:IL:ag_after_hhs')!.cancelledReason).toContain('replan with current law by privacy-officer-2');
    expect(item(s, 'state:IL:ag_over_500')).toMatchObject({
      status: 'pending',
      pendingOn: 'individual_notice',
      packVersion: '2026.12.03-test',
    });
    const txAfter = item(s, 'state:TX:ag_notice')!;
    expect(txAfter.deadline!.date < txBefore.deadline!.date).toBe(true);
    expect((await child(ref, 'state:TX:ag_notice')).obligation.deadline.date).toBe(txAfter.deadline!.date);
    expect(s.timeline.find((e) => e.action === 'state_law_replanned')).toMatchObject({ by: 'privacy-officer-2' });
    expect(s.timeline.find((e) => e.action === 'state_law_replanned')?.detail).toContain('1 added, 1 removed, 1 moved');

    // Nothing left to apply: refused, nothing recorded.
    await expect(service.replanStateLaw(ref, { by: 'privacy-officer' })).rejects.toThrow(/nothing to replan/);
    pack = currentPack();
  }, 180_000);

  it('an item a replan cancelled and a later replan plans again gets a new running obligation workflow (patch state-item-restart-issue-16)', async () => {
    const ref = `INC-SA-${Date.now()}`;
    pack = currentPack();
    await openDecided(ref, { TX: 300 });
    let s = await service.status(ref);
    const firstChild = view(s, 'state:TX:ag_notice')!.childWorkflowId;
    expect(firstChild).toBe(`${incidentWorkflowId(ref)}/obligation/state:TX:ag_notice`);

    // A pack without the Texas AG notice: applied, the item is cancelled and its workflow withdrawn.
    const raw = JSON.parse(JSON.stringify(RAW_ENTRIES)) as { jurisdiction: string; obligations: { id: string }[] }[];
    const tx = raw.find((e) => e.jurisdiction === 'TX')!;
    tx.obligations = tx.obligations.filter((o) => o.id !== 'ag_notice');
    pack = loadPack(raw, '2026.12.03-without-tx-ag');
    const removed = await service.replanStateLaw(ref, { by: 'privacy-officer', expectPack: pack.fingerprint });
    expect(removed).toMatchObject({ applied: true, cancelled: ['state:TX:ag_notice'] });
    await env.sleep(2_000);
    s = await service.status(ref);
    expect(item(s, 'state:TX:ag_notice')).toMatchObject({ status: 'cancelled' });
    expect(view(s, 'state:TX:ag_notice')?.status).toBe('withdrawn');
    expect((await child(ref, 'state:TX:ag_notice')).status).toBe('withdrawn');

    // Back to this build's pack: the notice is added again — it must run again, on a new workflow id.
    pack = currentPack();
    const readded = await service.replanStateLaw(ref, { by: 'privacy-officer', expectPack: pack.fingerprint });
    expect(readded.diff.changes.find((c) => c.id === 'state:TX:ag_notice')).toMatchObject({ change: 'added' });
    expect(readded).toMatchObject({ applied: true, started: ['state:TX:ag_notice'] });
    await env.sleep(2_000);
    s = await service.status(ref);
    expect(item(s, 'state:TX:ag_notice')).toMatchObject({ status: 'tracked', packVersion: currentPack().version });
    const again = view(s, 'state:TX:ag_notice')!;
    expect(again.childWorkflowId).toBe(`${firstChild}/restart-1`);
    expect(['planned', 'open']).toContain(again.status);
    expect(s.obligations.filter((o) => o.obligation.id === 'state:TX:ag_notice')).toHaveLength(1);
    const running = await env.client.workflow.getHandle(again.childWorkflowId).query(obligationStateQuery);
    expect(running.status).not.toBe('withdrawn');
    expect(running.obligation.deadline.date).toBe(item(s, 'state:TX:ag_notice')!.deadline!.date);
    expect(s.timeline.filter((e) => e.action === 'state_obligation_planned' && e.detail?.includes('started again'))).toHaveLength(1);
    // The person can confirm it like any other.
    await service.confirm(ref, {
      by: 'privacy-officer',
      obligationId: 'state:TX:ag_notice',
      evidence: { method: 'other', reference: 'TX-AG-FORM-SYN-2' },
    });
    await env.sleep(2_000);
    expect(view(await service.status(ref), 'state:TX:ag_notice')?.status).toBe('confirmed');
    expect((await env.client.workflow.getHandle(again.childWorkflowId).query(obligationStateQuery)).status).toBe('confirmed');
  }, 180_000);

  it('refusals: a responder cannot replan (403), legal may preview but not apply (403); a bad request names the field', async () => {
    const ref = `INC-SX-${Date.now()}`;
    pack = currentPack();
    await openDecided(ref, { TX: 300 });
    const tokens = {
      responder: 'tok-so-responder-0123456789',
      privacy_officer: 'tok-so-privacy-0123456789',
      legal: 'tok-so-legal-counsel-0123456789',
    } as const;
    const api: FastifyInstance = buildHttpApi({
      service,
      client: env.client,
      tokens: new TokenStore([
        { userId: 'responder-1', role: 'responder', token: tokens.responder },
        { userId: 'privacy-officer', role: 'privacy_officer', token: tokens.privacy_officer },
        { userId: 'legal-1', role: 'legal', token: tokens.legal },
      ]),
      accessLog: () => undefined,
      console: false,
    });
    await api.ready();
    try {
      const post = (token: string, payload: Record<string, unknown>) =>
        api.inject({ method: 'POST', url: `/incidents/${ref}/state-law/replan`, headers: { authorization: `Bearer ${token}` }, payload });
      const denied = await post(tokens.responder, { preview: true });
      expect(denied.statusCode).toBe(403);
      expect(denied.body).toContain('role responder may not replanStateLaw');
      const bad = await post(tokens.privacy_officer, { preview: 'yes' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('body.preview');
      expect(bad.body).not.toMatch(/at .*\.ts:\d+/);
      const ok = await post(tokens.privacy_officer, { preview: true });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(JSON.parse(ok.body)).toMatchObject({ applied: false, diff: { samePack: true, changes: [] } });
      // Legal: the preview yes; applying changes the plan — only the roles that may decide (403 naming the rule).
      const legalPreview = await post(tokens.legal, { preview: true });
      expect(legalPreview.statusCode, legalPreview.body).toBe(200);
      for (const body of [{}, { preview: false, note: 'counsel wants it' }]) {
        const legalApply = await post(tokens.legal, body);
        expect(legalApply.statusCode, legalApply.body).toBe(403);
        expect(legalApply.body).toContain('role legal may preview a replan with current law (preview: true) but not apply it');
        expect(legalApply.body).toContain('only the roles that may decide apply it (allowed: privacy_officer, admin)');
      }
      // The privacy officer may apply: past the role check, refused only because nothing would change.
      const poApply = await post(tokens.privacy_officer, {});
      expect(poApply.statusCode).not.toBe(403);
      expect(poApply.body).toMatch(/nothing to replan/);
      const me = await api.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${tokens.legal}` } });
      const actions = (JSON.parse(me.body) as { actions: string[] }).actions;
      expect(actions).toContain('replanStateLaw');
      expect(actions).not.toContain('applyStateLawReplan');
    } finally {
      await api.close();
    }
    // The workflow's own validator names the field too (a request that bypasses the service's schema).
    const handle = env.client.workflow.getHandle(incidentWorkflowId(ref));
    await expect(
      handle.executeUpdate('replanStateLaw', { args: [{ requestId: 'r-bad-1', by: 'privacy-officer', note: 42 }] }),
    ).rejects.toThrow();
    const s = await service.status(ref);
    expect(s.stateLaw?.replans).toEqual([]);
  }, 120_000);
});
