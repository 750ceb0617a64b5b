import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const NJ_TEXT = {
  title:
    'N.J.S.A. 56:8-163(c)(1) as quoted by the NJ Cybersecurity and Communications Integration Cell (NJCCIC, State Police): report "in advance of the disclosure to the customer"',
  url: 'https://www.cyber.nj.gov/data-breach-notifications/',
  kind: 'statute_text',
  checked: CHECKED,
} as const;
const NJ_KLINE = {
  title: 'Klinedinst, Data Breach Notification Statutes – New Jersey (State Police before residents; CRAs over 1,000)',
  url: 'https://klinedinstlaw.com/practice/privacy-data-security/new-jersey',
  kind: 'secondary',
  checked: CHECKED,
} as const;

/** N.J.S.A. 56:8-163. Verification per rule (see each rule's sources). */
export const entry = {
  jurisdiction: 'NJ',
  status: 'encoded',
  statute: 'N.J.S.A. 56:8-163',
  statuteVerification: 'secondary_sources',
  reviewedOn: '2026-12-03',
  obligations: [
    {
      id: 'state_police',
      label: 'Report to the New Jersey Division of State Police before notifying individuals',
      recipientKind: 'regulator',
      recipient: 'New Jersey Division of State Police (Department of Law and Public Safety)',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'online_credentials'],
      },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: 'N.J.S.A. 56:8-163(c)(1)',
      methods: ['email to databreach@cyber.nj.gov (NJCCIC, reviewed by NJSP)'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found for the State Police report.' },
      effectiveFrom: '2006-01-01',
      verification: 'verified',
      sources: [NJ_TEXT, NJ_KLINE, STARTING_SHEET],
      notes: [
        '"in advance of the disclosure to the customer": planned as due no later than the day the individual notices go out — send it before them.',
      ],
      content: [
        { item: 'how the breach occurred (requested by NJCCIC)', citation: 'NJCCIC reporting page' },
        { item: 'how many New Jersey residents are affected (requested by NJCCIC)', citation: 'NJCCIC reporting page' },
        { item: 'a sample notification letter (requested by NJCCIC)', citation: 'NJCCIC reporting page' },
      ],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected New Jersey residents (most expedient time possible)',
      recipientKind: 'individuals',
      recipient: 'each affected New Jersey customer',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'in the most expedient time possible and without unreasonable delay' },
      citation: 'N.J.S.A. 56:8-163(a)',
      methods: ['written notice', 'electronic notice'],
      hipaa: {
        interplay: 'counsel_review',
        note: "Notice under the entity's primary regulator's procedures may be deemed compliant; counsel to confirm for HIPAA.",
        citation: 'N.J.S.A. 56:8-166',
      },
      effectiveFrom: '2006-01-01',
      verification: 'secondary_sources',
      sources: [NJ_KLINE, STARTING_SHEET],
      notes: [],
    },
    {
      id: 'cra_notice',
      label: 'Notice to the consumer reporting agencies (more than 1,000 persons)',
      recipientKind: 'consumer_reporting_agencies',
      recipient: 'each nationwide consumer reporting agency',
      trigger: {
        residents: { moreThan: 1000 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'without unreasonable delay' },
      citation: 'N.J.S.A. 56:8-163(f)',
      methods: ['written notice'],
      hipaa: { interplay: 'owed', note: 'No HIPAA exemption found.' },
      effectiveFrom: '2006-01-01',
      verification: 'secondary_sources',
      sources: [NJ_KLINE, STARTING_SHEET],
      notes: [],
    },
  ],
  notes: [
    "The State Police report checked against the statute text as quoted by the State Police's own cell; the rest from secondary sources.",
  ],
} satisfies StateLawEntryInput;
