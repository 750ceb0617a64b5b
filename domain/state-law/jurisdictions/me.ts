import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, craNotice, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const ME_AG = source(
  'Maine Attorney General, Data Security Breaches: report to the regulator within the Department of Professional and Financial Regulation, or else the Attorney General; more than 1,000 → credit bureaus',
  'https://www.maine.gov/ag/consumer-protection/data-security-breaches',
  'regulator_page',
);
const CSRPS = source(
  'CSR Professional Services, Maine: residents within 30 days; AG or DPFR for any resident affected',
  'https://csrps.com/privacy-regulations/miane/',
  'secondary',
);
const RECORDINGLAW = source(
  'RecordingLaw, Maine Data Breach Notification Laws (2026): 30 days from discovery and determination of scope (2019 amendment)',
  'https://www.recordinglaw.com/us-laws/data-privacy-laws/maine-data-privacy-laws/data-breach-notification',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'online_credentials'] as const;
const FROM = '2019-09-19';
const FROM_NOTE =
  "The 30-day limit came with a 2019 amendment; 2019-09-19 (the session's general effective date) is from memory, not checked.";

/** 10 M.R.S. §§ 1346 to 1350-B (Notice of Risk to Personal Data Act). */
export const entry = {
  jurisdiction: 'ME',
  status: 'encoded',
  statute: '10 M.R.S. §§ 1346 to 1350-B (Notice of Risk to Personal Data Act), § 1348',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Maine',
      clock: calendarDays(30, 'discovery'),
      citation: '10 M.R.S. § 1348(1)',
      dataElements: [...ELEMENTS],
      hipaa: HIPAA_NOT_READ('No HIPAA clause known in 10 M.R.S. § 1348'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [CSRPS, RECORDINGLAW],
      notes: [
        '"no more than 30 days after becoming aware of a breach of security and identifying its scope" (secondary): planned from discovery, the earlier reading.',
        FROM_NOTE,
      ],
    }),
    regulatorNotice({
      recipient: "Maine Attorney General (or the entity's regulator in the Department of Professional and Financial Regulation)",
      residents: { atLeast: 1 },
      clock: { type: 'expedient', words: 'when notice to residents is required; no separate number in the statute' },
      citation: '10 M.R.S. § 1348(5)',
      dataElements: [...ELEMENTS],
      methods: ['Maine AG online security breach reporting form'],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [ME_AG, CSRPS],
      notes: ['Subsection number from memory, not checked.', FROM_NOTE],
    }),
    craNotice({
      name: 'Maine',
      residents: { moreThan: 1000 },
      citation: '10 M.R.S. § 1348(4)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [ME_AG],
      notes: ['Subsection number from memory, not checked.'],
    }),
  ],
} satisfies StateLawEntryInput;
