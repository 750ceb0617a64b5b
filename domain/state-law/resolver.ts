import type { LocalDate } from '../calendar-days.js';
import type { Decision } from '../decision.js';
import type { IncidentFacts } from '../facts.js';
import { JURISDICTION_NAMES, UNKNOWN_JURISDICTION, type Jurisdiction, type State } from '../jurisdictions.js';
import { dueDate } from '../notice-clock.js';
import type { ChecklistItem, DueDate } from '../obligation.js';
import { planObligations, type Plan, type PlanOptions } from '../planner.js';
import { endOfLocalDay, localDateOf } from '../time-zones.js';
import type { RecordedEvents } from './facts.js';
import { holidaysBetween } from './holidays.js';
import { currentPack, STATE_LAW_DISCLAIMER, type StateLawPack } from './pack.js';
import {
  ANCHOR_WORDS,
  type Anchor,
  type DataElement,
  type RecipientKind,
  type StateLawEntry,
  type StateObligationRule,
  type Verification,
} from './schema.js';

/**
 * The HIPAA-to-state resolver (issue 16): from the facts and the federal plan, the state obligations of
 * every jurisdiction with affected residents, each with its statute citation, the pack version and its
 * verification status — and, for a jurisdiction whose law is not encoded, an explicit "state law to
 * review" item. Never silence: every affected jurisdiction is addressed (a property test checks it).
 *
 * - Two clocks that bind the same recipient in a State (a State's own rules, and for individuals the
 *   HIPAA notice of 164.404): the earliest controls, and the plan says which rule set it and why.
 * - A clock anchored on a later event (the HHS notice, the individual notices) is PENDING until that
 *   event is recorded (`events`); meanwhile the plan shows the latest date it can fall on if the event
 *   itself happens on its own deadline.
 * - Business days skip weekends and the State's holidays from its calendar; where the holiday list
 *   moves the date, the Monday–Friday date is shown too (the earlier reading).
 * Pure: "now" is a parameter; the pack is a parameter (default: this build's pack).
 */

export interface StateObligation {
  /** `state:<code>:<rule id>`. */
  id: string;
  jurisdiction: State;
  rule: string;
  label: string;
  recipientKind: RecipientKind;
  recipient: string;
  count: number;
  citation: string;
  verification: Verification;
  /** planned: dated; pending: waits on a later event; no_fixed_date: "most expedient time" (no number in the statute). */
  status: 'planned' | 'pending' | 'no_fixed_date';
  deadline?: DueDate;
  deadlineBasis: string;
  pendingOn?: Anchor;
  /** For a pending clock: its date if the anchoring event happens on its own latest day. */
  latestIfAnchorOnTime?: LocalDate;
  /** Business days: the date counting Monday–Friday only, when the State's holidays move it. */
  weekdaysOnlyDate?: LocalDate;
  /** Set when another clock binding the same recipient is earlier. */
  controlledBy?: { id: string; citation: string; date: LocalDate };
  methods: string[];
  content: ChecklistItem[];
  hipaa: { interplay: 'owed' | 'deemed_satisfied' | 'counsel_review'; note: string; citation?: string };
  effectiveFrom: LocalDate;
  effectiveTo?: LocalDate;
  sources: string[];
  notes: string[];
}

export interface RecipientClock {
  jurisdiction: State;
  recipientKind: RecipientKind;
  candidates: { id: string; citation: string; date: LocalDate; status: 'planned' | 'pending' }[];
  controlling: string;
  why: string;
}

export interface StateLawPlan {
  packVersion: string;
  packFingerprint: string;
  disclaimer: string;
  determinationDate: LocalDate;
  determinationBasis: string;
  dataElements: { elements: DataElement[]; recorded: boolean };
  obligations: StateObligation[];
  /** Rules a HIPAA-compliant covered entity is deemed to satisfy by its HIPAA notices (shown, not planned). */
  satisfiedByHipaa: { id: string; jurisdiction: State; label: string; citation: string; verification: Verification; note: string }[];
  /** Rules of affected jurisdictions that do not apply, with the reason (thresholds, entity, dates). */
  notTriggered: { id: string; jurisdiction: State; citation: string; reason: string }[];
  /** For counsel: jurisdictions with residents whose law is not encoded (or not planned), each said out loud. */
  toReview: { jurisdiction: State; residents: number; item: string; reason: string }[];
  recipientClocks: RecipientClock[];
  /** How many planned state obligations are not verified against statute text. */
  unverifiedCount: number;
  warnings: string[];
}

