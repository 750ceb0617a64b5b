import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

const PA_SB824 = {
  title:
    'Pennsylvania S.B. 824 (2023), printer\'s no. 899, adding 73 P.S. § 2303(c.1): "notice shall be made concurrently to the Office of Attorney General" when notice must go to more than 500 individuals in the Commonwealth',
  url: 'https://www.einpresswire.com/article/639870650/senate-bill-824-printer-s-number-899',
  kind: 'bill_text',
  checked: CHECKED,
} as const;
const PA_DBN = {
  title: 'DataBreaches.net on Act 33 of 2024, quoting § 2303(c.1) and (c.2) as enacted',
  url: 'https://databreaches.net/2024/07/07/new-pennsylvania-law-will-offer-added-protections-for-victims-of-data-breaches-and-new-reporting-requirements',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const PA_COMPLY = {
  title: 'ComplyAuto: Pennsylvania Act 33 effective 2024-09-26; CRA threshold 500 or more; AG portal',
  url: 'https://complyauto.com/pennsylvania-updates-data-breach-law-ag-notice-credit-monitoring-may-be-required',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** 73 P.S. § 2301 et seq. (Breach of Personal Information Notification Act). Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'PA',
  status: 'encoded',
  statute: '73 P.S. § 2301 et seq. (Breach of Personal Information Notification Act)',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Pennsylvania residents (without unreasonable delay)',
      recipientKind: 'individuals',
      recipient: 'each affected Pennsylvania resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: '73 P.S. § 2303(a)',
      methods: ['written notice', 'electronic notice', 'telephone'],
      hipaa: {
        interplay: 'counsel_review',
        note: "An entity that follows its primary or functional federal regulator's notice rules is deemed compliant; counsel to confirm for HIPAA.",
        citation: '73 P.S. § 2307',
      },
      effectiveFrom: '2006-06-20',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Pennsylvania Attorney General (more than 500 residents), concurrently with the individual notices',
      recipientKind: 'attorney_general',
      recipient: 'Pennsylvania Office of Attorney General',
      trigger: {
        residents: { moreThan: 500 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'],
      },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: '73 P.S. § 2303(c.1)',
      methods: ['Pennsylvania OAG online breach report (attorneygeneral.gov/report-breach)'],
      hipaa: { interplay: 'owed', note: 'Added by Act 33 of 2024; counsel to confirm whether the deemed-compliance clause reaches it.' },
      effectiveFrom: '2024-09-26',
      verification: 'verified',
      sources: [PA_SB824, PA_DBN, PA_COMPLY, STARTING_SHEET],
      notes: [
        'Entities subject to 40 Pa.C.S. Ch. 45 (insurance data security) are exempt from this notice (§ 2303(c.2)).',
        'The bill text read is the introduced version; the enacted wording is as quoted by secondary sources.',
      ],
      content: [
        { item: 'the organization name and location', citation: '73 P.S. § 2303(c.1)(1)' },
        { item: 'the date of the breach', citation: '73 P.S. § 2303(c.1)(2)' },
        { item: 'a summary of the breach incident', citation: '73 P.S. § 2303(c.1)(3)' },
        { item: 'the estimated total number of individuals affected', citation: '73 P.S. § 2303(c.1)(4)' },
        { item: 'the estimated number of Pennsylvania individuals affected', citation: '73 P.S. § 2303(c.1)(5)' },
      ],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 1,000 persons), before Act 33 of 2024',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { moreThan: 1000 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: '73 P.S. § 2305',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2006-06-20',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
      effectiveTo: '2024-09-26',
    },
    {
      id: 'cra_notice_2024',
      label: 'Notice to the consumer reporting agencies (500 or more persons), Act 33 of 2024',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { atLeast: 500 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: '73 P.S. § 2305 (as amended by Act 33 of 2024)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2024-09-26',
      verification: 'secondary_sources',
      sources: [PA_COMPLY, STARTING_SHEET],
      notes: [],
    },
  ],
  notes: ['AG notice checked against bill text; the rest from secondary sources or unverified.'],
} satisfies StateLawEntryInput;
