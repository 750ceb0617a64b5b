import { describe, expect, it } from 'vitest';
import { STATES, TERRITORIES } from '../../domain/index.js';
import {
  easterSunday,
  entryVerification,
  holidaysBetween,
  loadPack,
  PACK_FINGERPRINT,
  PACK_VERSION,
  RAW_ENTRIES,
  StateLawEntry,
  StateLawPackError,
} from '../../domain/state-law/index.js';

/** The state-law pack as data (issue 16): every entry valid, every deadline cited, every jurisdiction present. */
const pack = loadPack();
const rules = [...pack.entries.values()].flatMap((e) => e.obligations.map((o) => ({ code: e.jurisdiction, o, e })));

describe('state-law pack: coverage and validity', () => {
  it('has an entry for all 50 States, DC, PR, VI, GU (and AS, MP), each valid under the schema', () => {
    for (const code of [...STATES, ...TERRITORIES]) expect(pack.entries.has(code), code).toBe(true);
    expect(pack.entries.size).toBe(56);
    for (const raw of RAW_ENTRIES) {
      const r = StateLawEntry.safeParse(raw);
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    }
  });

  it('encodes with citations at least CA (Civ 1798.82 and H&S 1280.15), TX, FL, NY, IL, MA, WA, CO, NJ, PA, CT, MD, OR', () => {
    for (const code of ['CA', 'TX', 'FL', 'NY', 'IL', 'MA', 'WA', 'CO', 'NJ', 'PA', 'CT', 'MD', 'OR'] as const) {
      const e = pack.entries.get(code)!;
      expect(e.status, code).toBe('encoded');
      expect(e.obligations.length, code).toBeGreaterThan(0);
    }
    const ca = pack.entries
      .get('CA')!
      .obligations.map((o) => o.citation)
      .join(' | ');
    expect(ca).toContain('1798.82');
    expect(ca).toContain('1280.15');
  });

  it('property: no state obligation without a citation, a source, an effective date and a verification status', () => {
    expect(rules.length).toBeGreaterThan(30);
    for (const { code, o } of rules) {
      const where = `${code}:${o.id}`;
      expect(o.citation.trim(), where).not.toBe('');
      expect(o.citation, where).toMatch(/§|ILCS|RCW|ORS|C\.R\.S\.|P\.S\.|N\.J\.S\.A\.|M\.G\.L\.|R\.S\. \d+:\d+/);
      expect(o.sources.length, where).toBeGreaterThan(0);
      expect(o.effectiveFrom, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['verified', 'secondary_sources', 'unverified'], where).toContain(o.verification);
      // A number of days is a claim: it is cited by the rule, and an unverified one says so in its notes.
      if (o.verification === 'unverified')
        expect(
          o.notes.some((n) => n.startsWith('UNVERIFIED')),
          where,
        ).toBe(true);
      if (o.verification === 'verified')
        expect(
          o.sources.some((s) => s.kind !== 'secondary' && s.kind !== 'regulator_page'),
          where,
        ).toBe(true);
    }
  });

  it("property: every business-day clock has its State's holiday calendar", () => {
    for (const { code, o, e } of rules)
      if (o.clock.type === 'days' && o.clock.unit === 'business_days') expect(e.holidays, `${code}:${o.id}`).toBeDefined();
  });

  it('entry verification is the weakest of its rules; a not-encoded entry says so', () => {
    expect(entryVerification(pack.entries.get('AS')!)).toBe('not_encoded');
    expect(entryVerification(pack.entries.get('GA')!)).toBe('not_encoded');
    expect(entryVerification(pack.entries.get('NV')!)).toBe('unverified'); // the CRA rule rests on one secondary page
    expect(entryVerification(pack.entries.get('AK')!)).toBe('verified'); // both rules read in statute text
    expect(entryVerification(pack.entries.get('MA')!)).toBe('unverified');
    expect(entryVerification(pack.entries.get('TX')!)).toBe('unverified'); // the CRA rule (521.053(h)) was not checked
  });

  it('the data and the fingerprint move together: change a jurisdiction file → bump PACK_VERSION and PACK_FINGERPRINT', () => {
    expect(pack.version).toBe(PACK_VERSION);
    expect(pack.fingerprint).toBe(PACK_FINGERPRINT);
  });

  it('labels read as English: no "Notice to the each …" (pack 2026.12.03-4 had it for AZ, IN, NM and RI)', () => {
    const labels = [...pack.entries.values()].flatMap((e) => e.obligations.map((o) => `${e.jurisdiction}.${o.id}: ${o.label}`));
    expect(labels.filter((l) => /\b(the|a|an) (each|every|the|a|an|all|any)\b/i.test(l))).toEqual([]);
    expect(pack.entries.get('IN')!.obligations.find((o) => o.id === 'cra_notice')!.label).toMatch(
      /^Notice to each nationwide consumer reporting agency/,
    );
    expect(pack.entries.get('TX')!.obligations.find((o) => o.id === 'ag_notice')!.label).toMatch(/^Notice to the Texas Attorney General/);
  });

  it('a bad entry fails at load with the jurisdiction, the field and the rule — and a missing jurisdiction is named', () => {
    const bad = RAW_ENTRIES.map((e) =>
      e.jurisdiction === 'TX' ? { ...e, obligations: e.obligations!.map((o, i) => (i === 0 ? { ...o, citation: '' } : o)) } : e,
    );
    expect(() => loadPack(bad)).toThrow(StateLawPackError);
    try {
      loadPack(bad);
    } catch (err) {
      expect((err as StateLawPackError).problems).toContain('TX.obligations.0.citation: must not be empty');
    }
    const missing = RAW_ENTRIES.filter((e) => e.jurisdiction !== 'GU');
    expect(() => loadPack(missing)).toThrow(/GU: no entry/);
    const verifiedWithoutText = RAW_ENTRIES.map((e) =>
      e.jurisdiction === 'MA' ? { ...e, obligations: e.obligations!.map((o) => ({ ...o, verification: 'verified' as const })) } : e,
    );
    expect(() => loadPack(verifiedWithoutText)).toThrow(
      /MA\.obligations\.0\.verification: "verified" needs a statute, bill or regulation text/,
    );
  });
});

