import type { StateLawEntryInput } from '../schema.js';
import {
  ALL_ELEMENTS,
  AT_INDIVIDUAL_NOTICE,
  CHECKED,
  craNotice,
  HIPAA_NOT_READ,
  SECONDARY_NOTE,
  source,
  type RuleInput,
} from './_common.js';

const VSA_2435 = source(
  '9 V.S.A. § 2435(a),(b)(1)-(3) (Vermont Statutes Online, unofficial copy published by the General Assembly)',
  'https://legislature.vermont.gov/statutes/section/09/062/02435',
  'statute_text',
);
const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Vermont (updated 2024-02-28): AG within 14 business days of discovery or the consumer notice, whichever is sooner',
  'https://klinedinstlaw.com/practice/privacy-data-security/vermont',
  'secondary',
);
const CSRPS = source(
  'CSR Professional Services, Vermont privacy regulations: 14 business days; CRA notice over 1,000 consumers',
  'https://csrps.com/privacy-regulations/vermont/',
  'secondary',
);
/** The preliminary notice to the AG: due at the sooner of two clocks, written as two rules (the earlier controls). */
const AG_PRELIMINARY: Omit<RuleInput, 'id' | 'label' | 'clock' | 'sources' | 'notes'> = {
  recipientKind: 'attorney_general',
  recipient: 'Vermont Attorney General (or the Department of Financial Regulation for entities it regulates)',
  trigger: { residents: { atLeast: 1 }, entity: 'any', dataElements: ALL_ELEMENTS },
  citation: '9 V.S.A. § 2435(b)(3)(B)(i)',
  methods: ['Vermont AG online preliminary reporting form'],
  content: [
    { item: 'the date of the security breach and the date of its discovery', citation: '9 V.S.A. § 2435(b)(3)(B)(i)' },
    { item: 'a preliminary description of the breach', citation: '9 V.S.A. § 2435(b)(3)(B)(i)' },
  ],
  hipaa: { interplay: 'owed', note: 'A regulator notice: no HIPAA exemption known.' },
  effectiveFrom: '2020-07-01',
  verification: 'secondary_sources',
};

/** 9 V.S.A. § 2435 (Security Breach Notice Act). */
export const entry = {
  jurisdiction: 'VT',
  status: 'encoded',
  statute: '9 V.S.A. §§ 2430, 2435 (Security Breach Notice Act)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Vermont consumers (45 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected Vermont consumer',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'biometric', 'online_credentials', 'medical', 'health_insurance'],
      },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'discovery' },
      citation: '9 V.S.A. § 2435(b)(1)',
      methods: ['written notice', 'email', 'telephone', 'substitute notice (conditions in § 2435)'],
      hipaa: HIPAA_NOT_READ('No HIPAA deemed-compliance clause in § 2435(b) as read'),
      effectiveFrom: '2020-07-01',
      verification: 'verified',
      sources: [VSA_2435],
      notes: [
        '"in the most expedient time possible and without unreasonable delay, but not later than 45 days after the discovery or notification" (§ 2435(b)(1)). In force at least since Act 89 (2020), effective 2020-07-01 (secondary); the earlier history was not checked.',
      ],
    },
    {
      ...AG_PRELIMINARY,
      id: 'ag_preliminary',
      label: 'Preliminary notice to the Vermont Attorney General (14 business days after discovery)',
      clock: { type: 'days', amount: 14, unit: 'business_days', anchor: 'discovery' },
      sources: [KLINEDINST, CSRPS],
      notes: [
        SECONDARY_NOTE,
        'Due 14 business days after discovery or when the consumers are notified, whichever is sooner: the second clock is `ag_preliminary_at_consumer_notice`; the earlier one controls.',
        'Later, when the consumers are notified, the AG also receives the number of Vermont consumers affected and a copy of the notice (§ 2435(b)(3)(B)(ii), secondary).',
      ],
    },
    {
      ...AG_PRELIMINARY,
      id: 'ag_preliminary_at_consumer_notice',
      label: 'Preliminary notice to the Vermont Attorney General, no later than the consumer notice',
      clock: AT_INDIVIDUAL_NOTICE,
      sources: [KLINEDINST],
      notes: [SECONDARY_NOTE, 'The "whichever is sooner" half of the preliminary-notice clock.'],
    },
    craNotice({
      name: 'Vermont',
      residents: { moreThan: 1000 },
      citation: '9 V.S.A. § 2435(c)',
      effectiveFrom: '2020-07-01',
      verification: 'secondary_sources',
      sources: [CSRPS],
      notes: ['The subsection letter is from memory of the section, not checked.'],
    }),
  ],
  holidays: {
    citation: '1 V.S.A. § 371 (legal holidays; State offices observe a Saturday holiday on Friday and a Sunday holiday on Monday)',
    verification: 'verified',
    sources: [
      source(
        "1 V.S.A. § 371(a),(b) (statute text reproduced by LawServer): twelve legal holidays, Presidents' Day and Indigenous Peoples' Day",
        'https://www.lawserver.com/law/state/vermont/vt-statutes/vermont_statutes_title_1_371',
        'statute_text',
      ),
    ],
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: "Martin Luther King, Jr.'s Birthday", month: 1, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: "Presidents' Day", month: 2, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: 'Town Meeting Day', month: 3, weekday: 2, n: 1 },
      { type: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: 'nearest_weekday' },
      { type: 'fixed', name: 'Bennington Battle Day', month: 8, day: 16, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
      { type: 'nth_weekday', name: "Indigenous Peoples' Day", month: 10, weekday: 1, n: 2 },
      { type: 'fixed', name: "Veterans' Day", month: 11, day: 11, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: 'nearest_weekday' },
    ],
    notes: [
      'The Friday/Monday shift of § 371(b) is for State offices, which receive the AG notice. § 2435 does not define "business day"; the plan also shows the Monday–Friday date, the earlier reading.',
    ],
  },
} satisfies StateLawEntryInput;
