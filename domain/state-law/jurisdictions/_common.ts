import { DATA_ELEMENTS, type DataElement, type Source, type StateLawEntryInput } from '../schema.js';

/** The day the sources below were read for this pack version. */
export const CHECKED = '2026-12-03';

/** The project's starting sheet: an internal summary, never a ground for "verified". */
export const STARTING_SHEET: Source = {
  title: 'Project starting sheet shared/domain/state-law-facts.md (internal summary, not a legal source)',
  kind: 'secondary',
  checked: CHECKED,
};

/** Written where a rule was encoded from the starting sheet and general knowledge only. */
export const UNVERIFIED_NOTE =
  'UNVERIFIED: the statute text was not checked for this pack version; counsel must confirm the clock, threshold and recipient before relying on it.';

/** One rule of an entry, as written in a jurisdiction file. */
export type RuleInput = NonNullable<StateLawEntryInput['obligations']>[number];

/** A source read on CHECKED. */
export const source = (title: string, url: string | undefined, kind: Source['kind']): Source => ({
  title,
  ...(url ? { url } : {}),
  kind,
  checked: CHECKED,
});

/** Every data element of the pack: for States whose "personal information" includes medical and health-insurance information. */
export const ALL_ELEMENTS = [...DATA_ELEMENTS];
/** The narrow classic definition: name with SSN, driver's licence / State ID, or a financial account with its code. */
export const CLASSIC_ELEMENTS: DataElement[] = ['ssn', 'government_id', 'financial_account'];

export const SECONDARY_NOTE =
  'SECONDARY SOURCES ONLY: the statute text of this rule was not seen; law-firm charts or agency pages agree — counsel must confirm.';
export const HIPAA_NOT_READ = (clause: string): RuleInput['hipaa'] => ({
  interplay: 'counsel_review',
  note: `${clause}; not read in statute text, so the rule is planned as owed — counsel decides whether the HIPAA notices satisfy it.`,
});

/**
 * Notice to the nationwide consumer reporting agencies of the timing, distribution and content of the
 * notices: the same shape in most States (threshold, section and sources differ).
 */
export function craNotice(o: {
  name: string;
  residents: RuleInput['trigger']['residents'];
  citation: string;
  effectiveFrom: string;
  verification: RuleInput['verification'];
  sources: Source[];
  dataElements?: DataElement[];
  words?: string;
  notes?: string[];
}): RuleInput {
  const count =
    o.residents.atLeast !== undefined
      ? `${o.residents.atLeast.toLocaleString('en-US')} or more`
      : `more than ${(o.residents.moreThan ?? 0).toLocaleString('en-US')}`;
  return {
    id: 'cra_notice',
    label: `Notice to the nationwide consumer reporting agencies (${count} persons notified)`,
    recipientKind: 'consumer_reporting_agencies',
    recipient: 'each nationwide consumer reporting agency',
    trigger: { residents: o.residents, entity: 'any', ...(o.dataElements ? { dataElements: o.dataElements } : {}) },
    clock: {
      type: 'expedient',
      words: o.words ?? 'without unreasonable delay (timing, distribution and content of the notices; no number in the statute)',
    },
    citation: o.citation,
    methods: ['written notice to each nationwide consumer reporting agency'],
    hipaa: { interplay: 'owed', note: `No HIPAA exemption known for the ${o.name} consumer-reporting-agency notice.` },
    effectiveFrom: o.effectiveFrom,
    verification: o.verification,
    sources: o.sources,
    notes: [
      ...statusNotes(o.verification),
      'The statute may count all persons notified, not only residents; the engine tests the State count — counsel to check the total.',
      ...(o.notes ?? []),
    ],
  };
}

/** "the Texas Attorney General", but "each nationwide consumer reporting agency" as written (no "the each"). */
const withArticle = (recipient: string) => (/^(the|each|every|all|any|a|an)\s/i.test(recipient) ? recipient : `the ${recipient}`);

/** The notes a rule's verification status requires (an unverified or secondary rule says so first). */
const statusNotes = (v: RuleInput['verification'], notes: string[] = []) => [
  ...(v === 'secondary_sources' ? [SECONDARY_NOTE] : v === 'unverified' ? [UNVERIFIED_NOTE] : []),
  ...notes,
];

