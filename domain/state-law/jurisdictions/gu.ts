import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, HIPAA_NOT_READ, individualNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const GCA_48 = source(
  '9 GCA ch. 48 (statute text reproduced by Proteus Cyber, added by P.L. 30-004:1, 2009-03-13): table of sections — § 48.30 disclosure of breach, § 48.40 procedures deemed in compliance; §§ 48.10-48.20 read, § 48.30 cut off in the copy seen',
  'https://proteuscyber.com/privacy-database/news/4558-guam-code-title-9-chapter-48-notificationof-breaches-of-personal-information-2019-9-gca-4810',
  'statute_text',
);
const CONSTANGY = source(
  'Constangy, Guam data breach notification statute (9 G.C.A. § 48.10 et seq.): notice without unreasonable delay; no regulatory notification',
  'https://www.constangy.com/data-privacy-us-gu',
  'secondary',
);
const LEWIS = source(
  'Lewis Brisbois, Guam Data Breach Notification Statute Summary: electronic data; without unreasonable delay; no government notice',
  'https://lewisbrisbois.com/privacy/US/Guam/data-breach',
  'secondary',
);
const CLIC = source(
  'CLIC, Guam Notification of Breaches of Personal Information (9 G.C.A. § 48.10 et seq.): effective 2009-08-10; disclosure "shall be made without unreasonable delay"',
  'https://www.cliclaw.com/legal-compliance/data-breach-data-security-compliance-solutions/resources-data-breach-laws/us-1',
  'secondary',
);

/** 9 GCA §§ 48.10-48.80 (Notification of Breaches of Personal Information). */
export const entry = {
  jurisdiction: 'GU',
  status: 'encoded',
  statute: '9 GCA ch. 48, §§ 48.10-48.80 (Notification of Breaches of Personal Information)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Guam',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: '9 GCA § 48.30',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        '9 GCA § 48.40 ("Procedures Deemed in Compliance with Security Breach Requirements": heading read, text not) may deem compliant an entity that notifies under its own or its federal regulator\'s procedures',
      ),
      effectiveFrom: '2009-08-10',
      verification: 'secondary_sources',
      sources: [CONSTANGY, LEWIS, CLIC, GCA_48],
      notes: [
        'A breach must cause, or be reasonably believed to cause, identity theft or other fraud to a Guam resident (§ 48.20(a), per the summaries).',
        'No attorney general or consumer-reporting-agency notice in the sources read.',
      ],
    }),
  ],
} satisfies StateLawEntryInput;