describe('State holiday calendars (business-day clocks)', () => {
  it.each([
    // Cal. Gov. Code § 6700(a): Admission Day (9 Sep), Genocide Remembrance Day (24 Apr) and Juneteenth from 2023; not the day after Thanksgiving (§ 19853 is a State-employee rule).
    [
      'CA',
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-12',
        '2026-02-16',
        '2026-03-31',
        '2026-04-24',
        '2026-05-25',
        '2026-06-19',
        '2026-07-04',
        '2026-09-07',
        '2026-09-09',
        '2026-09-25',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    [
      'NY',
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-12',
        '2026-02-16',
        '2026-05-25',
        '2026-06-19',
        '2026-07-04',
        '2026-09-07',
        '2026-10-12',
        '2026-11-03',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    // 205 ILCS 630/17: Pulaski (first Monday in March) and Good Friday are in the list; nothing moves off a weekend; no day after Thanksgiving.
    [
      'IL',
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-12',
        '2026-02-16',
        '2026-03-02',
        '2026-04-03',
        '2026-05-25',
        '2026-06-19',
        '2026-07-04',
        '2026-09-07',
        '2026-10-12',
        '2026-11-03',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    // 1 V.S.A. § 371: Town Meeting Day (first Tuesday in March), Bennington Battle Day; Saturday → Friday, Sunday → Monday.
    [
      'VT',
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-03-03',
        '2026-05-25',
        '2026-07-03',
        '2026-07-04',
        '2026-08-16',
        '2026-08-17',
        '2026-09-07',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    // Iowa Code § 1C.1: ten legal public holidays, no weekend shift.
    [
      'IA',
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-12',
        '2026-02-16',
        '2026-05-25',
        '2026-07-04',
        '2026-09-07',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
  ] as const)('%s %i', (code, year, expected) => {
    expect(holidaysBetween(pack.entries.get(code)!.holidays, year, year)).toEqual(expected);
  });

  it('a Sunday holiday is observed on Monday where the statute says so (NY 2027: 4 July → 5 July); Illinois moves nothing; election day only in even years in IL', () => {
    expect(holidaysBetween(pack.entries.get('NY')!.holidays, 2027, 2027)).toContain('2027-07-05');
    expect(holidaysBetween(pack.entries.get('IL')!.holidays, 2026, 2026)).not.toContain('2026-07-03'); // 4 July 2026 is a Saturday; § 630/17 has no shift
    expect(holidaysBetween(pack.entries.get('IL')!.holidays, 2025, 2025)).not.toContain('2025-11-04');
    expect(holidaysBetween(pack.entries.get('IL')!.holidays, 2026, 2026)).toContain('2026-11-03');
    expect(holidaysBetween(pack.entries.get('CA')!.holidays, 2023, 2023)).toContain('2023-11-10'); // 11 Nov 2023 is a Saturday: the Friday before (§ 6701)
  });

  it('a holiday added by a later amendment counts only from its year (CA Juneteenth and 24 April from 2023)', () => {
    const ca2022 = holidaysBetween(pack.entries.get('CA')!.holidays, 2022, 2022);
    expect(ca2022).not.toContain('2022-06-19');
    expect(ca2022).not.toContain('2022-04-24');
    expect(holidaysBetween(pack.entries.get('CA')!.holidays, 2023, 2023)).toEqual(expect.arrayContaining(['2023-04-24', '2023-06-19']));
  });

  it('Easter (Good Friday = Easter - 2) matches the published dates', () => {
    expect(['2000', '2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2000-04-23',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it('every calendar a business-day clock uses names its holiday statute and sources; "verified" ones were read in statute text', () => {
    const withBusinessDays = [...pack.entries.values()].filter((e) =>
      e.obligations.some((o) => o.clock.type === 'days' && o.clock.unit === 'business_days'),
    );
    expect(withBusinessDays.map((e) => e.jurisdiction).sort()).toEqual(['CA', 'IA', 'IL', 'NY', 'VT']);
    for (const e of withBusinessDays) {
      const h = e.holidays!;
      expect(h.citation, e.jurisdiction).toMatch(/§|ILCS/);
      expect(h.sources.length, e.jurisdiction).toBeGreaterThan(0);
      if (h.verification === 'verified')
        expect(
          h.sources.some((s) => ['statute_text', 'bill_text', 'regulation_text'].includes(s.kind)),
          e.jurisdiction,
        ).toBe(true);
    }
  });

  it('a calendar without sources, or "verified" on secondary sources only, is refused at load with the field and the rule', () => {
    const edit = (code: string, change: (h: Record<string, unknown>) => Record<string, unknown>) =>
      RAW_ENTRIES.map((e) => (e.jurisdiction === code ? { ...e, holidays: change(e.holidays as unknown as Record<string, unknown>) } : e));
    expect(() => loadPack(edit('VT', ({ sources: _s, ...h }) => h))).toThrow(/VT\.holidays\.sources: .*expected array/);
    expect(() =>
      loadPack(edit('IA', (h) => ({ ...h, sources: [{ title: 'a chart', kind: 'secondary', checked: '2026-12-03' }] }))),
    ).toThrow(/IA\.holidays\.verification: "verified" needs the holiday statute's text/);
  });
});
