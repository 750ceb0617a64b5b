import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, HIPAA_NOT_READ, individualNotice, regulatorNotice, source } from './_common.js';

const AG_PAGE = source(
  'Iowa Attorney General, Security Breach Notifications: written notice to the Consumer Protection Division director within five business days after notifying affected people, breach affecting "at least 500" Iowans; law in effect from 2014-07-01',
  'https://www.iowaattorneygeneral.gov/for-consumers/security-breach-notifications',
  'regulator_page',
);
const WORDSBYWIT = source(
  'Words by Wit, Iowa Code § 715C (quotes § 715C.2(1): "most expeditious manner possible and without unreasonable delay"; AG within 5 days of notice to over 500 residents)',
  'https://www.wordsbywit.com/iowa',
  'secondary',
);
/** Iowa's "personal information" (§ 715C.1(11)) has no medical or health-insurance element. */
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'biometric', 'online_credentials'] as const;

/** Iowa Code ch. 715C. */
export const entry = {
  jurisdiction: 'IA',
  status: 'encoded',
  statute: 'Iowa Code ch. 715C (Personal Information Security Breach Protection), § 715C.2',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Iowa',
      clock: { type: 'expedient', words: 'in the most expeditious manner possible and without unreasonable delay' },
      citation: 'Iowa Code § 715C.2(1)',
      dataElements: [...ELEMENTS],
      content: [
        { item: 'a description of the breach of security', citation: 'Iowa Code § 715C.2(5)' },
        { item: 'the approximate date of the breach', citation: 'Iowa Code § 715C.2(5)' },
        { item: 'the type of personal information obtained', citation: 'Iowa Code § 715C.2(5)' },
        { item: 'contact information for consumer reporting agencies', citation: 'Iowa Code § 715C.2(5)' },
        {
          item: 'advice to report suspected identity theft to local law enforcement or the Attorney General',
          citation: 'Iowa Code § 715C.2(5)',
        },
      ],
      hipaa: HIPAA_NOT_READ(
        "Iowa is reported to exempt persons that comply with their primary federal regulator's notice rules (§ 715C.2(7))",
      ),
      effectiveFrom: '2014-07-01',
      verification: 'secondary_sources',
      sources: [WORDSBYWIT],
      notes: ['The content list is from secondary sources; its subsection number from memory.'],
    }),
    regulatorNotice({
      recipient: 'Director of the Consumer Protection Division, Office of the Iowa Attorney General',
      residents: { atLeast: 500 },
      clock: { type: 'days', amount: 5, unit: 'business_days', anchor: 'individual_notice' },
      citation: 'Iowa Code § 715C.2(8)(a)',
      dataElements: [...ELEMENTS],
      methods: ['written notice to the Consumer Protection Division director'],
      effectiveFrom: '2014-07-01',
      verification: 'secondary_sources',
      sources: [AG_PAGE, WORDSBYWIT],
      notes: [
        'Threshold: the AG page says "at least 500", law-firm summaries "over 500"; planned from 500 (the wider reading) until counsel reads § 715C.2(8).',
      ],
    }),
  ],
  holidays: {
    citation: 'Iowa Code § 1C.1 (legal public holidays)',
    verification: 'verified',
    sources: [
      source(
        'Iowa Code § 1C.1 (official text, legis.iowa.gov, 2001 edition): ten legal public holidays',
        'https://www.legis.iowa.gov/DOCS/IACODE/2001/1C/1.html',
        'statute_text',
      ),
      source(
        'Employment Law Handbook, Iowa State Holidays (current list of § 1C.1 agrees; § 1C.2 paid holidays of State employees)',
        'https://www.employmentlawhandbook.com/employment-and-labor-laws/states/iowa/leave-laws/holidays/',
        'secondary',
      ),
    ],
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'none' },
      { type: 'nth_weekday', name: "Dr. Martin Luther King, Jr.'s Birthday", month: 1, weekday: 1, n: 3 },
      { type: 'fixed', name: "Lincoln's Birthday", month: 2, day: 12, observed: 'none' },
      { type: 'nth_weekday', name: "Washington's Birthday", month: 2, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: 'none' },
      { type: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
      { type: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: 'none' },
      { type: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: 'none' },
    ],
    notes: [
      'The 2001 text was read; a current secondary list agrees. § 1C.1 shifts nothing off a weekend; the State-employee shifts and the Friday after Thanksgiving of § 1C.2 are left out (the date can only come out earlier). § 715C.2(8) does not define "business days"; the plan also shows the Monday–Friday date.',
    ],
  },
} satisfies StateLawEntryInput;
