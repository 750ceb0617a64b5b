import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, craNotice, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const SD_20 = source(
  'S.D. Codified Laws § 22-40-20 (statute text, research copy at self-law.org): disclosure "not later than sixty days from the discovery or notification"; attorney general for a breach that "exceeds two hundred fifty residents"',
  'https://self-law.org/code/sd/title-22/chapter-22-40/22-40-20',
  'statute_text',
);
const SD_22 = source(
  'S.D. Codified Laws § 22-40-22 (statute text, research copy at self-law.org): written, electronic or substitute notice',
  'https://self-law.org/code/sd/title-22/chapter-22-40/22-40-22',
  'statute_text',
);
const CSRPS = source(
  'CSR Professional Services, South Dakota: more than 1,000 consumers → all nationwide consumer reporting agencies',
  'https://www.csrps.com/privacy-regulations/south-dakota/',
  'secondary',
);
const RECORDINGLAW = source(
  'RecordingLaw, South Dakota Data Breach Notification Laws (2026): in force 2018-07-01; § 22-40-23 federal-regulator compliance clause',
  'https://www.recordinglaw.com/us-laws/data-privacy-laws/south-dakota-data-privacy-laws/data-breach-notification',
  'secondary',
);
/** "Personal information" includes health information as defined in 45 CFR 160.103; "protected information" login credentials. */
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'] as const;
const FROM = '2018-07-01';

/** S.D. Codified Laws §§ 22-40-19 to 22-40-26. */
export const entry = {
  jurisdiction: 'SD',
  status: 'encoded',
  statute: 'S.D. Codified Laws §§ 22-40-19 to 22-40-26',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'South Dakota',
      clock: calendarDays(60, 'discovery'),
      citation: 'S.D. Codified Laws § 22-40-20',
      dataElements: [...ELEMENTS],
      methods: [
        'written notice',
        'electronic notice (E-SIGN, or the usual electronic channel)',
        'substitute notice (over $250,000, over 500,000 persons, or no contact information)',
      ],
      hipaa: HIPAA_NOT_READ(
        "S.D. Codified Laws § 22-40-23 is reported to deem an information holder that notifies under its federal regulator's procedures compliant",
      ),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [SD_20, SD_22, RECORDINGLAW],
      notes: [
        'Not required if, after an appropriate investigation and notice to the attorney general, the holder reasonably determines no likely harm; the determination is kept in writing for three years (§ 22-40-20).',
        'Effective date 2018-07-01 from a secondary source.',
      ],
    }),
    regulatorNotice({
      recipient: 'South Dakota Attorney General',
      residents: { moreThan: 250 },
      clock: { type: 'expedient', words: 'no time stated in § 22-40-20 (by mail or electronic mail); plan it with the resident notices' },
      citation: 'S.D. Codified Laws § 22-40-20',
      dataElements: [...ELEMENTS],
      methods: ['mail', 'electronic mail'],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [SD_20],
      notes: [
        '"shall disclose to the attorney general by mail or electronic mail any breach of system security that exceeds two hundred fifty residents of this state" (§ 22-40-20).',
      ],
    }),
    craNotice({
      name: 'South Dakota',
      residents: { moreThan: 1000 },
      citation: 'S.D. Codified Laws § 22-40-24 (section number from memory)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [CSRPS],
    }),
  ],
} satisfies StateLawEntryInput;
