import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { createEngineActivities } from '../../activities/index.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { ensureSchedules } from '../../worker/engine-schedules.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.js';
import { IncidentService } from '../../client/incident-service.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-digest-'));
const outbox = path.join(tmp, 'outbox');
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;

beforeAll(async () => {
  const [e, workflowBundle] = await Promise.all([startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES }), bundle(WORKFLOWS_PATH)]);
  env = e;
  taskQueue = uniqueTaskQueue('digest');
  worker = await createTestWorker(env, { taskQueue, workflowBundle, activities: createEngineActivities({ dataDir: tmp, mailer: { kind: 'outbox', dir: outbox }, client: env.client }) });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

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
      mails = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => fs.readFileSync(path.join(outbox, f), 'utf8')) : [];
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
