/**
 * Issue 18 leftover ("Unable to signal external workflow … not found" in the 60-day simulation): a business
 * associate's incident that lived long enough to continue as new (its overdue notice to the covered entity is
 * re-escalated every few hours: each report is history) ended without waiting for the obligation workflow it
 * had just told to finish, because that child was started by an earlier run (children-end-first-issue-18 waits
 * only for the children of the run that ends). The child's last report ("confirmed") then reached a closed
 * incident: lost from its record, a warning in the worker's log. Here the continue-as-new is forced early with
 * a small history limit, as the 60-day incident reaches the server's suggestion, and the child is made slow to
 * finish (its mail in retry backoff when the confirmation arrives) so the crossing happens every run.
 * On the code before: the child's history ends with SignalExternalWorkflowExecutionFailed (not found).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { businessAssociateBreach } from '../fixtures/synthetic-facts.js';
import { IncidentService } from '../../service/incident-service.js';
import { obligationStateQuery } from '../../contract/obligation-messages.js';
import { nextWakeAt } from '../../workflows/deadline-tracker.js';
import fs from 'node:fs';
import path from 'node:path';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

const EventType = proto.temporal.api.enums.v1.EventType;
const DAY = 86_400_000;
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'children-end-can' });
  ({ env } = engine);
});
afterAll(() => engine?.stop());

describe('an incident ends after the obligation workflows of its earlier runs have reported (issue 18 leftover)', () => {
  it('a BA incident continued as new, its notice confirmed in a later run: the child reports to a running incident, then 60 days pass', async () => {
    const service = new IncidentService({ client: env.client, taskQueue: engine.taskQueue, historyEventLimit: 60 });
    const ref = `INC-BA-CAN-${Date.now()}`;
    const now = await env.currentTimeMs();
    await service.open({
      ref,
      openedBy: 'responder-1',
      role: 'business_associate',
      facts: businessAssociateBreach(new Date(now - 56 * DAY).toISOString()),
    });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });
    const incident = env.client.workflow.getHandle(`incident-${ref}`);
    const firstRun = (await incident.describe()).runId;
    await env.sleep(2_000);
    const ce = (await service.status(ref)).obligations.find((o) => o.obligation.kind === 'ce_notice')!;
    // Overdue from the start (discovered 56 days ago): escalated and re-escalated; the incident continues as new.
    for (let i = 0; i < 10 && (await incident.describe()).runId === firstRun; i++) await env.sleep(DAY);
    expect((await incident.describe()).runId).not.toBe(firstRun);
    const child = env.client.workflow.getHandle(ce.childWorkflowId);
    const before = await child.query(obligationStateQuery);
    expect(before.status).toBe('overdue');

    // The confirmation arrives while the child is mailing its next re-escalation (the outbox broken: the activity
    // sits in its retry backoff, 10 s then 20 s; time stands still until a client waits), so its reports — the
    // escalation's and its last one — come after the incident has closed, unless the incident waits for them.
    const status = await service.status(ref);
    const wake = nextWakeAt(before.tracker, status.policy!)!;
    const outbox = path.join(engine.dataDir, 'outbox');
    fs.rmSync(outbox, { recursive: true, force: true });
    fs.writeFileSync(outbox, 'not a folder: mail fails until the test repairs it\n');
    try {
      await env.sleep(wake - (await env.currentTimeMs()) + 15_000);
      expect((await child.describe()).raw.pendingActivities?.length ?? 0, 'the child is retrying its escalation').toBeGreaterThan(0);
      await service.confirm(ref, {
        by: 'privacy-officer',
        obligationId: ce.obligation.id,
        evidence: { method: 'secure_transfer', reference: 'CE-NOTICE-SYN-1' },
      });
    } finally {
      fs.rmSync(outbox, { force: true });
      fs.mkdirSync(outbox, { recursive: true });
    }
    const closed = await service.result(ref);
    expect(closed.stage).toBe('closed');
    // 60 more days (the bench's horizon): nothing left to report, time keeps moving.
    await env.sleep(60 * DAY);

    const childHistory = (await child.fetchHistory()).events ?? [];
    const failedSignals = childHistory.filter((e) => e.eventType === EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED);
    expect(failedSignals, 'the obligation workflow signalled a closed incident ("not found")').toEqual([]);
    expect(childHistory.at(-1)?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    // Its last report is in the incident's record: the counters it reported last are the incident's.
    const final = await child.query(obligationStateQuery);
    const view = closed.obligations.find((o) => o.obligation.id === ce.obligation.id)!;
    expect(final.status).toBe('confirmed');
    expect(view).toMatchObject({ status: 'confirmed', remindersSent: final.remindersSent.length, escalationLevel: final.tracker.level });
    await saveHistoryFixture('incident-ba-continued-final-reports', incident);
  }, 300_000);
});
