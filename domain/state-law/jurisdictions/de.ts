import type { StateLawEntryInput } from '../schema.js';
import {
  ALL_ELEMENTS,
  AT_INDIVIDUAL_NOTICE,
  calendarDays,
  CHECKED,
  craNotice,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
} from './_common.js';

const DE_102 = source(
  '6 Del. C. § 12B-102(a)-(c) (Delaware Code text, "current through 2024 Legislative Session", as served at this address): notice "not later than 60 days after determination of the breach of security"',
  'https://d1tvxue8o4w0fl.cloudfront.net/statute/delaware-code/title-6-commerce-and-trade/subtitle-ii-other-laws-relating-to-commerce-and-trade/chapter-12b-computer-security-breaches/section-12b-102-disclosure-of-breach-of-security-of-computerized-personal-information-by-an-individual-or-a-commercial-entity-security-notice',
  'statute_text',
);
const AG_FORM = source(
  'Delaware Department of Justice, Security Breach Notice to the Attorney General (model form for the notice required by 6 Del. C. § 12B-102(d))',
  'https://attorneygeneral.delaware.gov/fraud/cpu/securitybreachnotification/form/',
  'regulator_page',
);
const CSRPS = source(
  'CSR Professional Services, Delaware: more than 500 residents → the Attorney General; 60 days',
  'https://csrps.com/privacy-regulations/delaware/',
  'secondary',
);
const LEWIS = source(
  'Lewis Brisbois, Delaware Data Breach Notification Statute Summary: 60 days after determination; AG notice; HIPAA/GLBA-compliant entities may be exempted (§ 12B-103)',
  'https://lewisbrisbois.com/privacy/US/Delaware/data-breach',
  'secondary',
);
const FROM = '2018-04-14';
const FROM_NOTE = 'Effective date of H.B. 180 (2017) from memory of secondary sources, not checked.';

/** 6 Del. C. ch. 12B (Computer Security Breaches). */
export const entry = {
  jurisdiction: 'DE',
  status: 'encoded',
  statute: '6 Del. C. ch. 12B (Computer Security Breaches), §§ 12B-101 to 12B-104',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Delaware',
      clock: calendarDays(60, 'determination'),
      citation: '6 Del. C. § 12B-102(a),(c)',
      dataElements: ALL_ELEMENTS,
      hipaa: HIPAA_NOT_READ(
        "6 Del. C. § 12B-103 is reported to deem an entity that follows its federal regulator's (HIPAA) notice procedures compliant",
      ),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [DE_102, LEWIS],
      notes: [
        '"without unreasonable delay but not later than 60 days after determination of the breach of security", unless federal law requires a shorter time (§ 12B-102(c)(1)) — for a HIPAA covered entity the HIPAA clock may be shorter and the earlier date controls.',
        'No notice is required if, after an appropriate investigation, the breach is unlikely to result in harm (§ 12B-102(a)).',
        FROM_NOTE,
      ],
    }),
    regulatorNotice({
      recipient: 'Delaware Attorney General (Consumer Protection Unit)',
      residents: { moreThan: 500 },
      clock: AT_INDIVIDUAL_NOTICE,
      citation: '6 Del. C. § 12B-102(d)',
      dataElements: ALL_ELEMENTS,
      methods: ['Delaware DOJ model Data Security Breach Notification Form (online) or equivalent written notice'],
      effectiveFrom: FROM,
      verification: 'unverified',
      sources: [AG_FORM, CSRPS],
      notes: [
        'The duty and its section are on the AG\'s page and the 500 threshold in secondary sources; the timing ("not later than the time notice is provided to the resident") is from memory, not seen — planned as due with the resident notices.',
        FROM_NOTE,
      ],
    }),
    craNotice({
      name: 'Delaware',
      residents: { moreThan: 1000 },
      citation: '6 Del. C. § 12B-102(e)',
      effectiveFrom: FROM,
      verification: 'unverified',
      sources: [CSRPS],
      notes: ['Threshold and subsection from memory and summaries; not seen in statute text.'],
    }),
  ],
} satisfies StateLawEntryInput;
