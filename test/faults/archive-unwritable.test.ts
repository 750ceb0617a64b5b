import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { formatIncident } from '../../reports/incident-format.js';
import { BreachStage } from '../../contract/search-attributes.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';

/**
 * Issue 13 item 5: an archive that cannot be written left the incident shown as `closed` with no
 * evidence, retrying silently. Now the stage is "closing — evidence pending" until the bundle is
 * archived (query, search attribute, CLI), the owner is told after the policy's time (4 hours by
 * default), and the incident closes by itself once the archive accepts the bundle.
 */
const HOUR = 3_600_000;
let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'archive-unwritable' });
});
afterAll(() => engine?.stop());

describe('archive unwritable (issue 13 item 5)', () => {
  it('closing — evidence pending, the owner told after the policy time, closed once the archive is writable again', async () => {
    const ref = `ARCH-${Date.now()}`;
    // The incident's archive directory cannot be created: a plain file holds its name (root ignores modes).
    const blocker = path.join(engine.dataDir, 'archive', ref);
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'not a directory');

    const facts = coveredEntityBreach(new Date((await engine.env.currentTimeMs()) - HOUR).toISOString());
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts });
    await engine.service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic test: documented low probability of compromise',
    });

    let state = await engine.service.status(ref);
    for (let i = 0; i < 100 && state.stage !== 'closing'; i++) state = await engine.service.status(ref);
    expect(state.stage).toBe('closing');
    expect(state.evidence).toBeUndefined();
    expect(state.evidencePendingSince).toBeTruthy();
    expect(formatIncident(state)).toMatch(
      /Stage:\s+closing — evidence pending since .* \(the archive has not accepted the evidence bundle; retrying\)/,
    );
    const handle = engine.env.client.workflow.getHandle(`incident-${ref}`);
    expect((await handle.describe()).typedSearchAttributes.get(BreachStage)).toBe('closing');
    // Nobody is told before the policy's time.
    expect(engine.mails().filter((m) => m.includes('evidence bundle NOT ARCHIVED'))).toHaveLength(0);

    await engine.env.sleep(5 * HOUR);
    state = await engine.service.status(ref);
    expect(state.stage).toBe('closing');
    expect(state.timeline.find((t) => t.action === 'evidence_pending_owner_told')?.detail).toMatch(/told incident-owner; still retrying/);
    const told = engine.mails().filter((m) => m.includes('evidence bundle NOT ARCHIVED'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('owner@example.org');
    expect(told[0]).toContain("Action: the incident's evidence bundle cannot be written to the archive");
    expect(told[0]).toContain(ref);

    // The archive is writable again: the next retry archives the bundle and the incident closes.
    fs.rmSync(blocker);
    const final = await engine.service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.evidencePendingSince).toBeUndefined();
    expect(fs.existsSync(final.evidence!.path)).toBe(true);
    expect(final.timeline.map((t) => t.action)).toEqual(
      expect.arrayContaining(['closed', 'evidence_pending_owner_told', 'evidence_archived']),
    );
    expect((await handle.describe()).typedSearchAttributes.get(BreachStage)).toBe('closed');
    // Replayed from now on (test/replay): the 'evidence-pending' patch's path.
    await saveHistoryFixture('incident-closing-evidence-pending', handle);
  });
});
