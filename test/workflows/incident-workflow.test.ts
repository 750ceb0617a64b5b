import { confirmUntilClosed } from '../harness/confirm-all.js';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { saveHistoryFixture } from '../harness/history-fixtures.js';
import { BreachOverdue } from '../../contract/search-attributes.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';
import { IncidentService, IncidentError } from '../../service/incident-service.js';
import { businessAssociateBreach, coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const DAY = 86_400_000;
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let service: IncidentService;
let mails: () => string[];

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'incidents' });
  ({ env, service, mails } = engine);
});
afterAll(() => engine?.stop());

/** Runs a test body (the worker is already running). */
const within = <T>(fn: () => Promise<T>): Promise<T> => fn();

describe('incident workflow (time-skipping)', () => {
  it('a reportable covered-entity breach of 1,200 people in two states: plan, reminders, confirmations, closed and archived', async () => {
    const ref = `INC-CE-${Date.now()}`;
    const result = await within(async () => {
      const now = await env.currentTimeMs();
      const discoveredAt = new Date(now - 3_600_000).toISOString();
      await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
      const rec = await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(discoveredAt) });
      expect(rec.reportable).toBe(true);
      expect(rec.rationale.join('\n')).toMatch(/Factor \(i\).*Factor \(ii\).*Factor \(iii\).*Factor \(iv\)/s);

      // Deciding against the recommendation without a justification is refused, and changes nothing.
      await expect(service.decide(ref, { by: 'privacy-officer', reportable: false })).rejects.toThrow(
        /justification: is required: the decision \(not reportable\) differs from the recommendation/,
      );
      expect((await service.status(ref)).decision).toBeUndefined();
      await service.decide(ref, { by: 'privacy-officer', reportable: true });

      await env.sleep(2_000);
      let state = await service.status(ref);
      expect(state.stage).toBe('notification');
      // 1,200 in total → HHS with the individual notices; CA 700 → media; NV exactly 500 → no media. Issue 16:
      // California's own individual-notice clock (earlier than HIPAA's) is tracked too.
      expect(state.obligations.map((o) => o.obligation.id).sort()).toEqual([
        'hhs_notice',
        'individual_notice',
        'media_notice:CA',
        'state:CA:individual_notice_30',
      ]);
      const individual = state.obligations.find((o) => o.obligation.id === 'individual_notice')!;
      const discoveryDay = new Date(new Date(discoveredAt).toLocaleString('en-US', { timeZone: 'America/Los_Angeles' }));
      discoveryDay.setDate(discoveryDay.getDate() + 60);
      expect(individual.obligation.deadline.date).toBe(discoveryDay.toLocaleDateString('en-CA'));

      // Skip to just after the target-7d reminders (day 23 at 09:00 local): the owner was reminded.
      await env.sleep(24 * DAY);
      const hhs = await env.client.workflow
        .getHandle(individual.childWorkflowId.replace('individual_notice', 'hhs_notice'))
        .query(obligationStateQuery);
      // Default policy: reminders 14 and 7 days before the target (days 16 and 23) have gone out, each at
      // its scheduled moment (09:00 local), to the owner.
      const reminders = hhs.remindersSent.filter((r) => r.kind === 'reminder');
      expect(reminders.length).toBe(2);
      for (const [i, r] of reminders.entries()) {
        const point = hhs.tracker.schedule.filter((p) => Date.parse(p.at) <= Date.parse(r.at)).at(-1)!;
        expect(point.id).toBe(['target-14d', 'target-7d'][i]);
        expect(Date.parse(r.at) - Date.parse(point.at)).toBeLessThan(60_000);
        expect(r.to[0]).toBe('incident-owner');
      }
      // Nobody acknowledged the first reminder: it escalated to the privacy officer, then to counsel, and
      // the next reminder went to the owner and the rung reached.
      expect(hhs.remindersSent.map((r) => [r.kind, r.level])).toEqual([
        ['reminder', 0],
        ['escalation', 1],
        ['escalation', 2],
        ['reminder', 2],
      ]);
      expect(reminders[1]!.to).toEqual(['incident-owner', 'counsel']);
      expect(mails().some((m) => m.includes('[Reminder]') && m.includes(ref))).toBe(true);

      // Confirming an obligation that is not planned is refused with the list of planned ones.
      await expect(
        service.confirm(ref, { by: 'responder-1', obligationId: 'media_notice:NV', evidence: { method: 'press_release' } }),
      ).rejects.toThrow(/not a planned obligation.*planned: /);

      // Issue 16: confirming the HIPAA notices dates and starts the State items anchored on them; confirm those too.
      await confirmUntilClosed(service, ref, (o) => ({
        method:
          o.obligation.kind === 'hhs_notice' ? 'hhs_portal' : o.obligation.kind === 'media_notice' ? 'press_release' : 'first_class_mail',
        reference: `EVID-${o.obligation.id}`,
      }));
      state = await service.status(ref);
      expect(state.obligations.every((o) => o.status === 'confirmed')).toBe(true);
      return service.result(ref);
    });
    expect(result.stage).toBe('closed');
    expect(result.closure).toMatch(/every required notice confirmed/);
    expect(result.evidence?.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(result.evidence!.path)).toBe(true);
    expect(result.timeline.map((t) => t.action)).toEqual(
      expect.arrayContaining([
        'opened',
        'facts_recorded',
        'decided',
        'obligation_planned',
        'obligation_confirmed',
        'closed',
        'evidence_archived',
      ]),
    );
    await saveHistoryFixture('incident-ce-1200-two-states', env.client.workflow.getHandle(`incident-${ref}`));
  });

  it('a business associate with a 10-business-day BAA term: one covered-entity notice due on the 10th business day', async () => {
    const ref = `INC-BA-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      await service.open({
        ref,
        openedBy: 'responder-2',
        role: 'business_associate',
        facts: businessAssociateBreach(new Date(now - 3_600_000).toISOString()),
      });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      await env.sleep(2_000);
      const state = await service.status(ref);
      expect(state.obligations.map((o) => o.obligation.id)).toEqual(['ce_notice:lakeside-health']);
      const o = state.obligations[0]!.obligation;
      // 10 business days after discovery: 14 calendar days (two weekends), never the regulation's 60.
      const gap = Math.round((Date.parse(o.deadline.date) - Date.parse(state.obligations[0]!.obligation.target.date)) / DAY);
      expect(gap).toBe(0); // the target cannot be later than the contractual deadline
      const days = Math.round(
        (Date.parse(o.deadline.date) - Date.parse(new Date(now).toLocaleDateString('en-CA', { timeZone: 'America/New_York' }))) / DAY,
      );
      expect(days).toBeGreaterThanOrEqual(12);
      expect(days).toBeLessThanOrEqual(16);
      await service.confirm(ref, {
        by: 'responder-2',
        obligationId: o.id,
        evidence: { method: 'secure_transfer', reference: 'SFTP-0001' },
      });
      const result = await service.result(ref);
      expect(result.stage).toBe('closed');
    });
    await saveHistoryFixture('incident-ba-baa-term', env.client.workflow.getHandle(`incident-${ref}`));
  });

  it('not a breach: decided and documented, closed with the record archived', async () => {
    const ref = `INC-NB-${Date.now()}`;
    const result = await within(async () => {
      const now = await env.currentTimeMs();
      const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString(), {
        security: { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no', destroyed: 'no' },
      });
      await service.open({ ref, openedBy: 'responder-3', role: 'covered_entity', facts });
      const state = await service.status(ref);
      expect(state.recommendation).toMatchObject({ reportable: false, outcome: 'secured' });
      await service.decide(ref, { by: 'privacy-officer', reportable: false });
      return service.result(ref);
    });
    expect(result.stage).toBe('closed');
    expect(result.obligations).toEqual([]);
    expect(result.closure).toMatch(/not a reportable breach/);
    expect(result.evidence?.entries).toBeGreaterThan(3);
    await saveHistoryFixture('incident-not-a-breach', env.client.workflow.getHandle(`incident-${ref}`));
  });

  it('invalid facts are refused with the field and rule, and nothing is recorded', async () => {
    const ref = `INC-BAD-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      await service.open({ ref, openedBy: 'responder-4', role: 'covered_entity' });
      const facts = coveredEntityBreach(new Date(now + 5 * DAY).toISOString());
      const err = await service.recordFacts(ref, { by: 'responder-4', facts }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IncidentError);
      // Invalid input, not a refusal (issue 13 item 7): the issues name the field and the rule.
      expect((err as IncidentError).code).toBe('invalid_input');
      expect((err as Error).message).toMatch(/dates\.discoveredAt: is in the future/);
      expect((err as IncidentError).issues?.map((i) => i.path)).toContain('facts.dates.discoveredAt');
      const state = await service.status(ref);
      expect(state.factsVersion).toBe(0);
      expect(state.stage).toBe('intake');
      // Deciding before any assessment is refused too.
      await expect(service.decide(ref, { by: 'privacy-officer', reportable: true })).rejects.toThrow(/no assessment yet/);
    });
  });

  it('a repeated request id is a no-op that returns the first answer', async () => {
    const ref = `INC-DUP-${Date.now()}`;
    const now = await env.currentTimeMs();
    await service.open({ ref, openedBy: 'responder-8', role: 'covered_entity' });
    const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString());
    const first = await service.recordFacts(ref, { requestId: 'req-1', by: 'responder-8', facts });
    const again = await service.recordFacts(ref, { requestId: 'req-1', by: 'responder-8', facts: { ...facts, urgent: true } });
    expect(again).toEqual(first);
    const state = await service.status(ref);
    expect(state.factsVersion).toBe(1);
    expect(state.timeline.filter((t) => t.action === 'facts_recorded')).toHaveLength(1);
    const d1 = await service.decide(ref, { requestId: 'dec-1', by: 'privacy-officer', reportable: true });
    const d2 = await service.decide(ref, { requestId: 'dec-1', by: 'privacy-officer', reportable: true });
    expect(d2).toEqual(d1);
  });

  it('a missed deadline: overdue, flagged for visibility, escalation walked to the top', async () => {
    const ref = `INC-LATE-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      await service.open({
        ref,
        openedBy: 'responder-5',
        role: 'covered_entity',
        facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString(), { affected: { byJurisdiction: { TX: 40 } } }),
      });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      await env.sleep(64 * DAY);
      const state = await service.status(ref);
      const individual = state.obligations.find((o) => o.obligation.id === 'individual_notice')!;
      expect(individual.status).toBe('overdue');
      expect(individual.escalationLevel).toBe(2); // counsel: the top of the default chain
      expect(state.timeline.some((t) => t.action === 'obligation_overdue')).toBe(true);
      const desc = await env.client.workflow.getHandle(`incident-${ref}`).describe();
      expect(desc.typedSearchAttributes.get(BreachOverdue)).toBe(true);
      // The annual-log obligation (40 people) is due 60 days after the end of the year of discovery (164.408(c)):
      // overdue only once the simulated clock has passed that deadline. (The time-skipping server's clock starts at
      // today's date and earlier tests move it on, so in December the 64 days can cross it.)
      const log = state.obligations.find((o) => o.obligation.id === 'hhs_annual_log')!;
      const pastLogDeadline = (await env.currentTimeMs()) > Date.parse(log.obligation.deadline.instant);
      expect(log.status === 'overdue', `annual log due ${log.obligation.deadline.instant}`).toBe(pastLogDeadline);
    });
  });

  it('a correction that moves discovery earlier tightens every deadline, and is recorded with who and why', async () => {
    const ref = `INC-CORR-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString());
      await service.open({ ref, openedBy: 'responder-6', role: 'covered_entity', facts });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      await env.sleep(2_000);
      const before = await service.status(ref);
      // A correction without a reason is refused.
      await expect(service.recordFacts(ref, { by: 'privacy-officer', facts })).rejects.toThrow(/reason: required/);
      const earlier = {
        ...facts,
        dates: { ...facts.dates, discoveredAt: new Date(now - 10 * DAY).toISOString() },
        affected: { byJurisdiction: { CA: 700, NV: 501 } },
      };
      await service.recordFacts(ref, {
        by: 'privacy-officer',
        facts: earlier,
        reason: 'forensics found the alert was seen 10 days earlier; NV count revised',
      });
      await env.sleep(2_000);
      const after = await service.status(ref);
      // Every deadline moved earlier by exactly as many days as the local discovery date did.
      const localDay = (iso: string) => Date.parse(new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' }));
      const shift = localDay(earlier.dates.discoveredAt) - localDay(facts.dates.discoveredAt);
      expect(shift).toBeLessThanOrEqual(-9 * DAY);
      for (const o of before.obligations) {
        const moved = after.obligations.find((x) => x.obligation.id === o.obligation.id)!;
        expect(Date.parse(moved.obligation.deadline.date) - Date.parse(o.obligation.deadline.date)).toBe(shift);
      }
      // NV now has 501 residents: a media notice for NV was added.
      expect(after.obligations.map((o) => o.obligation.id)).toContain('media_notice:NV');
      const corr = after.timeline.find((t) => t.action === 'facts_corrected')!;
      expect(corr.by).toBe('privacy-officer');
      expect(corr.detail).toMatch(/forensics found/);
      // (State obligations, issue 16, are rescheduled by their own entries.)
      expect(
        after.timeline.filter((t) => t.action === 'obligation_rescheduled' || t.action === 'state_obligation_rescheduled').length,
      ).toBe(before.obligations.length);
      // The running child workflows got the new dates too.
      const child = await env.client.workflow.getHandle(after.obligations[0]!.childWorkflowId).query(obligationStateQuery);
      expect(child.obligation.deadline.date).toBe(after.obligations[0]!.obligation.deadline.date);
    });
    await saveHistoryFixture('incident-correction-earlier-discovery', env.client.workflow.getHandle(`incident-${ref}`));
  });

  it('an oral law-enforcement delay followed by a written one holds notices; the deadline moves only when a delay outlasts it (rule edition 2)', async () => {
    const ref = `INC-LE-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      await service.open({
        ref,
        openedBy: 'responder-7',
        role: 'covered_entity',
        facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString()),
      });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      await env.sleep(2_000);
      const base = (await service.status(ref)).obligations.find((o) => o.obligation.id === 'individual_notice')!.obligation;

      await service.hold(ref, {
        by: 'privacy-officer',
        statement: {
          kind: 'oral',
          official: 'Det. Example (synthetic)',
          agency: 'Metro Police (synthetic)',
          receivedAt: new Date(now).toISOString(),
        },
      });
      await env.sleep(2_000);
      const oral = (await service.status(ref)).obligations.find((o) => o.obligation.id === 'individual_notice')!.obligation;
      expect(oral.heldUntil).toBe(new Date(now + 30 * DAY).toISOString()); // 164.412(b): at most 30 days
      // Issue 12: a new incident plans with rule edition 2 (its history carries the patch marker), where a
      // delay postpones the notice but grants no extra time: the 30-day hold ends before day 60.
      const started = await service.status(ref);
      expect(started.rulesVersion).toBe(2);
      const history = await env.client.workflow.getHandle(`incident-${ref}`).fetchHistory();
      const markerText = (history.events ?? [])
        .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}))
        .flatMap((p) => p.payloads ?? [])
        .map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'))
        .join('\n');
      expect(markerText).toContain('rule-fidelity-issue-12');
      expect(oral.deadline.date).toBe(base.deadline.date);
      // Confirming a held notice is refused (164.412).
      await expect(
        service.confirm(ref, { by: 'responder-7', obligationId: 'individual_notice', evidence: { method: 'first_class_mail' } }),
      ).rejects.toThrow(/held by a law-enforcement delay/);

      await env.sleep(10 * DAY);
      const t = await env.currentTimeMs();
      await service.hold(ref, {
        by: 'privacy-officer',
        statement: {
          kind: 'written',
          official: 'Det. Example (synthetic)',
          agency: 'Metro Police (synthetic)',
          receivedAt: new Date(t).toISOString(),
          endsAt: new Date(t + 65 * DAY).toISOString(),
        },
      });
      await env.sleep(2_000);
      const written = (await service.status(ref)).obligations.find((o) => o.obligation.id === 'individual_notice')!.obligation;
      expect(written.heldUntil).toBe(new Date(t + 65 * DAY).toISOString());
      // The written delay runs to about day 75, past day 60: the deadline is the day it ends.
      expect(written.deadline.date).toBe(new Date(t + 65 * DAY).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' }));
      expect(Date.parse(written.deadline.date)).toBeGreaterThan(Date.parse(oral.deadline.date));
      const state = await service.status(ref);
      expect(state.timeline.filter((x) => x.action === 'law_enforcement_delay_started')).toHaveLength(2);
    });
    await saveHistoryFixture('incident-law-enforcement-oral-then-written', env.client.workflow.getHandle(`incident-${ref}`));
  });

  it('issue 12 item 1: a second oral statement does not restart the 30 days; the attempt is recorded on the timeline', async () => {
    const ref = `INC-LE2-${Date.now()}`;
    await within(async () => {
      const now = await env.currentTimeMs();
      await service.open({
        ref,
        openedBy: 'responder-8',
        role: 'covered_entity',
        facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString()),
      });
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      const official = { official: 'Det. Example (synthetic)', agency: 'Metro Police (synthetic)' };
      await service.hold(ref, { by: 'privacy-officer', statement: { kind: 'oral', ...official, receivedAt: new Date(now).toISOString() } });
      await env.sleep(20 * DAY);
      const t = await env.currentTimeMs();
      await service.hold(ref, { by: 'privacy-officer', statement: { kind: 'oral', ...official, receivedAt: new Date(t).toISOString() } });
      await env.sleep(2_000);
      const state = await service.status(ref);
      const o = state.obligations.find((x) => x.obligation.id === 'individual_notice')!.obligation;
      expect(o.heldUntil).toBe(new Date(now + 30 * DAY).toISOString()); // not t + 30 days (164.412(b))
      const capped = state.timeline.filter((x) => x.action === 'law_enforcement_delay_capped');
      expect(capped).toHaveLength(1);
      expect(capped[0]!.detail).toMatch(/would extend the delay past .* WRITTEN statement .*164\.412\(b\)/);
      expect(state.lawEnforcementDelays).toHaveLength(2); // both statements stay recorded
    });
  });
});
