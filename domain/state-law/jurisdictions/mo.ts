import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, craNotice, HIPAA_NOT_READ, individualNotice, regulatorNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const MO_DEFS = source(
  'Mo. Rev. Stat. § 407.1500.1 (statute text, Instalawyer; effective 2009-08-28): definitions, including medical and health insurance information',
  'https://instalawyer.io/laws/missouri-revised-statutes/section-4071500-definitions',
  'statute_text',
);
const ITECHLAW = source(
  'ITechLaw survey, Missouri: more than 1,000 consumers at one time → the Attorney General and the consumer reporting agencies, without unreasonable delay, of the timing, distribution and content of the notice',
  'https://www.itechlaw.org/latinamericadataprotection/missouri-4',
  'secondary',
);
const DWT = source(
  'Davis Wright Tremaine, Missouri Data Breach Statute (Mo. Rev. Stat. § 407.1500): without unreasonable delay; government notice over 1,000 residents; notice content',
  'https://www.dwt.com/missouri/',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance'] as const;
const FROM = '2009-08-28';
const TIMING = { item: 'the timing, distribution and content of the notice', citation: 'Mo. Rev. Stat. § 407.1500.2(8)' };

/** Mo. Rev. Stat. § 407.1500. */
export const entry = {
  jurisdiction: 'MO',
  status: 'encoded',
  statute: 'Mo. Rev. Stat. § 407.1500',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Missouri',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Mo. Rev. Stat. § 407.1500.2(1)',
      dataElements: [...ELEMENTS],
      content: [
        { item: 'a general description of the incident', citation: 'Mo. Rev. Stat. § 407.1500.2(4)' },
        { item: 'the type of personal information obtained', citation: 'Mo. Rev. Stat. § 407.1500.2(4)' },
        { item: 'a telephone number for further information and assistance, if one exists', citation: 'Mo. Rev. Stat. § 407.1500.2(4)' },
        {
          item: 'contact information for consumer reporting agencies, and advice to remain vigilant',
          citation: 'Mo. Rev. Stat. § 407.1500.2(4)',
        },
      ],
      hipaa: HIPAA_NOT_READ('Mo. Rev. Stat. § 407.1500.2(7) (own-procedures and federal-regulator clauses) was not read'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [DWT, MO_DEFS],
      notes: [
        'The definitions were read in statute text (medical and health insurance information are covered); the clocks, thresholds and content only in summaries. Not required if a documented investigation finds identity theft or fraud not reasonably likely (kept 5 years).',
      ],
    }),
    regulatorNotice({
      recipient: 'Missouri Attorney General',
      residents: { moreThan: 1000 },
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Mo. Rev. Stat. § 407.1500.2(8)',
      dataElements: [...ELEMENTS],
      content: [TIMING],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [ITECHLAW, DWT],
      notes: ['Subdivision number from memory, not checked.'],
    }),
    craNotice({
      name: 'Missouri',
      residents: { moreThan: 1000 },
      citation: 'Mo. Rev. Stat. § 407.1500.2(8)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [ITECHLAW],
    }),
  ],
} satisfies StateLawEntryInput;
