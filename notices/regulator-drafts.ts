/**
 * Pre-filled drafts of the notices to State regulators (issue 16 item 5): the Texas Attorney General's
 * electronic Data Breach Report (Tex. Bus. & Com. Code § 521.053(i)), the sample copy of the notice for the
 * California Attorney General (Cal. Civ. Code § 1798.82(f)), the report to the California Department of
 * Public Health (Health & Safety Code § 1280.15(b); 22 CCR § 79902), and a generic notice to any other State
 * regulator whose required content is listed in the state-law pack.
 *
 * The pack's content list of the obligation is the checklist, like 164.408's for the HHS portal draft: every
 * item of the list becomes one section of the draft, filled from the incident's recorded facts, its plan and
 * the organization profile where the engine knows the answer, or from the person's `answers`; an item
 * nothing fills is named as missing with its citation. Items the engine must never hold (patients' names)
 * or that a person must do (sign) are listed as "to attach". Every draft repeats the rule's verification
 * status; anything not verified against statute text is marked in capitals. Not legal advice.
 *
 * Pure: the caller passes the state-law plan, the validated facts, "now" and, for a sample notice, a
 * function that renders the individual notice (notices/render.ts).
 */
import type { z } from 'zod';
import { RegulatorDraftBody, RegulatorId } from '../contract/incident-requests.js';
import { isState, JURISDICTION_NAMES, localDateOf, type IncidentFacts, type State } from '../domain/index.js';
import { STATE_LAW_DISCLAIMER, type StateLawPlan, type StateObligation } from '../domain/state-law/index.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import { VERIFICATION_MARK } from '../reports/state-law-format.js';
import type { ChecklistFailure } from './checklist.js';
import type { OrganizationProfile } from './organization.js';

export { RegulatorDraftBody, RegulatorId };
export type RegulatorDraftBody = z.infer<typeof RegulatorDraftBody>;

const KIND_SUFFIX: Partial<Record<StateObligation['recipientKind'], string>> = {
  attorney_general: 'AG',
  regulator: 'REG',
  health_department: 'HEALTH',
};
/** The short regulator id of a state obligation (`CA-CDPH` for the California health department). */
export function regulatorIdOf(o: Pick<StateObligation, 'jurisdiction' | 'recipientKind'>): string | undefined {
  const suffix = KIND_SUFFIX[o.recipientKind];
  if (!suffix) return undefined;
  return o.jurisdiction === 'CA' && suffix === 'HEALTH' ? 'CA-CDPH' : `${o.jurisdiction}-${suffix}`;
}

export interface RegulatorDraftLink {
  regulator: string;
  obligationId: string;
  label: string;
  recipient: string;
}
/** The regulator drafts this plan offers: planned regulator obligations whose content list is in the pack. */
export function regulatorDrafts(plan: StateLawPlan): RegulatorDraftLink[] {
  const seen = new Set<string>();
  const out: RegulatorDraftLink[] = [];
  for (const o of plan.obligations) {
    const id = regulatorIdOf(o);
    if (!id || o.content.length === 0) continue;
    out.push({ regulator: seen.has(id) ? o.id : id, obligationId: o.id, label: o.label, recipient: o.recipient });
    seen.add(id);
  }
  return out;
}

export type SectionStatus = 'filled' | 'check' | 'attach' | 'missing';
export interface DraftSection {
  /** Stable id: the field the engine recognized (`residents_affected`), or `item_<n>`; answers use it. */
  element: string;
  /** The item as the pack states it, and its citation. */
  item: string;
  citation: string;
  /** filled: from the record; check: filled but a person must confirm; attach: a person adds it (never the engine); missing: nothing fills it. */
  status: SectionStatus;
  value?: string;
  /** Where the value came from (facts, plan, organization, content, answers, record). */
  source?: string;
  problem?: string;
}

