import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, craNotice, HIPAA_NOT_READ, individualNotice, regulatorNotice, source, WITHOUT_UNREASONABLE_DELAY } from './_common.js';

const PERKINS = source(
  'Perkins Coie, Security Breach Notification Chart – North Carolina (N.C. Gen. Stat. §§ 75-61, 75-65; S.B. 1017, 2009): AG Consumer Protection Division without unreasonable delay whenever a person is notified; more than 1,000 → consumer reporting agencies',
  'https://www.perkinscoie.com/en/news-insights/security-breach-notification-chart-north-carolina.html',
  'secondary',
);
const NCDOJ = source(
  'North Carolina Department of Justice, Security Breach Information (Identity Theft Protection Act)',
  'https://ncdoj.gov/protecting-consumers/protecting-your-identity/protect-your-business-from-id-theft/security-breach-information/',
  'regulator_page',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'biometric', 'online_credentials'] as const;

/** N.C. Gen. Stat. §§ 75-61, 75-65 (Identity Theft Protection Act). */
export const entry = {
  jurisdiction: 'NC',
  status: 'encoded',
  statute: 'N.C. Gen. Stat. §§ 75-61, 75-65 (Identity Theft Protection Act)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'North Carolina',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'N.C. Gen. Stat. § 75-65(a)',
      dataElements: [...ELEMENTS],
      hipaa: HIPAA_NOT_READ('No HIPAA clause known in N.C. Gen. Stat. § 75-65'),
      effectiveFrom: '2005-12-01',
      verification: 'secondary_sources',
      sources: [PERKINS, NCDOJ],
    }),
    regulatorNotice({
      recipient: 'North Carolina Attorney General, Consumer Protection Division',
      residents: { atLeast: 1 },
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'N.C. Gen. Stat. § 75-65(e1)',
      dataElements: [...ELEMENTS],
      methods: ['NC DOJ security breach reporting form'],
      content: [
        {
          item: 'the nature of the breach, the number of consumers affected, steps taken to investigate it and to prevent a recurrence, and the timing, distribution and content of the notice',
          citation: 'N.C. Gen. Stat. § 75-65(e1)',
        },
      ],
      effectiveFrom: '2009-10-01',
      verification: 'secondary_sources',
      sources: [PERKINS, NCDOJ],
      notes: ['Added by S.B. 1017 (signed 2009-07-27); 2009-10-01 as its effective date is from memory, not checked.'],
    }),
    craNotice({
      name: 'North Carolina',
      residents: { moreThan: 1000 },
      citation: 'N.C. Gen. Stat. § 75-65(f)',
      effectiveFrom: '2005-12-01',
      verification: 'secondary_sources',
      sources: [PERKINS],
    }),
  ],
} satisfies StateLawEntryInput;
