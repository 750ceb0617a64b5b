import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const LAC_701 = source(
  'La. Admin. Code tit. 16, pt. III, § 701 (regulation text as published on the Louisiana Attorney General\'s Data Security Breach Notification page): notice "timely if received within 10 days of distribution of notice to Louisiana citizens"',
  'https://ag.state.la.us/Page/DataBreach',
  'regulation_text',
);
const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Louisiana (updated 2024-02-28): residents no later than 60 days from discovery; AG reasons for a delay in writing within the 60 days',
  'https://klinedinstlaw.com/practice/privacy-data-security/louisiana?all=1',
  'secondary',
);
const RECORDINGLAW = source(
  'RecordingLaw, Louisiana Data Breach Notification Laws (2026): S.B. 361 (2018) added the 60-day deadline',
  'https://www.recordinglaw.com/us-laws/data-privacy-laws/louisiana-data-privacy-laws/data-breach-notification',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'biometric'] as const;
const FROM = '2018-08-01';

/** La. R.S. 51:3071 et seq. (Database Security Breach Notification Law) and La. Admin. Code tit. 16, pt. III, § 701. */
export const entry = {
  jurisdiction: 'LA',
  status: 'encoded',
  statute: 'La. R.S. 51:3071 to 51:3077 (Database Security Breach Notification Law); La. Admin. Code tit. 16, pt. III, § 701',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Louisiana',
      clock: calendarDays(60, 'discovery'),
      citation: 'La. R.S. 51:3074',
      dataElements: [...ELEMENTS],
      hipaa: HIPAA_NOT_READ('No HIPAA clause was read for La. R.S. 51:3074'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [KLINEDINST, RECORDINGLAW],
      notes: [
        'A delay to determine scope or restore the system must be explained to the attorney general in writing within the 60 days (secondary).',
        'Effective date of S.B. 361 (2018) from memory, not checked.',
      ],
    }),
    regulatorNotice({
      recipient: 'Louisiana Attorney General, Consumer Protection Section',
      residents: { atLeast: 1 },
      clock: calendarDays(10, 'individual_notice'),
      citation: 'La. Admin. Code tit. 16, pt. III, § 701(A),(B)',
      dataElements: [...ELEMENTS],
      methods: [
        'Louisiana AG online data breach reporting form',
        'mail to the Consumer Protection Section, 1885 N. Third Street, Baton Rouge',
      ],
      content: [
        {
          item: 'written notice detailing the breach of the security of the system',
          citation: 'La. Admin. Code tit. 16, pt. III, § 701(A)',
        },
        {
          item: "the names of all Louisiana citizens affected (send through the AG's channel only, never in a log or message)",
          citation: 'La. Admin. Code tit. 16, pt. III, § 701(A)',
        },
      ],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [LAC_701],
      notes: [
        '"Notice to the attorney general shall be timely if received within 10 days of distribution of notice to Louisiana citizens. Each day notice is not received ... shall be deemed a separate violation" (§ 701(B)): planned as received by day 10 after the resident notices.',
        'The rule is older than 2018; it is planned from the 2018 statute date only (its own start was not checked).',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
