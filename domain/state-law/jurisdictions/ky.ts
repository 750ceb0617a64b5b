import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, EXPEDIENT, HIPAA_NOT_READ, individualNotice, source } from './_common.js';

const KRS_732 = source(
  'KRS 365.732(1),(2) (statute text reproduced by Proteus Cyber): an "information holder" discloses to any Kentucky resident "in the most expedient time possible and without unreasonable delay"',
  'https://proteuscyber.com/privacy-database/news/4565-kentucky-notification-to-affected-persons-of-computer-security-breach-ky-rev-stat-365732',
  'statute_text',
);
const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Kentucky (KRS 365.732, H.B. 232, effective 2014-07-15): more than 1,000 persons → all nationwide consumer reporting agencies, without unreasonable delay; private entities notify no state regulator',
  'https://www.perkinscoie.com/en/news-insights/security-breach-notification-chart-kentucky.html',
  'secondary',
);
const RECORDINGLAW = source(
  'Recording Law, Kentucky Data Breach Notification Laws (2026): entities regulated under HIPAA and GLBA are exempt from KRS 365.732',
  'https://www.recordinglaw.com/us-laws/data-privacy-laws/kentucky-data-privacy-laws/data-breach-notification',
  'secondary',
);
const WYATT = source(
  'Wyatt, Tarrant & Combs, "New Kentucky Data Breach Rules Go into Effect" (2014-07-15): H.B. 232 "appears to exempt" persons subject to HIPAA or GLBA Title V',
  'https://wyatthitechlaw.com/2014/07/15/new-kentucky-data-breach-rules-go-into-effect/',
  'secondary',
);
const FROM = '2014-07-15';
const HIPAA = HIPAA_NOT_READ(
  'Secondary sources (Recording Law; Wyatt, Tarrant & Combs) report that KRS 365.732 does not apply to a person subject to HIPAA — if so, a HIPAA covered entity owes none of the Kentucky notices',
);

/** KRS 365.732 (private entities; agencies and their non-affiliated third parties: KRS 61.931 to 61.934, not encoded). */
export const entry = {
  jurisdiction: 'KY',
  status: 'encoded',
  statute: 'KRS 365.732 (Notification to affected persons of computer security breach)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Kentucky',
      clock: EXPEDIENT,
      citation: 'Ky. Rev. Stat. § 365.732(2)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [KRS_732, PERKINS, RECORDINGLAW, WYATT],
      notes: [
        'A breach under KRS 365.732(1)(a) must cause, or lead the holder to believe it will cause, identity theft or fraud against a Kentucky resident.',
        'Not planned: state and local agencies (and their non-affiliated third parties) notify the State Police, Auditor and Attorney General within 72 hours under KRS 61.931-61.934 — a public entity must add this itself.',
      ],
    }),
    {
      ...craNotice({
        name: 'Kentucky',
        residents: { moreThan: 1000 },
        citation: 'Ky. Rev. Stat. § 365.732 (consumer reporting agencies; subsection not read)',
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [PERKINS],
        dataElements: CLASSIC_ELEMENTS,
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
