import type { StateLawEntryInput } from '../schema.js';
import { ALL_ELEMENTS, calendarDays, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const HB2146 = source(
  'Arizona House summary of H.B. 2146 (55th Leg., 2022): adds the Director of the Department of Homeland Security; more than 1,000 individuals → the Attorney General and the three largest consumer reporting agencies; individuals within 45 days (A.R.S. § 18-552)',
  'https://azleg.gov/legtext/55leg/2R/summary/H.HB2146_011822_CAUCUSCOW.DOCX.htm',
  'regulator_page',
);
const AG_FAQ = source(
  'Arizona Attorney General, Data-Breach Notification Law FAQ: A.R.S. §§ 18-551, 18-552; entities covered by HIPAA or Gramm-Leach-Bliley are exempt',
  'https://www.azag.gov/consumer/data-breach/faq',
  'regulator_page',
);
const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Arizona (updated 2024-02-28): 45 days after determining there was a breach',
  'https://klinedinstlaw.com/practice/privacy-data-security/arizona',
  'secondary',
);
const CLOCK = calendarDays(45, 'determination');
const FROM = '2018-08-03';
const FROM_NOTE = 'The 45-day limit dates from H.B. 2154 (2018); 2018-08-03 is from memory, not checked.';
const HIPAA = HIPAA_NOT_READ(
  "The Arizona Attorney General's FAQ says entities covered by HIPAA are exempt (A.R.S. § 18-552), in which case a HIPAA covered entity owes none of this",
);

/** A.R.S. §§ 18-551, 18-552. */
export const entry = {
  jurisdiction: 'AZ',
  status: 'encoded',
  statute: 'A.R.S. §§ 18-551, 18-552 (Data Security Breaches)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Arizona',
      clock: CLOCK,
      citation: 'A.R.S. § 18-552(B)',
      dataElements: ALL_ELEMENTS,
      methods: [
        'written notice',
        'telephone (not prerecorded)',
        'email',
        'substitute notice (over $50,000, over 100,000 individuals, or no contact information)',
      ],
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [HB2146, KLINEDINST],
      notes: [FROM_NOTE],
    }),
    {
      ...regulatorNotice({
        recipient: 'Arizona Attorney General and the Director of the Arizona Department of Homeland Security',
        residents: { moreThan: 1000 },
        clock: CLOCK,
        citation: 'A.R.S. § 18-552(B)(2)',
        dataElements: ALL_ELEMENTS,
        methods: ['Arizona AG online data breach form'],
        effectiveFrom: '2022-09-24',
        verification: 'secondary_sources',
        sources: [HB2146, AG_FAQ],
        notes: [
          'Timing assumed with the resident notices (45 days after the determination); the summaries give no separate clock.',
          'The Department of Homeland Security was added by H.B. 2146 (2022); 2022-09-24 is the general effective date of that session, not checked.',
        ],
      }),
      hipaa: HIPAA,
    },
    {
      ...regulatorNotice({
        id: 'cra_notice',
        recipient: 'each of the three largest nationwide consumer reporting agencies',
        recipientKind: 'consumer_reporting_agencies',
        residents: { moreThan: 1000 },
        clock: CLOCK,
        citation: 'A.R.S. § 18-552(B)(2)',
        dataElements: ALL_ELEMENTS,
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [HB2146],
        notes: [FROM_NOTE],
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
