import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET } from './_common.js';

const SB1833 = { title: 'Illinois S.B. 1833 (99th G.A.), enrolled: amends 815 ILCS 530 and adds Sections 45, 50 and 55 (effective 2017-01-01)', url: 'https://www.ilga.gov/legislation/fulltext.asp?DocName=&SessionId=88&GA=99&DocTypeId=SB&DocNum=1833&GAID=13&LegID=88670&SpecSess=&Session=', kind: 'secondary', checked: CHECKED } as const;
const CSRPS = { title: 'CSRPS privacy regulations: Illinois (HIPAA entities notify the AG within 5 days after notifying HHS; AG notice for more than 500)', url: 'https://csrps.com/privacy-regulations/illinois/', kind: 'secondary', checked: CHECKED } as const;
const RADAR = { title: 'RadarFirst: Illinois Personal Information Protection Act amendments (AG notice for HIPAA-regulated entities)', url: 'https://www.radarfirst.com/blog/illinois-personal-information-protection-act/', kind: 'secondary', checked: CHECKED } as const;
const JL = { title: 'Jackson Lewis Workplace Privacy Report: Illinois SB 1624 (AG notice for more than 500 residents, effective 2020-01-01)', url: 'https://www.workplaceprivacyreport.com/2019/09/articles/consumer-privacy/illinois-enhances-it-data-breach-notification-requirements/', kind: 'secondary', checked: CHECKED } as const;

export const entry = {
  jurisdiction: 'IL',
  status: 'encoded',
  statute: '815 ILCS 530 (Personal Information Protection Act)',
  statuteVerification: 'secondary_sources',
  reviewedOn: CHECKED,
  obligations: [
    {
      id: 'ag_after_hhs',
      label: 'Notice to the Illinois Attorney General: 5 business days after notifying HHS',
      recipientKind: 'attorney_general',
      recipient: 'Illinois Attorney General',
      trigger: { residents: { atLeast: 1 }, entity: 'hipaa_entity_notifying_hhs' },
      clock: { type: 'days', amount: 5, unit: 'business_days', anchor: 'hhs_notice' },
      citation: '815 ILCS 530/50',
      methods: ['written notice to the Illinois Attorney General'],
      hipaa: { interplay: 'owed', note: 'The condition of the HIPAA deemed-compliance clause: a HIPAA entity that must notify HHS is deemed compliant with the Act only if it gives this notice.' },
      effectiveFrom: '2017-01-01',
      verification: 'secondary_sources',
      sources: [CSRPS, RADAR, SB1833, STARTING_SHEET],
      notes: ['Sources say "5 days" and "5 business days"; the engine plans 5 business days with Illinois holidays and also shows the Monday–Friday date. Counsel to confirm against the section text.'],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected Illinois residents (most expedient time possible)',
      recipientKind: 'individuals',
      recipient: 'each affected Illinois resident',
      trigger: { residents: { atLeast: 1 }, entity: 'any', dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'] },
      clock: { type: 'expedient', words: 'in the most expedient time possible and without unreasonable delay' },
      citation: '815 ILCS 530/10(a)',
      methods: ['written notice', 'electronic notice'],
      hipaa: { interplay: 'deemed_satisfied', note: 'A HIPAA covered entity or business associate in compliance with HIPAA is deemed in compliance with the Act, provided it notifies the AG under 530/50.', citation: '815 ILCS 530/50' },
      effectiveFrom: '2006-01-01',
      verification: 'secondary_sources',
      sources: [RADAR, STARTING_SHEET],
    },
    {
      id: 'ag_over_500',
      label: 'Notice to the Illinois Attorney General (more than 500 residents), no later than the individual notices',
      recipientKind: 'attorney_general',
      recipient: 'Illinois Attorney General',
      trigger: { residents: { moreThan: 500 }, entity: 'any' },
      clock: { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' },
      citation: '815 ILCS 530/10(e)',
      methods: ['written notice to the Illinois Attorney General'],
      content: [
        { item: 'a description of the nature of the breach', citation: '815 ILCS 530/10(e)(1)' },
        { item: 'the number of Illinois residents affected at the time of notification', citation: '815 ILCS 530/10(e)(1)' },
        { item: 'steps taken or planned relating to the incident', citation: '815 ILCS 530/10(e)(1)' },
      ],
      hipaa: { interplay: 'deemed_satisfied', note: 'For a HIPAA entity the 530/50 notice after HHS takes its place (530/50 deems HIPAA compliance to be compliance with the Act).', citation: '815 ILCS 530/50' },
      effectiveFrom: '2020-01-01',
      verification: 'secondary_sources',
      sources: [JL, STARTING_SHEET],
    },
  ],
  holidays: {
    citation: '205 ILCS 630/17 (legal holidays) and 5 ILCS 490 (State holidays)',
    verification: 'unverified',
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, n: 3 },
      { type: 'fixed', name: "Lincoln's Birthday", month: 2, day: 12, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: "Washington's Birthday", month: 2, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Juneteenth', month: 6, day: 19, observed: 'nearest_weekday' },
      { type: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
      { type: 'nth_weekday', name: 'Columbus Day', month: 10, weekday: 1, n: 2 },
      { type: 'general_election_day', name: 'General Election Day', years: 'even' },
      { type: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: 'nearest_weekday' },
      { type: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
      { type: 'day_after_nth_weekday', name: 'Day after Thanksgiving', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: 'nearest_weekday' },
    ],
    notes: ['Unverified list of Illinois State holidays; the plan also shows the Monday–Friday date.'],
  },
} satisfies StateLawEntryInput;
