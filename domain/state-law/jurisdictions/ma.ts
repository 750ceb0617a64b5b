import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, UNVERIFIED_NOTE } from './_common.js';

const MA_GOV = {
  title: 'Mass.gov, Notifications in the event of a data breach (AG, OCABR and residents; content of the regulator notice)',
  url: 'https://www.mass.gov/info-details/notifications-in-the-event-of-a-data-breach',
  kind: 'regulator_page',
  checked: CHECKED,
} as const;
const MA_OCABR_BLOG = {
  title: 'OCABR blog: notify OCABR and the AG without unreasonable delay; content of the notice',
  url: 'https://blog.mass.gov/consumer/massconsumer/understanding-your-financial-institutions-data-breaches/',
  kind: 'regulator_page',
  checked: CHECKED,
} as const;

/** M.G.L. c. 93H § 3. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'MA',
  status: 'encoded',
  statute: 'M.G.L. c. 93H § 3',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'individual_notice',
      label: 'Notice to affected Massachusetts residents (as soon as practicable)',
      recipientKind: 'individuals',
      recipient: 'each affected Massachusetts resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account'],
      },
      clock: { type: 'expedient', words: 'as soon as practicable and without unreasonable delay' },
      citation: 'M.G.L. c. 93H § 3(b)',
      methods: ['written notice'],
      hipaa: {
        interplay: 'owed',
        note: 'No HIPAA exemption found; the HIPAA notice may serve if it carries the content Massachusetts requires (counsel to check).',
      },
      effectiveFrom: '2007-10-31',
      verification: 'unverified',
      sources: [STARTING_SHEET],
      notes: [UNVERIFIED_NOTE, 'The notice must not state the nature of the breach or the number of residents affected (c. 93H § 3(b)).'],
    },
    {
      id: 'ag_ocabr',
      label: 'Notice to the Massachusetts Attorney General and the Office of Consumer Affairs and Business Regulation (every breach)',
      recipientKind: 'regulator',
      recipient: 'Massachusetts Attorney General and Office of Consumer Affairs and Business Regulation (OCABR)',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account'],
      },
      clock: { type: 'expedient', words: 'as soon as practicable and without unreasonable delay' },
      citation: 'M.G.L. c. 93H § 3(b)',
      methods: ['OCABR online breach form', 'written notice to the AG'],
      content: [
        { item: 'the nature and circumstances of the breach', citation: 'M.G.L. c. 93H § 3(b)' },
        { item: 'the number of Massachusetts residents affected at the time of notification', citation: 'M.G.L. c. 93H § 3(b)' },
        { item: 'steps taken or planned relating to the incident', citation: 'M.G.L. c. 93H § 3(b)' },
        { item: 'whether the entity maintains a written information security program (unverified)', citation: 'M.G.L. c. 93H § 3(b)' },
      ],
      hipaa: {
        interplay: 'owed',
        note: "No HIPAA exemption found: owed for every breach of Massachusetts residents' personal information.",
      },
      effectiveFrom: '2007-10-31',
      verification: 'secondary_sources',
      sources: [MA_GOV, MA_OCABR_BLOG, STARTING_SHEET],
      notes: ['Public datasets code a 30-day rule for Massachusetts: the statute has no number (starting sheet); none is planned.'],
    },
  ],
  notes: ["The regulator notice is from the Commonwealth's own pages (statute text not seen); the individual notice rule is unverified."],
} satisfies StateLawEntryInput;
