/**
 * A late report from a replaced child must not change its successor (patch report-sender-issue-16).
 *
 * A State item the engine withdrew and then tracks again runs under a new workflow id (`…/restart-1`,
 * state-item-restart-issue-16) with the same obligation id. Reports name the obligation, so before this patch a
 * report the withdrawn child sent after the restart — here its own "withdrawn" report, held back by a reminder it
 * was still trying to mail when the withdrawal arrived — was applied to the successor's view: the running notice
 * was shown withdrawn (and with every other notice settled the incident would have closed with it still owed).
 *
 * The crossing is produced on a real time-skipping server: the mail outbox is broken (a file where the folder
 * was) so the old child's reminder is in its activity's retry backoff; the time-skipping server does not move
 * while no client waits, so the withdrawal and the restart both happen inside that window; then the outbox is
 * repaired and time moves on, and the old child's reports arrive after its successor started.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import type { IncidentService } from '../../service/incident-service.js';
import { incidentWorkflowId } from '../../contract/incident-ids.js';
import { obligationChangedSignal, obligationStateQuery } from '../../contract/obligation-messages.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { currentPack, loadPack, RAW_ENTRIES, type StateLawPack } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

const HOUR = 3_600_000;
const TX = 'state:TX:ag_notice';
let pack: StateLawPack = currentPack();
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let service: IncidentService;
beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'replaced-child', stateLawPack: () => pack });
  ({ env, service } = engine);
}, 120_000);
afterAll(() => engine?.stop());

const view = (s: IncidentSnapshot, id: string) => s.obligations.find((o) => o.obligation.id === id);
const withoutTexasAg = (): StateLawPack => {
  const raw = JSON.parse(JSON.stringify(RAW_ENTRIES)) as { jurisdiction: string; obligations: { id: string }[] }[];
  const tx = raw.find((e) => e.jurisdiction === 'TX')!;
  tx.obligations = tx.obligations.filter((o) => o.id !== 'ag_notice');
  return loadPack(raw, '2026.12.03-without-tx-ag');
};

async function openDecided(ref: string): Promise<void> {
  const now = await env.currentTimeMs();
  const facts = {
    ...coveredEntityBreach(new Date(now - HOUR).toISOString()),
    organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider' as const, timeZone: 'America/New_York' },
    affected: { byJurisdiction: { TX: 300 } },
  };
  await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
  await service.recordFacts(ref, { by: 'responder-1', facts });
  await service.decide(ref, { by: 'privacy-officer', reportable: true });
  await env.sleep(2_000);
}

/** Withdraw the Texas AG item (a pack without it), then track it again (this build's pack): a new child, `…/restart-1`. */
async function withdrawAndRestart(ref: string): Promise<void> {
  pack = withoutTexasAg();
  expect(await service.replanStateLaw(ref, { by: 'privacy-officer', expectPack: pack.fingerprint })).toMatchObject({ cancelled: [TX] });
  pack = currentPack();
  expect(await service.replanStateLaw(ref, { by: 'privacy-officer', expectPack: pack.fingerprint })).toMatchObject({ started: [TX] });
}

describe('a late report from a replaced child (issue 16 leftover, patch report-sender-issue-16)', () => {
  it("the withdrawn child's late reports after its restart leave the successor open, and record nothing", async () => {
    const ref = `INC-RC-${Date.now()}`;
    pack = currentPack();
    await openDecided(ref);
    const s0 = await service.status(ref);
    const oldId = view(s0, TX)!.childWorkflowId;
    const oldChild = env.client.workflow.getHandle(oldId);

    // Sleep to 15 s past the old child's first reminder with the outbox broken: attempt 1 (T) and 2 (T+10 s)
    // failed, attempt 3 waits until T+30 s. Time stands still until a client waits again.
    const now = await env.currentTimeMs();
    const first = Math.min(
      ...(await oldChild.query(obligationStateQuery)).tracker.schedule.map((p) => Date.parse(p.at)).filter((t) => t > now),
    );
    const outbox = path.join(engine.dataDir, 'outbox');
    fs.rmSync(outbox, { recursive: true, force: true });
    fs.writeFileSync(outbox, 'not a folder: mail fails until the test repairs it\n');
    try {
      await env.sleep(first - now + 15_000);
      const pending = (await oldChild.describe()).raw.pendingActivities ?? [];
      expect(pending.length, 'the old child is retrying its reminder').toBeGreaterThan(0);
      await withdrawAndRestart(ref);
    } finally {
      fs.rmSync(outbox, { force: true });
      fs.mkdirSync(outbox, { recursive: true });
    }
    const restartedAt = (await service.status(ref)).timeline.length;
    await env.sleep(HOUR);

    // The crossing happened: the old child recorded its withdrawal, then (still in the loop) its reminder, and
    // reported both after the successor had started.
    const old = await oldChild.query(obligationStateQuery);
    expect(old.status).toBe('withdrawn');
    const events = old.events.map((e) => e.event);
    expect(events.indexOf('withdrawn')).toBeGreaterThanOrEqual(0);
    expect(events.slice(events.indexOf('withdrawn')).some((e) => e.startsWith('reminder'))).toBe(true);
    const oldHistory = (await oldChild.fetchHistory()).events ?? [];
    const signalsOut = oldHistory.filter((e) => e.externalWorkflowExecutionSignaledEventAttributes).length;
    expect(signalsOut).toBeGreaterThanOrEqual(3); // planned, …, and the late ones after the withdrawal

    // The successor is the view's workflow and is still owed: not withdrawn by its predecessor's report.
    const s = await service.status(ref);
    const successor = view(s, TX)!;
    expect(successor.childWorkflowId).toBe(`${oldId}/restart-1`);
    expect(successor.status).not.toBe('withdrawn');
    expect((await env.client.workflow.getHandle(successor.childWorkflowId).query(obligationStateQuery)).status).toBe('open');
    // Nothing recorded for the late reports.
    expect(s.timeline.slice(restartedAt).filter((e) => e.action === 'obligation_withdrawn')).toEqual([]);
    expect(s.stage).toBe('notification');

    // And a forged report naming the old child (status withdrawn) is ignored the same way.
    await env.client.workflow.getHandle(incidentWorkflowId(ref)).signal(obligationChangedSignal, {
      obligationId: TX,
      workflowId: oldId,
      status: 'withdrawn',
      escalationLevel: 3,
      remindersSent: 9,
      at: new Date(await env.currentTimeMs()).toISOString(),
    });
    await env.sleep(2_000);
    const after = view(await service.status(ref), TX)!;
    expect(after).toMatchObject({
      status: successor.status,
      escalationLevel: successor.escalationLevel,
      remindersSent: successor.remindersSent,
    });

    // The successor is confirmed like any other notice.
    await service.confirm(ref, { by: 'privacy-officer', obligationId: TX, evidence: { method: 'other', reference: 'TX-AG-FORM-SYN-3' } });
    await env.sleep(2_000);
    expect(view(await service.status(ref), TX)?.status).toBe('confirmed');
    await saveHistoryFixture('incident-replaced-child-late-report', env.client.workflow.getHandle(incidentWorkflowId(ref)));
  }, 240_000);
});
