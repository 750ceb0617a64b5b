import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const CT_PERKINS = {
  title: 'Perkins Coie state law chart: Conn. Gen. Stat. § 36a-701b (60 days after discovery; AG not later than notice to residents)',
  url: 'http://www.perkinscoie.com/sc_connecticut',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const CT_DAYPITNEY = {
  title: 'Day Pitney on H.B. 5310 (2021): 60 days; HITECH notice deemed compliance; effective 2021-10-01',
  url: 'https://www.daypitney.com/insights/publications/2021/06/25-ct-enhances-data-breach-notification-law/',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** Conn. Gen. Stat. § 36a-701b. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'CT',
  status: 'encoded',
  statute: 'Conn. Gen. Stat. § 36a-701b',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Connecticut residents (60 days after discovery)',
      recipientKind: 'individuals',
      recipient: 'each affected Connecticut resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 60, unit: 'calendar_days', anchor: 'discovery' },
      citation: 'Conn. Gen. Stat. § 36a-701b(b)(1)',
      methods: ['written notice', 'telephone', 'electronic notice'],
      hipaa: {
        interplay: 'deemed_satisfied',
        note: 'A person in compliance with HIPAA/HITECH privacy and security standards is deemed compliant, provided the AG is notified no later than when residents are.',
        citation: 'Conn. Gen. Stat. § 36a-701b(h)',
      },
      effectiveFrom: '2021-10-01',
      verification: 'secondary_sources',
      sources: [CT_PERKINS, CT_DAYPITNEY, STARTING_SHEET],
      notes: [],
    },
    {
      id: 'ag_notice',
      label: 'Notice to the Connecticut Attorney General, no later than the notice to residents',
      recipientKind: 'attorney_general',
      recipient: 'Connecticut Attorney General',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'Conn. Gen. Stat. § 36a-701b(b)(2)',
      methods: ['Connecticut AG online form'],
      hipaa: { interplay: 'owed', note: 'The condition of the HIPAA deemed-compliance clause: still owed.' },
      effectiveFrom: '2012-10-01',
      verification: 'secondary_sources',
      sources: [CT_PERKINS, STARTING_SHEET],
      notes: [],
    },
  ],
  notes: ['From secondary sources (statute text not seen); subsection letters not checked.'],
} satisfies StateLawEntryInput;
