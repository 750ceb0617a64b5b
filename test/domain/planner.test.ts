import { describe, expect, it } from 'vitest';
import {
  annualLogDue,
  planObligations,
  validateFacts,
  type Decision,
  type IncidentFacts,
  type IncidentFactsInput,
  type Plan,
} from '../../domain/index.js';

const NOW = '2026-11-22T12:00:00Z';
const decided: Decision = { reportable: true, decidedBy: 'privacy-officer', decidedAt: '2026-11-20T09:00:00-08:00' };

/** A covered entity's unsecured breach (synthetic), discovered 2 March 2026 in Los Angeles. */
function ce(over: Partial<IncidentFactsInput> = {}): IncidentFactsInput {
  return {
    organization: { name: 'Synthetic Valley Clinic', entityType: 'health_care_provider', timeZone: 'America/Los_Angeles' },
    role: 'covered_entity',
    dates: { discoveredAt: '2026-03-02T10:00:00-08:00' },
    phi: { involved: 'yes', identifiers: ['names', 'dates', 'social_security_numbers'], clinical: true },
    security: { encrypted: 'no' },
    assessment: {
      natureAndExtent: { reidentificationLikelihood: 'high', sensitiveInformation: 'yes' },
      unauthorizedRecipient: { kind: 'unknown_or_malicious', obligatedToProtect: 'no' },
      acquiredOrViewed: { finding: 'acquired' },
      mitigation: { extent: 'none' },
    },
    affected: { byJurisdiction: { CA: 10 } },
    ...over,
  };
}
const counts = (byJurisdiction: Record<string, number>, extra: Partial<NonNullable<IncidentFactsInput['affected']>> = {}) =>
  ce({ affected: { byJurisdiction, ...extra } });
const at = (discoveredAt: string, timeZone: string, over: Partial<IncidentFactsInput> = {}) =>
  ce({ organization: { name: 'Synthetic Valley Clinic', timeZone }, dates: { discoveredAt }, ...over });

function facts(input: IncidentFactsInput, now = NOW): IncidentFacts {
  const r = validateFacts(input, { now });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.facts;
}
const plan = (input: IncidentFactsInput, opts: { targetDays?: number; now?: string; decision?: Decision | null } = {}): Plan =>
  planObligations(facts(input, opts.now ?? NOW), opts.decision === undefined ? decided : opts.decision, {
    now: opts.now ?? NOW,
    ...(opts.targetDays !== undefined ? { targetDays: opts.targetDays } : {}),
  });
const ids = (p: Plan) => p.obligations.map((o) => o.id).sort();
const ob = (p: Plan, id: string) => {
  const o = p.obligations.find((x) => x.id === id);
  if (!o) throw new Error(`no obligation ${id} in ${ids(p).join(', ')}`);
  return o;
};

describe('HHS: 500 or more with the individual notices, fewer in the annual log (45 CFR 164.408)', () => {
  it.each([
    [499, { CA: 250, NV: 249 }, 'hhs_annual_log'],
    [500, { CA: 250, NV: 250 }, 'hhs_notice'],
    [501, { CA: 251, NV: 250 }, 'hhs_notice'],
    [500, { unknown: 500 }, 'hhs_notice'], // people whose State is unknown count toward the total
  ])('%i in total %j → %s', (_total, byJ, kind) => {
    const p = plan(counts(byJ));
    expect(ids(p)).toEqual([kind, 'individual_notice']);
    const hhs = ob(p, kind);
    expect(hhs.deadline.date).toBe(kind === 'hhs_notice' ? '2026-05-01' : '2027-03-01');
  });

  it('500 or more: the HHS notice has the same deadline as the individual notices', () => {
    const p = plan(counts({ CA: 300, TX: 300 }));
    expect(ob(p, 'hhs_notice').deadline).toEqual(ob(p, 'individual_notice').deadline);
  });

  it.each([
    ['2023-06-15', '2024-02-29'], // the year after is a leap year: 31 Dec + 60 days = 29 February
    ['2023-01-01', '2024-02-29'],
    ['2024-06-15', '2025-03-01'],
    ['2024-12-31', '2025-03-01'],
    ['2027-01-01', '2028-02-29'],
    ['2099-05-05', '2100-03-01'], // 2100 is not a leap year
  ])('annual log for a discovery on %s is due %s', (discovery, due) => {
    expect(annualLogDue(discovery)).toBe(due);
  });

  it.each([
    ['2023-07-04T09:00:00-07:00', '2024-02-29', '2024-03-01T07:59:59.999Z'],
    ['2024-07-04T09:00:00-07:00', '2025-03-01', '2025-03-02T07:59:59.999Z'],
  ])('the planner uses it: discovery %s → hhs_annual_log due %s (end of day %s)', (discoveredAt, date, instant) => {
    const p = plan(at(discoveredAt, 'America/Los_Angeles'), { now: '2025-06-01T00:00:00Z' });
    expect(ob(p, 'hhs_annual_log').deadline).toEqual({ date, instant });
  });

  it("the discovery YEAR is the organization's: 23:30 on 31 December in Hawaii is already 2024 in UTC", () => {
    const instant = '2023-12-31T23:30:00-10:00';
    expect(ob(plan(at(instant, 'Pacific/Honolulu'), { now: '2024-06-01T00:00:00Z' }), 'hhs_annual_log').deadline.date).toBe('2024-02-29');
    expect(ob(plan(at(instant, 'UTC'), { now: '2024-06-01T00:00:00Z' }), 'hhs_annual_log').deadline.date).toBe('2025-03-01');
  });
});

