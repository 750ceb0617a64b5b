import type { StateLawEntryInput } from '../schema.js';
import { ALL_ELEMENTS, CHECKED, EXPEDIENT, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const ND_02 = source(
  'N.D. Cent. Code § 51-30-02 (statute text, Lexace): residents, and the attorney general by mail or electronic mail for a breach "which exceeds two hundred fifty individuals", "in the most expedient time possible and without unreasonable delay"',
  'https://lexace.ai/us/statute/north-dakota/51-30-02',
  'statute_text',
);
const ND_01 = source(
  'N.D. Cent. Code ch. 51-30 (statute text, LegalFix): § 51-30-01 "personal information" includes medical and health insurance information',
  'https://legalfix.com/statutes/state-codes/north-dakota/title-51/chapter-51-30',
  'statute_text',
);
const LEXOLOGY = source(
  'Lexology on N.D. S.B. 2214 (2015): attorney-general notice over 250 residents, effective 2015-08-01',
  'https://www.lexology.com/library/detail.aspx?g=39c9075c-39c7-4d64-8cfb-fb7386d5935a',
  'secondary',
);

/** N.D. Cent. Code ch. 51-30 (Notice of Security Breach for Personal Information). */
export const entry = {
  jurisdiction: 'ND',
  status: 'encoded',
  statute: 'N.D. Cent. Code §§ 51-30-01 to 51-30-07 (Notice of Security Breach for Personal Information)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'North Dakota',
      clock: EXPEDIENT,
      citation: 'N.D. Cent. Code § 51-30-02',
      dataElements: ALL_ELEMENTS,
      hipaa: HIPAA_NOT_READ('N.D. Cent. Code § 51-30-06 (federal-regulator compliance) was not read'),
      effectiveFrom: '2015-08-01',
      verification: 'verified',
      sources: [ND_02, ND_01],
      notes: ['Planned from the 2015 amendment (S.B. 2214); the resident notice itself dates from 2005.'],
    }),
    regulatorNotice({
      recipient: 'North Dakota Attorney General',
      residents: { moreThan: 250 },
      clock: EXPEDIENT,
      citation: 'N.D. Cent. Code § 51-30-02',
      dataElements: ALL_ELEMENTS,
      methods: ['mail', 'electronic mail'],
      effectiveFrom: '2015-08-01',
      verification: 'verified',
      sources: [ND_02, LEXOLOGY],
      notes: [
        'The statute counts individuals, not only North Dakota residents; the engine tests the North Dakota count — counsel to check the total.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
