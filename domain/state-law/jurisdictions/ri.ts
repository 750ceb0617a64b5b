import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const RI_4 = source(
  'R.I. Gen. Laws § 11-49.3-4(a)(1),(2) (statute text reproduced by LawServer): persons other than agencies, "no later than forty-five (45) calendar days after confirmation of the breach and the ability to ascertain the information required"',
  'https://lawserver.com/law/state/rhode-island/ri-laws/rhode_island_general_laws_11-49-3-4',
  'statute_text',
);
const SWLAW = source(
  'Snell & Wilmer data breach map, Rhode Island: 45 calendar days after confirmation; notice content',
  'https://www.swlaw.com/data-breach-map/view/state/ri',
  'secondary',
);
const WORDSBYWIT = source(
  'Words by Wit, R.I. Gen. Laws § 11-49.3-1 et seq.: over 500 residents → the attorney general and the consumer credit reporting agencies',
  'https://www.wordsbywit.com/rhode-island',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'online_credentials'] as const;
const ALONGSIDE = {
  type: 'expedient',
  words:
    'without delaying the notice to affected residents (timing, content and distribution of the notices and the approximate number affected; no number in the statute)',
} as const;
const FROM = '2016-07-02';
const AGENCY_CLAUSE =
  'Read in the text only for State and municipal agencies (§ 11-49.3-4(a)(2)(i)); for other persons (a)(2)(ii) was cut off in the copy seen — secondary sources give the same 500 threshold.';

/** R.I. Gen. Laws ch. 11-49.3 (Identity Theft Protection Act of 2015). */
export const entry = {
  jurisdiction: 'RI',
  status: 'encoded',
  statute: 'R.I. Gen. Laws ch. 11-49.3 (Identity Theft Protection Act of 2015), § 11-49.3-4',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Rhode Island',
      clock: calendarDays(45, 'determination'),
      citation: 'R.I. Gen. Laws § 11-49.3-4(a)(2)(ii)',
      dataElements: [...ELEMENTS],
      content: [
        {
          item: 'a general and brief description of the incident, how it occurred and the number of affected individuals',
          citation: 'R.I. Gen. Laws § 11-49.3-4(d)(1)',
        },
        { item: 'the type of information subject to the breach', citation: 'R.I. Gen. Laws § 11-49.3-4(d)(2)' },
        { item: 'the date, estimated date or date range of the breach', citation: 'R.I. Gen. Laws § 11-49.3-4(d)(3)' },
        { item: 'the date the breach was discovered', citation: 'R.I. Gen. Laws § 11-49.3-4(d)(4)' },
        {
          item: 'remediation services offered, with numbers and websites of the credit reporting agencies, remediation providers and the attorney general',
          citation: 'R.I. Gen. Laws § 11-49.3-4(d)(5)',
        },
        {
          item: "the consumer's ability to file or obtain a police report and to request a security freeze (fees may apply)",
          citation: 'R.I. Gen. Laws § 11-49.3-4(d)(6)',
        },
      ],
      hipaa: HIPAA_NOT_READ('R.I. Gen. Laws § 11-49.3-6 (own-procedures and federal-regulator clauses) was not read'),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [RI_4, SWLAW],
      notes: [
        'The clock runs from "confirmation of the breach and the ability to ascertain the information required" for the notice: planned from the determination date (record facts.stateLaw.determinedAt when confirmation differs from the decision).',
        'The content list of § 11-49.3-4(d) is from a secondary source quoting it.',
        'Effective date 2016-07-02 from secondary sources.',
      ],
    }),
    regulatorNotice({
      recipient: 'Rhode Island Attorney General',
      residents: { moreThan: 500 },
      clock: ALONGSIDE,
      citation: 'R.I. Gen. Laws § 11-49.3-4(a)(2)',
      dataElements: [...ELEMENTS],
      content: [
        {
          item: 'the timing, content and distribution of the notices and the approximate number of affected individuals',
          citation: 'R.I. Gen. Laws § 11-49.3-4(a)(2)',
        },
      ],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, RI_4],
      notes: [AGENCY_CLAUSE],
    }),
    regulatorNotice({
      id: 'cra_notice',
      recipient: 'each major credit reporting agency',
      recipientKind: 'consumer_reporting_agencies',
      residents: { moreThan: 500 },
      clock: ALONGSIDE,
      citation: 'R.I. Gen. Laws § 11-49.3-4(a)(2)',
      dataElements: [...ELEMENTS],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, RI_4],
      notes: [AGENCY_CLAUSE],
    }),
  ],
} satisfies StateLawEntryInput;
