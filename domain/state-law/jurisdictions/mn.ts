import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, CLASSIC_ELEMENTS, EXPEDIENT, individualNotice, regulatorNotice, source } from './_common.js';

const CLIC = source(
  'CLIC, Minnesota Disclosure of Data Security Breach (Minn. Stat. § 325E.61; effective 2006-01-01): more than 500 individuals → "notify within 48 hours all consumer reporting agencies" of the timing, distribution and content of the notices',
  'https://www.cliclaw.com/legal-compliance/data-breach-data-security-compliance-solutions/resources-data-breach-laws/minnesota',
  'secondary',
);
const WORDSBYWIT = source(
  'Words by Wit, Minnesota Statutes § 325E.61 (quotes subd. 1: "in the most expedient time possible and without unreasonable delay"; credit reporting agencies if over 500 residents)',
  'https://www.wordsbywit.com/minnesota',
  'secondary',
);
const AICPA = source(
  'AICPA, Minnesota State Security Breach Laws (§ 325E.61, H.F. 2121, effective 2006-01-01): the disclosure "must be made in the most expedient time possible and without unreasonable delay"',
  'http://www.aicpa.org/InterestAreas/InformationTechnology/Resources/Privacy/FederalStateandOtherProfessionalRegulations/StatePrivacyRegulations/Pages/Minnesota%20State%20Security%20Breach%20Laws.aspx',
  'secondary',
);
const FROM = '2006-01-01';
const HIPAA = {
  interplay: 'owed',
  note: 'No HIPAA clause in the sources read (the exemption reported is for financial institutions, subd. 4); § 325E.61 itself was not read — planned as owed, counsel to check.',
} as const;

/** Minn. Stat. § 325E.61 (persons and businesses; government entities: § 13.055, not encoded). */
export const entry = {
  jurisdiction: 'MN',
  status: 'encoded',
  statute: 'Minn. Stat. § 325E.61 (notice of a breach of the security of the system; government entities: § 13.055)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Minnesota',
      clock: EXPEDIENT,
      citation: 'Minn. Stat. § 325E.61, subd. 1(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [AICPA, WORDSBYWIT, CLIC],
      notes: [
        'Attorney general: one secondary page (complianceiq.site) says a notice to the attorney general is due since 2025 for more than 500 residents within 48 hours; no other source read confirms it, so it is NOT planned — counsel to check.',
      ],
    }),
    {
      ...regulatorNotice({
        id: 'cra_notice',
        recipient: 'each nationwide consumer reporting agency (15 U.S.C. 1681a(p))',
        recipientKind: 'consumer_reporting_agencies',
        residents: { moreThan: 500 },
        clock: calendarDays(2, 'discovery'),
        citation: 'Minn. Stat. § 325E.61, subd. 2',
        dataElements: CLASSIC_ELEMENTS,
        content: [{ item: 'the timing, distribution and content of the notices to residents', citation: 'Minn. Stat. § 325E.61, subd. 2' }],
        effectiveFrom: FROM,
        verification: 'secondary_sources',
        sources: [CLIC, WORDSBYWIT],
        notes: [
          '"within 48 hours" is encoded as 2 calendar days after discovery — the earliest reading; the summaries do not say what the 48 hours run from (the statute is remembered as "discovers circumstances requiring notification … of more than 500 persons at one time"). The engine works in dates, not hours: send it within 48 hours of the clock starting.',
          'The statute may count all persons notified at one time, not only Minnesotans; the engine tests the Minnesota count — counsel to check the total.',
        ],
      }),
      label:
        'Notice to the nationwide consumer reporting agencies (more than 500 persons; "within 48 hours", planned 2 days after discovery)',
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
