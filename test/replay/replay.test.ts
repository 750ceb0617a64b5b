import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { loadHistoryFixtures } from '../harness/history-fixtures.js';
import { installQuietRuntime } from '../harness/test-worker.js';
import { testDataConverter } from '../harness/test-keys.js';
import { bundleWorkflows } from '../../worker/create-worker.js';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

describe('recorded histories replay against the current workflow code', () => {
  const fixtures = loadHistoryFixtures();

  it('has recorded histories to check', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'obligation-confirmed-after-escalation',
        'obligation-overdue-walks-chain',
        'incident-ce-1200-two-states',
        'incident-not-a-breach',
      ]),
    );
    // The generation recorded from the code of 2026-12-02, before the rule-fidelity, fault and safeguard work.
    expect(fixtures.filter((f) => f.name.endsWith('-2026-12-02')).map((f) => f.name.replace(/-2026-12-02$/, ''))).toEqual(
      expect.arrayContaining([
        'incident-ba-baa-term',
        'incident-ba-ce-notice-passphrase',
        'incident-ce-1200-two-states',
        'incident-correction-earlier-discovery',
        'incident-email-mailing',
        'incident-law-enforcement-oral-then-written',
        'incident-not-a-breach',
        'notice-mailing',
        'obligation-confirmed-after-escalation',
        'obligation-overdue-walks-chain',
      ]),
    );
  });

  // Every scenario recorded since the race and closing-state fixes: the 2026-12-03 code and issue 14's.
  const CURRENT_SCENARIOS = [
    'incident-ba-baa-term',
    'incident-ba-ce-notice-passphrase',
    'incident-ce-1200-two-states',
    'incident-closing-evidence-pending',
    'incident-correction-earlier-discovery',
    'incident-email-mailing',
    'incident-law-enforcement-oral-then-written',
    'incident-not-a-breach',
    'incident-race-ce-notice',
    'incident-race-confirm',
    'notice-mailing',
    'obligation-confirmed-after-escalation',
    'obligation-overdue-walks-chain',
  ];
  const generation = (suffix: string) =>
    fixtures.filter((f) => f.name.endsWith(`-${suffix}`)).map((f) => f.name.slice(0, -suffix.length - 1));

  it('has the generation recorded from the code of 2026-12-03 (rule editions, one effect at a time, evidence pending, relay outages)', () => {
    expect(generation('2026-12-03')).toEqual(expect.arrayContaining(CURRENT_SCENARIOS));
  });

  it('has the generation recorded from the code of issue 14 (the incident workflow as a folder, decision-due child, bounded carry)', () => {
    expect(generation('2026-12-03b')).toEqual(expect.arrayContaining(CURRENT_SCENARIOS));
  });

  it('has the generation recorded from the code of issue 16 items 3-5 (State obligations as obligation workflows, replan with current law)', () => {
    expect(generation('2026-12-03c')).toEqual(expect.arrayContaining([...CURRENT_SCENARIOS, 'incident-state-law-ny-il-tx']));
  });

  it('has the generation recorded from the code of stop 24 (confirmations marked first, stale reports ignored, State item restarts, children end first, early confirmation answer)', () => {
    expect(generation('2026-12-03d')).toEqual(expect.arrayContaining([...CURRENT_SCENARIOS, 'incident-state-law-ny-il-tx']));
  });

  it('has the generation recorded from the code of stop 25 (early answer 3, report senders, final reports first, CE notices on the workflow clock)', () => {
    expect(generation('2026-12-03e')).toEqual(
      expect.arrayContaining([
        ...CURRENT_SCENARIOS,
        'incident-state-law-ny-il-tx',
        'incident-replaced-child-late-report',
        'incident-ba-continued-final-reports',
        'incident-confirm-report-crossing',
      ]),
    );
  });

  it('replays every recorded history without a non-determinism error', async () => {
    installQuietRuntime();
    const results: { name: string; error?: string }[] = [];
    const byId = new Map(fixtures.map((f) => [f.workflowId, f.name]));
    for await (const r of Worker.runReplayHistories(
      // Bundled as the engine's worker bundles it (shared libraries preloaded, worker/create-worker.ts).
      { workflowBundle: await bundleWorkflows(workflowsPath), dataConverter: testDataConverter },
      fixtures.map((f) => ({ workflowId: f.workflowId, history: f.history })),
    )) {
      results.push({ name: byId.get(r.workflowId) ?? r.workflowId, ...(r.error ? { error: String(r.error) } : {}) });
    }
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results).toHaveLength(fixtures.length);
  });
});