export interface StateLawOptions {
  now: string;
  pack?: StateLawPack;
  /** Recorded events that pending clocks run from. */
  events?: RecordedEvents;
}

/** Derives State data elements from the HIPAA facts when `facts.stateLaw.dataElements` is not recorded. */
export function derivedDataElements(facts: IncidentFacts): DataElement[] {
  const ids = new Set(facts.phi.identifiers);
  const out = new Set<DataElement>();
  if (ids.has('social_security_numbers')) out.add('ssn');
  if (ids.has('certificate_license_numbers')) out.add('government_id');
  if (ids.has('account_numbers') || facts.phi.financial) out.add('financial_account');
  if (ids.has('health_plan_beneficiary_numbers')) out.add('health_insurance');
  if (ids.has('biometric_identifiers')) out.add('biometric');
  if (facts.phi.clinical || ids.has('medical_record_numbers')) out.add('medical');
  return [...out].sort();
}

const thresholdMet = (t: { atLeast?: number | undefined; moreThan?: number | undefined }, n: number) =>
  t.atLeast !== undefined ? n >= t.atLeast : n > (t.moreThan ?? 0);
const thresholdWords = (t: { atLeast?: number | undefined; moreThan?: number | undefined }) =>
  t.atLeast !== undefined ? `at least ${t.atLeast.toLocaleString('en-US')}` : `more than ${(t.moreThan ?? 0).toLocaleString('en-US')}`;
const yearOf = (d: LocalDate) => Number(d.slice(0, 4));

