import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const CO_DWT = {
  title: 'Davis Wright Tremaine breach notification summary: Colorado (30 days after determination; AG if 500+)',
  url: 'https://www.dwt.com/gcp/states/colorado',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const CO_CIQ = {
  title: 'ComplianceIQ: Colorado breach notification (30 days after determination; AG 500 or more; CRAs over 1,000)',
  url: 'https://complianceiq.site/breach-notification/colorado',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const CO_CSRPS = {
  title: 'CSRPS privacy regulations: Colorado (AG 500 or more; CRAs 1,000 or more)',
  url: 'https://csrps.com/privacy-regulations/colorado/',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** C.R.S. § 6-1-716. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'CO',
  status: 'encoded',
  statute: 'C.R.S. § 6-1-716',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Colorado residents (30 days after determination)',
      recipientKind: 'individuals',
      recipient: 'each affected Colorado resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'C.R.S. § 6-1-716(2)',
      methods: ['written notice', 'electronic notice'],
      hipaa: {
        interplay: 'counsel_review',
        note: "An entity following its own regulator's procedures is deemed compliant, but where they conflict the shorter time controls and the AG notice is still required.",
        citation: 'C.R.S. § 6-1-716(3)',
      },
      effectiveFrom: '2018-09-01',
      verification: 'secondary_sources',
      sources: [CO_DWT, CO_CIQ, STARTING_SHEET],
      notes: [
        'Colorado says expressly that the more protective (shorter) time controls: the engine plans the earliest.',
        '"Determination that a security breach occurred" is defined in the parallel government statute (C.R.S. 24-73-103(1)(b)) as the point at which there is sufficient evidence to conclude a breach took place.',
      ],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Colorado Attorney General (500 or more Coloradans)',
      recipientKind: 'attorney_general',
      recipient: 'Colorado Attorney General',
      trigger: {
        residents: { atLeast: 500 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'determination' },
      citation: 'C.R.S. § 6-1-716(2)(f)',
      methods: ['Colorado AG online form'],
      hipaa: {
        interplay: 'owed',
        note: 'Still owed by an entity deemed compliant under its own regulator.',
        citation: 'C.R.S. § 6-1-716(3)',
      },
      effectiveFrom: '2018-09-01',
      verification: 'secondary_sources',
      sources: [CO_DWT, CO_CIQ, CO_CSRPS, STARTING_SHEET],
      notes: [],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 1,000 Coloradans)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { atLeast: 1000 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: 'C.R.S. § 6-1-716(2)(d)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2018-09-01',
      verification: 'secondary_sources',
      sources: [CO_CIQ, CO_CSRPS, STARTING_SHEET],
      notes: ['Sources differ ("more than 1,000" and "1,000 or more"): the engine applies 1,000 or more (the earlier reading).'],
    },
  ],
  notes: ['From secondary sources (statute text not seen); subsection numbers and the deemed-compliance clause not checked.'],
} satisfies StateLawEntryInput;
