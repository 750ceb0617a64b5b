import { describe, expect, it } from 'vitest';
import { annualLogDue, planObligations, validateFacts, type IncidentFacts, type IncidentFactsInput } from '../../domain/rules.js';
import { coveredEntityBreach, businessAssociateBreach } from '../fixtures/synthetic-facts.js';

const NOW = '2026-11-22T12:00:00Z';
const decided = { reportable: true, decidedBy: 'po', decidedAt: NOW };

function facts(input: IncidentFactsInput): IncidentFacts {
  const r = validateFacts(input, { now: NOW });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.facts;
}
const plan = (input: IncidentFactsInput, targetDays?: number) => planObligations(facts(input), decided, { now: NOW, ...(targetDays ? { targetDays } : {}) });
const ids = (input: IncidentFactsInput) => plan(input).obligations.map((o) => o.id).sort();
const ce = (byJurisdiction: Record<string, number>, extra: Partial<IncidentFactsInput['affected']> = {}) =>
  coveredEntityBreach('2026-03-02T10:00:00-08:00', { affected: { byJurisdiction, ...extra } });

describe('HHS: 500 or more now, fewer in the annual log (45 CFR 164.408)', () => {
  it.each([
    [499, ['hhs_annual_log', 'individual_notice']],
    [500, ['hhs_notice', 'individual_notice']],
    [501, ['hhs_notice', 'individual_notice']],
  ])('%i people in total (spread so no state exceeds 500) → %j', (n, expected) => {
    expect(ids(ce({ CA: Math.ceil(n / 2), NV: Math.floor(n / 2) }))).toEqual(expected);
  });

  it.each([
    ['2023-06-15', '2024-02-29'], // the year after is a leap year: 31 Dec + 60 days = 29 February
    ['2024-06-15', '2025-03-01'],
    ['2024-12-31', '2025-03-01'],
    ['2027-01-01', '2028-02-29'],
    ['2099-05-05', '2100-03-01'], // 2100 is not a leap year
  ])('annual log for a discovery on %s is due %s', (discovery, due) => {
    expect(annualLogDue(discovery)).toBe(due);
  });
});

describe('media: MORE than 500 residents of a State (45 CFR 164.406)', () => {
  it.each([
    [{ CA: 499 }, []],
    [{ CA: 500 }, []],
    [{ CA: 501 }, ['media_notice:CA']],
    [{ NY: 300, CA: 300 }, []],
    [{ CA: 501, NV: 501 }, ['media_notice:CA', 'media_notice:NV']],
    [{ UNKNOWN: 5000 }, []],
    [{ PR: 900, DC: 501 }, ['media_notice:DC', 'media_notice:PR']],
  ])('%j → %j', (byJ, expected) => {
    expect(ids(ce(byJ)).filter((i) => i.startsWith('media'))).toEqual(expected);
  });
});

describe('individuals: 60 calendar days from discovery, day of discovery = day 0 (45 CFR 164.404(b))', () => {
  it('counts calendar days across a month end and gives the end of the local day as the instant', () => {
    const p = plan(coveredEntityBreach('2026-01-31T09:00:00-05:00', { organization: { name: 'X', timeZone: 'America/New_York' } }));
    const o = p.obligations.find((x) => x.id === 'individual_notice')!;
    expect(o.deadline.date).toBe('2026-04-01');
    expect(o.deadline.instant).toBe('2026-04-02T03:59:59.999Z'); // EDT (UTC-4) after the March change
    expect(o.target.date).toBe('2026-03-02'); // default target: 30 days
  });

  it('a discovery late in the day in Hawaii is still that day there (not the next UTC day)', () => {
    const hi = plan(coveredEntityBreach('2026-05-10T22:30:00-10:00', { organization: { name: 'X', timeZone: 'Pacific/Honolulu' } }));
    const utc = plan(coveredEntityBreach('2026-05-10T22:30:00-10:00', { organization: { name: 'X', timeZone: 'UTC' } }));
    expect(hi.discoveryDate).toBe('2026-05-10');
    expect(utc.discoveryDate).toBe('2026-05-11');
    expect(hi.obligations[0]!.deadline.date).toBe('2026-07-09');
    expect(hi.obligations[0]!.deadline.instant).toBe('2026-07-10T09:59:59.999Z');
    expect(utc.obligations[0]!.deadline.date).toBe('2026-07-10');
  });

  it('deadline instants follow DST: a November deadline in New York ends at 04:59:59.999Z', () => {
    const p = plan(coveredEntityBreach('2026-09-05T12:00:00-04:00', { organization: { name: 'X', timeZone: 'America/New_York' } }));
    expect(p.obligations[0]!.deadline).toEqual({ date: '2026-11-04', instant: '2026-11-05T04:59:59.999Z' });
  });

  it('the target never falls after the deadline', () => {
    const p = plan(ce({ CA: 10 }), 90);
    for (const o of p.obligations) expect(o.target.date <= o.deadline.date).toBe(true);
  });
});

