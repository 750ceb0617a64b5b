import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, EXPEDIENT, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const AICPA = source(
  'AICPA, Virgin Islands Security Breach Laws (V.I. Code tit. 14, § 2208, effective 2005-10-17): disclosure to any resident "in the most expedient time possible and without unreasonable delay"',
  'http://www.aicpa.org/InterestAreas/InformationTechnology/Resources/Privacy/FederalStateandOtherProfessionalRegulations/StatePrivacyRegulations/Pages/Virgin%20Islands%20Security%20Breach%20Laws.aspx',
  'secondary',
);
const CONSTANGY = source(
  'Constangy, Virgin Islands data breach notification statute: "in the most expedient time possible and without unreasonable delay"; no regulatory notification',
  'https://www.constangy.com/data-privacy-us-vi',
  'secondary',
);
const CLIC = source(
  'CLIC, Virgin Islands Notices of Security Breach (14 V.I.C. §§ 2201, 2208, 2209-2212; Act No. 6789, 2005-10-17): applies to individuals, businesses and other entities; own notification procedures deemed compliant',
  'https://www.cliclaw.com/node/8023',
  'secondary',
);

/** 14 V.I.C. §§ 2208 (agencies), 2209 (persons and businesses): Identity Theft Prevention Act. */
export const entry = {
  jurisdiction: 'VI',
  status: 'encoded',
  statute: '14 V.I.C. §§ 2208-2212 (Identity Theft Prevention Act: notices of security breach)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'U.S. Virgin Islands',
      clock: EXPEDIENT,
      citation: '14 V.I.C. §§ 2208(a), 2209(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        'The statute is summarized (CLIC) as deeming compliant an entity that maintains its own notification procedures as part of an information security policy and notifies under them',
      ),
      effectiveFrom: '2005-10-17',
      verification: 'secondary_sources',
      sources: [AICPA, CONSTANGY, CLIC],
      notes: [
        '§ 2208 binds agencies and § 2209 persons and businesses with the same wording, per the summaries; neither section was read in statute text.',
        'No attorney general or consumer-reporting-agency notice in the sources read.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
