import { describe, expect, it } from 'vitest';
import type { IncidentSnapshot, TimelineEntry } from '../../contract/incident-types.js';
import { boundedCarry, factsBytesRecorded } from '../../workflows/incident/carry.js';
import { closeWhenDone, decide, fromReplacedChild, obligationChanged } from '../../workflows/incident/transitions.js';
import { mergeRecord } from '../../evidence/incident-record.js';

/** The incident's pure parts (issue 14 item 2 and 4), without a Temporal server. */
const at = '2026-12-03T10:00:00.000Z';
const entry = (i: number): TimelineEntry => ({ at, by: 'engine', action: `step_${i}` });
function snapshot(entries: number, versions = 0): IncidentSnapshot {
  return {
    ref: 'INC-1001',
    role: 'covered_entity',
    stage: 'assessment',
    owner: 'po',
    openedBy: 'r1',
    openedAt: at,
    factsVersion: versions,
    factsVersions: Array.from({ length: versions }, (_, i) => ({ version: i + 1, at, by: 'r1', facts: { n: i + 1 } })),
    obligations: [],
    lawEnforcementDelays: [],
    timeline: Array.from({ length: entries }, (_, i) => entry(i)),
    answered: {},
    timeZone: 'UTC',
    recommendation: { reportable: true, outcome: 'breach', rationale: [] },
  };
}

function snapshotWithHhs(when: string): IncidentSnapshot {
  const s = snapshot(0);
  s.stage = 'notification';
  s.obligations.push({
    obligation: {
      id: 'hhs_notice',
      kind: 'hhs_notice',
      label: 'HHS',
      recipient: 'HHS',
      citation: '45 CFR 164.408',
      deadline: { date: '2027-01-01', instant: when },
      target: { date: '2027-01-01', instant: when },
    },
    status: 'planned',
    escalationLevel: 0,
    remindersSent: 0,
    childWorkflowId: 'x',
  });
  return s;
}