describe('substitute notice (45 CFR 164.404(d)(2))', () => {
  it.each([
    [0, undefined],
    [9, '45 CFR 164.404(d)(2)(i)'],
    [10, '45 CFR 164.404(d)(2)(ii)'],
  ])('%i with insufficient contact information → %s', (n, citation) => {
    const o = plan(ce({ CA: 100 }, { insufficientContact: n })).obligations.find((x) => x.id === 'substitute_notice');
    expect(o?.citation).toBe(citation);
    if (n >= 10) expect(o!.checklist.map((c) => c.item).join(' ')).toMatch(/90 days.*toll-free.*90 days/s);
  });

  it('next of kin of deceased individuals get a notice of their own; no substitute notice for those without an address', () => {
    const p = plan(ce({ CA: 100 }, { deceased: 5, deceasedWithNextOfKinAddress: 3 }));
    const kin = p.obligations.find((o) => o.id === 'individual_notice:next_of_kin')!;
    expect(kin.count).toBe(3);
    expect(kin.notes.join(' ')).toMatch(/2 deceased individual\(s\) without a known next-of-kin address/);
    expect(p.obligations.find((o) => o.id === 'individual_notice')!.count).toBe(95);
    expect(p.obligations.some((o) => o.id === 'substitute_notice')).toBe(false);
  });

  it('urgent cases add telephone notice (164.404(d)(3))', () => {
    const p = plan({ ...ce({ CA: 10 }), urgent: true });
    expect(p.obligations[0]!.checklist.some((c) => c.citation === '45 CFR 164.404(d)(3)')).toBe(true);
  });
});

