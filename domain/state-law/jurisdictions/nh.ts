import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const NH_20 = source(
  'N.H. Rev. Stat. § 359-C:20, I(a),(b) (statute text reproduced by LawServer, current as of 2023): individuals "as soon as possible"; the primary regulator or else the attorney general\'s office, with the anticipated date of the individual notice and the approximate number of New Hampshire individuals',
  'https://lawserver.com/law/state/new-hampshire/nh-statutes/new_hampshire_revised_statutes_359-c_20',
  'statute_text',
);

/** N.H. Rev. Stat. §§ 359-C:19 to 359-C:21. */
export const entry = {
  jurisdiction: 'NH',
  status: 'encoded',
  statute: 'N.H. Rev. Stat. §§ 359-C:19 to 359-C:21 (Notice of Security Breach)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'New Hampshire',
      clock: { type: 'expedient', words: 'as soon as possible, after the determination of likely misuse (no number in the statute)' },
      citation: 'N.H. Rev. Stat. § 359-C:20, I(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ('No HIPAA clause was read in § 359-C:20'),
      effectiveFrom: '2007-01-01',
      verification: 'verified',
      sources: [NH_20],
      notes: [
        'Owed if misuse has occurred or is reasonably likely, or if that cannot be determined (§ 359-C:20, I(a)).',
        'Effective date of the 2006 act from memory, not checked.',
      ],
    }),
    regulatorNotice({
      recipient: "New Hampshire Attorney General's office (or the primary regulator of a trade subject to RSA 358-A:3, I)",
      residents: { atLeast: 1 },
      clock: {
        type: 'expedient',
        words: 'before or with the notice to individuals: its content is their anticipated date (no number in the statute)',
      },
      citation: 'N.H. Rev. Stat. § 359-C:20, I(b)',
      dataElements: CLASSIC_ELEMENTS,
      content: [
        { item: 'the anticipated date of the notice to the individuals', citation: 'N.H. Rev. Stat. § 359-C:20, I(b)' },
        {
          item: 'the approximate number of individuals in New Hampshire who will be notified (never their names or personal information)',
          citation: 'N.H. Rev. Stat. § 359-C:20, I(b)',
        },
      ],
      effectiveFrom: '2007-01-01',
      verification: 'verified',
      sources: [NH_20],
    }),
  ],
} satisfies StateLawEntryInput;
