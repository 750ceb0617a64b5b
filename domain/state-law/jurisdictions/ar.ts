import type { StateLawEntryInput } from '../schema.js';
import {
  AT_INDIVIDUAL_NOTICE,
  calendarDays,
  CHECKED,
  EXPEDIENT,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
  type RuleInput,
} from './_common.js';

const AR_105 = source(
  'Ark. Code § 4-110-105(a),(b) (statute text reproduced by PocketLaw): residents "in the most expedient time and manner possible"; more than 1,000 individuals → the Attorney General at the same time or within 45 days, whichever first',
  'https://getpocketlaw.com/law/state_arkansas/section-4-110-105-disclosure-of-security-breaches_d8c966436fc7',
  'statute_text',
);
const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – Arkansas: H.B. 1943 (Act 1030 of 2019) effective 2019-07-23',
  'https://perkinscoie.com/insights/publication/security-breach-notification-chart-arkansas',
  'secondary',
);
const AG_FORM = source(
  'Arkansas Attorney General, Data Breach Reporting form (Ark. Code § 4-110-105)',
  'https://arkansasag.gov/resources/contact-us/data-breach-reporting/',
  'regulator_page',
);
const ELEMENTS: RuleInput['trigger']['dataElements'] = ['ssn', 'government_id', 'financial_account', 'medical', 'biometric'];
const FROM = '2019-07-23';
/** The Attorney General notice is due at the earlier of two clocks: written as two rules, the earlier controls. */
const AG: Omit<Parameters<typeof regulatorNotice>[0], 'clock'> = {
  recipient: 'Arkansas Attorney General',
  residents: { moreThan: 1000 },
  citation: 'Ark. Code § 4-110-105(b)(2)',
  dataElements: ELEMENTS,
  methods: ['Arkansas AG online data breach reporting form'],
  effectiveFrom: FROM,
  verification: 'verified',
  sources: [AR_105, AG_FORM, PERKINS],
};
const QUIRK =
  'The text counts individuals (not only Arkansans) and sits under the subsection for those who maintain data they do not own ("required to make a disclosure ... under subdivision (b)(1)"); planned for the owner too — counsel to read it.';

/** Ark. Code §§ 4-110-101 to 4-110-108 (Personal Information Protection Act). */
export const entry = {
  jurisdiction: 'AR',
  status: 'encoded',
  statute: 'Ark. Code §§ 4-110-101 to 4-110-108 (Personal Information Protection Act), § 4-110-105',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Arkansas',
      clock: EXPEDIENT,
      citation: 'Ark. Code § 4-110-105(a)',
      dataElements: ELEMENTS,
      hipaa: HIPAA_NOT_READ('No HIPAA clause was read in Ark. Code § 4-110-105'),
      effectiveFrom: '2005-08-12',
      verification: 'verified',
      sources: [AR_105, PERKINS],
      notes: ['Not required if, after a reasonable investigation, there is no reasonable likelihood of harm to customers (secondary).'],
    }),
    regulatorNotice({
      ...AG,
      id: 'ag_notice',
      clock: AT_INDIVIDUAL_NOTICE,
      notes: [
        '"at the same time the security breach is disclosed to an affected individual or within forty-five (45) days after ... a reasonable likelihood of harm ..., whichever occurs first": the other half is `ag_notice_45_days`.',
        QUIRK,
      ],
    }),
    regulatorNotice({
      ...AG,
      id: 'ag_notice_45_days',
      clock: calendarDays(45, 'determination'),
      notes: [
        'The 45-day half of the "whichever occurs first" clock, from the determination of a reasonable likelihood of harm (the determination date of this plan).',
        QUIRK,
      ],
    }),
  ],
} satisfies StateLawEntryInput;
