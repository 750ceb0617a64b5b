import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, EXPEDIENT, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const WORDSBYWIT = source(
  'Words by Wit, Idaho Code § 28-51-104 et seq. (quotes § 28-51-105: "must be made in the most expedient time possible and without unreasonable delay"; agencies also tell the attorney general within 24 hours of discovery)',
  'https://www.wordsbywit.com/idaho',
  'secondary',
);
const DWT = source(
  "Davis Wright Tremaine, Idaho breach summary: most expedient time possible without unreasonable delay; no government notice for commercial entities; covered information (name with SSN, driver's licence / Idaho ID, financial account with code)",
  'https://dwt.com/gcp/states/idaho',
  'secondary',
);
const IC_104 = source(
  'Idaho Code § 28-51-104 (statute text, Idaho Legislature): definitions — "agency" (public agency), breach, "commercial entity" (for profit or not), notice methods and substitute-notice thresholds ($25,000; 50,000 residents)',
  'https://legislature.idaho.gov/statutesrules/idstat/Title28/T28CH51/SECT28-51-104',
  'statute_text',
);
const SB1066 = source(
  'Idaho S.B. 1066 (2025, introduced text on LegiPlex; FastDemocracy summaries of its versions): amends §§ 28-51-104 to -106 — "personally identifiable information" widened (passport, medical history, biometric), credit monitoring where misuse is determined, emergency clause effective 2025-07-01',
  'https://app.legiplex.com/id/legislature/2025/2025-r/bills/s1066/drafts-latest',
  'bill_text',
);
const CLIC = source(
  'CLIC, Idaho Disclosure of Breach of Security (Idaho Code §§ 28-51-104 to -107): effective 2006-07-01; an entity that maintains its own notice procedures as part of an information security policy is treated as compliant',
  'https://www.cliclaw.com/node/7988',
  'secondary',
);

/** Idaho Code §§ 28-51-104 to 28-51-107. */
export const entry = {
  jurisdiction: 'ID',
  status: 'encoded',
  statute: 'Idaho Code §§ 28-51-104 to 28-51-107 (Disclosure of Breach of Security of Computerized Personal Information)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Idaho',
      clock: EXPEDIENT,
      citation: 'Idaho Code § 28-51-105(1)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ['written notice', 'telephonic notice', 'electronic notice (E-SIGN)', "substitute notice (on the statute's conditions)"],
      hipaa: HIPAA_NOT_READ(
        "Idaho's deemed-compliance clause (an entity that maintains its own notice procedures as part of an information security policy and notifies under them, CLIC summary; § 28-51-106 as remembered) may cover a HIPAA covered entity's breach procedures",
      ),
      effectiveFrom: '2006-07-01',
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, DWT, CLIC, IC_104, SB1066],
      notes: [
        'Notice is owed if the investigation finds that misuse of the information "has occurred or is reasonably likely to occur" (risk-of-harm test, per DWT and CLIC).',
        'PENDING CHANGE NOT ENCODED: Idaho S.B. 1066 (2025) would widen the data elements (medical history among them) and add credit monitoring from 2025-07-01. Only the introduced text and summaries of several versions were seen; whether and in what form it was enacted was not checked. If enacted, this rule\'s data elements are too narrow — counsel to check before relying on "not triggered" for Idaho.',
        'Not planned: a city, county or state AGENCY must also tell the attorney general within 24 hours of discovery (§ 28-51-105, per Words by Wit). The pack cannot yet tell a government entity from any other, so a public hospital or agency must add this itself — counsel to check.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
