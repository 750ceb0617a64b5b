import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, HIPAA_NOT_READ, individualNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const WVC_102 = source(
  'W. Va. Code § 46A-2A-102(a)-(d) (statute text, Lexace): notice to any resident whose information was accessed and acquired and that causes or is believed to cause identity theft or other fraud, "without unreasonable delay"; (d) the notice shall include … (cut off after (d)(1) in the copy seen)',
  'https://lexace.ai/us/statute/west-virginia/46A-2A-102',
  'statute_text',
);
const WORDSBYWIT = source(
  'Words by Wit, West Virginia Code § 46A-2A-101 et seq.: over 1,000 residents → credit reporting agencies; notice content (categories of information, contact number or website, toll-free numbers of the major credit reporting agencies)',
  'https://www.wordsbywit.com/west-virginia',
  'secondary',
);
const CLIC = source(
  'CLIC, West Virginia Breach of Security of Consumer Information (W. Va. Code §§ 46A-2A-101 to -105): effective 2008-06-06; § 46A-2A-103 "Procedures deemed in compliance with security breach notice requirements"',
  'https://cliclaw.com/node/313',
  'secondary',
);
const FROM = '2008-06-06';
const HIPAA = HIPAA_NOT_READ(
  'W. Va. Code § 46A-2A-103 ("Procedures deemed in compliance with security breach notice requirements": heading read, text not) may deem compliant an entity that follows its own or its federal regulator\'s notice procedures',
);

/** W. Va. Code §§ 46A-2A-101 to 46A-2A-105. */
export const entry = {
  jurisdiction: 'WV',
  status: 'encoded',
  statute: 'W. Va. Code §§ 46A-2A-101 to 46A-2A-105 (Breach of Security of Consumer Information)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'West Virginia',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'W. Va. Code § 46A-2A-102(a)',
      dataElements: CLASSIC_ELEMENTS,
      content: [
        {
          item: 'to the extent possible, a description of the categories of information reasonably believed accessed or acquired',
          citation: 'W. Va. Code § 46A-2A-102(d)(1)',
        },
        {
          item: 'a telephone number or website address to contact the entity and learn what types of information it maintains',
          citation: 'W. Va. Code § 46A-2A-102(d) (as summarized)',
        },
        {
          item: 'toll-free numbers and addresses of the major credit reporting agencies and how to place a fraud alert or security freeze',
          citation: 'W. Va. Code § 46A-2A-102(d) (as summarized)',
        },
      ],
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [WVC_102, WORDSBYWIT, CLIC],
      notes: ['Content items after (d)(1) are from a secondary summary.'],
    }),
    {
      ...craNotice({
        name: 'West Virginia',
        residents: { moreThan: 1000 },
        citation: 'W. Va. Code § 46A-2A-102 (consumer reporting agencies; subsection not read)',
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [WORDSBYWIT],
        dataElements: CLASSIC_ELEMENTS,
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
