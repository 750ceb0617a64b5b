import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const OR_TEXT = {
  title:
    'ORS 646A.604 (statute text, reproduced by OregonLaws and InstaLawyer): (1)(b) AG if the consumers to be notified exceed 250; (3)(a) not later than 45 days after discovering or receiving notification',
  url: 'http://www.oregonlaws.org/ors/646A.604',
  kind: 'statute_text',
  checked: CHECKED,
} as const;
const OR_CSRPS = {
  title: 'CSRPS privacy regulations: Oregon (AG over 250; CRAs over 1,000)',
  url: 'https://csrps.com/privacy-regulations/oregon/',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** ORS 646A.604. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'OR',
  status: 'encoded',
  statute: 'ORS 646A.604',
  statuteVerification: 'verified',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Oregon consumers (45 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected Oregon consumer',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'ORS 646A.604(1)(a), (3)(a)',
      methods: ['written notice', 'electronic notice', 'telephone'],
      hipaa: {
        interplay: 'counsel_review',
        note: 'An entity that complies with HIPAA notice rules may be deemed compliant (ORS 646A.604 exemption); counsel to confirm which notices it covers.',
      },
      effectiveFrom: '2020-01-01',
      verification: 'verified',
      sources: [OR_TEXT, STARTING_SHEET],
      notes: ['Effective date of the current text (2020-01-01) not checked.'],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Oregon Attorney General (more than 250 Oregon consumers)',
      recipientKind: 'attorney_general',
      recipient: 'Oregon Attorney General (Department of Justice)',
      trigger: {
        residents: { moreThan: 250 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'ORS 646A.604(1)(b)',
      methods: ['Oregon DOJ online form with a copy of the consumer notice'],
      hipaa: { interplay: 'counsel_review', note: "Whether the HIPAA exemption reaches the AG notice is counsel's call: planned as owed." },
      effectiveFrom: '2020-01-01',
      verification: 'verified',
      sources: [OR_TEXT, STARTING_SHEET],
      notes: [
        'The 45-day limit of (3)(a) governs "notice of a breach of security", read here as reaching the AG notice of (1)(b) too.',
        'Effective date of the current text (2020-01-01) not checked.',
      ],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 1,000 Oregon consumers)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { moreThan: 1000 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: 'ORS 646A.604(6)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2020-01-01',
      verification: 'secondary_sources',
      sources: [OR_CSRPS, STARTING_SHEET],
      notes: ['Effective date of the current text (2020-01-01) not checked.'],
    },
  ],
  notes: ['Rules checked against the statute text where marked verified; the HIPAA exemption clause was not checked (counsel_review).'],
} satisfies StateLawEntryInput;