describe('media: MORE than 500 residents of a State or jurisdiction (45 CFR 164.406)', () => {
  it.each([
    [{ CA: 499 }, []],
    [{ CA: 500 }, []], // exactly 500 in one State: no media notice
    [{ CA: 501 }, ['media_notice:CA']],
    [{ NY: 300, CA: 300 }, []], // 600 in total, but no State has more than 500
    [{ CA: 501, NV: 501 }, ['media_notice:CA', 'media_notice:NV']],
    [{ CA: 700, NV: 500 }, ['media_notice:CA']],
    [{ unknown: 5000 }, []], // "unknown" never triggers media
    [{ PR: 900, DC: 501 }, ['media_notice:DC', 'media_notice:PR']],
    [{ GU: 501, AS: 501, MP: 501, VI: 501 }, ['media_notice:AS', 'media_notice:GU', 'media_notice:MP', 'media_notice:VI']],
  ])('%j → %j', (byJ, expected) => {
    const p = plan(counts(byJ));
    expect(ids(p).filter((i) => i.startsWith('media'))).toEqual(expected);
    for (const id of expected) {
      const o = ob(p, id);
      expect(o).toMatchObject({ kind: 'media_notice', jurisdiction: id.split(':')[1], citation: '45 CFR 164.406' });
      expect(o.deadline.date).toBe('2026-05-01'); // same 60 days as the individuals (164.406(b))
      expect(o.checklist[0]!.citation).toBe('45 CFR 164.406(a)');
    }
  });

  it('obligation ids are stable and deterministic: the same facts in any key order give the same plan', () => {
    const a = plan(counts({ NV: 600, CA: 700, TX: 10 }));
    const b = plan(counts({ TX: 10, CA: 700, NV: 600 }));
    expect(a.obligations.map((o) => o.id)).toEqual(b.obligations.map((o) => o.id));
    expect(a.obligations.map((o) => o.id)).toEqual(['individual_notice', 'media_notice:CA', 'media_notice:NV', 'hhs_notice']);
  });

  it('warns when people of unknown residence could push a State over 500', () => {
    expect(plan(counts({ CA: 450, unknown: 60 })).warnings.join(' ')).toMatch(
      /60 affected individual\(s\) have no known State: if enough of them live in CA, a media notice is due there/,
    );
    expect(plan(counts({ unknown: 800 })).warnings.join(' ')).toMatch(/more than 500 of them live in one State/);
    expect(plan(counts({ CA: 100, unknown: 60 })).warnings.join(' ')).not.toMatch(/no known State/);
  });
});

