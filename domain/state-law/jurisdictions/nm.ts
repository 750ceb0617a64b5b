import type { StateLawEntryInput } from '../schema.js';
import { calendarDays, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const NM_10 = source(
  'N.M. Stat. § 57-12C-10 (statute text, FindLaw, current as of 2021-05-06): more than 1,000 residents → the attorney general and the major consumer reporting agencies, "no later than forty-five calendar days"',
  'https://codes.findlaw.com/nm/chapter-57-trade-practices-and-regulations/nm-st-sect-57-12c-10/',
  'statute_text',
);
const NM_7 = source(
  'N.M. Stat. § 57-12C-7 (statute text, Justia 2019): content of the notice; Laws 2017, ch. 36 effective 2017-06-16',
  'https://law.justia.com/codes/new-mexico/2019/chapter-57/article-12c/section-57-12c-7/',
  'statute_text',
);
const WORDSBYWIT = source(
  'Words by Wit, New Mexico § 57-12C-1 et seq. (quotes § 57-12C-6: "the most expedient time possible, but not later than forty-five calendar days following discovery")',
  'https://www.wordsbywit.com/new-mexico',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'biometric'] as const;
const CLOCK = calendarDays(45, 'discovery');
const FROM = '2017-06-16';

/** N.M. Stat. §§ 57-12C-1 to 57-12C-12 (Data Breach Notification Act). */
export const entry = {
  jurisdiction: 'NM',
  status: 'encoded',
  statute: 'N.M. Stat. §§ 57-12C-1 to 57-12C-12 (Data Breach Notification Act)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'New Mexico',
      clock: CLOCK,
      citation: 'N.M. Stat. § 57-12C-6(A)',
      dataElements: [...ELEMENTS],
      content: [
        { item: 'the name and contact information of the notifying person', citation: 'N.M. Stat. § 57-12C-7(A)' },
        {
          item: 'the types of personal identifying information reasonably believed breached, if known',
          citation: 'N.M. Stat. § 57-12C-7(B)',
        },
        { item: 'the date, estimated date or date range of the breach, if known', citation: 'N.M. Stat. § 57-12C-7(C)' },
        { item: 'a general description of the incident', citation: 'N.M. Stat. § 57-12C-7(D)' },
        { item: 'toll-free numbers and addresses of the major consumer reporting agencies', citation: 'N.M. Stat. § 57-12C-7(E)' },
        { item: 'advice to review account statements and credit reports', citation: 'N.M. Stat. § 57-12C-7(F)' },
        { item: "advice on the recipient's rights under the federal Fair Credit Reporting Act", citation: 'N.M. Stat. § 57-12C-7(G)' },
      ],
      hipaa: HIPAA_NOT_READ('N.M. Stat. § 57-12C-8 (exemptions) is reported to exempt persons subject to HIPAA'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [WORDSBYWIT, NM_7],
      notes: [
        'The content list (§ 57-12C-7) was read in statute text; the 45-day clock of § 57-12C-6 only as quoted by a secondary source.',
      ],
    }),
    regulatorNotice({
      recipient: 'New Mexico Attorney General',
      residents: { moreThan: 1000 },
      clock: CLOCK,
      citation: 'N.M. Stat. § 57-12C-10',
      dataElements: [...ELEMENTS],
      content: [
        { item: 'the number of New Mexico residents notified under § 57-12C-6', citation: 'N.M. Stat. § 57-12C-10' },
        { item: 'a copy of the notification sent to affected residents', citation: 'N.M. Stat. § 57-12C-10' },
      ],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [NM_10],
      notes: [
        '"within forty-five calendar days following discovery of the security breach, except as provided in Section 9" (law-enforcement delay) — § 57-12C-10.',
      ],
    }),
    regulatorNotice({
      id: 'cra_notice',
      recipient: 'each major nationwide consumer reporting agency (15 U.S.C. 1681a(p))',
      recipientKind: 'consumer_reporting_agencies',
      residents: { moreThan: 1000 },
      clock: CLOCK,
      citation: 'N.M. Stat. § 57-12C-10',
      dataElements: [...ELEMENTS],
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [NM_10],
    }),
  ],
} satisfies StateLawEntryInput;