export function planStateLaw(facts: IncidentFacts, plan: Plan, opts: StateLawOptions): StateLawPlan {
  const pack = opts.pack ?? currentPack();
  const tz = plan.timeZone;
  const events = opts.events ?? {};
  const warnings: string[] = [];
  const sl = facts.stateLaw;

  const determinationDate = sl?.determinedAt
    ? localDateOf(sl.determinedAt, tz)
    : plan.decision
      ? localDateOf(plan.decision.decidedAt, tz)
      : plan.discoveryDate;
  const determinationBasis = sl?.determinedAt
    ? `recorded determination ${sl.determinedAt} (facts.stateLaw.determinedAt)`
    : plan.decision
      ? `the decision of ${plan.decision.decidedAt} (no separate determination recorded)`
      : `discovery ${plan.discoveryDate}: no decision yet, so the earliest possible determination date is used`;
  if (determinationDate < plan.discoveryDate)
    warnings.push(
      `facts.stateLaw.determinedAt (${determinationDate}) is before discovery (${plan.discoveryDate}): a breach cannot be determined before it is known — check the dates; the clocks run from the recorded determination.`,
    );
  const recordedElements = sl?.dataElements;
  const elements = recordedElements ? [...recordedElements].sort() : derivedDataElements(facts);

  const out: StateLawPlan = {
    packVersion: pack.version,
    packFingerprint: pack.fingerprint,
    disclaimer: STATE_LAW_DISCLAIMER,
    determinationDate,
    determinationBasis,
    dataElements: { elements, recorded: !!recordedElements },
    obligations: [],
    satisfiedByHipaa: [],
    notTriggered: [],
    toReview: [],
    recipientClocks: [],
    unverifiedCount: 0,
    warnings,
  };

  const affected = (Object.entries(plan.byJurisdiction) as [Jurisdiction, number][])
    .filter(([code, n]) => code !== UNKNOWN_JURISDICTION && n > 0)
    .sort(([a], [b]) => a.localeCompare(b)) as [State, number][];
  const review = (code: State, residents: number, reason: string) =>
    out.toReview.push({ jurisdiction: code, residents, item: `state law to review: ${JURISDICTION_NAMES[code]}`, reason });

  if (!plan.reportable) {
    for (const [code, n] of affected)
      review(
        code,
        n,
        'not a reportable breach under HIPAA; State breach definitions differ (most have no HIPAA-style risk assessment) — counsel to decide whether this State requires notice',
      );
    return out;
  }
  if (plan.role === 'business_associate') {
    for (const [code, n] of affected)
      review(
        code,
        n,
        "as a business associate: the State's vendor-to-owner notice duty is not encoded in this pack; the covered entity plans the State notices",
      );
    return out;
  }

  const federal = new Map(plan.obligations.map((o) => [o.id, o]));
  const fedIndividual = federal.get('individual_notice');
  const fedHhs = federal.get('hhs_notice') ?? federal.get('hhs_annual_log');
  const notifiesHhs = !!fedHhs;

  for (const [code, residents] of affected) {
    const entry = pack.entries.get(code);
    if (!entry || entry.status === 'not_encoded') {
      review(
        code,
        residents,
        `no rules encoded for ${JURISDICTION_NAMES[code]} in state-law pack ${pack.version}${entry?.reviewReason ? `: ${entry.reviewReason}` : ''}`,
      );
      continue;
    }
    let planned = 0;
    for (const rule of entry.obligations) {
      const id = `state:${code}:${rule.id}`;
      const skip = (reason: string) => out.notTriggered.push({ id, jurisdiction: code, citation: rule.citation, reason });
      if (plan.discoveryDate < rule.effectiveFrom || (rule.effectiveTo && plan.discoveryDate >= rule.effectiveTo)) {
        skip(
          `not in force for a breach discovered on ${plan.discoveryDate} (in force ${rule.effectiveFrom}${rule.effectiveTo ? ` to ${rule.effectiveTo}` : ' onward'})`,
        );
        continue;
      }
      if (!thresholdMet(rule.trigger.residents, residents)) {
        skip(`${residents} resident(s) of ${JURISDICTION_NAMES[code]}: the rule needs ${thresholdWords(rule.trigger.residents)}`);
        const unknown = plan.byJurisdiction[UNKNOWN_JURISDICTION] ?? 0;
        if (unknown > 0 && thresholdMet(rule.trigger.residents, residents + unknown))
          warnings.push(
            `${id}: ${unknown} affected individual(s) have no known State; if enough live in ${JURISDICTION_NAMES[code]}, ${rule.citation} applies (${thresholdWords(rule.trigger.residents)}).`,
          );
        continue;
      }
      if (rule.trigger.entity === 'licensed_health_facility' && !(sl?.licensedHealthFacilityIn ?? []).includes(code)) {
        skip(`applies to licensed health facilities; not recorded as one in ${code} (facts.stateLaw.licensedHealthFacilityIn)`);
        continue;
      }
      if (rule.trigger.entity === 'hipaa_entity_notifying_hhs' && !notifiesHhs) {
        skip('applies when the entity notifies the Secretary of HHS; this plan has no HHS notice');
        continue;
      }
      const notes = [...rule.notes];
      if (rule.trigger.dataElements) {
        const hit = rule.trigger.dataElements.some((e) => elements.includes(e));
        if (!hit && recordedElements) {
          skip(
            `none of the recorded data elements (${elements.join(', ') || 'none'}) is in this State's definition (${rule.trigger.dataElements.join(', ')})`,
          );
          continue;
        }
        if (!recordedElements)
          notes.push(
            `data elements not recorded (facts.stateLaw.dataElements): planned as if ${JURISDICTION_NAMES[code]}'s definition (${rule.trigger.dataElements.join(', ')}) is met${hit ? '' : ' — the HIPAA facts suggest it may not be; confirm'}`,
          );
      }
      if (rule.hipaa.interplay === 'deemed_satisfied') {
        out.satisfiedByHipaa.push({
          id,
          jurisdiction: code,
          label: rule.label,
          citation: rule.citation,
          verification: rule.verification,
          note: `${rule.hipaa.note}${rule.hipaa.citation ? ` (${rule.hipaa.citation})` : ''}`,
        });
        continue;
      }
      out.obligations.push(stateObligation(id, code, residents, entry, rule, notes));
      planned++;
    }
    if (planned === 0 && !out.satisfiedByHipaa.some((s) => s.jurisdiction === code)) {
      review(
        code,
        residents,
        `rules are encoded for ${JURISDICTION_NAMES[code]} but none applies to these facts (see notTriggered); counsel to confirm nothing else is owed`,
      );
    }
  }

  function stateObligation(
    id: string,
    code: State,
    residents: number,
    entry: StateLawEntry,
    rule: StateObligationRule,
    notes: string[],
  ): StateObligation {
    const base = {
      id,
      jurisdiction: code,
      rule: rule.id,
      label: rule.label,
      recipientKind: rule.recipientKind,
      recipient: rule.recipient,
      count: residents,
      citation: rule.citation,
      verification: rule.verification,
      methods: [...rule.methods],
      content: rule.content.map((c) => ({ ...c })),
      hipaa: { ...rule.hipaa },
      effectiveFrom: rule.effectiveFrom,
      ...(rule.effectiveTo ? { effectiveTo: rule.effectiveTo } : {}),
      sources: rule.sources.map((s) => `${s.title}${s.url ? ` <${s.url}>` : ''} (${s.kind}, checked ${s.checked})`),
      notes,
    };
    if (rule.verification !== 'verified' && !notes.some((n) => n.startsWith('UNVERIFIED')))
      notes.unshift(
        rule.verification === 'unverified'
          ? 'UNVERIFIED: not checked against statute text — counsel must confirm.'
          : 'SECONDARY SOURCES ONLY: statute text not seen — counsel must confirm.',
      );
    const clock = rule.clock;
    if (clock.type === 'expedient') {
      const bound =
        rule.recipientKind === 'individuals' && fedIndividual
          ? `; the HIPAA outer limit still applies to a covered entity: ${fedIndividual.deadline.date} (45 CFR 164.404(b))`
          : '';
      return { ...base, status: 'no_fixed_date', deadlineBasis: `${clock.words} — no number in the statute (${rule.citation})${bound}` };
    }
    const unitWords = clock.unit === 'business_days' ? 'business' : 'calendar';
    const count = (start: LocalDate) => {
      const holidays = clock.unit === 'business_days' ? holidaysBetween(entry.holidays, yearOf(start), yearOf(start) + 1) : [];
      const date = dueDate({ start, amount: clock.amount, unit: clock.unit, holidays, timeZone: tz }).date;
      const weekdays =
        clock.unit === 'business_days' ? dueDate({ start, amount: clock.amount, unit: clock.unit, holidays: [], timeZone: tz }).date : date;
      return { date, weekdays };
    };
    const phrase =
      clock.amount === 0
        ? `no later than ${ANCHOR_WORDS[clock.anchor]}`
        : `${clock.amount} ${unitWords} day(s) after ${ANCHOR_WORDS[clock.anchor]}`;
    const holidayWords =
      clock.unit === 'business_days'
        ? ` (weekends and ${JURISDICTION_NAMES[code]} holidays skipped, ${entry.holidays?.citation ?? 'no calendar'}, holiday list ${entry.holidays?.verification ?? 'missing'})`
        : '';
    let start: LocalDate | undefined;
    let startWords = '';
    let latestAnchor: LocalDate | undefined;
    switch (clock.anchor) {
      case 'discovery':
        start = plan.discoveryDate;
        startWords = `discovery on ${start} (day 0)`;
        break;
      case 'determination':
        start = determinationDate;
        startWords = `determination on ${start} (${determinationBasis})`;
        break;
      case 'hhs_notice':
        if (events.hhsNotifiedAt) {
          start = localDateOf(events.hhsNotifiedAt, tz);
          startWords = `the HHS notice recorded on ${start}`;
        } else latestAnchor = fedHhs?.deadline.date;
        break;
      case 'individual_notice':
        if (events.individualsNotifiedAt) {
          start = localDateOf(events.individualsNotifiedAt, tz);
          startWords = `the individual notices recorded on ${start}`;
        } else latestAnchor = fedIndividual?.deadline.date;
        break;
    }
    if (!start) {
      const latest = latestAnchor ? count(latestAnchor).date : undefined;
      return {
        ...base,
        status: 'pending',
        pendingOn: clock.anchor,
        ...(latest ? { latestIfAnchorOnTime: latest } : {}),
        deadlineBasis: `${phrase}${holidayWords} (${rule.citation}): pending until ${ANCHOR_WORDS[clock.anchor]} is recorded${latest ? `; if it is made on its own deadline ${latestAnchor}, this falls due ${latest}` : ''}`,
      };
    }
    const { date, weekdays } = count(start);
    if (weekdays !== date)
      notes.push(
        `counting Monday–Friday only (no State holidays) gives ${weekdays}: the earlier reading — file by then if counsel is unsure which holidays count`,
      );
    return {
      ...base,
      status: 'planned',
      deadline: { date, instant: endOfLocalDay(date, tz) },
      deadlineBasis: `${phrase} — ${startWords} → ${date}${holidayWords} (${rule.citation})`,
      ...(weekdays !== date ? { weekdaysOnlyDate: weekdays } : {}),
    };
  }

  // Earliest controls, per State and recipient (Colorado says so expressly; elsewhere the safe reading).
  const groups = new Map<string, StateObligation[]>();
  for (const o of out.obligations) {
    const key = `${o.jurisdiction}|${o.recipientKind}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const [key, list] of groups) {
    const [code, kind] = key.split('|') as [State, RecipientKind];
    const candidates: RecipientClock['candidates'] = [];
    for (const o of list) {
      if (o.deadline) candidates.push({ id: o.id, citation: o.citation, date: o.deadline.date, status: 'planned' });
      else if (o.latestIfAnchorOnTime) candidates.push({ id: o.id, citation: o.citation, date: o.latestIfAnchorOnTime, status: 'pending' });
    }
    if (kind === 'individuals' && fedIndividual)
      candidates.push({ id: fedIndividual.id, citation: '45 CFR 164.404(b)', date: fedIndividual.deadline.date, status: 'planned' });
    if (candidates.length < 2) continue;
    const first = candidates.reduce((a, b) => (b.date < a.date ? b : a));
    const others = candidates.filter((c) => c !== first);
    out.recipientClocks.push({
      jurisdiction: code,
      recipientKind: kind,
      candidates,
      controlling: first.id,
      why: `${candidates.length} clocks bind ${kind.replace(/_/g, ' ')} in ${JURISDICTION_NAMES[code]}: the earliest controls — ${first.citation} (${first.date}${first.status === 'pending' ? ', provisional' : ''}) is before ${others.map((c) => `${c.citation} (${c.date})`).join(', ')}`,
    });
    for (const o of list) if (o.id !== first.id) o.controlledBy = { id: first.id, citation: first.citation, date: first.date };
  }

  if (facts.lawEnforcementDelays.length)
    warnings.push(
      'A law-enforcement delay is recorded: State clocks are NOT adjusted for it in this pack version (each State has its own delay clause, e.g. Cal. Health & Safety Code § 1280.15(c)); counsel to apply it.',
    );
  for (const o of out.obligations) {
    if (o.deadline && Date.parse(o.deadline.instant) < Date.parse(opts.now))
      warnings.push(`${o.id}: the deadline ${o.deadline.date} has already passed at ${opts.now}.`);
  }
  out.unverifiedCount = out.obligations.filter((o) => o.verification !== 'verified').length;
  return out;
}

export type PlanWithStateLaw = Plan & { stateLaw: StateLawPlan };

/** The federal plan and the state overlay together: what `breach plan` prints and returns. */
export function planWithStateLaw(
  facts: IncidentFacts,
  decision: Decision | null | undefined,
  opts: PlanOptions & { pack?: StateLawPack; events?: RecordedEvents },
): PlanWithStateLaw {
  const { pack: _pack, events: _events, ...planOptions } = opts; // every PlanOptions (target, rule edition, delay reading) reaches the planner
  const plan = planObligations(facts, decision, planOptions);
  return {
    ...plan,
    stateLaw: planStateLaw(facts, plan, {
      now: opts.now,
      ...(opts.pack ? { pack: opts.pack } : {}),
      ...(opts.events ? { events: opts.events } : {}),
    }),
  };
}
