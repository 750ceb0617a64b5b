import type { StateLawEntryInput } from '../schema.js';
import {
  CHECKED,
  CLASSIC_ELEMENTS,
  craNotice,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
  WITHOUT_UNREASONABLE_DELAY,
} from './_common.js';

const HRS_2 = source(
  'Haw. Rev. Stat. § 487N-2(a)-(c) (statute text, PolicyRisk): notice to the affected person "without unreasonable delay"',
  'https://policyrisk.com/states/hawaii/statutes/487N-2',
  'statute_text',
);
const CSRPS = source(
  'CSR Professional Services, Hawaii: 1,000 or more consumers notified → the Office of Consumer Protection and all nationwide consumer reporting agencies',
  'https://csrps.com/privacy-regulations/hawaii/',
  'secondary',
);
const COMPLIANCEIQ = source(
  'ComplianceIQ, Hawaii: more than 1,000 residents → the Office of Consumer Protection and the consumer reporting agencies',
  'https://complianceiq.site/breach-notification/hawaii',
  'secondary',
);
const THRESHOLD =
  'One summary says "1,000 or more", another "more than 1,000": planned from 1,000 (the wider reading) until counsel reads § 487N-2(f).';
const FROM = '2007-01-01';

/** Haw. Rev. Stat. ch. 487N (Security Breach of Personal Information). */
export const entry = {
  jurisdiction: 'HI',
  status: 'encoded',
  statute: 'Haw. Rev. Stat. §§ 487N-1 to 487N-7 (Security Breach of Personal Information)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Hawaii',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Haw. Rev. Stat. § 487N-2(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ('Haw. Rev. Stat. § 487N-2(g) is reported to deem a HIPAA covered entity compliant'),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [HRS_2],
      notes: ['L 2006, c 135; the effective date 2007-01-01 is from memory, not checked.'],
    }),
    regulatorNotice({
      recipient: 'Hawaii Office of Consumer Protection',
      recipientKind: 'regulator',
      residents: { atLeast: 1000 },
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Haw. Rev. Stat. § 487N-2(f)',
      dataElements: CLASSIC_ELEMENTS,
      content: [{ item: 'the timing, distribution and content of the notice', citation: 'Haw. Rev. Stat. § 487N-2(f)' }],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [CSRPS, COMPLIANCEIQ],
      notes: [THRESHOLD],
    }),
    craNotice({
      name: 'Hawaii',
      residents: { atLeast: 1000 },
      citation: 'Haw. Rev. Stat. § 487N-2(f)',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [CSRPS, COMPLIANCEIQ],
      notes: [THRESHOLD],
    }),
  ],
} satisfies StateLawEntryInput;
