import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

const AL_8_38_6 = {
  title: 'Ala. Code § 8-38-6 (Notice of security breach — Attorney General), Act 2018-396 § 6, official Code of Alabama',
  url: 'http://alisondb.legislature.state.al.us/alison/codeofalabama/1975/8-38-6.htm',
  kind: 'statute_text',
  checked: CHECKED,
} as const;

export const entry = {
  jurisdiction: 'AL',
  status: 'encoded',
  statute: 'Ala. Code § 8-38-1 et seq. (Alabama Data Breach Notification Act of 2018)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'ag_notice',
      label: 'Notice to the Alabama Attorney General (more than 1,000 individuals notified)',
      recipientKind: 'attorney_general',
      recipient: 'Alabama Attorney General',
      trigger: { residents: { moreThan: 1000 }, entity: 'any' },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Ala. Code § 8-38-6(a)',
      methods: ['written notice to the Attorney General'],
      content: [
        { item: 'a synopsis of the events surrounding the breach', citation: 'Ala. Code § 8-38-6(b)(1)' },
        { item: 'the approximate number of individuals in Alabama affected', citation: 'Ala. Code § 8-38-6(b)(2)' },
        { item: 'services offered without charge and instructions to use them', citation: 'Ala. Code § 8-38-6(b)(3)' },
        { item: 'name, address, telephone number and email address of a contact', citation: 'Ala. Code § 8-38-6(b)(4)' },
      ],
      hipaa: {
        interplay: 'counsel_review',
        note: "Alabama deems an entity that complies with its federal regulator's notice rules compliant (unverified: § 8-38-11); whether that covers the AG notice is counsel's call — planned as owed.",
      },
      effectiveFrom: '2018-06-01',
      verification: 'verified',
      sources: [AL_8_38_6],
      notes: [
        "The 45 days run from the determination that a breach occurred and is reasonably likely to cause substantial harm (or from a third-party agent's notice) (§ 8-38-6(a)). The statute counts individuals the entity must notify under § 8-38-5; the engine tests the Alabama count.",
      ],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected Alabama residents (45 days after determination)',
      recipientKind: 'individuals',
      recipient: 'each affected Alabama resident',
      trigger: { residents: { atLeast: 1 }, entity: 'any' },
      clock: { type: 'days', amount: 45, unit: 'calendar_days', anchor: 'determination' },
      citation: 'Ala. Code § 8-38-5',
      methods: ['written notice', 'email'],
      hipaa: { interplay: 'counsel_review', note: 'See the federal-regulator clause (unverified: § 8-38-11).' },
      effectiveFrom: '2018-06-01',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [UNVERIFIED_NOTE],
    },
  ],
} satisfies StateLawEntryInput;
