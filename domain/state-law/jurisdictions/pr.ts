import type { StateLawEntryInput } from '../schema.js';
import { ALL_ELEMENTS, calendarDays, CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const PR_4052 = source(
  'P.R. Laws tit. 10, § 4052 (statute text, Casetext; Act 111 of 2005 as amended by Act 97 of 2008): clients "as expeditiously as possible"; the Department within "a non-extendable term of ten (10) days after the violation of the system\'s security has been detected"',
  'https://casetext.com/statute/laws-of-puerto-rico/title-ten-commerce/subtitle-3-business-regulations-generally/chapter-310-citizen-information-on-data-banks-security-act/4052-notification',
  'statute_text',
);
const PR_4053 = source(
  'P.R. Laws tit. 10, § 4053 (statute text, Casetext): content and method of the notice',
  'https://casetext.com/statute/laws-of-puerto-rico/title-ten-commerce/subtitle-3-business-regulations-generally/chapter-310-citizen-information-on-data-banks-security-act/4053-notification-character-and-method',
  'statute_text',
);
const FROM = '2008-06-19';
const SCOPE =
  'Applies to a database whose personal-information files are "not protected by an encrypted code but only by a password" (§ 4052); a breach at a government agency or public corporation goes to the Citizen\'s Advocate Office instead (§ 4054a).';

/** P.R. Laws tit. 10, §§ 4051 to 4055 (Citizen Information on Data Banks Security Act). */
export const entry = {
  jurisdiction: 'PR',
  status: 'encoded',
  statute: 'P.R. Laws tit. 10, §§ 4051 to 4055 (Citizen Information on Data Banks Security Act)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Puerto Rico',
      clock: { type: 'expedient', words: 'as expeditiously as possible (no number in the statute)' },
      citation: 'P.R. Laws tit. 10, § 4052',
      dataElements: ALL_ELEMENTS,
      methods: [
        'written notice by mail or authenticated electronic means',
        'public notice and media (cost over $100,000, over 100,000 persons, or excessively onerous — § 4053(2))',
      ],
      content: [
        {
          item: 'the breach described in general terms, and the type of sensitive information compromised',
          citation: 'P.R. Laws tit. 10, § 4053',
        },
        { item: 'a toll-free number and an Internet site for information or assistance', citation: 'P.R. Laws tit. 10, § 4053' },
      ],
      hipaa: HIPAA_NOT_READ(
        'No HIPAA clause was seen in §§ 4052-4053 (medical information protected by HIPAA is itself a covered element)',
      ),
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [PR_4052, PR_4053],
      notes: [SCOPE, 'Planned from the 2008 amendment (Act 97), the text read.'],
    }),
    regulatorNotice({
      recipient: 'Puerto Rico Department of Consumer Affairs (DACO)',
      recipientKind: 'regulator',
      residents: { atLeast: 1 },
      clock: calendarDays(10, 'discovery'),
      citation: 'P.R. Laws tit. 10, § 4052',
      dataElements: ALL_ELEMENTS,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [PR_4052],
      notes: [
        '"non-extendable": no delay clause applies to this notice; the Department announces the breach publicly within 24 hours of receiving it.',
        SCOPE,
      ],
    }),
  ],
} satisfies StateLawEntryInput;