export interface RegulatorDraft {
  regulator: string;
  template: 'tx_ag_form' | 'ca_ag_sample' | 'cdph_report' | 'generic';
  incidentRef: string;
  jurisdiction: State;
  jurisdictionName: string;
  obligationId: string;
  label: string;
  recipient: string;
  citation: string;
  verification: StateObligation['verification'];
  /** "verified", "SECONDARY" or "UNVERIFIED": shown wherever the draft is. */
  verificationMark: string;
  packVersion: string;
  packFingerprint: string;
  due: string;
  methods: string[];
  /** One per item of the pack's content list, in the pack's order. */
  sections: DraftSection[];
  /** The filer block of a form (organization and contact): not statutory content items; `check`: a person confirms it. */
  filer: { label: string; value: string; check?: string }[];
  /**
   * What the regulator says about its form beyond the statute's content list (TX-AG: the AG's reporting page), each
   * with its source, and what could not be checked — shown in the draft so the filer reads it before filing.
   */
  formNotes: string[];
  /** Items nothing fills, each with its citation (the draft is not ready while any remain). */
  missing: ChecklistFailure[];
  /** Items a person attaches or does (signature, the list of patients). */
  toAttach: ChecklistFailure[];
  complete: boolean;
  subject: string;
  text: string;
  /** The sample notice itself (CA AG, and any list asking for a copy of the notice), when the content renders. */
  sampleNotice?: { subject: string; text: string };
  prefilled: string[];
  warnings: string[];
  disclaimer: string;
}

export class RegulatorDraftError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'RegulatorDraftError';
  }
}

/** What a draft is built from (all already validated). */
export interface RegulatorDraftInput {
  regulator: string;
  snapshot: IncidentSnapshot;
  facts: IncidentFacts;
  plan: StateLawPlan;
  org: OrganizationProfile;
  body: RegulatorDraftBody;
  /** Renders the individual notice for a sample copy; throws (a NoticeChecklistError) when the content is incomplete. */
  renderSample?: (content: Record<string, unknown>) => { subject: string; text: string };
}

// ---- the fields the engine knows how to fill --------------------------------------------------------------

type Field =
  | 'description'
  | 'residents_affected'
  | 'residents_notified'
  | 'measures_taken'
  | 'measures_planned'
  | 'measures_taken_or_planned'
  | 'law_enforcement'
  | 'facility'
  | 'breach_dates'
  | 'detected'
  | 'patients'
  | 'people_involved'
  | 'medical_information'
  | 'notice_date'
  | 'signature'
  | 'sample_notice'
  | 'hhs_copy'
  | 'data_elements'
  | 'contact'
  | 'notice_form';

/**
 * The Texas AG's own description of its Data Breach Report (texasattorneygeneral.gov/consumer-protection/data-breach-reporting,
 * read 2026-12-03) beside Tex. Bus. & Com. Code § 521.053(i) as amended by S.B. 768 (2023). The six content items of
 * (i)(1)-(6) match the pack's list word for word; these are the rest. The form's own fields (the AG's "preview" of it)
 * could not be read: the filer block and any further field (dates, kinds of information) are not checked against it.
 */
export const TX_AG_FORM_NOTES: readonly string[] = [
  "Deadline: the statute counts 30 days from the day the person determines the breach occurred (§ 521.053(i)); the AG's page says 30 days after discovery. The date above follows the statute; when the two differ, filing by the earlier one meets both.",
  "Submitted electronically on the AG's form (§ 521.053(i), S.B. 768): the web form cannot save a partial entry — prepare the answers first.",
  'Item (i)(3) counts the Texans sent a disclosure "by mail or other direct method of communication" (the AG page: by mail or email) at the time of filing — not a substitute notice.',
  'A supplemental or updated report gives the totals to date (affected and notified), not the change since the last report (AG page, as summarized by a secondary source).',
  'One report per breach (AG page before 2023).',
  'The completed report is potentially an open record (AG page; the AG posts a public listing, § 521.053(j)): no patient names or other PHI in the answers.',
  "Not checked: the web form's own fields beyond these six items (its preview was not reachable).",
];

