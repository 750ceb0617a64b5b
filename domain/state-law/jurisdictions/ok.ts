import type { StateLawEntryInput } from '../schema.js';
import {
  CHECKED,
  CLASSIC_ELEMENTS,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
  WITHOUT_UNREASONABLE_DELAY,
} from './_common.js';

const TENACO = source(
  'Summary of Oklahoma S.B. 626 (2025): AG notice for 500 or more residents, without unreasonable delay and no more than 60 days after notice to residents; its content; applies to breaches discovered on or after 2026-01-01',
  'https://www.tenaco.com/?p=13869',
  'secondary',
);
const LAWIVY = source(
  'Law Ivy on S.B. 626: the 60-day AG notice; HIPAA-compliant entities excepted from the resident notice if they notify the AG',
  'https://lawivy.com/?p=56091',
  'secondary',
);
const DWT = source(
  'Davis Wright Tremaine, Oklahoma (Okla. Stat. tit. 24, §§ 161-166 as amended by S.B. 626): government notice if more than 499 residents notified',
  'https://www.dwt.com/oklahoma',
  'secondary',
);
const ELEMENTS = [...CLASSIC_ELEMENTS, 'biometric' as const];

/** Okla. Stat. tit. 24, §§ 161 to 166 (Security Breach Notification Act). */
export const entry = {
  jurisdiction: 'OK',
  status: 'encoded',
  statute: 'Okla. Stat. tit. 24, §§ 161 to 166 (Security Breach Notification Act), as amended by S.B. 626 (2025)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Oklahoma',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Okla. Stat. tit. 24, § 163',
      dataElements: ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        'S.B. 626 is reported to except an entity that notifies under HIPAA from the resident notice if it notifies the Attorney General',
      ),
      effectiveFrom: '2008-11-01',
      verification: 'secondary_sources',
      sources: [DWT, LAWIVY],
      notes: ['Effective date of the 2008 act from memory, not checked.'],
    }),
    regulatorNotice({
      recipient: 'Oklahoma Attorney General',
      residents: { atLeast: 500 },
      clock: { type: 'days', amount: 60, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'Okla. Stat. tit. 24, § 163 (as amended by S.B. 626)',
      dataElements: ELEMENTS,
      content: [
        { item: 'the date of the breach and the date it was determined', citation: 'Okla. S.B. 626 (2025), § 163' },
        { item: 'the nature of the breach and the type of personal information exposed', citation: 'Okla. S.B. 626 (2025), § 163' },
        { item: 'the number of Oklahoma residents affected', citation: 'Okla. S.B. 626 (2025), § 163' },
        { item: 'the estimated monetary impact, to the extent it can be determined', citation: 'Okla. S.B. 626 (2025), § 163' },
        { item: 'any reasonable safeguards the entity employs', citation: 'Okla. S.B. 626 (2025), § 163' },
      ],
      effectiveFrom: '2026-01-01',
      verification: 'secondary_sources',
      sources: [TENACO, LAWIVY, DWT],
      notes: [
        '"500 or more" in the summaries (DWT: more than 499). Applies to a breach discovered, determined or notified on or after 2026-01-01.',
        'Owed by a HIPAA entity too: it is the condition of the HIPAA exception from the resident notice (secondary).',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