describe('business associate → covered entity (45 CFR 164.410)', () => {
  const ba = (term: { amount: number; unit: 'calendar_days' | 'business_days' } | undefined, discoveredAt: string, holidays: string[] = []) =>
    plan(businessAssociateBreach(discoveredAt, {
      coveredEntities: [{ id: 'ce-1', name: 'CE One', holidays, ...(term ? { baaNoticeTerm: term } : {}) }],
    })).obligations;

  it.each([
    // discovery Friday 2026-03-06 (New York)
    [undefined, '2026-03-06T10:00:00-05:00', [], '2026-05-05'], // regulation: 60 calendar days
    [{ amount: 30, unit: 'calendar_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-04-05'],
    [{ amount: 90, unit: 'calendar_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-05-05'], // longer BAA term: the regulation governs
    [{ amount: 5, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-03-13'], // skips the weekend
    [{ amount: 2, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', ['2026-03-09'], '2026-03-11'], // and a holiday
    [{ amount: 0, unit: 'business_days' as const }, '2026-03-07T10:00:00-05:00', [], '2026-03-09'], // same business day: Saturday → Monday
    [{ amount: 10, unit: 'business_days' as const }, '2025-12-19T10:00:00-05:00', ['2025-12-25', '2026-01-01'], '2026-01-06'], // across Christmas and New Year
  ])('BAA term %j, discovery %s, holidays %j → due %s', (term, discoveredAt, holidays, due) => {
    const [o] = ba(term, discoveredAt, holidays);
    expect(o!.id).toBe('ce_notice:ce-1');
    expect(o!.deadline.date).toBe(due);
  });

  it("a business associate's plan holds only covered-entity notices (the covered entity notifies individuals, HHS and media)", () => {
    const p = plan(businessAssociateBreach('2026-03-06T10:00:00-05:00', { affected: { byJurisdiction: { NY: 5000 } } }));
    expect(p.obligations.map((o) => o.kind)).toEqual(['ce_notice']);
  });
});

describe('law-enforcement delay (45 CFR 164.412)', () => {
  const base = '2026-03-02T10:00:00-08:00';
  const withDelays = (delays: IncidentFactsInput['lawEnforcementDelays']) => plan(coveredEntityBreach(base, { affected: { byJurisdiction: { CA: 10 } }, lawEnforcementDelays: delays }));
  const individual = (p: ReturnType<typeof plan>) => p.obligations.find((o) => o.id === 'individual_notice')!;

  it('no delay: 60 days', () => {
    expect(individual(withDelays([])).deadline.date).toBe('2026-05-01');
  });
  it('written statement: held until its end, the clock stops for those days', () => {
    const o = individual(withDelays([{ kind: 'written', official: 'Agent A', agency: 'FBI (synthetic)', receivedAt: '2026-03-10T09:00:00-08:00', endsAt: '2026-04-09T09:00:00-07:00' }]));
    expect(o.heldUntil).toBe('2026-04-09T16:00:00.000Z');
    expect(o.deadline.date).toBe('2026-05-31'); // 30 days of delay added
  });
  it('oral statement alone: at most 30 days from the statement', () => {
    const o = individual(withDelays([{ kind: 'oral', official: 'Det. B', agency: 'City PD (synthetic)', receivedAt: '2026-03-10T09:00:00-08:00' }]));
    expect(o.heldUntil).toBe('2026-04-09T17:00:00.000Z');
    expect(o.deadline.date).toBe('2026-05-31');
  });
  it('oral then written within 30 days: the delay runs on to the written end without a gap', () => {
    const o = individual(
      withDelays([
        { kind: 'oral', official: 'Det. B', agency: 'City PD (synthetic)', receivedAt: '2026-03-10T09:00:00-08:00' },
        { kind: 'written', official: 'Det. B', agency: 'City PD (synthetic)', receivedAt: '2026-03-20T09:00:00-07:00', endsAt: '2026-05-20T09:00:00-07:00' },
      ]),
    );
    expect(o.heldUntil).toBe('2026-05-20T16:00:00.000Z');
    expect(o.deadline.date).toBe('2026-07-11'); // 71 days of delay (10 Mar → 20 May) added to 1 May
    expect(o.notes.join(' ')).toMatch(/followed by a written one/);
  });
  it('oral then a written statement received after the 30 days: a gap, two periods', () => {
    const o = individual(
      withDelays([
        { kind: 'oral', official: 'Det. B', agency: 'City PD (synthetic)', receivedAt: '2026-03-10T09:00:00-08:00' },
        { kind: 'written', official: 'Det. B', agency: 'City PD (synthetic)', receivedAt: '2026-04-20T09:00:00-07:00', endsAt: '2026-04-25T09:00:00-07:00' },
      ]),
    );
    expect(o.heldUntil).toBe('2026-04-25T16:00:00.000Z');
    expect(o.deadline.date).toBe('2026-06-05'); // 30 + 5 days
  });
  it('a delay lifted early by the official ends then', () => {
    const o = individual(withDelays([{ kind: 'written', official: 'Agent A', agency: 'FBI (synthetic)', receivedAt: '2026-03-10T09:00:00-08:00', endsAt: '2026-06-01T00:00:00-07:00', endedAt: '2026-03-15T09:00:00-07:00' }]));
    expect(o.heldUntil).toBe('2026-03-15T16:00:00.000Z');
    expect(o.deadline.date).toBe('2026-05-06');
  });
});