/** The Texas, California and CDPH lists are mapped by citation (exact); other lists by their wording. */
const BY_CITATION: Record<string, Field> = {
  'Tex. Bus. & Com. Code § 521.053(i)(1)': 'description',
  'Tex. Bus. & Com. Code § 521.053(i)(2)': 'residents_affected',
  'Tex. Bus. & Com. Code § 521.053(i)(3)': 'residents_notified',
  'Tex. Bus. & Com. Code § 521.053(i)(4)': 'measures_taken',
  'Tex. Bus. & Com. Code § 521.053(i)(5)': 'measures_planned',
  'Tex. Bus. & Com. Code § 521.053(i)(6)': 'law_enforcement',
  'Cal. Civ. Code § 1798.82(f)': 'sample_notice',
  '22 CCR § 79902(a)(1)(A)': 'facility',
  '22 CCR § 79902(a)(1)(B)': 'breach_dates',
  '22 CCR § 79902(a)(1)(C)': 'detected',
  '22 CCR § 79902(a)(1)(D)': 'patients',
  '22 CCR § 79902(a)(1)(E)': 'medical_information',
  '22 CCR § 79902(a)(1)(F)': 'description',
  '22 CCR § 79902(a)(1)(G)': 'people_involved',
  '22 CCR § 79902(a)(1)(H)': 'notice_date',
  '22 CCR § 79902(a)(1)': 'signature',
};
/** Wording → field, first match wins (for the generic notice). An item none matches is answered by a person. */
const BY_WORDS: [RegExp, Field][] = [
  [/copy of the HHS|provided to the Secretary of HHS/i, 'hhs_copy'],
  [/sample|copy of the notice/i, 'sample_notice'],
  [/sent a disclosure|have been notified|notified by mail/i, 'residents_notified'],
  [/number of|how many/i, 'residents_affected'],
  [/taken or planned|taken and planned/i, 'measures_taken_or_planned'],
  [/intend|planned|after the notification/i, 'measures_planned'],
  [/measures taken|steps taken|contain the breach|actions taken/i, 'measures_taken'],
  [/law enforcement/i, 'law_enforcement'],
  [/anticipated date|date .*notified|date of the notice/i, 'notice_date'],
  [/nature|circumstances|description of the breach|synopsis|events surrounding|how the breach occurred/i, 'description'],
  [/date|time frame|when .* occurred/i, 'breach_dates'],
  [/types? of personal information|personal information accessed|information involved/i, 'data_elements'],
  [/contact/i, 'contact'],
  [/form of notice/i, 'notice_form'],
];
export function fieldOf(item: { item: string; citation: string }): Field | undefined {
  return BY_CITATION[item.citation] ?? BY_WORDS.find(([re]) => re.test(item.item))?.[1];
}

const text = (v: unknown) => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function templateOf(o: StateObligation): RegulatorDraft['template'] {
  if (o.jurisdiction === 'TX' && o.recipientKind === 'attorney_general') return 'tx_ag_form';
  if (o.jurisdiction === 'CA' && o.recipientKind === 'attorney_general') return 'ca_ag_sample';
  if (o.jurisdiction === 'CA' && o.recipientKind === 'health_department') return 'cdph_report';
  return 'generic';
}