describe('incident transitions', () => {
  it('a decision against the recommendation that it is not a breach closes the incident with two entries', () => {
    const s = snapshot(1);
    const t = decide(s, { requestId: 'r-1', by: 'po', reportable: false, justification: 'synthetic reason' }, at);
    expect(s.stage).toBe('closed');
    expect(t.entries.map((e) => e.action)).toEqual(['decided', 'closed']);
    expect(t.entries[0]!.detail).toMatch(/differs from the recommendation: synthetic reason/);
    expect(t.replan).toBeUndefined();
  });
  it('an obligation status report: an entry only when the status changes; unknown obligations ignored', () => {
    const s = snapshotWithHhs(at);
    expect(
      obligationChanged(s, { obligationId: 'hhs_notice', status: 'open', escalationLevel: 0, remindersSent: 0, at }).entries,
    ).toHaveLength(1);
    expect(
      obligationChanged(s, { obligationId: 'hhs_notice', status: 'open', escalationLevel: 1, remindersSent: 1, at }).entries,
    ).toHaveLength(0);
    expect(obligationChanged(s, { obligationId: 'nope', status: 'open', escalationLevel: 0, remindersSent: 0, at }).ignored).toBe(true);
    expect(closeWhenDone(s, false, at).entries).toHaveLength(0);
    obligationChanged(s, { obligationId: 'hhs_notice', status: 'confirmed', escalationLevel: 1, remindersSent: 1, at });
    expect(closeWhenDone(s, false, at).entries.map((e) => e.action)).toEqual(['closed']);
  });

  it('a report that crossed the confirmation does not reopen it, so the confirmation is recorded once', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const fresh = (): IncidentSnapshot => {
      const s = snapshotWithHhs(at);
      s.obligations[0]!.status = 'confirmed'; // the person's confirmation, recorded by the update
      return s;
    };
    // Before the patch: the stale "open" reopened it, and the workflow's own "confirmed" was a second entry.
    const old = fresh();
    obligationChanged(old, { obligationId: 'hhs_notice', status: 'open', escalationLevel: 1, remindersSent: 1, at });
    const again = obligationChanged(old, { obligationId: 'hhs_notice', status: 'confirmed', escalationLevel: 1, remindersSent: 1, at });
    expect(again.entries.map((e) => e.action)).toEqual(['obligation_confirmed']);
    // With it: the stale report is ignored and nothing is recorded twice.
    const s = fresh();
    const opts = { confirmedIsFinal: true };
    expect(
      obligationChanged(s, { obligationId: 'hhs_notice', status: 'open', escalationLevel: 1, remindersSent: 1, at }, opts).ignored,
    ).toBe(true);
    expect(s.obligations[0]!.status).toBe('confirmed');
    expect(
      obligationChanged(s, { obligationId: 'hhs_notice', status: 'confirmed', escalationLevel: 1, remindersSent: 1, at }, opts).entries,
    ).toEqual([]);
  });

  it('a late report from a replaced child (another workflow id than the view tracks) changes nothing and records nothing', () => {
    const restarted = (): IncidentSnapshot => {
      const s = snapshotWithHhs(at);
      s.obligations[0]!.childWorkflowId = 'incident-X/obligation/hhs_notice/restart-1'; // the successor
      s.obligations[0]!.status = 'open';
      return s;
    };
    const late = {
      obligationId: 'hhs_notice',
      workflowId: 'incident-X/obligation/hhs_notice',
      status: 'withdrawn' as const,
      escalationLevel: 2,
      remindersSent: 4,
      at,
    };
    // Before the patch: the predecessor's "withdrawn" withdrew the successor, and the incident could close with it owed.
    const old = restarted();
    expect(fromReplacedChild(old, late)).toBe(true);
    expect(obligationChanged(old, late).entries.map((e) => e.action)).toEqual(['obligation_withdrawn']);
    expect(closeWhenDone(old, false, at).entries.map((e) => e.action)).toEqual(['closed']);
    // With it: ignored, the successor's view unchanged, nothing recorded, the incident stays open.
    const s = restarted();
    const tr = obligationChanged(s, late, { ignoreReplacedChild: true });
    expect(tr).toEqual({ entries: [], ignored: true });
    expect(s.obligations[0]).toMatchObject({ status: 'open', escalationLevel: 0, remindersSent: 0 });
    expect(closeWhenDone(s, false, at).entries).toEqual([]);
    // The successor's own report, and a report without a sender (sent before the patch), still apply.
    const own = { ...late, workflowId: 'incident-X/obligation/hhs_notice/restart-1', status: 'overdue' as const };
    expect(fromReplacedChild(s, own)).toBe(false);
    expect(obligationChanged(s, own, { ignoreReplacedChild: true }).entries.map((e) => e.action)).toEqual(['obligation_overdue']);
    const { workflowId: _none, ...unsigned } = { ...late, status: 'open' as const };
    expect(fromReplacedChild(s, unsigned)).toBe(false);
    expect(obligationChanged(s, unsigned, { ignoreReplacedChild: true }).ignored).toBeUndefined();
    expect(s.obligations[0]!.status).toBe('open');
  });

  it('a workflow that names itself is awaited for its last report; a report without a sender (before the patch) is not', () => {
    const s = snapshotWithHhs(at);
    const base = { obligationId: 'hhs_notice', escalationLevel: 0, remindersSent: 0, at };
    obligationChanged(s, { ...base, status: 'open' });
    expect(s.obligations[0]).not.toHaveProperty('reportsFinal');
    obligationChanged(s, { ...base, workflowId: 'x', status: 'open' });
    expect(s.obligations[0]).toMatchObject({ reportsFinal: true });
    expect(s.obligations[0]!.finalReported).toBeUndefined();
    obligationChanged(s, { ...base, workflowId: 'x', status: 'confirmed', final: true });
    expect(s.obligations[0]).toMatchObject({ status: 'confirmed', reportsFinal: true, finalReported: true });
  });
});

describe('bounded carry and the full record (issue 14 item 4)', () => {
  it('three runs of 150 entries each: every carry bounded, the merge gives back all 450 in order, and the facts documents', () => {
    const run1 = snapshot(150, 3);
    const carry1 = boundedCarry(run1, { timelineLength: 0, factsVersionsLength: 0 }, 100);
    expect(carry1.timeline).toHaveLength(150); // all entries of the run that ended
    const run2: IncidentSnapshot = { ...carry1, timeline: [...carry1.timeline, ...Array.from({ length: 150 }, (_, i) => entry(150 + i))] };
    const carry2 = boundedCarry(run2, { timelineLength: carry1.timeline.length, factsVersionsLength: 3 }, 100);
    expect(carry2.timeline).toHaveLength(150);
    expect(carry2.timelineOffset).toBe(150);
    expect(carry2.factsVersions!.filter((v) => v.facts !== undefined).map((v) => v.version)).toEqual([3]); // the latest only
    expect(factsBytesRecorded(carry2)).toBe(factsBytesRecorded(run1));
    const run3: IncidentSnapshot = { ...carry2, timeline: [...carry2.timeline, ...Array.from({ length: 150 }, (_, i) => entry(300 + i))] };
    const full = mergeRecord(run3, [carry2, carry1]);
    expect(full.timeline.map((e) => e.action)).toEqual(Array.from({ length: 450 }, (_, i) => `step_${i}`));
    expect(full.factsVersions!.map((v) => v.facts)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // A run missing from history is refused, never a record with a hole.
    expect(() => mergeRecord(run3, [carry2])).toThrow(/timeline entry 0 of 450 is in no run's history/);
  });
});
