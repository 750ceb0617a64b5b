import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

const SB768 = {
  title:
    'Texas S.B. 768 (88th Leg., 2023), amending Bus. & Com. Code § 521.053(i),(j): "not later than the 30th [60th] day after the date on which the person determines that the breach occurred"',
  url: 'https://app.legiplex.com/tx/legislature/2023/88-0/bills/sb768/draft-619811?id=619811',
  kind: 'bill_text',
  checked: CHECKED,
} as const;
const AG_PAGE = {
  title: 'Texas Attorney General, Data Breach Reporting (electronic form required from 2023-09-01)',
  url: 'https://texasattorneygeneral.gov/consumer-protection/data-breach-reporting',
  kind: 'regulator_page',
  checked: CHECKED,
} as const;
const AG_CONTENT = [
  {
    item: 'a detailed description of the nature and circumstances of the breach or the use of sensitive personal information acquired',
    citation: 'Tex. Bus. & Com. Code § 521.053(i)(1)',
  },
  { item: 'the number of Texas residents affected at the time of notification', citation: 'Tex. Bus. & Com. Code § 521.053(i)(2)' },
  {
    item: 'the number of affected residents sent a disclosure by mail or other direct method at the time of notification',
    citation: 'Tex. Bus. & Com. Code § 521.053(i)(3)',
  },
  { item: 'the measures taken regarding the breach', citation: 'Tex. Bus. & Com. Code § 521.053(i)(4)' },
  { item: 'any measures intended after the notification', citation: 'Tex. Bus. & Com. Code § 521.053(i)(5)' },
  { item: 'whether law enforcement is engaged in investigating the breach', citation: 'Tex. Bus. & Com. Code § 521.053(i)(6)' },
];
/** "Sensitive personal information" includes information on health, health care and payment for it (§ 521.002(a)(2)). */
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance'] as const;

export const entry = {
  jurisdiction: 'TX',
  status: 'encoded',
  statute: 'Tex. Bus. & Com. Code ch. 521 (Identity Theft Enforcement and Protection Act), § 521.053',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Texas residents (60 days after determination)',
      recipientKind: 'individuals',
      recipient: 'each affected Texas resident',
      trigger: { residents: { atLeast: 1 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'days', amount: 60, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Tex. Bus. & Com. Code § 521.053(b)',
      methods: ['written notice', 'electronic notice (E-SIGN)', 'substitute notice under § 521.053(f)'],
      hipaa: {
        interplay: 'owed',
        note: "No HIPAA deemed-compliance clause found in § 521.053: the Texas clock runs beside HIPAA's; the earlier date controls. Counsel to confirm.",
      },
      effectiveFrom: '2020-01-01',
      verification: 'verified',
      sources: [
        {
          title: 'Tex. Bus. & Com. Code § 521.053(a),(b) (statute text, reproduced by LawServer)',
          url: 'https://lawserver.com/law/state/texas/tx-codes/texas_business_and_commerce_code_521-053',
          kind: 'statute_text',
          checked: CHECKED,
        },
        STARTING_SHEET,
      ],
      notes: [
        '"without unreasonable delay and in each case not later than the 60th day after the date on which the person determines that the breach occurred" (§ 521.053(b)).',
      ],
    },
    {
      id: 'ag_notice',
      label: "Notice to the Texas Attorney General (250 or more Texans), on the AG's electronic form",
      recipientKind: 'attorney_general',
      recipient: 'Texas Attorney General (Consumer Protection Division), electronic Data Breach Report',
      trigger: { residents: { atLeast: 250 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Tex. Bus. & Com. Code § 521.053(i)',
      methods: ['Texas AG online Data Breach Report form (required)'],
      content: AG_CONTENT,
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found: a HIPAA-compliant covered entity still files with the Texas AG.' },
      effectiveFrom: '2023-09-01',
      verification: 'verified',
      sources: [SB768, AG_PAGE],
      notes: ['The AG posts a public listing of notifications received (§ 521.053(j)); the report is potentially an open record.'],
    },
    {
      id: 'ag_notice_2020',
      label: 'Notice to the Texas Attorney General (250 or more Texans), rule before S.B. 768',
      recipientKind: 'attorney_general',
      recipient: 'Texas Attorney General (Consumer Protection Division)',
      trigger: { residents: { atLeast: 250 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'days', amount: 60, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Tex. Bus. & Com. Code § 521.053(i) (as in force 2020-01-01 to 2023-08-31)',
      methods: ['Texas AG Data Breach Notice form'],
      content: AG_CONTENT.slice(0, 2).concat(AG_CONTENT.slice(3)),
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2020-01-01',
      effectiveTo: '2023-09-01',
      verification: 'verified',
      sources: [SB768],
      notes: ['Superseded by the 30-day rule for breaches discovered from 2023-09-01 (S.B. 768 struck "60th").'],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the nationwide consumer reporting agencies (more than 10,000 persons)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: { residents: { moreThan: 10000 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'expedient', words: 'without unreasonable delay (timing, distribution and content of the notices)' },
      citation: 'Tex. Bus. & Com. Code § 521.053(h)',
      methods: ['written notice to each nationwide consumer reporting agency'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2020-01-01',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [
        UNVERIFIED_NOTE,
        'The statute counts persons notified at one time (not only Texans); the engine tests the Texas count only — counsel to check the total.',
      ],
    },
  ],
} satisfies StateLawEntryInput;
