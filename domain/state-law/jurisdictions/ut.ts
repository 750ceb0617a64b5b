import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, EXPEDIENT, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Utah (Utah Code § 13-44-101 et seq.; S.B. 127 effective 2023-05-03): 500 or more residents → the Office of the Attorney General and the Utah Cyber Center, with the listed content',
  'https://perkinscoie.com./insights/publication/security-breach-notification-chart-utah',
  'secondary',
);
const EYEONPRIVACY = source(
  'Eye on Privacy (Sheppard Mullin), Utah amends data breach law (2023): AG and Cyber Center at 500 or more residents; each consumer reporting agency at 1,000 or more',
  'https://www.eyeonprivacy.com/2023/04/utah-amends-data-breach-law-creates-cyber-center/',
  'secondary',
);
const FROM = '2023-05-03';

/** Utah Code §§ 13-44-101 to 13-44-301 (Protection of Personal Information Act). */
export const entry = {
  jurisdiction: 'UT',
  status: 'encoded',
  statute: 'Utah Code §§ 13-44-101 to 13-44-301 (Protection of Personal Information Act), § 13-44-202',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Utah',
      clock: EXPEDIENT,
      citation: 'Utah Code § 13-44-202(2)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ("Utah is reported to deem a person regulated by federal law that follows its regulator's procedures compliant"),
      effectiveFrom: '2007-01-01',
      verification: 'secondary_sources',
      sources: [PERKINS],
      notes: ['Only if a prompt investigation shows identity theft or fraud has occurred or is reasonably likely (secondary).'],
    }),
    regulatorNotice({
      recipient: 'Utah Office of the Attorney General and the Utah Cyber Center',
      residents: { atLeast: 500 },
      clock: { type: 'expedient', words: 'no time stated in the summaries seen; plan it with the resident notices' },
      citation: 'Utah Code § 13-44-202(1)(b)',
      dataElements: CLASSIC_ELEMENTS,
      content: [
        { item: 'the dates the breach occurred and was discovered', citation: 'Utah Code § 13-44-202' },
        { item: 'the total number of people affected, including the number of Utah residents', citation: 'Utah Code § 13-44-202' },
        { item: 'the type of personal information involved and a short description of the breach', citation: 'Utah Code § 13-44-202' },
      ],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [PERKINS, EYEONPRIVACY],
      notes: ['Subsection numbers from memory, not checked.'],
    }),
    craNotice({
      name: 'Utah',
      residents: { atLeast: 1000 },
      citation: 'Utah Code § 13-44-202',
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [EYEONPRIVACY],
    }),
  ],
} satisfies StateLawEntryInput;
