import type { StateLawEntryInput } from '../schema.js';
import { AT_INDIVIDUAL_NOTICE, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const NE_803 = source(
  'Neb. Rev. Stat. § 87-803(1),(2) (statute text, research copy at self-law.org): residents "as soon as possible and without unreasonable delay"; the Attorney General "not later than the time when notice is provided to the Nebraska resident"',
  'https://self-law.org/code/ne/chapter-87/87-803',
  'statute_text',
);
const AG_FORM = source(
  'Nebraska Attorney General, Data Breach Notification (electronic form; number affected, dates, manner of notice, a sample letter)',
  'https://protectthegoodlife.nebraska.gov/data-breach-notification',
  'regulator_page',
);
const LEXOLOGY = source(
  'Lexology on the 2016 Nebraska amendment: attorney-general notice with no threshold, from 2016-07-20',
  'https://www.lexology.com/library/detail.aspx?g=972871d5-2947-4d21-a865-776a98af5632',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'online_credentials', 'biometric'] as const;
const FROM = '2016-07-20';

/** Neb. Rev. Stat. §§ 87-801 to 87-807 (Financial Data Protection and Consumer Notification of Data Security Breach Act of 2006). */
export const entry = {
  jurisdiction: 'NE',
  status: 'encoded',
  statute: 'Neb. Rev. Stat. §§ 87-801 to 87-807 (Financial Data Protection and Consumer Notification of Data Security Breach Act of 2006)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Nebraska',
      clock: { type: 'expedient', words: 'as soon as possible and without unreasonable delay (no number in the statute)' },
      citation: 'Neb. Rev. Stat. § 87-803(1)',
      dataElements: [...ELEMENTS],
      hipaa: HIPAA_NOT_READ('Neb. Rev. Stat. § 87-804 (own-procedures and federal-regulator clauses) was not read'),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [NE_803],
      notes: [
        'Owed only if a good-faith, reasonable and prompt investigation finds use for an unauthorized purpose has occurred or is reasonably likely (§ 87-803(1)).',
        'Planned from the 2016 amendment (secondary date); the resident notice dates from 2006.',
      ],
    }),
    regulatorNotice({
      recipient: 'Nebraska Attorney General (Consumer Affairs Response Team)',
      residents: { atLeast: 1 },
      clock: AT_INDIVIDUAL_NOTICE,
      citation: 'Neb. Rev. Stat. § 87-803(2)',
      dataElements: [...ELEMENTS],
      methods: ['Nebraska AG online data breach notification form', 'mail to 2115 State Capitol, Lincoln'],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [NE_803, AG_FORM, LEXOLOGY],
    }),
  ],
} satisfies StateLawEntryInput;
