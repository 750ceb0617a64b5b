import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, EXPEDIENT, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const KSA_7A02 = source(
  'K.S.A. 50-7a02(a)-(d) (statute text, PocketLaw): after a "reasonable and prompt investigation", notice "in the most expedient time possible and without unreasonable delay" to the affected Kansas resident if misuse "has occurred or is reasonably likely to occur"',
  'https://getpocketlaw.com/law/state_kansas/section-50-7a02-security-breach-requirements_a658ec5e22be',
  'statute_text',
);
const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Kansas (Kan. Stat. § 50-7a01 et seq., S.B. 196, effective 2007-01-01): "must notify more than 1,000 consumers at one time" → all nationwide consumer reporting agencies, without unreasonable delay',
  'https://www.perkinscoie.com/en/news-insights/security-breach-notification-chart-kansas.html',
  'secondary',
);
const SNELL = source(
  'Snell & Wilmer data breach map, Kansas: credit agencies "if more than 1,000 Kansas consumers must be notified"; no state agency notice',
  'https://www.swlaw.com/data-breach-map/view/state/ks',
  'secondary',
);
const FROM = '2007-01-01';
const HIPAA = HIPAA_NOT_READ(
  'K.S.A. 50-7a02(d) treats as compliant an entity that "maintains its own notification procedures as part of an information security policy" consistent with the statute\'s timing (the clause is cut off in the text seen); whether HIPAA breach procedures count is for counsel',
);

/** K.S.A. 50-7a01, 50-7a02. */
export const entry = {
  jurisdiction: 'KS',
  status: 'encoded',
  statute: 'K.S.A. 50-7a01, 50-7a02 (Security breach; requirements)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Kansas',
      clock: EXPEDIENT,
      citation: 'K.S.A. § 50-7a02(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [KSA_7A02, PERKINS],
      notes: [
        'Kansas applies a misuse test: no notice if the investigation finds misuse has not occurred and is not reasonably likely (§ 50-7a02(a)).',
      ],
    }),
    {
      ...craNotice({
        name: 'Kansas',
        residents: { moreThan: 1000 },
        citation: 'K.S.A. § 50-7a02(f)',
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [PERKINS, SNELL],
        dataElements: CLASSIC_ELEMENTS,
        notes: ['Subsection letter (f) as remembered; the subsection was not read in statute text.'],
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