interface RuleFacts {
  citation: string;
  clock: RuleInput['clock'];
  effectiveFrom: string;
  verification: RuleInput['verification'];
  sources: Source[];
  dataElements?: DataElement[];
  residents?: RuleInput['trigger']['residents'];
  content?: RuleInput['content'];
  methods?: string[];
  notes?: string[];
}

const clockWords = (c: RuleInput['clock']) =>
  c.type === 'expedient'
    ? 'most expedient time'
    : c.amount === 0
      ? `no later than ${c.anchor === 'individual_notice' ? 'the notice to residents' : c.anchor.replace('_', ' ')}`
      : `${c.amount} ${c.unit === 'business_days' ? 'business ' : ''}days after ${c.anchor === 'individual_notice' ? 'the notice to residents' : c.anchor}`;

/** The State's notice to its affected residents. */
export function individualNotice(o: RuleFacts & { name: string; hipaa: RuleInput['hipaa'] }): RuleInput {
  return {
    id: 'individual_notice',
    label: `Notice to affected ${o.name} residents (${clockWords(o.clock)})`,
    recipientKind: 'individuals',
    recipient: `each affected ${o.name} resident`,
    trigger: { residents: o.residents ?? { atLeast: 1 }, entity: 'any', ...(o.dataElements ? { dataElements: o.dataElements } : {}) },
    clock: o.clock,
    citation: o.citation,
    methods: o.methods ?? [
      'written notice',
      'electronic notice (where the statute allows it)',
      "substitute notice (on the statute's conditions)",
    ],
    ...(o.content ? { content: o.content } : {}),
    hipaa: o.hipaa,
    effectiveFrom: o.effectiveFrom,
    verification: o.verification,
    sources: o.sources,
    notes: statusNotes(o.verification, o.notes),
  };
}

/** A notice to a State regulator (attorney general, consumer-affairs department) or the consumer reporting agencies: owed beside HIPAA's unless a rule says otherwise. */
export function regulatorNotice(
  o: RuleFacts & {
    id?: string;
    recipient: string;
    recipientKind?: 'attorney_general' | 'regulator' | 'consumer_reporting_agencies';
    residents: RuleInput['trigger']['residents'];
  },
): RuleInput {
  const count =
    o.residents.atLeast !== undefined
      ? o.residents.atLeast === 1
        ? 'any residents notified'
        : `${o.residents.atLeast.toLocaleString('en-US')} or more residents`
      : `more than ${(o.residents.moreThan ?? 0).toLocaleString('en-US')} residents`;
  return {
    id: o.id ?? 'ag_notice',
    label: `Notice to ${withArticle(o.recipient)} (${count}; ${clockWords(o.clock)})`,
    recipientKind: o.recipientKind ?? 'attorney_general',
    recipient: o.recipient,
    trigger: { residents: o.residents, entity: 'any', ...(o.dataElements ? { dataElements: o.dataElements } : {}) },
    clock: o.clock,
    citation: o.citation,
    methods: o.methods ?? ['written notice'],
    ...(o.content ? { content: o.content } : {}),
    hipaa: { interplay: 'owed', note: 'A regulator notice: no HIPAA exemption known for it.' },
    effectiveFrom: o.effectiveFrom,
    verification: o.verification,
    sources: o.sources,
    notes: statusNotes(o.verification, o.notes),
  };
}

export const EXPEDIENT = {
  type: 'expedient',
  words: 'in the most expedient time possible and without unreasonable delay (no number in the statute)',
} as const;
export const WITHOUT_UNREASONABLE_DELAY = { type: 'expedient', words: 'without unreasonable delay (no number in the statute)' } as const;
export const AT_INDIVIDUAL_NOTICE = { type: 'days', amount: 0, unit: 'calendar_days', anchor: 'individual_notice' } as const;
export const calendarDays = (amount: number, anchor: 'discovery' | 'determination' | 'individual_notice') =>
  ({ type: 'days', amount, unit: 'calendar_days', anchor }) as const;
