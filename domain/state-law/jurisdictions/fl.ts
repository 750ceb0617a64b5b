import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const SWLAW = {
  title: 'Snell & Wilmer data breach map: Florida (Fla. Stat. § 501.171)',
  url: 'https://www.swlaw.com/data-breach-map/view/state/fl',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const DWT = {
  title: 'Davis Wright Tremaine breach notification summary: Florida',
  url: 'https://dwt.com/gcp/states/florida',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'] as const;

export const entry = {
  jurisdiction: 'FL',
  status: 'encoded',
  statute: 'Fla. Stat. § 501.171 (Florida Information Protection Act of 2014)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Floridians (30 days after determination)',
      recipientKind: 'individuals',
      recipient: 'each affected individual in Florida',
      trigger: { residents: { atLeast: 1 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Fla. Stat. § 501.171(4)(a)',
      methods: ['written notice by mail', 'email'],
      content: [
        { item: 'the date, estimated date or date range of the breach', citation: 'Fla. Stat. § 501.171(4)(e)' },
        { item: 'a description of the personal information accessed', citation: 'Fla. Stat. § 501.171(4)(e)' },
        { item: 'contact information for the entity', citation: 'Fla. Stat. § 501.171(4)(e)' },
      ],
      hipaa: {
        interplay: 'counsel_review',
        note: "Notice under the entity's primary federal regulator's rules is deemed compliant for individuals if a copy is given to the Department of Legal Affairs; whether HHS counts as that regulator is counsel's call.",
        citation: 'Fla. Stat. § 501.171(4)(g)',
      },
      effectiveFrom: '2014-07-01',
      verification: 'secondary_sources',
      sources: [SWLAW, DWT, STARTING_SHEET],
      notes: [
        '15 more days if good cause is given in writing to the Department within the 30 days (§ 501.171(4)(a)); the engine plans the 30.',
      ],
    },
    {
      id: 'department_notice',
      label: 'Notice to the Florida Department of Legal Affairs (500 or more Floridians)',
      recipientKind: 'attorney_general',
      recipient: 'Florida Department of Legal Affairs (Attorney General)',
      trigger: { residents: { atLeast: 500 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Fla. Stat. § 501.171(3)',
      methods: ['written notice to the Department of Legal Affairs'],
      content: [
        { item: 'a synopsis of the events surrounding the breach', citation: 'Fla. Stat. § 501.171(3)(b)' },
        { item: 'the number of individuals in Florida affected', citation: 'Fla. Stat. § 501.171(3)(b)' },
        { item: 'services offered without charge and how to use them', citation: 'Fla. Stat. § 501.171(3)(b)' },
        { item: 'a copy of the notice to individuals', citation: 'Fla. Stat. § 501.171(3)(b)' },
        { item: 'contact for further information', citation: 'Fla. Stat. § 501.171(3)(b)' },
      ],
      hipaa: {
        interplay: 'owed',
        note: 'Owed by a HIPAA covered entity too; the deemed-compliance clause of § 501.171(4)(g) itself requires a copy to the Department.',
      },
      effectiveFrom: '2014-07-01',
      verification: 'secondary_sources',
      sources: [SWLAW, DWT, STARTING_SHEET],
      notes: ['Sources differ on "500 or more" and "more than 500": the engine applies 500 or more (the earlier reading).'],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 1,000 Floridians)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: { residents: { moreThan: 1000 }, entity: 'any', dataElements: [...ELEMENTS] },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: 'Fla. Stat. § 501.171(5)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found for this notice.' },
      effectiveFrom: '2014-07-01',
      verification: 'secondary_sources',
      sources: [SWLAW, STARTING_SHEET],
    },
  ],
} satisfies StateLawEntryInput;
