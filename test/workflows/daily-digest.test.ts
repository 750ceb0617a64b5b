import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureSchedules } from '../../worker/engine-schedules.js';
import { IncidentService } from '../../client/incident-service.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let taskQueue: string;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'digest', visibilityActivities: true });
  ({ env, taskQueue } = engine);
});
afterAll(() => engine?.stop());

describe('daily digest schedule (dev server)', () => {
  it('is created idempotently and, when it fires, mails owners and the privacy officer what is due', async () => {
    const service = new IncidentService({ client: env.client, taskQueue });
    const ref = `DIGEST-${Date.now()}`;
    // Discovered 55 days ago: the notices fall due within the 7-day window.
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts: coveredEntityBreach(new Date(Date.now() - 55 * 86_400_000).toISOString(), { affected: { byJurisdiction: { ID: 20 } } }) });
    await service.decide(ref, { by: 'privacy-officer', reportable: true });

    const said: string[] = [];
    await ensureSchedules(env.client, { taskQueue, timeZone: 'America/Boise', say: (l) => said.push(l) });
    await ensureSchedules(env.client, { taskQueue, timeZone: 'America/Boise', say: (l) => said.push(l) });
    expect(said).toEqual(['created schedule breach-daily-digest (08:00 daily)']); // the second call changed nothing
    const schedule = env.client.schedule.getHandle('breach-daily-digest');
    expect((await schedule.describe()).spec.timezone).toBe('America/Boise');

    // Wait until visibility sees the incident's deadline, then fire the schedule now.
    for (let i = 0; i < 50; i++) {
      const listed = await env.client.workflow.count(`WorkflowId = 'incident-${ref}' AND BreachStage = 'notification'`);
      if (listed.count > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
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
  });
});
