import { describe, expect, it } from 'vitest';
import { planIncident } from '../../activities/plan-incident.js';
import { validateFacts, type IncidentFactsInput } from '../../domain/index.js';
import { planObligations } from '../../domain/rules.js';
import {
  applyReplan,
  checkPackPin,
  currentPack,
  diffRecordedStateLaw,
  loadPack,
  planStateLaw,
  RAW_ENTRIES,
  summarizeStateLaw,
  type RecordedEvents,
  type RecordedStateLaw,
} from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { actionNamed, permissionsOf, roleMay } from '../../contract/incident-actions.js';

/**
 * Pack pinning and "replan with current law" (issue 16 item 4, the pure part): an incident keeps the state
 * items it recorded; a newer pack applies only through a replan that shows its difference and records who
 * applied it. Synthetic organization only.
 */
const NOW = '2026-11-22T00:00:00Z';
const input: IncidentFactsInput = {
  ...coveredEntityBreach('2026-11-02T09:00:00-05:00'),
  organization: { name: 'Synthetic Lakes Clinic', entityType: 'health_care_provider', timeZone: 'America/New_York' },
  affected: {
    byJurisdiction: { NY: 300, IL: 300, OH: 40 },
    insufficientContact: 0,
    deceased: 0,
    deceasedWithNextOfKinAddress: 0,
    minors: 0,
  },
};
const decision = { reportable: true, decidedBy: 'privacy.officer@example.test', decidedAt: '2026-11-05T09:00:00-05:00' };
function currentPlan(events: RecordedEvents = { hhsNotifiedAt: '2026-11-25T16:00:00-05:00' }) {
  const r = validateFacts(input, { now: NOW });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return planStateLaw(r.facts, planObligations(r.facts, decision, { now: NOW, targetDays: 30 }), { now: NOW, events });
}

/**
 * What an incident planned on pack 2026.12.03-1 recorded, once its HHS notice was confirmed on 25 Nov 2026
 * (that pack counted the day after Thanksgiving as an Illinois holiday and had no Ohio rules).
 */
const recordedOnPack1: RecordedStateLaw = {
  packVersion: '2026.12.03-1',
  packFingerprint: 'fnv1a32:1e055ff9',
  obligations: [
    {
      id: 'state:IL:ag_after_hhs',
      citation: '815 ILCS 530/50',
      verification: 'secondary_sources',
      status: 'planned',
      deadline: '2026-12-04',
    },
    {
      id: 'state:NY:ag_after_hhs',
      citation: 'N.Y. Gen. Bus. Law § 899-aa(9)',
      verification: 'verified',
      status: 'planned',
      deadline: '2026-12-03',
    },
  ],
  toReview: ['state law to review: Ohio'],
};

describe('pack pinning', () => {
  it('the plan activity records the pack it planned on, in the shape the replan reads (summarizeStateLaw)', async () => {
    const r = await planIncident({
      facts: input,
      reportable: true,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt,
      now: NOW,
      targetDays: 30,
    });
    expect(r.stateLaw).toEqual(summarizeStateLaw(currentPlan({})));
    expect(checkPackPin(r.stateLaw, currentPack())).toEqual({ pinned: true });
  });

  it('a build with another pack does not silently re-plan: it says which pack the incident is on and what to do', () => {
    const check = checkPackPin(recordedOnPack1, currentPack());
    expect(check.pinned).toBe(false);
    if (!check.pinned)
      expect(check.message).toMatch(
        /^planned on state-law pack 2026\.12\.03-1 \(fnv1a32:1e055ff9\); this build has 2026\.12\.03-6 .*"replan with current law"/,
      );
    // Same version label, other data: the pack was edited without a version bump — said out loud.
    const edited = loadPack(RAW_ENTRIES.map((e) => (e.jurisdiction === 'TX' ? { ...e, reviewedOn: '2026-12-04' } : e)));
    const same = checkPackPin(summarizeStateLaw(currentPlan()), edited);
    expect(!same.pinned && same.message).toMatch(/the same version label with other data/);
  });
});

