import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE, source } from './_common.js';

const AB1755 = {
  title:
    'California A.B. 1755 (2014), amending Health & Safety Code § 1280.15: reports "no later than 15 business days after the unlawful or unauthorized access, use, or disclosure has been detected"',
  url: 'http://www.leginfo.ca.gov/pub/13-14/bill/asm/ab_1751-1800/ab_1755_bill_20140804_amended_sen_v96.htm',
  kind: 'bill_text',
  checked: CHECKED,
} as const;
const CCR79902 = {
  title: '22 Cal. Code Regs. § 79902 (breach reporting requirements: 15 business days, report contents, methods)',
  url: 'https://govt.westlaw.com/calregs/Document/ID2A92AEA5B6111EC9451000D3A7C4BC3',
  kind: 'regulation_text',
  checked: CHECKED,
} as const;
const SB24 = {
  title:
    'California S.B. 24 (2011) Assembly Judiciary analysis: AG sample copy for more than 500; HIPAA entities deemed compliant with the content rules',
  url: 'http://www.leginfo.ca.gov/pub/11-12/bill/sen/sb_0001-0050/sb_24_cfa_20110613_105923_asm_comm.html',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const SB446 = {
  title:
    'California S.B. 446 (2025) summary: 30 calendar days to individuals; AG sample within 15 calendar days of notifying them (bill summary, not the chaptered text)',
  url: 'https://www.veeto.app/bill/1974556',
  kind: 'secondary',
  checked: CHECKED,
} as const;

const CDPH_CONTENT = [
  { item: 'name and address of the facility where the breach occurred', citation: '22 CCR § 79902(a)(1)(A)' },
  { item: 'date and time each breach occurred', citation: '22 CCR § 79902(a)(1)(B)' },
  { item: 'date and time each breach was detected', citation: '22 CCR § 79902(a)(1)(C)' },
  { item: "the patients affected (sent to CDPH only, never into the engine's ids or logs)", citation: '22 CCR § 79902(a)(1)(D)' },
  { item: 'description of the medical information breached and the likelihood of re-identification', citation: '22 CCR § 79902(a)(1)(E)' },
  { item: 'description of the events surrounding the breach', citation: '22 CCR § 79902(a)(1)(F)' },
  {
    item: 'names and contact information of whoever performed the breach, any witnesses, and any unauthorized person who used or received the information, to the extent known',
    citation: '22 CCR § 79902(a)(1)(G)',
  },
  { item: 'the date the patient or representative was, or will be, notified', citation: '22 CCR § 79902(a)(1)(H)' },
  { item: 'signed in writing by a representative of the facility', citation: '22 CCR § 79902(a)(1)' },
];

export const entry = {
  jurisdiction: 'CA',
  status: 'encoded',
  statute: 'Cal. Civ. Code § 1798.82; Cal. Health & Safety Code § 1280.15',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'cdph_report',
      label: 'Report to the California Department of Public Health (licensed clinic, health facility, home health agency, hospice)',
      recipientKind: 'health_department',
      recipient: 'California Department of Public Health (CDPH)',
      trigger: { residents: { atLeast: 1 }, entity: 'licensed_health_facility' },
      clock: { type: 'days', amount: 15, unit: 'business_days', anchor: 'discovery' },
      citation: 'Cal. Health & Safety Code § 1280.15(b)(1)',
      methods: ['email', 'telephone', 'fax', 'first-class mail', 'CDPH website (22 CCR § 79902(a))'],
      content: CDPH_CONTENT,
      hipaa: { interplay: 'owed', note: 'Applies to a licensed facility whatever HIPAA says; HIPAA compliance does not satisfy it.' },
      effectiveFrom: '2015-01-01',
      verification: 'verified',
      sources: [AB1755, CCR79902, STARTING_SHEET],
      notes: [
        'The statute runs from the day the breach was "detected"; the engine uses the discovery date (the HIPAA day 0) as the earlier reading.',
        "Law-enforcement delay: the report is due 15 business days after the delay ends (§ 1280.15(c)); the engine does not apply it to this clock — see the plan's warnings.",
        'Report contents: items (A)-(H) of 22 CCR § 79902(a)(1) were read; the text seen ended at (I), so any later item is not in this list — counsel to check.',
      ],
    },
    {
      id: 'patient_notice_1280_15',
      label: 'Notice to each affected patient (licensed facility), 15 business days',
      recipientKind: 'individuals',
      recipient: "each affected patient or the patient's representative",
      trigger: { residents: { atLeast: 1 }, entity: 'licensed_health_facility' },
      clock: { type: 'days', amount: 15, unit: 'business_days', anchor: 'discovery' },
      citation: 'Cal. Health & Safety Code § 1280.15(b)(2)',
      methods: ['mail to the last known address', 'email or other means agreed in writing'],
      hipaa: {
        interplay: 'owed',
        note: 'Runs beside the HIPAA individual notice and is much shorter: it controls for California patients of a licensed facility.',
      },
      effectiveFrom: '2015-01-01',
      verification: 'verified',
      sources: [AB1755, CCR79902],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected California residents (most expedient time possible)',
      recipientKind: 'individuals',
      recipient: 'each affected California resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'in the most expedient time possible and without unreasonable delay' },
      citation: 'Cal. Civ. Code § 1798.82(a)',
      methods: ['written notice', 'electronic notice (E-SIGN)', 'substitute notice (§ 1798.82(j))'],
      hipaa: {
        interplay: 'counsel_review',
        note: 'A HIPAA covered entity that complies with HITECH notice rules is deemed compliant with the content rules of § 1798.82(d); the timing duty remains.',
        citation: 'Cal. Civ. Code § 1798.82(e)',
      },
      effectiveFrom: '2003-07-01',
      effectiveTo: '2026-01-01',
      verification: 'secondary_sources',
      sources: [SB24, STARTING_SHEET],
    },
    {
      id: 'individual_notice_30',
      label: 'Notice to affected California residents (30 calendar days, S.B. 446)',
      recipientKind: 'individuals',
      recipient: 'each affected California resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'Cal. Civ. Code § 1798.82(a) (as amended by S.B. 446, 2025)',
      methods: ['written notice', 'electronic notice (E-SIGN)', 'substitute notice (§ 1798.82(j))'],
      hipaa: {
        interplay: 'counsel_review',
        note: 'HIPAA entities remain deemed compliant with the content rules but, per the bill summary, subject to the new timeline.',
        citation: 'Cal. Civ. Code § 1798.82(e)',
      },
      effectiveFrom: '2026-01-01',
      verification: 'unverified',
      sources: [SB446, STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
    },
    {
      id: 'ag_sample',
      label: 'Sample copy of the notice to the California Attorney General (more than 500 Californians)',
      recipientKind: 'attorney_general',
      recipient: 'California Attorney General (online sample-notice submission)',
      trigger: { residents: { moreThan: 500 }, entity: 'any' },
      clock: { type: 'expedient', words: 'a single sample copy of the notice, electronically; no time stated before 2026' },
      citation: 'Cal. Civ. Code § 1798.82(f)',
      methods: ['California AG online breach-notice form'],
      content: [
        { item: 'a sample copy of the notice sent to residents, excluding personal information', citation: 'Cal. Civ. Code § 1798.82(f)' },
      ],
      hipaa: { interplay: 'owed', note: 'Owed by a HIPAA covered entity too.' },
      effectiveFrom: '2012-01-01',
      effectiveTo: '2026-01-01',
      verification: 'secondary_sources',
      sources: [SB24, STARTING_SHEET],
    },
    {
      id: 'ag_sample_15',
      label: 'Sample copy of the notice to the California Attorney General (more than 500 Californians), 15 days after the notice',
      recipientKind: 'attorney_general',
      recipient: 'California Attorney General (online sample-notice submission)',
      trigger: { residents: { moreThan: 500 }, entity: 'any' },
      clock: { type: 'days', amount: 15, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'Cal. Civ. Code § 1798.82(f) (as amended by S.B. 446, 2025)',
      methods: ['California AG online breach-notice form'],
      content: [
        { item: 'a sample copy of the notice sent to residents, excluding personal information', citation: 'Cal. Civ. Code § 1798.82(f)' },
      ],
      hipaa: { interplay: 'owed', note: 'Owed by a HIPAA covered entity too.' },
      effectiveFrom: '2026-01-01',
      verification: 'unverified',
      sources: [SB446, STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
    },
  ],
  holidays: {
    citation:
      'Cal. Gov. Code § 6700(a) (the holidays in this State) and § 6701 (a Sunday holiday moves to Monday; 11 November on a Saturday moves to Friday)',
    verification: 'verified',
    sources: [
      source(
        'Cal. Gov. Code § 6700(a)(1)-(16), current text (reproduced by Legalfina): adds Lunar New Year, Genocide Remembrance Day (24 April) and Juneteenth (19 June)',
        'https://www.legalfina.com/en/laws/ca/government/general/miscellaneous/holidays',
        'statute_text',
      ),
      source(
        'Cal. Gov. Code §§ 6700, 6701 as amended by Stats. 2015, ch. 303 (official California Legislative Information)',
        'https://leginfo.legislature.ca.gov/faces/codes_displayText.xhtml?lawCode=GOV&division=7.&title=1.&part=&chapter=7.&article=',
        'statute_text',
      ),
      source(
        'A.B. 1655 (2022), Sec. 5 amending § 6700 to add 19 June, "Juneteenth" (bill text quoted by Indybay)',
        'https://indybay.org/newsitems/2022/07/25/18851234.php',
        'bill_text',
      ),
    ],
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Dr. Martin Luther King, Jr. Day', month: 1, weekday: 1, n: 3 },
      { type: 'fixed', name: 'Lincoln Day', month: 2, day: 12, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Third Monday in February', month: 2, weekday: 1, n: 3 },
      { type: 'fixed', name: 'Cesar Chavez Day', month: 3, day: 31, observed: 'sunday_to_monday' },
      { type: 'fixed', name: 'Genocide Remembrance Day', month: 4, day: 24, observed: 'none', fromYear: 2023 },
      { type: 'nth_weekday', name: 'Last Monday in May', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Juneteenth', month: 6, day: 19, observed: 'none', fromYear: 2023 },
      { type: 'fixed', name: 'July 4th', month: 7, day: 4, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'First Monday in September', month: 9, weekday: 1, n: 1 },
      { type: 'fixed', name: 'Admission Day', month: 9, day: 9, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Native American Day', month: 9, weekday: 5, n: 4 },
      { type: 'nth_weekday', name: 'Columbus Day', month: 10, weekday: 1, n: 2 },
      { type: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Thanksgiving Day (appointed by the President, § 6700(a))', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'December 25th', month: 12, day: 25, observed: 'sunday_to_monday' },
    ],
    notes: [
      'Left out, so a date can only come out earlier, never later: Lunar New Year (§ 6700(a)(4), a lunar date the engine does not compute), Good Friday from noon to 3 p.m. (a part day), other days appointed by the President or Governor, and the day after Thanksgiving (a State-employee holiday under Gov. Code § 19853, not a § 6700 holiday — an earlier pack counted it).',
      "Genocide Remembrance Day and Juneteenth are counted from 2023: added by 2022 statutes (A.B. 1801, A.B. 1655); the year is from the bills, not the code. § 6701's Sunday-to-Monday rule is applied only to the dates it names (read in the 2015 text).",
      'H&S § 1280.15 does not define "business day"; the plan also shows the Monday–Friday date, the earlier reading.',
    ],
  },
} satisfies StateLawEntryInput;
