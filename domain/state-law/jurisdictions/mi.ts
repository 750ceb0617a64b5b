import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, individualNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const WORDSBYWIT = source(
  'Words by Wit, Michigan Compiled Laws § 445.61 et seq.: § 445.72(4) notice without unreasonable delay; (5) methods; (6) content; (8) consumer reporting agencies if over 1,000 residents are affected',
  'https://wordsbywit.com/michigan',
  'secondary',
);
const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Michigan (updated 2024-02-28): no attorney general notice; without unreasonable delay; content list',
  'https://klinedinstlaw.com/practice/privacy-data-security/michigan',
  'secondary',
);
const CLIC = source(
  'CLIC, Michigan Data Breach (Mich. Comp. Laws §§ 445.63, 445.72): effective 2007-07-02; no notice where the breach is not likely to cause substantial loss or injury or identity theft',
  'https://cliclaw.com/library/state-laws/michigan/michigan-data-breach-mich-comp-laws-%C2%A7-44563-%C2%A7-44572-et-seq',
  'secondary',
);
const FROM = '2007-07-02';
const HIPAA = {
  interplay: 'owed',
  note: 'No HIPAA clause in the summaries read; MCL 445.72 itself was not read — planned as owed beside the HIPAA notices, counsel to check.',
} as const;

/** MCL 445.61 to 445.79d (Identity Theft Protection Act), § 445.72. */
export const entry = {
  jurisdiction: 'MI',
  status: 'encoded',
  statute: 'Mich. Comp. Laws § 445.72 (Identity Theft Protection Act, 2004 PA 452)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Michigan',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Mich. Comp. Laws § 445.72(1),(4)',
      dataElements: CLASSIC_ELEMENTS,
      methods: [
        'written notice to the postal address on record',
        "written notice sent electronically (on the statute's conditions)",
        "telephonic notice by a person, not a recording (on the statute's conditions)",
        'substitute notice',
      ],
      content: [
        { item: 'a description of the security breach in general terms', citation: 'Mich. Comp. Laws § 445.72(6)' },
        {
          item: 'the type of personal information that is the subject of the unauthorized access or use',
          citation: 'Mich. Comp. Laws § 445.72(6)',
        },
        {
          item: 'what the notifying person has done to protect data from further security breaches',
          citation: 'Mich. Comp. Laws § 445.72(6)',
        },
        {
          item: 'a telephone number where a notice recipient may obtain assistance or additional information',
          citation: 'Mich. Comp. Laws § 445.72(6)',
        },
        { item: 'a reminder to remain vigilant for incidents of fraud and identity theft', citation: 'Mich. Comp. Laws § 445.72(6)' },
      ],
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, KLINEDINST, CLIC],
      notes: ['Content list as summarized by Klinedinst (subsection number from Words by Wit).'],
    }),
    {
      ...craNotice({
        name: 'Michigan',
        residents: { moreThan: 1000 },
        citation: 'Mich. Comp. Laws § 445.72(8)',
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [WORDSBYWIT],
        dataElements: CLASSIC_ELEMENTS,
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
