import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, HIPAA_NOT_READ, individualNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const CLIC_TEXT = source(
  'Miss. Code Ann. § 75-24-29(1),(2) (statute text reproduced by CLIC): applies to "any person who conducts business in this state" and owns, licenses or maintains personal information of any resident; definitions (name with SSN, driver\'s licence / State or tribal ID, financial account with code)',
  'https://cliclaw.com/library/state-laws/state-security-breach-laws/mississippi-act-require-notice-breach-security',
  'statute_text',
);
const WORDSBYWIT = source(
  'Words by Wit, Mississippi Code § 75-24-29 (quotes (3): notice "without unreasonable delay, subject to … the completion of an investigation …"; no notice if the breach "will not likely result in harm"; no consumer-reporting-agency notice)',
  'https://www.wordsbywit.com/mississippi',
  'secondary',
);
const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Mississippi (H.B. 582, effective 2011-07-01)',
  'https://perkinscoie.com/insights/publication/security-breach-notification-chart-mississippi',
  'secondary',
);
const CLIC_SUMMARY = source(
  'CLIC, Mississippi An Act to Require Notice of a Breach of Security: a person regulated by State or Federal law that maintains breach procedures under those laws is considered compliant if it notifies under them',
  'https://www.cliclaw.com/node/7005',
  'secondary',
);

/** Miss. Code Ann. § 75-24-29. */
export const entry = {
  jurisdiction: 'MS',
  status: 'encoded',
  statute: 'Miss. Code Ann. § 75-24-29',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Mississippi',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Miss. Code Ann. § 75-24-29(3)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ['written notice', 'telephone notice', 'electronic notice (E-SIGN or primary method)', 'substitute notice'],
      hipaa: HIPAA_NOT_READ(
        'Miss. Code Ann. § 75-24-29 is summarized (CLIC) as deeming compliant a person regulated by State or Federal law that maintains breach procedures under those laws and notifies under them; a HIPAA covered entity may fall in it',
      ),
      effectiveFrom: '2011-07-01',
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, CLIC_TEXT, PERKINS, CLIC_SUMMARY],
      notes: [
        'Scope and definitions (§ 75-24-29(1),(2)) were read in statute text; the clock of (3) only as quoted by a secondary source.',
        'No attorney general or consumer-reporting-agency notice in the sources read.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
