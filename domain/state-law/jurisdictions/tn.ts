import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, CLASSIC_ELEMENTS, craNotice, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const MINTZ = source(
  'Mintz Matrix, Tennessee (Tenn. Code § 47-18-2107): immediately but no later than 45 days following discovery; more than 1,000 persons → consumer reporting agencies',
  'https://www.mintz.com/mintz-matrix/tennessee',
  'secondary',
);
const BASSBERRY = source(
  'Bass, Berry & Sims on S.B. 2005/H.B. 1631 (2016): 45 days, effective 2016-07-01',
  'https://www.bassberry.com/news/update-to-tennessees-data-breach-notification-law-creates-notification-deadline-and-includes-encrypted-data/',
  'secondary',
);
const CHAMBLISS = source(
  'Chambliss, Tennessee Enacts Changes to Data Breach Statute: the statute no longer applies to entities subject to HIPAA',
  'https://www.chamblisslaw.com/Media-Center/Legal-Updates/120503/Tennessee-Enacts-Changes-to-Data-Breach-Statute',
  'secondary',
);
const HIPAA = HIPAA_NOT_READ(
  'Tennessee is reported (S.B. 2005 of 2016, S.B. 547 of 2017) not to apply § 47-18-2107 to persons subject to HIPAA',
);

/** Tenn. Code § 47-18-2107. */
export const entry = {
  jurisdiction: 'TN',
  status: 'encoded',
  statute: 'Tenn. Code § 47-18-2107 (Identity Theft Deterrence Act)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Tennessee',
      clock: calendarDays(45, 'discovery'),
      citation: 'Tenn. Code § 47-18-2107(b)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA,
      effectiveFrom: '2016-07-01',
      verification: 'secondary_sources',
      sources: [MINTZ, BASSBERRY, CHAMBLISS],
      notes: [
        '"immediately, but no later than forty-five (45) days from the discovery or notification of the breach" (as quoted by secondary sources).',
      ],
    }),
    {
      ...craNotice({
        name: 'Tennessee',
        residents: { moreThan: 1000 },
        citation: 'Tenn. Code § 47-18-2107(g)',
        effectiveFrom: '2016-07-01',
        verification: 'secondary_sources',
        sources: [MINTZ],
        notes: ['Subsection letter from memory.'],
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
