import type { StateLawEntryInput } from '../schema.js';
import {
  AT_INDIVIDUAL_NOTICE,
  CHECKED,
  HIPAA_NOT_READ,
  individualNotice,
  regulatorNotice,
  source,
  WITHOUT_UNREASONABLE_DELAY,
} from './_common.js';

const DOJMT = source(
  'Montana Department of Justice, Reporting Requirements for Data Breaches (Mont. Code § 30-14-1704): residents without unreasonable delay; simultaneously an electronic copy of the notice to the Office of Consumer Protection',
  'https://dojmt.gov/office-of-consumer-protection/reporting-requirements-for-data-breaches',
  'regulator_page',
);
const REVISION = source(
  "Revision Legal, Montana Data Breach Notification Law Explained: personal information includes medical record information and taxpayer identification numbers; notice to the attorney general's consumer protection office",
  'https://revisionlegal.com/corporate/revision-legal/montana-data-breach-notification-law',
  'secondary',
);
const ELEMENTS = ['ssn', 'government_id', 'financial_account', 'medical'] as const;
const FROM = '2015-10-01';
const FROM_NOTE = 'The attorney-general copy came with a 2015 amendment; 2015-10-01 is from memory, not checked.';

/** Mont. Code §§ 30-14-1701 to 30-14-1705. */
export const entry = {
  jurisdiction: 'MT',
  status: 'encoded',
  statute: 'Mont. Code § 30-14-1704 (computer security breach)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Montana',
      clock: WITHOUT_UNREASONABLE_DELAY,
      citation: 'Mont. Code § 30-14-1704(1)',
      dataElements: [...ELEMENTS],
      hipaa: HIPAA_NOT_READ('No HIPAA clause known in Mont. Code § 30-14-1704'),
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [DOJMT, REVISION],
      notes: [FROM_NOTE],
    }),
    regulatorNotice({
      recipient: 'Montana Attorney General, Office of Consumer Protection',
      residents: { atLeast: 1 },
      clock: AT_INDIVIDUAL_NOTICE,
      citation: 'Mont. Code § 30-14-1704(8)',
      dataElements: [...ELEMENTS],
      methods: ['electronic copy of the notice by email to the Office of Consumer Protection'],
      content: [
        {
          item: 'one copy of the notice, without information that identifies any consumer',
          citation: 'Mont. Code § 30-14-1704(8) (DOJ guidance)',
        },
        {
          item: 'the number of Montana residents notified, the date of the notice and how it was distributed',
          citation: 'Mont. Code § 30-14-1704(8) (DOJ guidance)',
        },
      ],
      effectiveFrom: FROM,
      verification: 'secondary_sources',
      sources: [DOJMT],
      notes: [
        '"simultaneously" with the resident notices (DOJ page): planned as due no later than them. Subsection number from memory.',
        FROM_NOTE,
      ],
    }),
  ],
} satisfies StateLawEntryInput;
