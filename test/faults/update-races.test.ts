import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { businessAssociateBreach, coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { incidentWorkflow } from '../../workflows/incident/incident-workflow.js';
import { confirmObligationUpdate, sendCeNoticeUpdate, acknowledgeUpdate, startMailingUpdate } from '../../contract/incident-messages.js';
import type { SendCeNoticeRequest, StartMailingRequest } from '../../contract/incident-types.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

/**
 * Issue 13 item 4 (and 14's "Race"): two concurrent updates with an effect on one incident. Each pair is
 * sent straight to the workflow at the same moment (no client-side check in between), so both reach the
 * same workflow task: the old code let both validators pass and both effects happen.
 */
let engine: EngineUnderTest;
const OBLIGATION = 'ce_notice:lakeside-health';

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'update-races' });
});
afterAll(() => engine?.stop());

async function decidedIncident(ref: string, role: 'business_associate' | 'covered_entity'): Promise<void> {
  const now = await engine.env.currentTimeMs();
  const discoveredAt = new Date(now - 3_600_000).toISOString();
  const facts =
    role === 'business_associate'
      ? businessAssociateBreach(discoveredAt, {
          affected: { byJurisdiction: { NY: 5 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
        })
      : coveredEntityBreach(discoveredAt);
  await engine.service.open({ ref, openedBy: 'responder-1', role, facts });
  await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
  // The plan: BA → its covered entity; CE, 1,200 in CA and NV → HHS, individuals, media in CA.
  const planned = role === 'business_associate' ? 1 : 3;
  for (let i = 0; i < 100 && (await engine.service.status(ref)).obligations.length < planned; i++)
    await new Promise((r) => setTimeout(r, 100));
}

const handle = (ref: string) => engine.env.client.workflow.getHandle<typeof incidentWorkflow>(`incident-${ref}`);
const outbox = () => {
  const dir = path.join(engine.dataDir, 'notice-outbox');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
};
const ceNotice = (requestId: string): SendCeNoticeRequest => ({
  requestId,
  by: 'po',
  obligationId: OBLIGATION,
  to: 'privacy@lakeside.example',
  incident: { ...SYNTHETIC_INCIDENT },
  identitiesExpectedBy: '2030-01-15',
});
const messageOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected'
    ? String((r.reason as Error).cause instanceof Error ? ((r.reason as Error).cause as Error).message : (r.reason as Error).message)
    : '';

describe('one update with an effect per incident at a time (issue 13 item 4)', () => {
  it('two concurrent sendCeNotice with different request ids: one email, the other refused with a clear message', async () => {
    const ref = `RACE-CE-${Date.now()}`;
    await decidedIncident(ref, 'business_associate');
    const before = outbox().length;
    const results = await Promise.allSettled([
      handle(ref).executeUpdate(sendCeNoticeUpdate, { args: [ceNotice(randomUUID())] }),
      handle(ref).executeUpdate(sendCeNoticeUpdate, { args: [ceNotice(randomUUID())] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(messageOf(results.find((r) => r.status === 'rejected')!)).toMatch(
      /another action is in progress on this incident \(sendCeNotice, request .*\): nothing was done/,
    );
    expect(outbox().length - before).toBe(1);
    const state = await engine.service.status(ref);
    expect(state.ceNotices).toHaveLength(1);
    expect(state.timeline.filter((t) => t.action === 'ce_notice_sent')).toHaveLength(1);
    // Once the first has finished, the next action is accepted again.
    await engine.service.sendCeNotice(ref, { ...ceNotice(randomUUID()), requestId: undefined });
    expect((await engine.service.status(ref)).ceNotices).toHaveLength(2);
    // Replayed from now on (test/replay): the 'one-effect-at-a-time' patch's path, a refusal included.
    await saveHistoryFixture('incident-race-ce-notice', handle(ref));
  });

  it('the same request id twice at once: one email, both callers get the first answer', async () => {
    const ref = `RACE-CE-SAME-${Date.now()}`;
    await decidedIncident(ref, 'business_associate');
    const before = outbox().length;
    const id = randomUUID();
    const [a, b] = await Promise.all([
      handle(ref).executeUpdate(sendCeNoticeUpdate, { args: [ceNotice(id)] }),
      handle(ref).executeUpdate(sendCeNoticeUpdate, { args: [ceNotice(id)] }),
    ]);
    expect(b).toEqual(a);
    expect(outbox().length - before).toBe(1);
    expect((await engine.service.status(ref)).ceNotices).toHaveLength(1);
  });

  it('two concurrent confirmations of one obligation: one recorded, one refused', async () => {
    const ref = `RACE-CONFIRM-${Date.now()}`;
    await decidedIncident(ref, 'covered_entity');
    const confirm = (requestId: string, reference: string) =>
      handle(ref).executeUpdate(confirmObligationUpdate, {
        args: [{ requestId, by: 'privacy-officer', obligationId: 'media_notice:CA', evidence: { method: 'press_release', reference } }],
      });
    const results = await Promise.allSettled([confirm(randomUUID(), 'PRESS-A'), confirm(randomUUID(), 'PRESS-B')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(messageOf(results.find((r) => r.status === 'rejected')!)).toMatch(/another action is in progress|already confirmed/);
    const state = await engine.service.status(ref);
    expect(state.timeline.filter((t) => t.action === 'obligation_confirmed' && t.by === 'privacy-officer')).toHaveLength(1);
    await saveHistoryFixture('incident-race-confirm', handle(ref));
  });

  it('two concurrent startMailing with different request ids: one mailing started, the other refused (issue 14)', async () => {
    const ref = `RACE-MAIL-${Date.now()}`;
    await decidedIncident(ref, 'covered_entity');
    // Only the roster's id and counts reach the workflow; the mailing itself may fail later (no such roster
    // in the database): what counts here is how many were started.
    await engine.service.attachRoster(ref, {
      by: 'privacy-officer',
      rosterId: 'ros_race_1',
      recipients: 5,
      rejectedRows: 0,
      byChannel: { email: 5 },
      byJurisdiction: { CA: 5 },
    });
    const mailing = (requestId: string): StartMailingRequest => ({
      requestId,
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: 'ros_race_1',
      content: { ...SYNTHETIC_INCIDENT, incidentRef: ref },
    });
    const results = await Promise.allSettled([
      handle(ref).executeUpdate(startMailingUpdate, { args: [mailing(randomUUID())] }),
      handle(ref).executeUpdate(startMailingUpdate, { args: [mailing(randomUUID())] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(messageOf(results.find((r) => r.status === 'rejected')!)).toMatch(
      /another action is in progress on this incident \(startMailing, request .*\): nothing was done|a mailing of "individual_notice" is already running/,
    );
    const state = await engine.service.status(ref);
    expect(state.mailings).toHaveLength(1);
    expect(state.timeline.filter((t) => t.action === 'mailing_started')).toHaveLength(1);
    // The one child workflow that exists is the first mailing; no second was started.
    const started = await engine.env.client.workflow.getHandle(`incident-${ref}/mailing/individual_notice/1`).describe();
    expect(started.type).toBe('noticeMailingWorkflow');
    await expect(engine.env.client.workflow.getHandle(`incident-${ref}/mailing/individual_notice/2`).describe()).rejects.toThrow();
  });

  it('a confirmation and an acknowledgement at once on one incident: one at a time — the other refused, or (issue 18 §3) run after the confirmation is delivered', async () => {
    const ref = `RACE-MIXED-${Date.now()}`;
    await decidedIncident(ref, 'covered_entity');
    const results = await Promise.allSettled([
      handle(ref).executeUpdate(confirmObligationUpdate, {
        args: [
          {
            requestId: randomUUID(),
            by: 'privacy-officer',
            obligationId: 'media_notice:CA',
            evidence: { method: 'press_release', reference: 'PRESS-C' },
          },
        ],
      }),
      handle(ref).executeUpdate(acknowledgeUpdate, {
        args: [{ requestId: randomUUID(), by: 'incident-owner', obligationId: 'hhs_notice' }],
      }),
    ]);
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) {
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(messageOf(rejected)).toMatch(/another action is in progress on this incident/);
    } else {
      // The confirmation answered once recorded and held the incident until its signal was delivered; the
      // acknowledgement waited for that and ran after it: both recorded, one after the other.
      const actions = (await engine.service.status(ref)).timeline.map((t) => t.action);
      expect(actions.filter((a) => a === 'obligation_confirmed' || a === 'acknowledged')).toEqual(['obligation_confirmed', 'acknowledged']);
    }
  });
});
