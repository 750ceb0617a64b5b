import type { StateLawEntryInput } from '../schema.js';
import {
  ALL_ELEMENTS,
  AT_INDIVIDUAL_NOTICE,
  CHECKED,
  craNotice,
  EXPEDIENT,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
} from './_common.js';

const CSRPS = source(
  'CSR Professional Services, Washington D.C.: 50 or more residents (or an unknown number) → the Attorney General, no later than the notice to residents; more than 1,000 → consumer reporting agencies',
  'https://csrps.com/privacy-regulations/washington-d-c/',
  'secondary',
);
const OAG = source(
  "D.C. Office of the Attorney General, Requirements of the District's Data Breach Notification (Security Breach Protection Amendment Act of 2019, in force June 2020)",
  'https://oag.dc.gov/requirements-districts-data-breach-notification',
  'regulator_page',
);
const WORDSBYWIT = source(
  'Words by Wit, D.C. Code § 28-3851 et seq. (quotes § 28-3852(a): "the most expedient time possible and without unreasonable delay")',
  'https://www.wordsbywit.com/district-of-columbia',
  'secondary',
);
const FROM_2020 = '2020-06-17';
const FROM_NOTE = 'D.C. Law 23-98: the OAG page says in force 2020-06-08, another source 2020-06-17; the later date is used.';

/** D.C. Code §§ 28-3851 to 28-3853 (Consumer Personal Information Security Breach Notification Act). */
export const entry = {
  jurisdiction: 'DC',
  status: 'encoded',
  statute: 'D.C. Code §§ 28-3851 to 28-3853',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'District of Columbia',
      clock: EXPEDIENT,
      citation: 'D.C. Code § 28-3852(a)',
      dataElements: ALL_ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        'D.C. Code § 28-3852 is reported to deem a HIPAA-compliant entity compliant with the resident notice if it also notifies the Attorney General',
      ),
      effectiveFrom: '2007-07-01',
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, OAG],
      notes: ['Effective date of the 2007 act from memory, not checked.'],
    }),
    regulatorNotice({
      recipient: 'D.C. Office of the Attorney General',
      residents: { atLeast: 50 },
      clock: AT_INDIVIDUAL_NOTICE,
      citation: 'D.C. Code § 28-3852(b-1)',
      dataElements: ALL_ELEMENTS,
      content: [
        {
          item: 'the name and contact information of the entity, the date or range of the breach, a description, the number of District residents affected, the types of information, and a sample of the resident notice',
          citation: 'D.C. Code § 28-3852(b-1)',
        },
      ],
      effectiveFrom: FROM_2020,
      verification: 'secondary_sources',
      sources: [CSRPS, OAG],
      notes: [
        'Also owed when the number of affected residents cannot be determined (secondary); the content list and subsection are from summaries.',
        FROM_NOTE,
      ],
    }),
    craNotice({
      name: 'District of Columbia',
      residents: { moreThan: 1000 },
      citation: 'D.C. Code § 28-3852(c)',
      effectiveFrom: '2007-07-01',
      verification: 'secondary_sources',
      sources: [CSRPS],
    }),
  ],
} satisfies StateLawEntryInput;
