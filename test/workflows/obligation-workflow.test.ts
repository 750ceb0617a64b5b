import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startTimeSkippingEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { obligationWorkflow, type ObligationInput } from '../../workflows/obligation-workflow.js';
import { acknowledgeObligationSignal, confirmObligationSignal, obligationStateQuery } from '../../contract/obligation-messages.js';
import { parsePolicy, DEFAULT_POLICY_INPUT } from '../../domain/notification-policy.js';
import { localDayAt } from '../../domain/reminder-schedule.js';
import { createEngineMailer } from '../../delivery/engine-mailer.js';
import { createDeadlineNoticeActivities } from '../../activities/deadline-notices.js';
import { computeReminderSchedule } from '../../activities/schedule-reminders.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

const DAY = 86_400_000;
const tz = 'America/Chicago';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-obligation-'));
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    startTimeSkippingEnv(),
    bundle(fileURLToPath(new URL('../../workflows/index.ts', import.meta.url))),
  ]);
});
afterAll(async () => {
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Local date `days` after the date of `ms` in the test time zone. */
function localDate(ms: number, days: number): string {
  const d = new Date(new Date(ms).toLocaleString('en-US', { timeZone: tz }));
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const endOfLocalDay = (date: string) => new Date(Date.parse(localDayAt(date, -1, 0, tz)) - 1).toISOString();
const HOUR = 3_600_000;

/** Advance the test server's clock to an absolute instant (the tests must not depend on the hour they start at). */
async function sleepUntil(ms: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (ms > now) await env.sleep(ms - now);
}

/**
 * Run `body` with a started workflow; if the body fails, terminate the workflow so its timers cannot keep the
 * time-skipping server busy for the next test.
 */
async function withWorkflow<T>(handle: WorkflowHandle, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    await handle.terminate('test failed').catch(() => undefined);
    throw err;
  }
}

function setup(name: string) {
  const outbox = path.join(tmp, name, 'outbox');
  const mailer = createEngineMailer({ kind: 'outbox', dir: outbox });
  const activities = { ...createDeadlineNoticeActivities({ mailer, ledgerDir: path.join(tmp, name, 'ledger') }), computeReminderSchedule };
  const mails = () =>
    fs.existsSync(outbox)
      ? fs
          .readdirSync(outbox)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
      : [];
  return { activities, mails };
}

function input(startMs: number, overrides: Partial<ObligationInput> = {}): ObligationInput {
  const policy = parsePolicy({
    ...DEFAULT_POLICY_INPUT,
    reminderDaysBeforeTarget: [7, 0],
    reminderDaysBeforeDeadline: [14, 3, 0],
    acknowledgeWithinHours: 24,
  });
  const targetDate = localDate(startMs, 30);
  const deadlineDate = localDate(startMs, 60);
  return {
    incidentRef: 'INC-TEST-1',
    parentWorkflowId: 'incident-INC-TEST-1-not-running',
    obligation: {
      id: 'hhs_notice',
      kind: 'hhs_notice',
      label: 'HHS notice (500 or more)',
      recipient: 'Secretary of HHS (OCR breach portal)',
      citation: '45 CFR 164.408(b)',
      deadline: { date: deadlineDate, instant: endOfLocalDay(deadlineDate) },
      target: { date: targetDate, instant: endOfLocalDay(targetDate) },
    },
    policy,
    chain: policy.escalationChain,
    timeZone: tz,
    ...overrides,
  };
}

describe('obligation workflow (time-skipping)', () => {
  it('reminds before the target, escalates an unacknowledged reminder, and completes when confirmed with evidence', async () => {
    const { activities, mails } = setup('confirmed');
    const taskQueue = uniqueTaskQueue('obligation');
    const worker = await createTestWorker(env, { taskQueue, workflowBundle, activities });
    const start = await env.currentTimeMs();
    const obligationInput = input(start);
    // The first target reminder goes out at 09:00 local, seven days before the target date.
    const firstReminder = Date.parse(localDayAt(obligationInput.obligation.target.date, 7, 9, tz));
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(obligationWorkflow, {
        args: [obligationInput],
        taskQueue,
        workflowId: `obl-${taskQueue}`,
      });
      return withWorkflow(handle, async () => {
        await sleepUntil(firstReminder + HOUR);
        let s = await handle.query(obligationStateQuery);
        expect(s.remindersSent.map((r) => [r.kind, r.level, r.to])).toEqual([['reminder', 0, ['incident-owner']]]);
        await sleepUntil(firstReminder + 25 * HOUR); // 24 h without acknowledgement → escalation to the privacy officer
        s = await handle.query(obligationStateQuery);
        expect(s.remindersSent.map((r) => [r.kind, r.level])).toEqual([
          ['reminder', 0],
          ['escalation', 1],
        ]);
        await handle.signal(acknowledgeObligationSignal, { by: 'privacy-officer' });
        await env.sleep(3 * DAY); // acknowledged: no further escalation before target-0d
        s = await handle.query(obligationStateQuery);
        expect(s.remindersSent).toHaveLength(2);
        await handle.signal(confirmObligationSignal, {
          by: 'privacy-officer',
          evidence: { method: 'hhs_portal', reference: 'OCR-TXN-0001' },
        });
        const r = await handle.result();
        await saveHistoryFixture('obligation-confirmed-after-escalation', handle);
        return r;
      });
    });
    expect(result.status).toBe('confirmed');
    expect(result.confirmation).toMatchObject({ by: 'privacy-officer', method: 'hhs_portal', reference: 'OCR-TXN-0001' });
    expect(result.events.map((e) => e.event)).toEqual(['planned', 'reminder_sent', 'escalated', 'acknowledged', 'confirmed']);
    // The mail really went out: one .eml per notice, to the right people, and without PHI.
    const sent = mails();
    expect(sent).toHaveLength(2);
    expect(sent.some((m) => m.includes('To: owner@example.org') && m.includes('[Reminder] INC-TEST-1'))).toBe(true);
    expect(sent.some((m) => /To: owner@example.org, privacy@example.org/.test(m) && m.includes('[ESCALATION]'))).toBe(true);
  });

  it('a missed deadline goes overdue and escalates up the chain until confirmed', async () => {
    const { activities } = setup('overdue');
    const taskQueue = uniqueTaskQueue('obligation-overdue');
    const worker = await createTestWorker(env, { taskQueue, workflowBundle, activities });
    const start = await env.currentTimeMs();
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(obligationWorkflow, {
        args: [input(start)],
        taskQueue,
        workflowId: `obl-${taskQueue}`,
      });
      return withWorkflow(handle, async () => {
        await env.sleep(64 * DAY);
        const s = await handle.query(obligationStateQuery);
        expect(s.status).toBe('overdue');
        const overdue = s.remindersSent.filter((r) => r.kind === 'overdue');
        expect(overdue.length).toBeGreaterThanOrEqual(2);
        // The chain was walked to the top (counsel) and the top keeps being told.
        expect(overdue.at(-1)!.to).toEqual(['incident-owner', 'counsel']);
        expect(s.tracker.level).toBe(2);
        await handle.signal(confirmObligationSignal, { by: 'counsel', evidence: { method: 'hhs_portal', reference: 'LATE-1' } });
        const r = await handle.result();
        await saveHistoryFixture('obligation-overdue-walks-chain', handle);
        return r;
      });
    });
    expect(result.status).toBe('confirmed');
    expect(result.events.map((e) => e.event)).toContain('overdue');
    expect(result.events.at(-1)!.event).toBe('confirmed');
  });
});
