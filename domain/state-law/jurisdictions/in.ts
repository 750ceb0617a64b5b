import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, CLASSIC_ELEMENTS, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const IC_3_3 = source(
  'Ind. Code § 24-4.9-3-3(a),(b) (statute text reproduced by LawServer; as amended by P.L.171-2022): "without unreasonable delay, but not more than forty-five (45) days after the discovery of the breach"',
  'https://lawserver.com/law/state/indiana/in-code/indiana_code_24-4-9-3-3',
  'statute_text',
);
const IC_3_1 = source(
  'Ind. Code § 24-4.9-3-1(a)-(c) (statute text reproduced by Instalawyer): residents; more than 1,000 → each consumer reporting agency; the attorney general whenever residents are told',
  'https://instalawyer.io/laws/indiana-code/24-49-3-1-disclosure-of-breach',
  'statute_text',
);
const KLINEDINST = source(
  'Klinedinst PC, Data Breach Notification Statutes – Indiana (updated 2024-02-28): AG breach notification form, emailed to DataBreach@atg.in.gov',
  'https://klinedinstlaw.com/practice/privacy-data-security/indiana',
  'secondary',
);
const CLOCK = calendarDays(45, 'discovery');
const FROM = '2022-07-01';
const FROM_NOTE =
  'The 45-day limit came with P.L.171-2022 (before it: "without unreasonable delay"); 2022-07-01 is Indiana\'s usual effective date for such acts — the act\'s own date was not checked.';

/** Ind. Code art. 24-4.9 (Disclosure of Security Breach). */
export const entry = {
  jurisdiction: 'IN',
  status: 'encoded',
  statute: 'Ind. Code art. 24-4.9 (Disclosure of Security Breach), ch. 3',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Indiana',
      clock: CLOCK,
      citation: 'Ind. Code §§ 24-4.9-3-1(a), 24-4.9-3-3(a)',
      dataElements: CLASSIC_ELEMENTS,
      hipaa: HIPAA_NOT_READ('Ind. Code § 24-4.9-3-4 is reported to treat a data base owner that complies with HIPAA as compliant'),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [IC_3_1, IC_3_3],
      notes: [FROM_NOTE],
    }),
    regulatorNotice({
      recipient: 'Indiana Attorney General',
      residents: { atLeast: 1 },
      clock: CLOCK,
      citation: 'Ind. Code §§ 24-4.9-3-1(c), 24-4.9-3-3(a)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ['Indiana AG breach notification form (email), with a sample of the notice to residents'],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [IC_3_1, IC_3_3, KLINEDINST],
      notes: [
        '§ 24-4.9-3-1(c): a data base owner that discloses to residents "shall also disclose the breach to the attorney general"; § 24-4.9-3-3(a) gives every disclosure under the chapter the same 45 days.',
        FROM_NOTE,
      ],
    }),
    regulatorNotice({
      id: 'cra_notice',
      recipient: 'each nationwide consumer reporting agency (15 U.S.C. 1681a(p))',
      recipientKind: 'consumer_reporting_agencies',
      residents: { moreThan: 1000 },
      clock: CLOCK,
      citation: 'Ind. Code §§ 24-4.9-3-1(b), 24-4.9-3-3(a)',
      dataElements: CLASSIC_ELEMENTS,
      content: [{ item: 'information necessary to assist the agency in preventing fraud', citation: 'Ind. Code § 24-4.9-3-1(b)' }],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [IC_3_1, IC_3_3],
      notes: [
        '§ 24-4.9-3-1(b) counts consumers disclosed to (more than 1,000), not only Indiana residents; the engine tests the Indiana count.',
        FROM_NOTE,
      ],
    }),
  ],
} satisfies StateLawEntryInput;
