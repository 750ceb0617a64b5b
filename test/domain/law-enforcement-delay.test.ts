import { describe, expect, it } from 'vitest';
import {
  dueDate,
  holdFindings,
  holdPeriods,
  planObligations,
  validateFacts,
  type IncidentFactsInput,
  type ObligationKind,
  type Plan,
  type PlanOptions,
} from '../../domain/index.js';

/**
 * 45 CFR 164.412 — written (a), oral (b, at most 30 days), oral then written. Two readings (see
 * domain/notice-clock.ts): the default 'postpone' (deadline = the later of the undelayed deadline and the
 * end of the delay), and the 'extend' policy an organization may choose explicitly, where the clock
 * stops from the day a delay begins to the day it ends (that day is the resumed clock's day 0), so the
 * deadline moves by the delay's length in calendar days. The first describe block pins 'extend'.
 * Discovery: 2 March 2026, Los Angeles; undelayed deadline 1 May 2026.
 */
const NOW = '2026-11-22T12:00:00Z';
const DISCOVERED = '2026-03-02T10:00:00-08:00';
const agent = { official: 'Agent Example (synthetic)', agency: 'Synthetic Bureau of Investigation' };
type Extra = { endedAt?: string; appliesTo?: ObligationKind[] };
const oral = (receivedAt: string, extra: Extra = {}) => ({ kind: 'oral' as const, ...agent, receivedAt, ...extra });
const written = (receivedAt: string, endsAt: string, extra: Extra = {}) => ({
  kind: 'written' as const,
  ...agent,
  receivedAt,
  endsAt,
  ...extra,
});

function planWith(
  delays: IncidentFactsInput['lawEnforcementDelays'],
  over: Partial<IncidentFactsInput> = {},
  now = NOW,
  opts: Omit<PlanOptions, 'now'> = { tolling: 'extend' },
): Plan {
  const input: IncidentFactsInput = {
    organization: { name: 'Synthetic Valley Clinic', timeZone: 'America/Los_Angeles' },
    role: 'covered_entity',
    dates: { discoveredAt: DISCOVERED },
    phi: { involved: 'yes', identifiers: ['names', 'social_security_numbers'] },
    security: { encrypted: 'no' },
    affected: { byJurisdiction: { CA: 700 } },
    lawEnforcementDelays: delays,
    ...over,
  };
  const r = validateFacts(input, { now });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return planObligations(r.facts, { reportable: true, decidedBy: 'po', decidedAt: '2026-03-03T09:00:00-08:00' }, { now, ...opts });
}
const individual = (p: Plan) => p.obligations.find((o) => o.id === 'individual_notice')!;

