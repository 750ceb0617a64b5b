import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const MD_TEXT = {
  title:
    'Md. Code, Com. Law § 14-3504 (statute text, reproduced by Lexace): (b)(3) not later than 45 days after the business discovers or is notified of the breach',
  url: 'https://lexace.ai/us/statute/maryland/CL-14-3504',
  kind: 'statute_text',
  checked: CHECKED,
} as const;
const MD_KLINEDINST = {
  title: 'Klinedinst, Data Breach Notification Statutes – Maryland (AG notice before consumer notice; content)',
  url: 'https://klinedinstlaw.com/practice/privacy-data-security/maryland',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const MD_CSRPS = {
  title: 'CSRPS privacy regulations: Maryland (AG before consumers; CRAs for 1,000 or more)',
  url: 'https://www.csrps.com/privacy-regulations/maryland/',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** Md. Code, Com. Law § 14-3504. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'MD',
  status: 'encoded',
  statute: 'Md. Code, Com. Law § 14-3504',
  statuteVerification: 'verified',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Maryland residents (45 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected Maryland resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'Md. Code, Com. Law § 14-3504(b)(3)',
      methods: ['written notice', 'electronic notice', 'telephone'],
      hipaa: {
        interplay: 'counsel_review',
        note: "An entity that complies with its primary or functional federal regulator's rules is deemed compliant; counsel to confirm for HIPAA.",
        citation: 'Md. Code, Com. Law § 14-3507',
      },
      effectiveFrom: '2022-10-01',
      verification: 'verified',
      sources: [MD_TEXT, STARTING_SHEET],
      notes: [
        'Some summaries still describe the pre-2022 rule (45 days after the investigation concludes); the statute text read says after discovery or notification.',
      ],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Maryland Attorney General before notifying individuals',
      recipientKind: 'attorney_general',
      recipient: 'Maryland Attorney General (Identity Theft Unit)',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'Md. Code, Com. Law § 14-3504(h)',
      methods: ['Maryland AG online form or written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found for the prior AG notice.' },
      effectiveFrom: '2008-01-01',
      verification: 'secondary_sources',
      sources: [MD_KLINEDINST, MD_CSRPS, STARTING_SHEET],
      notes: [
        '"Prior to giving the notification": planned as due no later than the day the individual notices go out — send it before them.',
      ],
      content: [
        { item: 'the number of affected individuals residing in Maryland', citation: 'Md. Code, Com. Law § 14-3504(h)' },
        { item: 'a description of the breach, including when and how it occurred', citation: 'Md. Code, Com. Law § 14-3504(h)' },
        { item: 'steps taken or planned relating to the breach', citation: 'Md. Code, Com. Law § 14-3504(h)' },
        { item: 'the form of notice to individuals and a sample notice', citation: 'Md. Code, Com. Law § 14-3504(h)' },
      ],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (1,000 or more persons)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { atLeast: 1000 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: 'Md. Code, Com. Law § 14-3506',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2008-01-01',
      verification: 'secondary_sources',
      sources: [MD_CSRPS, STARTING_SHEET],
      notes: [],
    },
  ],
  notes: [
    '14-3504(b)(3) checked against statute text; the AG and CRA rules from secondary sources; the HIPAA clause (14-3507) not checked.',
  ],
} satisfies StateLawEntryInput;
