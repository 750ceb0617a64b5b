import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureSchedules } from '../../worker/engine-schedules.js';
import { IncidentService } from '../../service/incident-service.js';
import { visibilityQuery } from '../../service/incident-list.js';
import fs from 'node:fs';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { hhsAnnualLogWorkflow } from '../../workflows/hhs-annual-log-workflow.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let taskQueue: string;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'digest', visibilityActivities: true });
  ({ env, taskQueue } = engine);
});
afterAll(() => engine?.stop());

async function waitUntil(predicate: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time (visibility lagging?)');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('daily digest schedule (dev server)', () => {
  it('is created idempotently and, when it fires, mails owners and the privacy officer what is due', async () => {
    const service = new IncidentService({ client: env.client, taskQueue });
    const ref = `DIGEST-${Date.now()}`;
    // Discovered 55 days ago: the notices fall due within the 7-day window.
    await service.open({
      ref,
      openedBy: 'responder-1',
      role: 'covered_entity',
      facts: coveredEntityBreach(new Date(Date.now() - 55 * 86_400_000).toISOString(), { affected: { byJurisdiction: { ID: 20 } } }),
    });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });

    const said: string[] = [];
    await ensureSchedules(env.client, { taskQueue, timeZone: 'America/Boise', say: (l) => said.push(l) });
    await ensureSchedules(env.client, { taskQueue, timeZone: 'America/Boise', say: (l) => said.push(l) });
    // The second call changed nothing.
    expect(said).toEqual([
      'created schedule breach-daily-digest (08:00 daily)',
      'created schedule breach-hhs-annual-log (2 January, 09:00)',
    ]);
    const schedule = env.client.schedule.getHandle('breach-daily-digest');
    expect((await schedule.describe()).spec.timezone).toBe('America/Boise');

    // Wait until visibility sees the incident's deadline through the digest's own query (the stage turns
    // to notification before the obligations are planned and the next deadline is published), then fire
    // the schedule now.
    await waitUntil(async () => {
      const q = `${visibilityQuery({ dueWithinDays: 7, limit: 10 }, new Date(), true)} AND WorkflowId = 'incident-${ref}'`;
      return (await env.client.workflow.count(q)).count > 0;
    });
    await schedule.trigger();
    const deadline = Date.now() + 30_000;
    let mails: string[] = [];
    while (Date.now() < deadline) {
      mails = engine.mails();
      if (mails.filter((m) => m.includes('[Digest')).length >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const digests = mails.filter((m) => m.includes('[Digest'));
    expect(digests.length).toBe(2); // the owner, and the privacy officer
    expect(digests.some((m) => m.includes('To: owner@example.org') && m.includes(ref))).toBe(true);
    expect(digests.some((m) => m.includes('To: privacy@example.org') && m.includes(ref))).toBe(true);
    await schedule.delete();
    await env.client.schedule.getHandle('breach-hhs-annual-log').delete();
  });

  it("the HHS annual-log job assembles the year's under-500 breaches (164.408(c))", async () => {
    const service = engine.service;
    const small = `SMALL-${Date.now()}`;
    const big = `BIG-${Date.now()}`;
    const discovered = new Date(Date.now() - 86_400_000).toISOString();
    await service.open({
      ref: small,
      openedBy: 'responder-1',
      role: 'covered_entity',
      facts: coveredEntityBreach(discovered, { affected: { byJurisdiction: { ID: 37 } } }),
    });
    await service.decide(small, { by: 'privacy-officer', reportable: true });
    await service.open({ ref: big, openedBy: 'responder-1', role: 'covered_entity', facts: coveredEntityBreach(discovered) });
    await service.decide(big, { by: 'privacy-officer', reportable: true });
    const year = Number(new Date(discovered).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' }).slice(0, 4));
    // The plan is in place (a query is consistent)…
    await waitUntil(async () => (await service.status(small)).obligations.some((o) => o.obligation.kind === 'hhs_annual_log'));
    // …and visibility (eventually consistent) lists the incident with its stage.
    await waitUntil(
      async () =>
        (
          await env.client.workflow.count(
            `WorkflowId = 'incident-${small}' AND ExecutionStatus = 'Running' AND BreachStage = 'notification'`,
          )
        ).count > 0,
    );
    const result = await env.client.workflow.execute(hhsAnnualLogWorkflow, {
      args: [{ year }],
      taskQueue,
      workflowId: `annual-log-${year}-${Date.now()}`,
    });
    const log = JSON.parse(fs.readFileSync(result.file, 'utf8')) as {
      year: number;
      dueDate: string;
      entries: { ref: string; affected: number }[];
    };
    expect(log.year).toBe(year);
    expect(log.dueDate).toBe(new Date(Date.UTC(year + 1, 1, 29)).getUTCMonth() === 1 ? `${year + 1}-02-29` : `${year + 1}-03-01`);
    expect(log.entries.map((e) => e.ref)).toContain(small);
    expect(log.entries.map((e) => e.ref)).not.toContain(big); // 1,200 people: notified to HHS at once, not logged
    expect(log.entries.find((e) => e.ref === small)!.affected).toBe(37);
  });
});
