import { DATA_ELEMENTS, type DataElement, type Source, type StateLawEntryInput } from '../schema.js';

/** The day the sources below were read for this pack version. */
export const CHECKED = '2026-12-03';

/** The project's starting sheet: an internal summary, never a ground for "verified". */
export const STARTING_SHEET: Source = { title: 'Project starting sheet shared/domain/state-law-facts.md (internal summary, not a legal source)', kind: 'secondary', checked: CHECKED };

/** Written where a rule was encoded from the starting sheet and general knowledge only. */
export const UNVERIFIED_NOTE = 'UNVERIFIED: the statute text was not checked for this pack version; counsel must confirm the clock, threshold and recipient before relying on it.';

/** One rule of an entry, as written in a jurisdiction file. */
export type RuleInput = NonNullable<StateLawEntryInput['obligations']>[number];

/** A source read on CHECKED. */
export const source = (title: string, url: string | undefined, kind: Source['kind']): Source => ({ title, ...(url ? { url } : {}), kind, checked: CHECKED });

/** Every data element of the pack: for States whose "personal information" includes medical and health-insurance information. */
export const ALL_ELEMENTS = [...DATA_ELEMENTS];
/** The narrow classic definition: name with SSN, driver's licence / State ID, or a financial account with its code. */
export const CLASSIC_ELEMENTS: DataElement[] = ['ssn', 'government_id', 'financial_account'];

export const SECONDARY_NOTE = 'SECONDARY SOURCES ONLY: the statute text of this rule was not seen; law-firm charts or agency pages agree — counsel must confirm.';
export const HIPAA_NOT_READ = (clause: string): RuleInput['hipaa'] => ({
  interplay: 'counsel_review',
  note: `${clause} — not read in statute text, so the rule is planned as owed; counsel decides whether the HIPAA notices satisfy it.`,
});

/**
 * Notice to the nationwide consumer reporting agencies of the timing, distribution and content of the
 * notices: the same shape in most States (threshold, section and sources differ).
 */
export function craNotice(o: { name: string; residents: RuleInput['trigger']['residents']; citation: string; effectiveFrom: string; verification: RuleInput['verification']; sources: Source[]; dataElements?: DataElement[]; words?: string; notes?: string[] }): RuleInput {
  const count = o.residents.atLeast !== undefined ? `${o.residents.atLeast.toLocaleString('en-US')} or more` : `more than ${(o.residents.moreThan ?? 0).toLocaleString('en-US')}`;
  return {
    id: 'cra_notice',
    label: `Notice to the nationwide consumer reporting agencies (${count} persons notified)`,
    recipientKind: 'consumer_reporting_agencies',
    recipient: 'each nationwide consumer reporting agency',
    trigger: { residents: o.residents, entity: 'any', ...(o.dataElements ? { dataElements: o.dataElements } : {}) },
    clock: { type: 'expedient', words: o.words ?? 'without unreasonable delay (timing, distribution and content of the notices; no number in the statute)' },
    citation: o.citation,
    methods: ['written notice to each nationwide consumer reporting agency'],
    hipaa: { interplay: 'owed', note: `No HIPAA exemption known for the ${o.name} consumer-reporting-agency notice.` },
    effectiveFrom: o.effectiveFrom,
    verification: o.verification,
    sources: o.sources,
    notes: [...(o.verification === 'secondary_sources' ? [SECONDARY_NOTE] : o.verification === 'unverified' ? [UNVERIFIED_NOTE] : []), 'The statute may count all persons notified, not only residents; the engine tests the State count — counsel to check the total.', ...(o.notes ?? [])],
  };
}
