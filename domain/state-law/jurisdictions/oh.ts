import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, CLASSIC_ELEMENTS, craNotice, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const WORDSBYWIT = source(
  'Words by Wit, Ohio Code § 1349.19 (quotes the 45-day clause; over 1,000 residents → credit reporting agencies)',
  'https://www.wordsbywit.com/ohio',
  'secondary',
);
const SWLAW = source(
  'Snell & Wilmer data breach map, Ohio: "most expedient time possible but not later than 45 days following discovery of breach"',
  'https://www.swlaw.com/data-breach-map/view/state/oh',
  'secondary',
);
const FROM = '2007-03-30';

/** Ohio Rev. Code § 1349.19. */
export const entry = {
  jurisdiction: 'OH',
  status: 'encoded',
  statute: 'Ohio Rev. Code §§ 1349.19 to 1349.192',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Ohio',
      clock: calendarDays(45, 'discovery'),
      citation: 'Ohio Rev. Code § 1349.19(B)(2)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        "Ohio is reported to deem a person that follows its federal regulator's notice procedures compliant (§ 1349.19(F))",
      ),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, SWLAW],
      notes: [
        '"the most expedient time possible but not later than forty-five days following its discovery or notification of the breach" (as quoted by secondary sources). Only a breach that causes or is reasonably believed to cause a material risk of identity theft or other fraud (§ 1349.19(A)(1)(a), read in statute text) is covered.',
        'In force from S.B. 126 (effective 2007-03-30, per a copy of the section); subsection letters not checked.',
      ],
    }),
    craNotice({
      name: 'Ohio',
      residents: { moreThan: 1000 },
      citation: 'Ohio Rev. Code § 1349.19(G)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT],
      notes: ['More than 1,000 Ohio residents in a single occurrence (secondary); subsection letter from memory.'],
    }),
  ],
} satisfies StateLawEntryInput;
