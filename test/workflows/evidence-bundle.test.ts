import { describe, expect, it } from 'vitest';
import { buildEvidenceBundle, canonicalJson, verifyEvidenceBundle } from '../../evidence/evidence-bundle.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

const snapshot: IncidentSnapshot = {
  ref: 'INC-EVIDENCE-1',
  role: 'covered_entity',
  stage: 'closed',
  owner: 'incident-owner',
  openedBy: 'responder-1',
  openedAt: '2026-01-05T15:00:00.000Z',
  factsVersion: 2,
  facts: { note: 'synthetic facts only' },
  recommendation: { reportable: true, outcome: 'reportable', rationale: ['factor (i): SSNs involved'] },
  decision: { reportable: true, by: 'privacy-officer', at: '2026-01-08T15:00:00.000Z', recommendationWasReportable: true },
  obligations: [],
  lawEnforcementDelays: [],
  timeline: [
    { at: '2026-01-05T15:00:00.000Z', by: 'responder-1', action: 'opened' },
    { at: '2026-01-06T15:00:00.000Z', by: 'responder-1', action: 'facts_recorded', detail: 'version 1' },
    { at: '2026-01-08T15:00:00.000Z', by: 'privacy-officer', action: 'decided' },
  ],
  answered: {},
  timeZone: 'America/New_York',
  closedAt: '2026-02-01T15:00:00.000Z',
  closure: 'every required notice confirmed',
};

describe('evidence bundle', () => {
  it('hashes canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('verifies an untouched bundle and pins it by its head hash', () => {
    const bundle = buildEvidenceBundle(snapshot, '2026-02-01T16:00:00.000Z');
    const r = verifyEvidenceBundle(bundle);
    expect(r).toEqual({ ok: true, entries: bundle.entries.length, headHash: bundle.headHash });
    expect(bundle.headHash).toMatch(/^[0-9a-f]{64}$/);
    // Deterministic: the same state gives the same chain.
    expect(buildEvidenceBundle(snapshot, '2026-02-01T16:00:00.000Z').headHash).toBe(bundle.headHash);
  });

  it('detects a modified, removed, reordered or truncated entry', () => {
    const bundle = () =>
      JSON.parse(JSON.stringify(buildEvidenceBundle(snapshot, '2026-02-01T16:00:00.000Z'))) as ReturnType<typeof buildEvidenceBundle>;
    const modified = bundle();
    (modified.entries[3]!.data as { by: string }).by = 'someone-else';
    const m = verifyEvidenceBundle(modified);
    expect(m).toMatchObject({ ok: false, brokenAt: 4 });
    expect(m.ok ? '' : m.reason).toContain('modified');

    const removed = bundle();
    removed.entries.splice(2, 1);
    expect(verifyEvidenceBundle(removed)).toMatchObject({ ok: false, brokenAt: 3 });

    const reordered = bundle();
    [reordered.entries[1], reordered.entries[2]] = [reordered.entries[2]!, reordered.entries[1]!];
    expect(verifyEvidenceBundle(reordered).ok).toBe(false);

    const truncated = bundle();
    truncated.entries.pop();
    const t = verifyEvidenceBundle(truncated);
    expect(t.ok).toBe(false);
    expect(t.ok ? '' : t.reason).toContain('head hash');
  });
});
