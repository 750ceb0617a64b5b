import { describe, expect, it } from 'vitest';
import { planIncident } from '../../activities/plan-incident.js';
import { PACK_FINGERPRINT, PACK_VERSION } from '../../domain/state-law/index.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';

/** The workflow's plan call records the state-law pack it planned on (its result is kept in the incident's history). */
describe('planIncident (activity): the state-law pack version goes into the history', () => {
  it('returns the pack version and fingerprint with each state item, beside the unchanged federal obligations', async () => {
    const facts = { ...coveredEntityBreach('2026-11-02T09:00:00-08:00'), affected: { byJurisdiction: { TX: 260, NY: 10, GA: 4 } } };
    const r = await planIncident({
      facts,
      reportable: true,
      decidedBy: 'privacy.officer@example.test',
      decidedAt: '2026-11-04T09:00:00-08:00',
      now: '2026-11-05T00:00:00Z',
      targetDays: 30,
    });
    expect(r.obligations.map((o) => o.id)).toEqual(['individual_notice', 'hhs_annual_log']);
    expect(r.stateLaw.packVersion).toBe(PACK_VERSION);
    expect(r.stateLaw.packFingerprint).toBe(PACK_FINGERPRINT);
    expect(r.stateLaw.obligations).toContainEqual({
      id: 'state:TX:ag_notice',
      citation: 'Tex. Bus. & Com. Code § 521.053(i)',
      verification: 'verified',
      status: 'planned',
      deadline: '2026-12-04',
    });
    expect(r.stateLaw.obligations).toContainEqual(
      expect.objectContaining({ id: 'state:NY:ag_after_hhs', status: 'pending', pendingOn: 'hhs_notice' }),
    );
    expect(r.stateLaw.toReview).toEqual(['state law to review: Georgia']);
  });
});