describe('deadlines: 60 calendar days from the local discovery date, day of discovery = day 0 (45 CFR 164.404(b))', () => {
  it.each([
    // discoveredAt, zone, deadline date, deadline instant (end of that local day in UTC), target date (30 days)
    ['2026-03-02T10:00:00-08:00', 'America/Los_Angeles', '2026-05-01', '2026-05-02T06:59:59.999Z', '2026-04-01'],
    ['2026-01-31T09:00:00-05:00', 'America/New_York', '2026-04-01', '2026-04-02T03:59:59.999Z', '2026-03-02'], // month ends
    ['2024-01-31T09:00:00-05:00', 'America/New_York', '2024-03-31', '2024-04-01T03:59:59.999Z', '2024-03-01'], // leap February
    ['2024-12-31T09:00:00-05:00', 'America/New_York', '2025-03-01', '2025-03-02T04:59:59.999Z', '2025-01-30'],
    ['2026-09-05T12:00:00-04:00', 'America/New_York', '2026-11-04', '2026-11-05T04:59:59.999Z', '2026-10-05'], // DST ends in between
    ['2026-01-10T12:00:00-05:00', 'America/New_York', '2026-03-11', '2026-03-12T03:59:59.999Z', '2026-02-09'], // DST starts in between
    ['2026-01-07T12:00:00-05:00', 'America/New_York', '2026-03-08', '2026-03-09T03:59:59.999Z', '2026-02-06'], // deadline on the DST day
    ['2026-05-10T22:30:00-10:00', 'Pacific/Honolulu', '2026-07-09', '2026-07-10T09:59:59.999Z', '2026-06-09'], // late evening in Hawaii
    ['2026-05-10T22:30:00-10:00', 'UTC', '2026-07-10', '2026-07-10T23:59:59.999Z', '2026-06-10'], // the same instant, a UTC organization
    ['2026-05-10T22:30:00-10:00', 'Asia/Tokyo', '2026-07-10', '2026-07-10T14:59:59.999Z', '2026-06-10'],
  ])('discovered %s (%s) → deadline %s, ending %s; target %s', (discoveredAt, tz, date, instant, target) => {
    const p = plan(at(discoveredAt, tz), { now: '2026-12-01T00:00:00Z' });
    const o = ob(p, 'individual_notice');
    expect(o.deadline).toEqual({ date, instant });
    expect(o.target.date).toBe(target);
    expect(o.deadlineBasis).toMatch(/60 calendar days after discovery on \d{4}-\d{2}-\d{2} \(day 0; 45 CFR 164\.404\(b\)\)/);
  });

  it('Hawaii vs UTC: a discovery late in the evening in Honolulu is a day earlier than in UTC, and so is every deadline', () => {
    const instant = '2026-05-10T22:30:00-10:00';
    const hi = plan(at(instant, 'Pacific/Honolulu'));
    const utc = plan(at(instant, 'UTC'));
    expect([hi.discoveryDate, utc.discoveryDate]).toEqual(['2026-05-10', '2026-05-11']);
    expect(Date.parse(ob(hi, 'individual_notice').deadline.instant)).toBeLessThan(
      Date.parse(ob(utc, 'individual_notice').deadline.instant),
    );
  });

  it.each([
    [15, '2026-03-17'],
    [30, '2026-04-01'],
    [0, '2026-03-02'],
    [90, '2026-05-01'], // never after the deadline
  ])('target of %i days → %s', (targetDays, date) => {
    const p = plan(ce(), { targetDays });
    for (const o of p.obligations) expect(o.target.date <= o.deadline.date).toBe(true);
    expect(ob(p, 'individual_notice').target.date).toBe(date);
    expect(p.targetDays).toBe(targetDays);
  });

  it('refuses a negative or fractional target', () => {
    expect(() => plan(ce(), { targetDays: -1 })).toThrow(/targetDays/);
    expect(() => plan(ce(), { targetDays: 2.5 })).toThrow(/targetDays/);
  });

  it('a deadline already past at plan time is flagged', () => {
    const p = plan(ce(), { now: '2026-06-01T00:00:00Z' });
    expect(p.warnings.join(' ')).toMatch(/individual_notice: the deadline 2026-05-01 .* has already passed/);
  });
});

