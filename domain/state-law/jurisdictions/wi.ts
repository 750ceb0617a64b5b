import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, craNotice, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const DWT = source(
  'Davis Wright Tremaine, Wisconsin Data Breach Statute (Wis. Stat. § 134.98): within a reasonable time not to exceed 45 days; no government notice',
  'https://www.dwt.com/wisconsin/',
  'secondary',
);
const LEWIS = source(
  'Lewis Brisbois, Wisconsin summary: no more than 45 days after the entity learns of the acquisition',
  'https://lewisbrisbois.com/privacy/US/Wisconsin/data-breach',
  'secondary',
);
const EASYIT = source(
  'Wisconsin breach-law highlights: more than 1,000 → consumer reporting agencies; HIPAA covered entities deemed to comply',
  'https://easyitguys.com/wisconsin-security-breach-notification-law/',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'biometric'] as const;
const FROM = '2006-03-31';

/** Wis. Stat. § 134.98. */
export const entry = {
  jurisdiction: 'WI',
  status: 'encoded',
  statute: 'Wis. Stat. § 134.98 (Notice of unauthorized acquisition of personal information)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Wisconsin',
      clock: calendarDays(45, 'discovery'),
      citation: 'Wis. Stat. § 134.98(3)(a)',
      dataElements: [...ELEMENTS],
      methods: ['mail', 'a method previously used to communicate with the person'],
      hipaa: HIPAA_NOT_READ('Wis. Stat. § 134.98(3m) is reported to deem HIPAA covered entities compliant'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [DWT, LEWIS],
      notes: [
        '"within a reasonable time, not to exceed 45 days after the entity learns of the acquisition" (as quoted by secondary sources): planned from discovery. Not required if the acquisition creates no material risk of identity theft or fraud.',
        'Effective date (2005 Wis. Act 138) from memory, not checked.',
      ],
    }),
    craNotice({
      name: 'Wisconsin',
      residents: { moreThan: 1000 },
      citation: 'Wis. Stat. § 134.98(2)(br)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [EASYIT, DWT],
      notes: ['Subsection from memory, not checked.'],
    }),
  ],
} satisfies StateLawEntryInput;
