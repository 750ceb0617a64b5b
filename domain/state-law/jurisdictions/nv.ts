import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, craNotice, EXPEDIENT, individualNotice, source } from './_common.js';

const NRS_220 = source(
  'NRS 603A.220(1)-(4) (statute text, Casetext, current through the 2023 session): a data collector discloses to any Nevada resident "in the most expedient time possible and without unreasonable delay"; (1) opens "Except as otherwise provided in subsection 7"',
  'https://casetext.com/statute/nevada-revised-statutes/title-52-trade-regulations-and-practices/chapter-603a-security-and-privacy-of-personal-information/security-of-information-maintained-by-data-collectors-and-other-businesses/regulation-of-business-practices/section-603a220-disclosure-of-breach-of-security-of-system-data-methods-of-disclosure',
  'statute_text',
);
const COMPLIANCEIQ = source(
  'ComplianceIQ, Nevada data breach notification law: more than 1,000 residents → nationwide consumer reporting agencies; personal information includes medical and health-insurance identifiers and online credentials',
  'https://www.complianceiq.site/breach-notification/nevada',
  'secondary',
);
/** NRS 603A.040 as summarized (not read): SSN, driver's licence / ID card, account with code, medical or health-insurance ID number, user name with password. */
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'] as const;
const FROM = '2005-10-01';
const FROM_NOTE = 'NRS 603A.220 was added by Stats. 2005, p. 2503; 2005-10-01 as its effective date is from memory, not checked.';
const HIPAA = {
  interplay: 'owed',
  note: 'No HIPAA clause in NRS 603A.220(1)-(4) as read; the exception of subsection 7 was not read — planned as owed, counsel to check it.',
} as const;

/** NRS 603A.220 (Security and Privacy of Personal Information). */
export const entry = {
  jurisdiction: 'NV',
  status: 'encoded',
  statute: 'NRS 603A.220 (Disclosure of breach of security of system data; methods of disclosure)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Nevada',
      clock: EXPEDIENT,
      citation: 'Nev. Rev. Stat. § 603A.220(1)',
      dataElements: [...ELEMENTS],
      methods: ['written notification', 'electronic notification (E-SIGN)', 'substitute notification (NRS 603A.220(4)(c))'],
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [NRS_220, COMPLIANCEIQ],
      notes: [FROM_NOTE, 'Data elements from a secondary summary of NRS 603A.040 (not read).'],
    }),
    {
      ...craNotice({
        name: 'Nevada',
        residents: { moreThan: 1000 },
        citation: 'Nev. Rev. Stat. § 603A.220 (consumer reporting agencies; subsection not read)',
        effectiveFrom: FROM,
        verification: 'unverified',
        sources: [COMPLIANCEIQ],
        dataElements: [...ELEMENTS],
        notes: ['One secondary summary only (not a law firm or agency); the subsection was not seen in the statute text read.', FROM_NOTE],
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