describe('individuals, next of kin and substitute notice (45 CFR 164.404(d))', () => {
  it.each([
    [0, undefined, undefined],
    [1, '45 CFR 164.404(d)(2)(i)', undefined],
    [9, '45 CFR 164.404(d)(2)(i)', undefined],
    [10, '45 CFR 164.404(d)(2)(ii)', 90],
    [11, '45 CFR 164.404(d)(2)(ii)', 90],
  ])('%i with insufficient contact information → %s', (n, citation, keepActiveDays) => {
    const p = plan(counts({ CA: 100 }, { insufficientContact: n }));
    const o = p.obligations.find((x) => x.id === 'substitute_notice');
    expect(o?.citation).toBe(citation);
    expect(o?.keepActiveDays).toBe(keepActiveDays);
    expect(ob(p, 'individual_notice').count).toBe(100 - n);
    if (o) {
      expect(o).toMatchObject({ kind: 'substitute_notice', count: n });
      expect(o.deadline.date).toBe('2026-05-01');
      const items = o.checklist.map((c) => `${c.item} (${c.citation})`).join('\n');
      if (n >= 10) {
        expect(items).toMatch(
          /home page of the web site for 90 days, or conspicuous notice in major print or broadcast media.*\(45 CFR 164\.404\(d\)\(2\)\(ii\)\(A\)\)/,
        );
        expect(items).toMatch(/AND a toll-free telephone number, active for at least 90 days.*\(45 CFR 164\.404\(d\)\(2\)\(ii\)\(B\)\)/);
        expect(o.methods).toEqual(['web_posting', 'press_release', 'telephone']);
      } else {
        expect(items).toMatch(/alternative form of written notice, telephone, or other means \(45 CFR 164\.404\(d\)\(2\)\(i\)\)/);
        expect(items).not.toMatch(/toll-free telephone number, active/);
      }
    }
  });

  it('next of kin of deceased individuals get their own notice; no substitute notice for the deceased without an address', () => {
    const p = plan(counts({ CA: 100 }, { deceased: 5, deceasedWithNextOfKinAddress: 3 }));
    const kin = ob(p, 'individual_notice:next_of_kin');
    expect(kin).toMatchObject({ kind: 'individual_notice', count: 3, citation: '45 CFR 164.404(d)(1)(ii)', methods: ['first_class_mail'] });
    expect(kin.deadline.date).toBe('2026-05-01');
    const ind = ob(p, 'individual_notice');
    expect(ind.count).toBe(95);
    expect(ind.notes.join(' ')).toMatch(
      /2 deceased without a known next-of-kin or personal-representative address: no substitute notice is required/,
    );
    expect(p.obligations.some((o) => o.kind === 'substitute_notice')).toBe(false);
  });

  it('substitute notice counts living people only', () => {
    const p = plan(counts({ CA: 100 }, { deceased: 10, deceasedWithNextOfKinAddress: 0, insufficientContact: 12 }));
    expect(ob(p, 'substitute_notice').count).toBe(12);
    expect(ob(p, 'individual_notice').count).toBe(78);
  });

  it('urgent cases (possible imminent misuse) add telephone to the written notice (164.404(d)(3))', () => {
    const p = plan({ ...counts({ CA: 10 }), urgent: true });
    const o = ob(p, 'individual_notice');
    expect(o.methods).toContain('telephone');
    expect(o.checklist.find((c) => c.citation === '45 CFR 164.404(d)(3)')!.item).toMatch(
      /telephone or other means.*in addition to the written notice/,
    );
    expect(ob(plan(counts({ CA: 10 })), 'individual_notice').methods).not.toContain('telephone');
  });

  it('minors: notice to a parent or guardian as personal representative', () => {
    const o = ob(plan(counts({ CA: 10 }, { minors: 4 })), 'individual_notice');
    expect(o.notes.join(' ')).toMatch(/4 minor\(s\).*164\.502\(g\)/);
    expect(o.checklist.some((c) => c.citation.startsWith('45 CFR 164.502(g)'))).toBe(true);
  });

  it('the individual notice carries every content element of 164.404(c), each with its citation', () => {
    const cites = ob(plan(ce()), 'individual_notice').checklist.map((c) => c.citation);
    expect(cites).toEqual(
      expect.arrayContaining([
        '45 CFR 164.404(c)(1)(A)',
        '45 CFR 164.404(c)(1)(B)',
        '45 CFR 164.404(c)(1)(C)',
        '45 CFR 164.404(c)(1)(D)',
        '45 CFR 164.404(c)(1)(E)',
        '45 CFR 164.404(c)(2)',
        '45 CFR 164.404(d)(1)(i)',
      ]),
    );
  });
});

