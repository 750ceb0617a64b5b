import type { StateLawEntryInput } from '../schema.js';
import { ALL_ELEMENTS, CHECKED, EXPEDIENT, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const WS_502 = source(
  'Wyo. Stat. § 40-12-502(a),(b) (statute text, CounselStack): after a "reasonable and prompt investigation", if misuse "has occurred or is reasonably likely to occur", notice "in the most expedient time possible and without unreasonable delay"',
  'https://law.counselstack.com/statute/wy/12/40-12-502',
  'statute_text',
);
const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Wyoming (Wyo. Stat. § 40-12-501 et seq., effective 2007-07-01; S.F. 35 and 36, effective 2015-07-01)',
  'https://www.perkinscoie.com/en/news-insights/security-breach-notification-chart-wyoming.html',
  'secondary',
);
const MINTZ = source(
  'Mintz Matrix, Wyoming: personal identifying information includes government IDs, credentials, medical and health-insurance information, biometric data and taxpayer IDs',
  'https://www.mintz.com/mintz-matrix/wyoming',
  'secondary',
);
const WORDSBYWIT = source(
  'Words by Wit, Wyoming Statutes § 40-12-501 et seq.: the notice must be clear and conspicuous and include at minimum a toll-free number, the types of information, a general description, the approximate date and the actions taken',
  'https://www.wordsbywit.com/wyoming',
  'secondary',
);
const CONTENT = '§ 40-12-502 (notice content, as quoted by Words by Wit)';

/** Wyo. Stat. §§ 40-12-501 to 40-12-509. */
export const entry = {
  jurisdiction: 'WY',
  status: 'encoded',
  statute: 'Wyo. Stat. §§ 40-12-501 to 40-12-509 (tit. 40, ch. 12, art. 5)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Wyoming',
      clock: EXPEDIENT,
      citation: 'Wyo. Stat. § 40-12-502(a)',
      dataElements: ALL_ELEMENTS,
      content: [
        {
          item: 'a toll-free number to contact the notifying person, and from which the toll-free numbers and addresses of the major credit reporting agencies can be learned',
          citation: `Wyo. Stat. ${CONTENT}`,
        },
        {
          item: 'the types of personal identifying information that were or are reasonably believed to have been the subject of the breach',
          citation: `Wyo. Stat. ${CONTENT}`,
        },
        { item: 'a general description of the breach incident', citation: `Wyo. Stat. ${CONTENT}` },
        { item: 'the approximate date of the breach, if reasonably possible to determine', citation: `Wyo. Stat. ${CONTENT}` },
        { item: 'in general terms, the actions taken to protect the system from further breaches', citation: `Wyo. Stat. ${CONTENT}` },
      ],
      hipaa: HIPAA_NOT_READ(
        'A HIPAA deemed-compliance subsection added to § 40-12-502 in 2015 (S.F. 36) is remembered by the encoder but was in none of the sources read',
      ),
      effectiveFrom: '2007-07-01',
      verification: 'verified',
      sources: [WS_502, PERKINS, MINTZ, WORDSBYWIT],
      notes: [
        'The wide list of data elements (medical, health insurance, biometric, credentials) is from S.F. 35/36, effective 2015-07-01 (Perkins Coie, Mintz); before that the classic elements only.',
        'The content list continues in the statute beyond the five items seen; counsel to complete it.',
        'No attorney general or consumer-reporting-agency notice in the sources read.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
