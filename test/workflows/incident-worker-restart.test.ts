import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { createEngineActivities } from '../../activities/index.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import { IncidentService } from '../../service/incident-service.js';
import { listIncidents } from '../../service/incident-list.js';
import { formatLegalDate } from '../../domain/legal-dates.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-restart-'));
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES }), bundle(WORKFLOWS_PATH)]);
});
afterAll(async () => {
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('incident on the dev server', () => {
  it('survives a worker restart mid-assessment, and is listed through visibility by its search attributes', async () => {
    const taskQueue = uniqueTaskQueue('restart');
    const activities = createEngineActivities({ dataDir: tmp, mailer: { kind: 'outbox', dir: path.join(tmp, 'outbox') } });
    const service = new IncidentService({ client: env.client, taskQueue });
    const ref = `INC-RESTART-${Date.now()}`;

    const first = await createTestWorker(env, { taskQueue, workflowBundle, activities });
    await first.runUntil(async () => {
      await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
      await service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString()) });
    });
    // The first worker is gone (shut down) mid-assessment: the incident waits, durably, on the server.
    expect((await env.client.workflow.getHandle(`incident-${ref}`).describe()).status.name).toBe('RUNNING');

    const second = await createTestWorker(env, { taskQueue, workflowBundle, activities });
    await second.runUntil(async () => {
      const state = await service.status(ref);
      expect(state.stage).toBe('assessment');
      expect(state.factsVersion).toBe(1);
      await service.decide(ref, { by: 'privacy-officer', reportable: true });
      // Visibility is eventually consistent: poll until the list query sees the new stage.
      let found: Awaited<ReturnType<typeof listIncidents>> = [];
      for (let i = 0; i < 150 && found.length === 0; i++) {
        found = await listIncidents(env.client, { stage: 'notification', reportable: true, dueWithinDays: 61, limit: 10, ref });
        if (!found.length) await new Promise((r) => setTimeout(r, 200));
      }
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ ref, stage: 'notification', reportable: true, role: 'covered_entity', overdue: false });
      expect(Date.parse(found[0]!.nextDeadline!)).toBeGreaterThan(Date.now());
      // In the organization's zone the list shows the legal date, zone named (issue 12 item 8), the same
      // date `status` gives for that obligation.
      const due = (await service.status(ref)).obligations
        .map((o) => o.obligation.deadline)
        .sort((a, b) => Date.parse(a.instant) - Date.parse(b.instant))[0]!;
      const [local] = await listIncidents(env.client, { ref, limit: 1 }, { timeZone: 'America/Los_Angeles' });
      expect(local!.nextDeadlineLocal).toBe(formatLegalDate(due.date, 'America/Los_Angeles'));
      // An organization zone other than the incident's: the same date, with the incident's offset named.
      const [elsewhere] = await listIncidents(env.client, { ref, limit: 1 }, { timeZone: 'America/New_York' });
      expect(elsewhere!.nextDeadlineLocal).toMatch(
        new RegExp(`^${formatLegalDate(due.date, 'X').split(' (')[0]} \\(end of day, UTC−0[78]:00\\)$`),
      );
      // Not due within 7 days: the same query with a 7-day window finds nothing.
      expect(await listIncidents(env.client, { stage: 'notification', dueWithinDays: 7, limit: 10, ref })).toEqual([]);
    });
  });
});