function findObligation(plan: StateLawPlan, regulator: string): { o: StateObligation; others: StateObligation[] } {
  const parsed = RegulatorId.safeParse(regulator);
  if (!parsed.success) throw new RegulatorDraftError('invalid_input', `regulator: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const matches = regulator.startsWith('state:')
    ? plan.obligations.filter((o) => o.id === regulator)
    : plan.obligations.filter(
        (o) =>
          regulatorIdOf(o) === regulator || (regulator.endsWith('-HEALTH') && regulatorIdOf(o) === regulator.replace('HEALTH', 'CDPH')),
      );
  const code = regulator.startsWith('state:') ? regulator.slice(6, 8) : regulator.slice(0, 2);
  if (!isState(code))
    throw new RegulatorDraftError('invalid_input', `regulator: ${code} is not a State or territory code of 45 CFR 160.103 (e.g. TX-AG)`);
  const name = JURISDICTION_NAMES[code];
  if (matches.length === 0) {
    const why = plan.notTriggered.filter((n) => n.jurisdiction === code).map((n) => `${n.id}: ${n.reason}`);
    const review = plan.toReview.find((t) => t.jurisdiction === code);
    throw new RegulatorDraftError(
      'refused',
      `regulator: no ${regulator} notice is planned for this incident (state-law pack ${plan.packVersion})${
        review
          ? `; ${review.item}: ${review.reason}`
          : why.length
            ? `; not triggered: ${why.join('; ')}`
            : `; no ${name} regulator obligation applies`
      }`,
    );
  }
  const withContent = matches.filter((o) => o.content.length > 0);
  if (withContent.length === 0)
    throw new RegulatorDraftError(
      'refused',
      `regulator: the state-law pack ${plan.packVersion} has no content list for ${matches[0]!.id} (${matches[0]!.citation}): counsel drafts this notice by hand`,
    );
  return { o: withContent[0]!, others: withContent.slice(1) };
}

const PHI_WORDS = (f: IncidentFacts) =>
  [
    ...(f.phi.clinical ? ['clinical information'] : []),
    ...(f.phi.financial ? ['financial information'] : []),
    ...(f.phi.other ? ['other health information'] : []),
    ...f.phi.identifiers.map((i) => i.replace(/_/g, ' ')),
  ].join(', ');

/** Builds the draft; throws RegulatorDraftError (invalid_input / refused) naming the field and the rule. */
export function buildRegulatorDraft(input: RegulatorDraftInput): RegulatorDraft {
  const { plan, facts: f, org, snapshot: s } = input;
  const { o, others } = findObligation(plan, input.regulator);
  const template = templateOf(o);
  const content = input.body.content ?? {};
  const answers = input.body.answers ?? {};
  const tz = f.organization.timeZone;
  const actions = obj(content.entityActions);
  const stateName = JURISDICTION_NAMES[o.jurisdiction];
  const warnings: string[] = [];
  if (others.length) warnings.push(`${input.regulator} also names ${others.map((x) => x.id).join(', ')}: draft it by its obligation id`);

  const mailings = (s.mailings ?? []).filter((m) => m.status !== 'failed');
  const individualDue = s.obligations.find((x) => x.obligation.id === 'individual_notice')?.obligation.deadline.date;
  const stateIndividual = plan.obligations.filter(
    (x) => x.jurisdiction === o.jurisdiction && x.recipientKind === 'individuals' && x.deadline,
  );
  let sample: { subject: string; text: string } | undefined;
  let sampleProblem: string | undefined;
  const renderSample = () => {
    if (sample || sampleProblem) return;
    if (!input.renderSample) sampleProblem = 'no notice renderer configured';
    else if (!text(content.whatHappened))
      sampleProblem = 'give the notice text (content: whatHappened, phiTypes, individualSteps, entityActions)';
    else
      try {
        sample = input.renderSample(content);
      } catch (err) {
        sampleProblem = `the notice text does not pass its checklist: ${err instanceof Error ? err.message : String(err)}`;
      }
  };

  type Fill = Omit<DraftSection, 'element' | 'item' | 'citation'>;
  const filled = (value: string, source: string): Fill => ({ status: 'filled', value, source });
  const missing = (problem: string): Fill => ({ status: 'missing', problem });
  const fill = (field: Field | undefined): Fill => {
    switch (field) {
      case 'description': {
        const d = text(f.phi.description) ?? text(content.whatHappened);
        return d
          ? filled(d, text(f.phi.description) ? 'facts.phi.description' : 'content.whatHappened')
          : missing('describe the breach (facts.phi.description or content.whatHappened)');
      }
      case 'residents_affected': {
        const n = f.affected.byJurisdiction[o.jurisdiction] ?? 0;
        return filled(`${n.toLocaleString('en-US')} ${stateName} resident(s)`, `facts.affected.byJurisdiction.${o.jurisdiction}`);
      }
      case 'residents_notified': {
        if (mailings.length === 0)
          return {
            status: 'check',
            value: '0 (no mailing of individual notices has started)',
            source: 'record (mailings)',
            problem: 'update before filing if notices were sent outside the engine',
          };
        const rosters = new Set(mailings.map((m) => m.rosterId));
        const n = (s.rosters ?? []).filter((r) => rosters.has(r.rosterId)).reduce((a, r) => a + (r.byJurisdiction[o.jurisdiction] ?? 0), 0);
        return {
          status: 'check',
          value: `${n.toLocaleString('en-US')} (${stateName} addressees on the mailed roster(s); first mailing ${mailings[0]!.startedAt.slice(0, 10)})`,
          source: 'record (rosters, mailings)',
          problem: 'the mailing ledger is not broken down by State: subtract bounced and failed deliveries before filing',
        };
      }
      case 'measures_taken': {
        const t = [text(actions.investigate), text(actions.mitigate)].filter(Boolean).join(' ');
        return t
          ? filled(t, 'content.entityActions.investigate, mitigate')
          : missing('say what was done (content.entityActions.investigate / mitigate)');
      }
      case 'measures_planned': {
        const t = text(actions.prevent);
        return t ? filled(t, 'content.entityActions.prevent') : missing('say what will be done (content.entityActions.prevent)');
      }
      case 'measures_taken_or_planned': {
        const t = [text(actions.investigate), text(actions.mitigate), text(actions.prevent)].filter(Boolean).join(' ');
        return t ? filled(t, 'content.entityActions') : missing('say what was done and is planned (content.entityActions)');
      }
      case 'law_enforcement': {
        const d = s.lawEnforcementDelays ?? [];
        // A 164.412 statement shows an agency was investigating when it asked for the delay, not that it still is when
        // the form is filed ("whether law enforcement is engaged"): a person confirms.
        return d.length
          ? {
              status: 'check',
              value: `Yes: a law-enforcement statement was recorded (45 CFR 164.412) by ${d[0]!.agency ?? 'an agency'}`,
              source: 'record (law-enforcement delays)',
              problem: 'confirm the agency is still investigating when the form is filed (or answer answers.law_enforcement)',
            }
          : missing(
              'answer whether law enforcement is investigating (answers.law_enforcement): no statement is recorded, which does not mean none is engaged',
            );
      }
      case 'facility': {
        const a = org.address;
        return filled(`${org.name}, ${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.postalCode}`, 'organization');
      }
      case 'breach_dates': {
        if (!f.dates.occurredAt) return missing('record when the breach occurred (facts.dates.occurredAt) or answer it');
        const fmt = (iso: string) => `${localDateOf(iso, tz)} (${iso})`;
        return filled(`${fmt(f.dates.occurredAt)}${f.dates.occurredEndAt ? ` to ${fmt(f.dates.occurredEndAt)}` : ''}`, 'facts.dates');
      }
      case 'detected':
        return filled(`${localDateOf(f.dates.discoveredAt, tz)} (${f.dates.discoveredAt})`, 'facts.dates.discoveredAt');
      case 'patients':
        return {
          status: 'attach',
          problem: `attach the list of affected patients from the roster${s.rosters?.length ? ` (${s.rosters.map((r) => r.rosterId).join(', ')})` : ''}: the engine never puts names in a draft`,
        };
      case 'people_involved':
        return {
          status: 'attach',
          problem: 'names and contact details go to the regulator only, never into the engine: add them to the filed report',
        };
      case 'medical_information': {
        const reid = f.assessment?.natureAndExtent?.reidentificationLikelihood;
        const phi = PHI_WORDS(f);
        if (!phi) return missing('record the PHI involved (facts.phi)');
        return reid && reid !== 'unknown'
          ? filled(`${phi}; likelihood of re-identification: ${reid}`, 'facts.phi, facts.assessment.natureAndExtent')
          : {
              status: 'check',
              value: phi,
              source: 'facts.phi',
              problem: 'the likelihood of re-identification is not assessed (facts.assessment.natureAndExtent)',
            };
      }
      case 'notice_date': {
        if (mailings.length) return filled(`notified from ${mailings[0]!.startedAt.slice(0, 10)}`, 'record (mailings)');
        const due = [...stateIndividual.map((x) => x.deadline!.date), ...(individualDue ? [individualDue] : [])].sort()[0];
        return due
          ? { status: 'check', value: `will be notified no later than ${due}`, source: 'plan', problem: 'the date the notices will go out' }
          : missing('give the date of the notice to patients');
      }
      case 'signature':
        return {
          status: 'attach',
          value: `${org.privacyOfficer.name}, ${org.privacyOfficer.title}`,
          problem: 'signed in writing by a representative of the facility',
        };
      case 'sample_notice':
        renderSample();
        return sample
          ? filled(`${sample.subject} (below)`, 'content (rendered individual notice, sample addressee)')
          : missing(sampleProblem ?? 'give the notice text');
      case 'hhs_copy': {
        const hhs = s.obligations.find((x) => x.obligation.id === 'hhs_notice' || x.obligation.id === 'hhs_annual_log');
        return hhs?.status === 'confirmed'
          ? {
              status: 'attach',
              value: `HHS notice confirmed`,
              problem: 'attach the HHS breach portal submission (breach draft --kind hhs_portal)',
            }
          : missing('the HHS notice is not confirmed yet: this notice follows it');
      }
      case 'data_elements':
        return filled(
          `${plan.dataElements.elements.join(', ') || 'none'}${PHI_WORDS(f) ? ` (PHI: ${PHI_WORDS(f)})` : ''}`,
          plan.dataElements.recorded ? 'facts.stateLaw.dataElements, facts.phi' : 'derived from facts.phi (not confirmed)',
        );
      case 'contact': {
        const p = org.privacyOfficer;
        return filled(`${p.name}, ${p.title}; ${p.email}; ${p.phone}`, 'organization (privacy officer)');
      }
      case 'notice_form':
        return mailings.length
          ? { status: 'check', value: "email, and first-class mail letters (the engine's mailing)", source: 'record (mailings)' }
          : missing('the form of the notice to individuals');
      default:
        return missing('the engine does not know this item: answer it');
    }
  };

  const used = new Map<string, number>();
  const sections: DraftSection[] = o.content.map((c, i) => {
    const field = fieldOf(c);
    const base = field ?? `item_${i + 1}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const element = n === 1 ? base : `${base}_${n}`;
    const answer = answers[element];
    const section: DraftSection = answer
      ? { element, item: c.item, citation: c.citation, status: 'filled', value: answer, source: `answers.${element}` }
      : { element, item: c.item, citation: c.citation, ...fill(field) };
    return section;
  });
  const unknownAnswers = Object.keys(answers).filter((k) => !sections.some((x) => x.element === k));
  if (unknownAnswers.length)
    throw new RegulatorDraftError(
      'invalid_input',
      `answers: ${unknownAnswers.join(', ')} is not an element of this draft (elements: ${sections.map((x) => x.element).join(', ')})`,
    );

  const failure = (x: DraftSection): ChecklistFailure => ({
    element: x.element,
    citation: x.citation,
    problem: `${x.item}: ${x.problem ?? ''}`.trim(),
  });
  const missingItems = sections.filter((x) => x.status === 'missing').map(failure);
  const toAttach = sections.filter((x) => x.status === 'attach').map(failure);
  const due = o.deadline ? o.deadline.date : o.status === 'pending' ? `pending: ${o.deadlineBasis}` : `no fixed date (${o.deadlineBasis})`;
  const mark = VERIFICATION_MARK[o.verification];
  const filer = [
    { label: 'Organization', value: org.name },
    { label: 'Address', value: `${org.address.line1}, ${org.address.city}, ${org.address.state} ${org.address.postalCode}` },
    {
      label: 'Authorized representative',
      value: `${org.privacyOfficer.name}, ${org.privacyOfficer.title} (${org.privacyOfficer.email}, ${org.privacyOfficer.phone})`,
      ...(template === 'tx_ag_form'
        ? {
            check:
              "the AG's page: the form is completed ONLY by an authorized agent (owner, manager, officer, attorney or representative) who can affirm being authorized to submit it — confirm this person is",
          }
        : {}),
    },
    { label: 'Incident reference', value: s.ref },
  ];
  const formNotes = template === 'tx_ag_form' ? [...TX_AG_FORM_NOTES] : [];
  const TITLE: Record<RegulatorDraft['template'], string> = {
    tx_ag_form: 'Texas Attorney General — Data Breach Report (electronic form): answers to enter',
    ca_ag_sample: 'California Attorney General — sample copy of the security breach notice',
    cdph_report: 'California Department of Public Health — report of a breach of medical information',
    generic: `${stateName} — notice to ${o.recipient}`,
  };
  const subject = `${TITLE[template]} [${mark}]`;
  const lines = [
    subject,
    '',
    `${mark === 'verified' ? 'Rule verified against statute text' : `${mark}: this rule was not verified against statute text — counsel must review`}. ${STATE_LAW_DISCLAIMER}`,
    `Rule: ${o.citation} — ${o.label}`,
    `Recipient: ${o.recipient}. Method: ${o.methods.join('; ')}.`,
    `Due: ${due}. State-law pack ${plan.packVersion} (${plan.packFingerprint}).`,
    '',
    ...filer.flatMap((x) => [`${x.label}: ${x.value}`, ...(x.check ? [`   -> ${x.check}`] : [])]),
    '',
    ...sections.flatMap((x, i) => [
      `${i + 1}. ${x.item} (${x.citation}) [${x.status.toUpperCase()}]`,
      ...(x.value ? [`   ${x.value}`] : []),
      ...(x.status !== 'filled' && x.problem ? [`   -> ${x.problem}`] : []),
    ]),
    ...(missingItems.length
      ? [
          '',
          `NOT READY: ${missingItems.length} required item(s) missing: ${missingItems.map((m) => `${m.element} (${m.citation})`).join('; ')}`,
        ]
      : []),
    ...(toAttach.length ? ['', `To attach or do before filing: ${toAttach.map((m) => `${m.element} (${m.citation})`).join('; ')}`] : []),
    ...(sample
      ? ['', '--- sample copy of the notice (sample addressee; no personal information) ---', '', sample.subject, '', sample.text]
      : []),
    ...(formNotes.length ? ['', 'About the form (read before filing):', ...formNotes.map((n) => `- ${n}`)] : []),
    ...warnings.map((w) => `! ${w}`),
  ];
  return {
    regulator: input.regulator,
    template,
    incidentRef: s.ref,
    jurisdiction: o.jurisdiction,
    jurisdictionName: stateName,
    obligationId: o.id,
    label: o.label,
    recipient: o.recipient,
    citation: o.citation,
    verification: o.verification,
    verificationMark: mark,
    packVersion: plan.packVersion,
    packFingerprint: plan.packFingerprint,
    due,
    methods: o.methods,
    sections,
    filer,
    formNotes,
    missing: missingItems,
    toAttach,
    complete: missingItems.length === 0,
    subject,
    text: lines.join('\n'),
    ...(sample ? { sampleNotice: sample } : {}),
    prefilled: [...new Set(sections.filter((x) => x.source).map((x) => `${x.element} (${x.source})`))],
    warnings,
    disclaimer: STATE_LAW_DISCLAIMER,
  };
}