describe('replan with current law', () => {
  it('shows what the newer pack changes for the recorded incident: moved (IL, with the holiday statute), added (Ohio rules), review item removed', () => {
    const d = diffRecordedStateLaw(recordedOnPack1, currentPlan());
    expect(d.fromPack).toBe('2026.12.03-1 (fnv1a32:1e055ff9)');
    expect(d.samePack).toBe(false);
    const by = Object.fromEntries(d.changes.map((c) => [c.id, c]));
    expect(by['state:IL:ag_after_hhs']).toMatchObject({
      change: 'moved',
      jurisdiction: 'IL',
      rule: 'ag_after_hhs',
      from: '2026-12-04',
      to: '2026-12-03',
    });
    expect(by['state:IL:ag_after_hhs']!.reason).toMatch(/205 ILCS 630\/17/);
    expect(by['state:NY:ag_after_hhs']).toBeUndefined(); // same date, citation and verification: not a change
    expect(by['state:OH:individual_notice']).toMatchObject({ change: 'added', to: '2026-12-17', verificationTo: 'secondary_sources' });
    expect(d.reviewRemoved).toEqual(['state law to review: Ohio']);
    expect(d.reviewAdded).toEqual([]);
  });

  it('a rule whose date stays but whose citation or verification changes is reported as "changed"', () => {
    const reverified = { ...recordedOnPack1, obligations: [{ ...recordedOnPack1.obligations[1]!, verification: 'secondary_sources' }] };
    const c = diffRecordedStateLaw(reverified, currentPlan()).changes.find((x) => x.id === 'state:NY:ag_after_hhs');
    expect(c).toMatchObject({ change: 'changed', verificationFrom: 'secondary_sources', verificationTo: 'verified' });
  });

  it('applying it records who and when, the difference shown, and the new recorded plan; a bad request names the field', () => {
    const current = currentPlan();
    const applied = applyReplan(recordedOnPack1, current, {
      appliedBy: 'counsel@example.test',
      appliedAt: '2026-12-03T10:00:00-05:00',
      note: 'Illinois holiday list corrected',
    });
    expect(applied.ok).toBe(true);
    if (applied.ok) {
      expect(applied.record).toMatchObject({
        fromPack: '2026.12.03-1 (fnv1a32:1e055ff9)',
        appliedBy: 'counsel@example.test',
        appliedAt: '2026-12-03T10:00:00-05:00',
        note: 'Illinois holiday list corrected',
      });
      expect(applied.record.changes.map((c) => c.change)).toContain('moved');
      expect(applied.record.stateLaw).toEqual(summarizeStateLaw(current));
      expect(checkPackPin(applied.record.stateLaw, currentPack())).toEqual({ pinned: true });
    }
    const bad = applyReplan(recordedOnPack1, current, { appliedBy: ' ', appliedAt: '2026-12-03' });
    expect(bad).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(/^appliedBy: must not be empty/),
        expect.stringMatching(/^appliedAt: must be an ISO 8601 date-time with a UTC offset/),
      ],
    });
    expect(
      applyReplan(summarizeStateLaw(current), current, { appliedBy: 'counsel@example.test', appliedAt: '2026-12-03T10:00:00Z' }),
    ).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^nothing to replan: the incident already uses state-law pack 2026\.12\.03-6/)],
    });
  });

  it('who may replan: the preview for every role that reads counsel material (legal included); applying only for the roles that may decide', () => {
    for (const role of ['legal', 'privacy_officer', 'admin'] as const) expect(roleMay(role, 'replanStateLaw'), role).toBe(true);
    expect(roleMay('responder', 'replanStateLaw')).toBe(false);
    const apply = actionNamed('replanStateLaw').apply!;
    expect(apply.name).toBe('applyStateLawReplan');
    expect([...apply.roles].sort()).toEqual([...actionNamed('decide').roles].sort());
    expect(roleMay('legal', 'applyStateLawReplan')).toBe(false);
    expect(roleMay('privacy_officer', 'applyStateLawReplan')).toBe(true);
    // GET /me: legal is offered the preview only.
    expect(permissionsOf('legal')).toContain('replanStateLaw');
    expect(permissionsOf('legal')).not.toContain('applyStateLawReplan');
    expect(permissionsOf('privacy_officer')).toEqual(expect.arrayContaining(['decide', 'replanStateLaw', 'applyStateLawReplan']));
  });
});
