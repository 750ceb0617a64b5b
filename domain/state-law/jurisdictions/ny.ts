import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE, source } from './_common.js';

const GBL_TEXT = {
  title: 'N.Y. Gen. Bus. Law § 899-aa(9) (statute text, reproduced by the Proteus Cyber privacy database)',
  url: 'https://proteuscyber.com/privacy-database/tag/ny-shield/days',
  kind: 'statute_text',
  checked: CHECKED,
} as const;
const GBL_COUNSELSTACK = {
  title: 'N.Y. Gen. Bus. Law § 899-aa (statute text, Counsel Stack; definitions seen)',
  url: 'https://law.counselstack.com/statute/ny/GBS/899-AA',
  kind: 'secondary',
  checked: CHECKED,
} as const;

export const entry = {
  jurisdiction: 'NY',
  status: 'encoded',
  statute: 'N.Y. Gen. Bus. Law § 899-aa',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'ag_after_hhs',
      label: 'Notice to the New York Attorney General: 5 business days after notifying HHS',
      recipientKind: 'attorney_general',
      recipient: 'New York State Attorney General',
      trigger: { residents: { atLeast: 1 }, entity: 'hipaa_entity_notifying_hhs' },
      clock: { type: 'days', amount: 5, unit: 'business_days', anchor: 'hhs_notice' },
      citation: 'N.Y. Gen. Bus. Law § 899-aa(9)',
      methods: ['NY AG breach notification form (online)'],
      content: [
        {
          item: 'the notification provided to the Secretary of HHS (a copy of the HHS breach report)',
          citation: 'N.Y. Gen. Bus. Law § 899-aa(9)',
        },
      ],
      hipaa: {
        interplay: 'owed',
        note: 'This duty exists because of the HIPAA notice to HHS; it applies also to a breach of information that is not "private information".',
      },
      effectiveFrom: '2019-10-23',
      verification: 'verified',
      sources: [GBL_TEXT, STARTING_SHEET],
      notes: [
        'Effective date: the SHIELD Act (L. 2019, ch. 117) breach provisions, 2019-10-23 — from secondary knowledge, not checked.',
        'Applies to the HHS notice of a breach of 500 or more (45 CFR 164.408(b)) and to the annual-log submission for fewer than 500 (164.408(c)): both notify the Secretary.',
      ],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected New York residents (30 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected New York resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'biometric', 'online_credentials', 'medical', 'health_insurance'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'N.Y. Gen. Bus. Law § 899-aa(2)',
      methods: ['written notice', 'electronic notice (with consent)', 'telephone (logged)'],
      hipaa: {
        interplay: 'deemed_satisfied',
        note: "Notice made under HIPAA to the affected persons satisfies § 899-aa's notice to them; the regulator notices are still owed.",
        citation: 'N.Y. Gen. Bus. Law § 899-aa(2)(b)',
      },
      effectiveFrom: '2024-12-21',
      verification: 'secondary_sources',
      sources: [GBL_COUNSELSTACK, STARTING_SHEET],
      notes: [
        'The 30-day limit comes from the December 2024 amendment; secondary sources only. Medical and health-insurance information were added to "private information" by a 2025 amendment (secondary sources).',
      ],
    },
    {
      id: 'state_regulators',
      label: 'Notice to the NY Attorney General, Department of State and Division of State Police (any New York residents notified)',
      recipientKind: 'regulator',
      recipient: 'NY Attorney General, NY Department of State and NY Division of State Police',
      trigger: { residents: { atLeast: 1 }, entity: 'any' },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'N.Y. Gen. Bus. Law § 899-aa(8)(a)',
      methods: ['NY AG online form (shared with the Department of State and the State Police)'],
      content: [
        {
          item: 'the timing, content and distribution of the notices and the approximate number of affected persons',
          citation: 'N.Y. Gen. Bus. Law § 899-aa(8)(a)',
        },
      ],
      hipaa: { interplay: 'owed', note: 'Owed whenever New York residents are to be notified, HIPAA or not.' },
      effectiveFrom: '2005-12-07',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [
        UNVERIFIED_NOTE,
        '"In the event any New York residents are to be notified": planned as due no later than the day the individual notices go out.',
      ],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 5,000 New York residents)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each consumer reporting agency',
      trigger: { residents: { moreThan: 5000 }, entity: 'any' },
      clock: {
        type: 'expedient',
        words: 'timing, content and distribution of the notices and approximate number of affected persons, no time stated',
      },
      citation: 'N.Y. Gen. Bus. Law § 899-aa(8)(b)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found for this notice.' },
      effectiveFrom: '2005-12-07',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
    },
  ],
  holidays: {
    citation: 'N.Y. Gen. Constr. Law § 24 (public holidays; a holiday on Sunday moves to Monday, except Flag Day)',
    verification: 'verified',
    sources: [
      source(
        'N.Y. Gen. Constr. Law § 24 as amended by L. 2020, ch. 249 (adds Juneteenth), quoted in full by S. 6144 (2025) on nysenate.gov',
        'https://www.nysenate.gov/legislation/bills/2025/S6144',
        'bill_text',
      ),
      source('N.Y. Gen. Constr. Law § 24 before the 2020 amendment (NY elaws)', 'http://ny.elaws.us/law/gcn_art2_sec.24', 'statute_text'),
    ],
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Dr. Martin Luther King, Jr. Day', month: 1, weekday: 1, n: 3 },
      { type: 'fixed', name: "Lincoln's Birthday", month: 2, day: 12, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: "Washington's Birthday", month: 2, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Juneteenth', month: 6, day: 19, observed: 'sunday_to_monday', fromYear: 2021 },
      { type: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
      { type: 'nth_weekday', name: 'Columbus Day', month: 10, weekday: 1, n: 2 },
      { type: 'general_election_day', name: 'General Election Day', years: 'every' },
      { type: 'fixed', name: "Veterans' Day", month: 11, day: 11, observed: 'sunday_to_monday' },
      { type: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: 'sunday_to_monday' },
    ],
    notes: [
      'Left out: Flag Day (the second Sunday in June, never a weekday) and days appointed by the President or Governor; a Saturday holiday does not move (the Saturday half-holiday is a weekend day anyway). Juneteenth is counted from 2021 (L. 2020, ch. 249).',
      'Which holidays a "business day" of § 899-aa(9) skips is not defined in the section; the plan also shows the Monday–Friday date, which is earlier when a holiday falls in the window.',
    ],
  },
} satisfies StateLawEntryInput;
