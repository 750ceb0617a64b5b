import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const WA_GUIDE = {
  title: "terms.law, Washington Data Breach Notification: An Operator's Guide (30 days from discovery; AG if more than 500)",
  url: 'https://terms.law/washington-data-breach-notification-guide/',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const WA_CIQ = {
  title: 'ComplianceIQ: Washington breach notification (30 days; AG over 500 with sample notice)',
  url: 'https://complianceiq.site/breach-notification/washington',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** RCW 19.255.010. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'WA',
  status: 'encoded',
  statute: 'RCW 19.255.010',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Washington residents (30 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected Washington resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'RCW 19.255.010(8)',
      methods: ['written notice', 'electronic notice'],
      hipaa: {
        interplay: 'deemed_satisfied',
        note: 'A HIPAA covered entity is deemed compliant for the notice to individuals if it complies with HITECH; the AG notice is still required.',
        citation: 'RCW 19.255.030',
      },
      effectiveFrom: '2020-03-01',
      verification: 'secondary_sources',
      sources: [WA_GUIDE, WA_CIQ, STARTING_SHEET],
      notes: [],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Washington Attorney General (more than 500 Washington residents)',
      recipientKind: 'attorney_general',
      recipient: 'Washington Attorney General',
      trigger: {
        residents: { moreThan: 500 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 30, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'RCW 19.255.010(7)',
      methods: ['electronic notice with a sample copy of the individual notice'],
      content: [
        { item: 'the number of Washington residents affected (or an estimate)', citation: 'RCW 19.255.010(7)' },
        { item: 'the types of personal information involved', citation: 'RCW 19.255.010(7)' },
        { item: 'the time frame of exposure', citation: 'RCW 19.255.010(7)' },
        { item: 'a summary of steps taken to contain the breach', citation: 'RCW 19.255.010(7)' },
        { item: 'a sample copy of the notice to individuals', citation: 'RCW 19.255.010(7)' },
      ],
      hipaa: { interplay: 'owed', note: 'Still owed by a HIPAA covered entity.', citation: 'RCW 19.255.030' },
      effectiveFrom: '2020-03-01',
      verification: 'secondary_sources',
      sources: [WA_GUIDE, WA_CIQ, STARTING_SHEET],
      notes: [],
    },
  ],
  notes: ['Timing and AG threshold from secondary sources (statute text not seen); the HIPAA clause (RCW 19.255.030) not checked.'],
} satisfies StateLawEntryInput;
