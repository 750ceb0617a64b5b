import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, STARTING_SHEET, source } from './_common.js';

const SB1833 = {
  title: 'Illinois S.B. 1833 (99th G.A.), enrolled: amends 815 ILCS 530 and adds Sections 45, 50 and 55 (effective 2017-01-01)',
  url: 'https://www.ilga.gov/legislation/fulltext.asp?DocName=&SessionId=88&GA=99&DocTypeId=SB&DocNum=1833&GAID=13&LegID=88670&SpecSess=&Session=',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const CSRPS = {
  title:
    'CSRPS privacy regulations: Illinois (HIPAA entities notify the AG within 5 days after notifying HHS; AG notice for more than 500)',
  url: 'https://csrps.com/privacy-regulations/illinois/',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const RADAR = {
  title: 'RadarFirst: Illinois Personal Information Protection Act amendments (AG notice for HIPAA-regulated entities)',
  url: 'https://www.radarfirst.com/blog/illinois-personal-information-protection-act/',
  kind: 'secondary',
  checked: CHECKED,
} as const;
const JL = {
  title: 'Jackson Lewis Workplace Privacy Report: Illinois SB 1624 (AG notice for more than 500 residents, effective 2020-01-01)',
  url: 'https://www.workplaceprivacyreport.com/2019/09/articles/consumer-privacy/illinois-enhances-it-data-breach-notification-requirements/',
  kind: 'secondary',
  checked: CHECKED,
} as const;

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
      hipaa: {
        interplay: 'owed',
        note: 'The condition of the HIPAA deemed-compliance clause: a HIPAA entity that must notify HHS is deemed compliant with the Act only if it gives this notice.',
      },
      effectiveFrom: '2017-01-01',
      verification: 'secondary_sources',
      sources: [CSRPS, RADAR, SB1833, STARTING_SHEET],
      notes: [
        'Sources say "5 days" and "5 business days"; the engine plans 5 business days with Illinois holidays and also shows the Monday–Friday date. Counsel to confirm against the section text.',
      ],
    },
    {
      id: 'individual_notice',
      label: 'Notice to affected Illinois residents (most expedient time possible)',
      recipientKind: 'individuals',
      recipient: 'each affected Illinois resident',
      trigger: {
        residents: { atLeast: 1 },
        entity: 'any',
        dataElements: ['ssn', 'government_id', 'financial_account', 'medical', 'health_insurance', 'biometric', 'online_credentials'],
      },
      clock: { type: 'expedient', words: 'in the most expedient time possible and without unreasonable delay' },
      citation: '815 ILCS 530/10(a)',
      methods: ['written notice', 'electronic notice'],
      hipaa: {
        interplay: 'deemed_satisfied',
        note: 'A HIPAA covered entity or business associate in compliance with HIPAA is deemed in compliance with the Act, provided it notifies the AG under 530/50.',
        citation: '815 ILCS 530/50',
      },
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
      hipaa: {
        interplay: 'deemed_satisfied',
        note: 'For a HIPAA entity the 530/50 notice after HHS takes its place (530/50 deems HIPAA compliance to be compliance with the Act).',
        citation: '815 ILCS 530/50',
      },
      effectiveFrom: '2020-01-01',
      verification: 'secondary_sources',
      sources: [JL, STARTING_SHEET],
    },
  ],
  holidays: {
    citation: '205 ILCS 630/17(a) (legal holidays of the Promissory Note and Bank Holiday Act)',
    verification: 'verified',
    sources: [
      source(
        '205 ILCS 630/17, current text (reproduced by Instalawyer), with Juneteenth National Freedom Day',
        'https://instalawyer.io/laws/illinois-compiled-statutes/chapter-205-financial-regulation-205-ilcs-630-promissory',
        'statute_text',
      ),
      source(
        'H.B. 645 (97th G.A., 2011) quoting 205 ILCS 630/17 (before Juneteenth was added)',
        'https://ilga.gov/legislation/fulltext.asp?DocName=&SessionId=91&GA=97&DocTypeId=HB&DocNum=0645&GAID=14&LegID=100856&SpecSess=&Session=',
        'bill_text',
      ),
    ],
    rules: [
      { type: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: 'none' },
      { type: 'nth_weekday', name: "Martin Luther King, Jr.'s birthday", month: 1, weekday: 1, n: 3 },
      { type: 'fixed', name: "Abraham Lincoln's birthday", month: 2, day: 12, observed: 'none' },
      { type: 'nth_weekday', name: 'Presidents Day', month: 2, weekday: 1, n: 3 },
      { type: 'nth_weekday', name: "Casimir Pulaski's birthday", month: 3, weekday: 1, n: 1 },
      { type: 'easter_offset', name: 'Good Friday', days: -2 },
      { type: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
      { type: 'fixed', name: 'Juneteenth National Freedom Day', month: 6, day: 19, observed: 'none', fromYear: 2022 },
      { type: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: 'none' },
      { type: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
      { type: 'nth_weekday', name: 'Columbus Day', month: 10, weekday: 1, n: 2 },
      { type: 'general_election_day', name: 'General election for members of the House of Representatives', years: 'even' },
      { type: 'fixed', name: "Veterans' Day", month: 11, day: 11, observed: 'none' },
      { type: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
      { type: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: 'none' },
    ],
    notes: [
      '§ 630/17 moves no holiday off a weekend; an earlier pack shifted Saturday holidays to Friday and counted the day after Thanksgiving, neither of which is in § 630/17. Days proclaimed by the Governor are left out (the date can only come out earlier). Juneteenth is counted from 2022 (the 2011 text does not have it; the year it was added was not checked).',
      '815 ILCS 530/50 does not say which holidays its "business days" skip; this is the State\'s statutory list of legal holidays. The plan also shows the Monday–Friday date, the earlier reading.',
    ],
  },
} satisfies StateLawEntryInput;