describe('business associate → covered entity: the earlier of the BAA and 60 days (45 CFR 164.410)', () => {
  const ba = (
    coveredEntities: IncidentFactsInput['coveredEntities'],
    discoveredAt: string,
    byJurisdiction: Record<string, number> = { NY: 120 },
  ) =>
    plan({
      ...ce({ affected: { byJurisdiction } }),
      organization: { name: 'Synthetic Billing Services', entityType: 'business_associate', timeZone: 'America/New_York' },
      role: 'business_associate',
      dates: { discoveredAt },
      coveredEntities,
    });
  const one = (
    term: { amount: number; unit: 'calendar_days' | 'business_days' } | undefined,
    discoveredAt: string,
    holidays: string[] = [],
  ) => ba([{ id: 'ce-1', name: 'Synthetic Hospital One', holidays, ...(term ? { baaNoticeTerm: term } : {}) }], discoveredAt).obligations;

  it.each([
    // Discovery Friday 6 March 2026 (New York) unless noted.
    [undefined, '2026-03-06T10:00:00-05:00', [], '2026-05-05'], // no BAA term: the regulation's 60 calendar days
    [{ amount: 30, unit: 'calendar_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-04-05'],
    [{ amount: 60, unit: 'calendar_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-05-05'],
    [{ amount: 90, unit: 'calendar_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-05-05'], // a longer BAA term: the regulation governs
    [{ amount: 5, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-03-13'], // skips the weekend
    [{ amount: 2, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', ['2026-03-09'], '2026-03-11'], // and a holiday
    [{ amount: 0, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-03-06'], // same business day
    [{ amount: 0, unit: 'business_days' as const }, '2026-03-07T10:00:00-05:00', [], '2026-03-09'], // same business day: Saturday → Monday
    [{ amount: 1, unit: 'business_days' as const }, '2026-03-07T10:00:00-05:00', [], '2026-03-09'], // one business day after a Saturday
    [{ amount: 0, unit: 'calendar_days' as const }, '2026-03-07T10:00:00-05:00', [], '2026-03-07'], // same calendar day
    [{ amount: 10, unit: 'business_days' as const }, '2025-12-19T10:00:00-05:00', ['2025-12-25', '2026-01-01'], '2026-01-06'], // across Christmas and New Year
    [{ amount: 50, unit: 'business_days' as const }, '2026-03-06T10:00:00-05:00', [], '2026-05-05'], // 50 business days (15 May) > 60 calendar days
  ])('BAA term %j, discovery %s, holidays %j → ce_notice due %s', (term, discoveredAt, holidays, due) => {
    const [o] = one(term, discoveredAt, holidays);
    expect(o).toMatchObject({ id: 'ce_notice:ce-1', kind: 'ce_notice', recipient: 'Synthetic Hospital One', citation: '45 CFR 164.410' });
    expect(o!.deadline.date).toBe(due);
    expect(o!.target.date <= o!.deadline.date).toBe(true);
  });

  it('each covered entity gets its own notice, with its own BAA term and holiday calendar', () => {
    const p = ba(
      [
        { id: 'north', name: 'Synthetic North Hospital', baaNoticeTerm: { amount: 3, unit: 'business_days' }, holidays: ['2026-03-09'] },
        { id: 'south', name: 'Synthetic South Clinic', baaNoticeTerm: { amount: 3, unit: 'business_days' }, holidays: [] },
        { id: 'east', name: 'Synthetic East Plan' },
      ],
      '2026-03-06T10:00:00-05:00',
    );
    expect(p.obligations.map((o) => [o.id, o.deadline.date])).toEqual([
      ['ce_notice:north', '2026-03-12'],
      ['ce_notice:south', '2026-03-11'],
      ['ce_notice:east', '2026-05-05'],
    ]);
    expect(ob(p, 'ce_notice:north').deadlineBasis).toMatch(/the earliest of: .*BAA term of 3 business day\(s\).*1 listed holiday/);
    expect(ob(p, 'ce_notice:east').notes.join(' ')).toMatch(/no BAA notice term recorded/);
  });

  it("a business associate's plan holds only covered-entity notices — the covered entity notifies individuals, media and HHS", () => {
    const p = ba([{ id: 'ce-1', name: 'Synthetic Hospital One' }], '2026-03-06T10:00:00-05:00', { NY: 5000, NJ: 900 });
    expect(p.obligations.map((o) => o.kind)).toEqual(['ce_notice']);
    expect(p.notes.join(' ')).toMatch(/164\.410.*164\.404–164\.408/);
    expect(ob(p, 'ce_notice:ce-1').checklist.map((c) => c.citation)).toEqual(['45 CFR 164.410(c)(1)', '45 CFR 164.410(c)(2)']);
  });
});

describe('not reportable: no notices, but a documentation record of why (164.414(b), 164.530(j))', () => {
  it('secured PHI, decided not reportable: zero obligations and the reason on file for six years', () => {
    const p = plan(ce({ security: { encrypted: 'yes', encryptionMeetsHhsGuidance: 'yes', keyCompromised: 'no' } }), {
      decision: { reportable: false, decidedBy: 'privacy-officer', decidedAt: '2026-03-05T09:00:00-08:00' },
    });
    expect(p.reportable).toBe(false);
    expect(p.obligations).toEqual([]);
    expect(p.status).toBe('decided');
    expect(p.documentation.reportable).toBe(false);
    expect(p.documentation.why).toMatch(
      /^Not a reportable breach\. Decided by privacy-officer at 2026-03-05T09:00:00-08:00, in line with the recommendation/,
    );
    expect(p.documentation.rationale.join(' ')).toMatch(/secured/);
    expect(p.documentation.keep[0]!.item).toMatch(/the reason no notice was required \(secured\)/);
    expect(p.documentation.retention).toMatchObject({
      years: 6,
      from: '2026-03-05',
      retainUntil: '2032-03-05',
      citation: '45 CFR 164.530(j)(2)',
    });
  });

  it('a decision against the recommendation is planned as decided, and its justification is on the record', () => {
    const p = plan(ce(), {
      decision: {
        reportable: false,
        decidedBy: 'privacy-officer',
        decidedAt: '2026-03-05T09:00:00-08:00',
        justification: 'records recovered unopened from the synthetic courier',
      },
    });
    expect(p.obligations).toEqual([]);
    expect(p.decision).toMatchObject({
      agreesWithRecommendation: false,
      justification: 'records recovered unopened from the synthetic courier',
    });
    expect(p.documentation.why).toMatch(/departing from the recommendation \(reportable\): records recovered unopened/);
  });

  it('a departure with no justification is flagged (validateDecision refuses it at decision time)', () => {
    const p = plan(ce(), { decision: { reportable: false, decidedBy: 'po', decidedAt: '2026-03-05T09:00:00-08:00' } });
    expect(p.warnings.join(' ')).toMatch(/differs from the recommendation but records no justification/);
  });

  it('without a decision the plan is a preview that follows the recommendation', () => {
    const p = plan(ce(), { decision: null });
    expect(p.status).toBe('preview');
    expect(p.decision).toBeNull();
    expect(p.reportable).toBe(true);
    expect(p.warnings[0]).toMatch(/No decision recorded: this is a preview/);
  });

  it('the retention period of a record made on 29 February ends on 1 March six years later', () => {
    const p = plan(at('2028-02-28T10:00:00-08:00', 'America/Los_Angeles'), {
      now: '2028-03-02T00:00:00Z',
      decision: { reportable: true, decidedBy: 'po', decidedAt: '2028-02-29T10:00:00-08:00' },
    });
    expect(p.documentation.retention.retainUntil).toBe('2034-03-01');
  });
});

describe('plans are plain JSON for Temporal payloads', () => {
  it('round-trips through JSON unchanged, with no Date objects', () => {
    const p = plan(
      counts({ CA: 700, NV: 501, unknown: 3 }, { insufficientContact: 12, deceased: 2, deceasedWithNextOfKinAddress: 1, minors: 3 }),
    );
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    const walk = (v: unknown): void => {
      expect(v instanceof Date).toBe(false);
      if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(p);
  });
});
