/**
 * The state-law overlay for the incident workflow (issue 16 items 3–5). The workflow never loads the law
 * pack (its data stays out of the workflow bundle, issue 18): this activity resolves the State obligations
 * from the facts, the decision and the recorded events with the engine's pack, and returns compact items —
 * each with its date (a local date and the instant it ends, computed here with the State's business days
 * and holidays), citation, pack version and verification status — and, given what the incident recorded,
 * the difference "replan with current law" would apply.
 */
import { validateFacts, type Decision, type RulesVersion, type Tolling } from '../domain/index.js';
import {
  currentPack,
  diffRecordedStateLaw,
  planWithStateLaw,
  type RecordedEvents,
  type RecordedStateLaw,
  type StateLawPack,
  type StateObligation,
} from '../domain/state-law/index.js';
import type {
  IncidentStateLawView,
  StateLawDiffView,
  StateLawReviewItem,
  StateObligationItem,
  StateRecipientClock,
} from '../contract/state-obligations.js';

export interface StateLawPlanInput {
  /** The facts as the federal planner gets them (law-enforcement delays merged in). */
  facts: unknown;
  decision: { by: string; at: string; justification?: string };
  now: string;
  targetDays: number;
  rulesVersion: RulesVersion;
  tolling?: Tolling;
  events: RecordedEvents;
  /** What the incident recorded (its items and pack): the answer then carries the difference to this plan. */
  recorded?: Pick<IncidentStateLawView, 'packVersion' | 'packFingerprint' | 'items' | 'toReview'>;
}

export interface ComputedStateLaw {
  packVersion: string;
  packFingerprint: string;
  disclaimer: string;
  items: StateObligationItem[];
  toReview: StateLawReviewItem[];
  recipientClocks: StateRecipientClock[];
  diff?: StateLawDiffView;
}

/**
 * A State item as the incident tracks it. A State's clock for individuals is tracked on its own only where
 * it is earlier than HIPAA's (45 CFR 164.404(b)); on the same day or later the federal notice controls.
 */
function itemOf(o: StateObligation, packVersion: string, federalIndividualDate: string | undefined): StateObligationItem {
  const hipaaControls =
    o.status === 'planned' &&
    !o.controlledBy &&
    o.recipientKind === 'individuals' &&
    federalIndividualDate !== undefined &&
    o.deadline!.date >= federalIndividualDate;
  const controlledBy = hipaaControls
    ? { id: 'individual_notice', citation: '45 CFR 164.404(b)', date: federalIndividualDate }
    : o.controlledBy;
  const status: StateObligationItem['status'] =
    o.status === 'planned' ? (controlledBy ? 'controlled_elsewhere' : 'tracked') : o.status === 'pending' ? 'pending' : 'no_fixed_date';
  return {
    id: o.id,
    jurisdiction: o.jurisdiction,
    rule: o.rule,
    label: `${o.label} [${o.jurisdiction}]`,
    recipientKind: o.recipientKind,
    recipient: o.recipient,
    count: o.count,
    citation: o.citation,
    verification: o.verification,
    packVersion,
    status,
    ...(o.deadline ? { deadline: { date: o.deadline.date, instant: o.deadline.instant } } : {}),
    deadlineBasis: o.deadlineBasis,
    ...(o.pendingOn ? { pendingOn: o.pendingOn } : {}),
    ...(o.latestIfAnchorOnTime ? { latestIfAnchorOnTime: o.latestIfAnchorOnTime } : {}),
    ...(controlledBy ? { controlledBy: { ...controlledBy } } : {}),
  };
}

/** The recorded items in the form domain/state-law/diff.ts compares (cancelled items are no longer part of the plan). */
export function recordedForm(r: NonNullable<StateLawPlanInput['recorded']>): RecordedStateLaw {
  return {
    packVersion: r.packVersion,
    packFingerprint: r.packFingerprint,
    obligations: r.items
      .filter((i) => i.status !== 'cancelled')
      .map((i) => ({
        id: i.id,
        citation: i.citation,
        verification: i.verification,
        status: i.status === 'tracked' || i.status === 'controlled_elsewhere' ? 'planned' : i.status,
        ...(i.deadline ? { deadline: i.deadline.date } : {}),
        ...(i.pendingOn ? { pendingOn: i.pendingOn } : {}),
      })),
    toReview: r.toReview.map((t) => t.item),
  };
}

/** Pure core (the pack is a parameter): what the activity returns. */
export function computeStateLaw(input: StateLawPlanInput, pack: StateLawPack): ComputedStateLaw {
  const checked = validateFacts(input.facts, { now: input.now, rulesVersion: input.rulesVersion });
  if (!checked.ok) throw new Error(`facts no longer valid: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const decision: Decision = {
    reportable: true,
    decidedBy: input.decision.by,
    decidedAt: input.decision.at,
    ...(input.decision.justification ? { justification: input.decision.justification } : {}),
  };
  const { stateLaw, obligations: federal } = planWithStateLaw(checked.facts, decision, {
    now: input.now,
    targetDays: input.targetDays,
    rulesVersion: input.rulesVersion,
    ...(input.tolling ? { tolling: input.tolling } : {}),
    events: input.events,
    pack,
  });
  return {
    packVersion: stateLaw.packVersion,
    packFingerprint: stateLaw.packFingerprint,
    disclaimer: stateLaw.disclaimer,
    items: stateLaw.obligations.map((o) =>
      itemOf(o, stateLaw.packVersion, federal.find((f) => f.id === 'individual_notice')?.deadline.date),
    ),
    toReview: stateLaw.toReview.map((r) => ({ item: r.item, jurisdiction: r.jurisdiction, residents: r.residents, reason: r.reason })),
    recipientClocks: stateLaw.recipientClocks.map((c) => ({
      jurisdiction: c.jurisdiction,
      recipientKind: c.recipientKind,
      controlling: c.controlling,
      why: c.why,
    })),
    ...(input.recorded ? { diff: diffRecordedStateLaw(recordedForm(input.recorded), stateLaw) } : {}),
  };
}

/** `pack`: the law pack to plan with (default: this build's); tests pass a variant to replan across a pack change. */
export function createStateLawActivities(opts: { pack?: () => StateLawPack } = {}) {
  const pack = opts.pack ?? currentPack;
  return {
    planStateObligations(input: StateLawPlanInput): Promise<ComputedStateLaw> {
      return Promise.resolve(computeStateLaw(input, pack()));
    },
  };
}