describe('the "extend" policy: a law-enforcement delay moves every deadline and holds every notice (45 CFR 164.412)', () => {
  it('no delay: 60 days, nothing held', () => {
    const o = individual(planWith([]));
    expect(o.deadline.date).toBe('2026-05-01');
    expect(o.heldUntil).toBeUndefined();
    expect(o.lawEnforcementHold).toEqual({ status: 'none', periods: [], deadlineShiftDays: 0 });
  });

  it.each([
    // name, statements, heldUntil, deadline
    [
      'written, 10 March → 9 April: 30 days',
      [written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00')],
      '2026-04-09T16:00:00.000Z',
      '2026-05-31',
    ],
    [
      'oral alone: at most 30 days (720 hours) from the statement',
      [oral('2026-03-10T09:00:00-08:00')],
      '2026-04-09T17:00:00.000Z',
      '2026-05-31',
    ],
    [
      'oral, then written within the 30 days ending later: runs on to the written end without a gap (10 March → 20 May = 71 days)',
      [oral('2026-03-10T09:00:00-08:00'), written('2026-03-20T09:00:00-07:00', '2026-05-20T09:00:00-07:00')],
      '2026-05-20T16:00:00.000Z',
      '2026-07-11',
    ],
    [
      'oral, then written within the 30 days ending EARLIER: the written statement governs (10 → 20 March = 10 days)',
      [oral('2026-03-10T09:00:00-08:00'), written('2026-03-12T09:00:00-08:00', '2026-03-20T09:00:00-07:00')],
      '2026-03-20T16:00:00.000Z',
      '2026-05-11',
    ],
    [
      'oral, then written after the 30 days ran out: two periods with a gap (30 + 5 days)',
      [oral('2026-03-10T09:00:00-08:00'), written('2026-04-20T09:00:00-07:00', '2026-04-25T09:00:00-07:00')],
      '2026-04-25T16:00:00.000Z',
      '2026-06-05',
    ],
    [
      'written, lifted early by the official (10 → 15 March)',
      [written('2026-03-10T09:00:00-08:00', '2026-06-01T00:00:00-07:00', { endedAt: '2026-03-15T09:00:00-07:00' })],
      '2026-03-15T16:00:00.000Z',
      '2026-05-06',
    ],
    [
      'oral, lifted after 3 days',
      [oral('2026-03-10T09:00:00-08:00', { endedAt: '2026-03-13T09:00:00-08:00' })],
      '2026-03-13T17:00:00.000Z',
      '2026-05-04',
    ],
    [
      'already in force at discovery (20 Feb → 20 March): the 60 days start when it ends',
      [written('2026-02-20T09:00:00-08:00', '2026-03-20T09:00:00-07:00')],
      '2026-03-20T16:00:00.000Z',
      '2026-05-19',
    ],
    [
      'received on the discovery day, oral: deadline = end of delay + 60',
      [oral('2026-03-02T11:00:00-08:00')],
      '2026-04-01T19:00:00.000Z',
      '2026-05-31',
    ],
    [
      'received on the deadline day itself: the deadline becomes the day it ends',
      [written('2026-05-01T10:00:00-07:00', '2026-05-15T10:00:00-07:00')],
      '2026-05-15T17:00:00.000Z',
      '2026-05-15',
    ],
    [
      'received after the deadline had passed: it holds the notice but does not revive the deadline',
      [written('2026-05-05T10:00:00-07:00', '2026-05-15T10:00:00-07:00')],
      '2026-05-15T17:00:00.000Z',
      '2026-05-01',
    ],
    [
      'two overlapping written statements merge (10 March → 19 April = 40 days)',
      [
        written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00'),
        written('2026-04-01T09:00:00-07:00', '2026-04-19T09:00:00-07:00'),
      ],
      '2026-04-19T16:00:00.000Z',
      '2026-06-10',
    ],
  ])('%s', (_name, statements, heldUntil, deadline) => {
    const p = planWith(statements);
    const o = individual(p);
    expect(o.heldUntil).toBe(heldUntil);
    expect(o.lawEnforcementHold.heldUntil).toBe(heldUntil);
    expect(o.deadline.date).toBe(deadline);
    expect(o.lawEnforcementHold.deadlineWithoutHold).toBe('2026-05-01');
    expect(o.checklist.at(-1)!.citation).toBe('45 CFR 164.412; 164.530(j)');
    // 164.412 applies to every notice of the subpart: media and HHS move the same way.
    for (const other of p.obligations) expect(other.deadline.date).toBe(deadline);
  });

  it('the shift and the undelayed deadline are recorded for counsel', () => {
    const o = individual(planWith([written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00')]));
    expect(o.lawEnforcementHold).toMatchObject({ status: 'ended', deadlineShiftDays: 30, deadlineWithoutHold: '2026-05-01' });
    expect(o.deadlineBasis).toMatch(/includes 30 day\(s\) of law-enforcement delay, 45 CFR 164\.412/);
    expect(o.notes.join(' ')).toMatch(/deadline moved 30 day\(s\) from 2026-05-01/);
  });

  it('a delay received after the deadline says so', () => {
    const o = individual(planWith([written('2026-05-05T10:00:00-07:00', '2026-05-15T10:00:00-07:00')]));
    expect(o.notes.join(' ')).toMatch(/began after the deadline had passed does not extend it/);
  });

  it('status at plan time: in force while the delay runs, ended after', () => {
    const statements = [written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00')];
    expect(individual(planWith(statements, {}, '2026-03-20T00:00:00Z')).lawEnforcementHold.status).toBe('in_force');
    expect(individual(planWith(statements, {}, '2026-04-10T00:00:00Z')).lawEnforcementHold.status).toBe('ended');
  });

  it('the target moves with the delay, and never passes the deadline', () => {
    const o = individual(planWith([written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00')]));
    expect(o.target.date).toBe('2026-05-01'); // 1 April + 30 days
    const late = individual(planWith([written('2026-05-01T10:00:00-07:00', '2026-05-15T10:00:00-07:00')]));
    expect(late.target.date <= late.deadline.date).toBe(true);
  });

  it('a statement naming only the media notice holds only that notice', () => {
    const p = planWith([written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00', { appliesTo: ['media_notice'] })]);
    expect(p.obligations.map((o) => [o.id, o.deadline.date, o.heldUntil ?? null])).toEqual([
      ['individual_notice', '2026-05-01', null],
      ['media_notice:CA', '2026-05-31', '2026-04-09T16:00:00.000Z'],
      ['hhs_notice', '2026-05-01', null],
    ]);
  });

  it('a delay of the individual notices also delays the substitute notice and the HHS notice made "contemporaneously" with them (164.404(d)(2), 164.408(b))', () => {
    const p = planWith([written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00', { appliesTo: ['individual_notice'] })], {
      affected: { byJurisdiction: { CA: 700 }, insufficientContact: 3 },
    });
    expect(p.obligations.map((o) => [o.id, o.deadline.date])).toEqual([
      ['individual_notice', '2026-05-31'],
      ['substitute_notice', '2026-05-31'],
      ['media_notice:CA', '2026-05-01'],
      ['hhs_notice', '2026-05-31'],
    ]);
  });

  it('the annual log (fewer than 500) moves only for delay days after 31 December of the discovery year', () => {
    const small = { affected: { byJurisdiction: { CA: 10 } } };
    const spring = planWith([written('2026-03-10T09:00:00-08:00', '2026-04-09T09:00:00-07:00')], small).obligations.find(
      (o) => o.id === 'hhs_annual_log',
    )!;
    expect(spring.deadline.date).toBe('2027-03-01');
    expect(spring.heldUntil).toBe('2026-04-09T16:00:00.000Z');
    const winter = planWith(
      [written('2027-02-10T09:00:00-08:00', '2027-02-20T09:00:00-08:00')],
      small,
      '2027-06-01T00:00:00Z',
    ).obligations.find((o) => o.id === 'hhs_annual_log')!;
    expect(winter.deadline.date).toBe('2027-03-11');
  });

  it('business-day BAA terms skip the delayed days too (the earlier of BAA and regulation still governs)', () => {
    const p = planWith([oral('2026-03-09T10:00:00-04:00')], {
      organization: { name: 'Synthetic Billing', entityType: 'business_associate', timeZone: 'America/New_York' },
      role: 'business_associate',
      dates: { discoveredAt: '2026-03-06T10:00:00-05:00' },
      coveredEntities: [
        { id: 'ce-1', name: 'Synthetic Hospital', actingAsAgent: 'no', baaNoticeTerm: { amount: 5, unit: 'business_days' } },
      ],
    });
    const o = p.obligations[0]!;
    // Undelayed: Friday 13 March. Held 9 March → 8 April: Mon 9 March counts (day 1), then Thu 9 April … Tue 14 April.
    expect(o.lawEnforcementHold.deadlineWithoutHold).toBe('2026-03-13');
    expect(o.deadline.date).toBe('2026-04-14');
  });
});

describe('hold periods from statements', () => {
  it('keeps who said what in the basis, with the paragraph relied on', () => {
    const [p] = holdPeriods([oral('2026-03-10T09:00:00-08:00'), written('2026-03-20T09:00:00-07:00', '2026-05-20T09:00:00-07:00')]);
    expect(p!.basis).toMatch(
      /oral statement by Agent Example \(synthetic\).*followed within 30 days by a written statement \(45 CFR 164\.412\(b\), \(a\)\).*written statement .*\(45 CFR 164\.412\(a\)\)/,
    );
  });

  it('an oral delay lasts exactly 30 × 24 hours at most, across a DST change', () => {
    expect(holdPeriods([oral('2026-03-01T12:00:00Z')])).toEqual([
      { start: '2026-03-01T12:00:00.000Z', end: '2026-03-31T12:00:00.000Z', basis: expect.stringMatching(/at most 30 days/) as unknown },
    ]);
  });
});

describe('the notice clock directly', () => {
  const hold = (start: string, end: string) => ({ start, end, basis: 'test' });
  it.each([
    ['no hold', [], '2026-05-01'],
    ['hold inside one day changes nothing', [hold('2026-03-10T17:00:00Z', '2026-03-10T20:00:00Z')], '2026-05-01'],
    ['hold from 10 March to 11 March: one day', [hold('2026-03-10T17:00:00Z', '2026-03-11T17:00:00Z')], '2026-05-02'],
    ['hold that ended before discovery', [hold('2026-02-01T17:00:00Z', '2026-02-10T17:00:00Z')], '2026-05-01'],
  ])('%s → %s', (_n, holds, date) => {
    expect(
      dueDate({ start: '2026-03-02', amount: 60, unit: 'calendar_days', holds, timeZone: 'America/Los_Angeles', tolling: 'extend' }).date,
    ).toBe(date);
  });

  it('same-day terms whose day is held fall on the day the hold ends (then the next business day)', () => {
    const holds = [hold('2026-03-05T15:00:00Z', '2026-03-14T15:00:00Z')]; // Thu 5 March → Sat 14 March (New York)
    for (const tolling of ['extend', 'postpone'] as const) {
      expect(dueDate({ start: '2026-03-06', amount: 0, unit: 'calendar_days', holds, timeZone: 'America/New_York', tolling }).date).toBe(
        '2026-03-14',
      );
      expect(dueDate({ start: '2026-03-06', amount: 0, unit: 'business_days', holds, timeZone: 'America/New_York', tolling }).date).toBe(
        '2026-03-16',
      );
    }
  });
});

describe('issue 12 item 2 — the default: a delay postpones the notice, it grants no extra time (45 CFR 164.412)', () => {
  const dflt = { tolling: undefined } as const;
  it('a 30-day oral delay from day 2 leaves the deadline at day 60 (it moved it to day 90 before)', () => {
    const p = planWith([oral('2026-03-04T09:00:00-08:00')], {}, NOW, dflt);
    const o = individual(p);
    expect(p.tolling).toBe('postpone');
    expect(o.deadline.date).toBe('2026-05-01');
    expect(o.heldUntil).toBe('2026-04-03T17:00:00.000Z');
    expect(o.lawEnforcementHold.deadlineShiftDays).toBe(0);
    // The target waits for the end of the delay: no notice before it, then promptly.
    expect(o.target.date).toBe('2026-04-03');
    // The old reading, explicitly chosen, still gives day 90.
    expect(individual(planWith([oral('2026-03-04T09:00:00-08:00')], {}, NOW, { tolling: 'extend' })).deadline.date).toBe('2026-05-31');
  });

  it('a delay running past the undelayed deadline: the deadline is the day it ends (the later of the two)', () => {
    const o = individual(planWith([written('2026-04-01T09:00:00-07:00', '2026-05-15T10:00:00-07:00')], {}, NOW, dflt));
    expect(o.deadline.date).toBe('2026-05-15');
    expect(o.lawEnforcementHold.deadlineWithoutHold).toBe('2026-05-01');
    expect(o.notes.join(' ')).toMatch(/it grants no extra time/);
    expect(o.deadlineBasis).toMatch(/postponed 14 day\(s\) to the end of the law-enforcement delay/);
  });

  it('an annual-log hold no longer moves 1 March to 1 April', () => {
    const small = { affected: { byJurisdiction: { CA: 10 } } };
    const held = [written('2027-01-05T09:00:00-08:00', '2027-02-04T09:00:00-08:00')];
    const log = (opts: Omit<PlanOptions, 'now'>) =>
      planWith(held, small, '2027-06-01T00:00:00Z', opts).obligations.find((o) => o.id === 'hhs_annual_log')!;
    expect(log(dflt).deadline.date).toBe('2027-03-01');
    expect(log({ tolling: 'extend' }).deadline.date).toBe('2027-03-31');
  });

  it('rules version 1 (an incident recorded before issue 12) still extends, whatever the option', () => {
    const p = planWith([oral('2026-03-04T09:00:00-08:00')], {}, NOW, { rulesVersion: 1, tolling: 'postpone' });
    expect(p.tolling).toBe('extend');
    expect(individual(p).deadline.date).toBe('2026-05-31');
  });
});

describe('issue 12 item 1 — repeated oral statements do not chain 30-day delays (45 CFR 164.412(b))', () => {
  // Three oral statements, 29 days apart: before, each got its own 30 days (held until 31 May, 88 days).
  const three = [oral('2026-03-04T09:00:00-08:00'), oral('2026-04-02T09:00:00-07:00'), oral('2026-05-01T09:00:00-07:00')];

  it("no written statement: the delay ends with the first oral statement's 30 days; the plan warns for each attempt", () => {
    const p = planWith(three, {}, NOW, {});
    expect(individual(p).heldUntil).toBe('2026-04-03T17:00:00.000Z');
    expect(p.lawEnforcementHolds).toEqual([
      {
        start: '2026-03-04T17:00:00.000Z',
        end: '2026-04-03T17:00:00.000Z',
        basis: expect.stringMatching(/no further than the 30 days of the first oral statement/) as unknown,
      },
    ]);
    const w = p.warnings.filter((x) => /oral law-enforcement statement/.test(x));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(
      /received 2026-04-02T09:00:00-07:00 would extend the delay past 2026-04-03T17:00:00.000Z.*WRITTEN statement.*164\.412\(b\)/,
    );
    expect(w[1]).toMatch(/received 2026-05-01T09:00:00-07:00 came after the 30 days .* does not renew the delay/);
    // Recorded, never dropped: the plan keeps every statement's trace in the documentation list.
    expect(p.documentation.keep.some((k) => /law-enforcement statement/.test(k.item))).toBe(true);
  });

  it('rules version 1 kept the old chaining (so a running incident plans as it did)', () => {
    const p = planWith(three, {}, NOW, { rulesVersion: 1 });
    expect(individual(p).heldUntil).toBe('2026-05-31T16:00:00.000Z');
    expect(p.warnings.filter((x) => /oral law-enforcement statement/.test(x))).toEqual([]);
  });

  it("a written statement within the first oral statement's 30 days still carries the delay on", () => {
    const p = planWith(
      [
        oral('2026-03-04T09:00:00-08:00'),
        oral('2026-03-20T09:00:00-07:00'),
        written('2026-03-30T09:00:00-07:00', '2026-05-20T09:00:00-07:00'),
      ],
      {},
      NOW,
      {},
    );
    expect(individual(p).heldUntil).toBe('2026-05-20T16:00:00.000Z');
    expect(p.warnings.filter((x) => /oral law-enforcement statement/.test(x))).toEqual([]);
  });

  it('holdFindings reports the capped statement for one notice kind only when it applies to it', () => {
    const media = [
      oral('2026-03-04T09:00:00-08:00', { appliesTo: ['media_notice'] }),
      oral('2026-04-02T09:00:00-07:00', { appliesTo: ['media_notice'] }),
    ];
    expect(holdFindings(media, 'individual_notice').warnings).toEqual([]);
    expect(holdFindings(media, 'media_notice').warnings).toHaveLength(1);
  });
});
