import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, EXPEDIENT, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const SCDCA = source(
  'South Carolina Department of Consumer Affairs, Security Breaches: notice to 1,000 or more residents at one time → the Department and the national credit reporting agencies; what the notice to the Department contains',
  'https://consumer.sc.gov/identity-theft-unit/security-breaches',
  'regulator_page',
);
const CSRPS = source(
  'CSR Professional Services, South Carolina: more than 1,000 persons → Department of Consumer Affairs and consumer reporting agencies, without unreasonable delay',
  'https://www.csrps.com/privacy-regulations/south-carolina/',
  'secondary',
);
const THRESHOLD =
  'The Department\'s page says "1,000 or more", a law-firm summary "more than 1,000": planned from 1,000 (the wider reading) until counsel reads § 39-1-90(K).';
const FROM = '2009-07-01';
const FROM_NOTE = 'Effective date (2008 Act No. 190) from memory, not checked.';

/** S.C. Code § 39-1-90. */
export const entry = {
  jurisdiction: 'SC',
  status: 'encoded',
  statute: 'S.C. Code § 39-1-90 (Breach of security of business data)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'South Carolina',
      clock: EXPEDIENT,
      citation: 'S.C. Code § 39-1-90(A)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ('No HIPAA clause was read for S.C. Code § 39-1-90'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [CSRPS],
      notes: [FROM_NOTE],
    }),
    regulatorNotice({
      recipient: 'South Carolina Department of Consumer Affairs (Consumer Protection Division)',
      recipientKind: 'regulator',
      residents: { atLeast: 1000 },
      clock: { type: 'expedient', words: 'without unreasonable delay (no number in the statute)' },
      citation: 'S.C. Code § 39-1-90(K)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ["letter to the Department's Legal Division or email to scdca@scconsumer.gov"],
      content: [
        {
          item: 'date of the breach, and the date the business became aware of it',
          citation: 'SCDCA Security Breaches page (under § 39-1-90(K))',
        },
        {
          item: 'date and method of the notice to consumers, and a copy of it',
          citation: 'SCDCA Security Breaches page (under § 39-1-90(K))',
        },
        { item: 'number of affected South Carolina consumers', citation: 'SCDCA Security Breaches page (under § 39-1-90(K))' },
        { item: 'action taken to avoid future breaches', citation: 'SCDCA Security Breaches page (under § 39-1-90(K))' },
      ],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [SCDCA, CSRPS],
      notes: [THRESHOLD, FROM_NOTE],
    }),
    craNotice({
      name: 'South Carolina',
      residents: { atLeast: 1000 },
      citation: 'S.C. Code § 39-1-90(K)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [SCDCA, CSRPS],
      notes: [THRESHOLD],
    }),
  ],
} satisfies StateLawEntryInput;
