import type { StateLawEntryInput } from '../schema.js';
import {
  CHECKED,
  CLASSIC_ELEMENTS,
  craNotice,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
  WITHOUT_UNREASONABLE_DELAY,
} from './_common.js';

const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Virginia (updated 2024-02-28): AG notice required, timing not specified; what the AG asks for',
  'https://klinedinstlaw.com/practice/privacy-data-security/virginia?all=1',
  'secondary',
);
const FOLEY = source(
  'Foley & Lardner, Virginia Enacts Security Breach Law (2008): effective 2008-07-01; AG and consumer reporting agencies when more than 1,000 residents',
  'https://www.foley.com/insights/publications/2008/03/virginia-enacts-security-breach-law/',
  'secondary',
);
const CSRPS = source(
  'CSR Professional Services, Virginia: notice without delay to affected individuals and the Attorney General',
  'https://csrps.com/privacy-regulations/virginia/',
  'secondary',
);
const FROM = '2008-07-01';

/** Va. Code § 18.2-186.6. */
export const entry = {
  jurisdiction: 'VA',
  status: 'encoded',
  statute: 'Va. Code § 18.2-186.6 (Breach of personal information notification)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Virginia',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Va. Code § 18.2-186.6(B)',
      dataElements: CLASSIC_ELEMENTS,
      content: [
        { item: 'the incident in general terms', citation: 'Va. Code § 18.2-186.6 (content of the notice; subsection not checked)' },
        {
          item: 'the type of personal information subject to the unauthorized access and acquisition',
          citation: 'Va. Code § 18.2-186.6 (content of the notice; subsection not checked)',
        },
        {
          item: 'the acts taken to protect the information from further unauthorized access',
          citation: 'Va. Code § 18.2-186.6 (content of the notice; subsection not checked)',
        },
        {
          item: 'a telephone number for further information and assistance, if one exists',
          citation: 'Va. Code § 18.2-186.6 (content of the notice; subsection not checked)',
        },
        {
          item: 'advice to remain vigilant by reviewing account statements and monitoring free credit reports',
          citation: 'Va. Code § 18.2-186.6 (content of the notice; subsection not checked)',
        },
      ],
      hipaa: HIPAA_NOT_READ('No HIPAA clause known in Va. Code § 18.2-186.6'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [KLINEDINST, FOLEY],
      notes: [
        'Breaches of medical information are also covered by Va. Code § 32.1-127.1:05, which is reported not to apply to HIPAA covered entities; not encoded.',
      ],
    }),
    regulatorNotice({
      recipient: 'Virginia Office of the Attorney General (Computer Crime Section)',
      residents: { atLeast: 1 },
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Va. Code § 18.2-186.6(B)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ['letter to the Computer Crime Section, Office of the Attorney General, Richmond'],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [KLINEDINST, CSRPS],
    }),
    craNotice({
      name: 'Virginia',
      residents: { moreThan: 1000 },
      citation: 'Va. Code § 18.2-186.6(E)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [FOLEY, CSRPS],
      notes: ['The Attorney General is also told of the timing, distribution and content of the notices (secondary).'],
    }),
  ],
} satisfies StateLawEntryInput;
