import { TZDate } from '@date-fns/tz';
import { holdFindings, planObligations, validateFacts, type Obligation, type RulesVersion, type Tolling } from '../domain/rules.js';
import type { TrackedObligation } from '../workflows/tracked-obligation.js';
import { planStateLaw, summarizeStateLaw, type RecordedStateLaw } from '../domain/state-law/index.js';

/**
 * Planning runs here, not in workflow code: deadlines are calendar dates in the organization's time zone
 * (ICU data can differ between Node builds), so the plan is computed once and recorded in history.
 */
export function planIncident(input: {
  facts: unknown;
  reportable: boolean;
  decidedBy: string;
  decidedAt: string;
  justification?: string;
  now: string;
  targetDays: number;
  /**
   * The incident's rule edition (domain/rules-version.ts). Absent in activities scheduled by incidents
   * recorded before issue 12: they plan with edition 1, as they did.
   */
  rulesVersion?: RulesVersion;
  /** The organization's reading of law-enforcement delays (NotificationPolicy.lawEnforcementDelayReading). */
  tolling?: Tolling;
}): Promise<{ obligations: TrackedObligation[]; stateLaw: StateLawSummary; lawEnforcementWarnings?: string[] }> {
  const rulesVersion = input.rulesVersion ?? 1;
  const checked = validateFacts(input.facts, { now: input.now, rulesVersion });
  if (!checked.ok) throw new Error(`facts no longer valid: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  const plan = planObligations(
    checked.facts,
    {
      reportable: input.reportable,
      decidedBy: input.decidedBy,
      decidedAt: input.decidedAt,
      ...(input.justification ? { justification: input.justification } : {}),
    },
    { now: input.now, targetDays: input.targetDays, rulesVersion, ...(input.tolling ? { tolling: input.tolling } : {}) },
  );
  // Edition 2: oral statements capped by the first one's 30 days (164.412(b)), for the incident's timeline.
  const lawEnforcementWarnings = holdFindings(checked.facts.lawEnforcementDelays, undefined, { rulesVersion }).warnings;
  // The state-law overlay (issue 16) rides in the activity result, so the pack version the incident was
  // planned on is recorded in its history; the workflow does not act on it yet (no new commands).
  return Promise.resolve({
    obligations: plan.obligations.map(toTracked),
    stateLaw: summarizeStateLaw(planStateLaw(checked.facts, plan, { now: input.now })),
    ...(lawEnforcementWarnings.length ? { lawEnforcementWarnings } : {}),
  });
}

function toTracked(o: Obligation): TrackedObligation {
  return {
    id: o.id,
    kind: o.kind,
    label: o.label,
    recipient: o.recipient,
    ...(o.jurisdiction ? { jurisdiction: o.jurisdiction } : {}),
    ...(o.count !== undefined ? { count: o.count } : {}),
    citation: o.citation,
    deadline: { date: o.deadline.date, instant: o.deadline.instant },
    target: { date: o.target.date, instant: o.target.instant },
    ...(o.heldUntil ? { heldUntil: o.heldUntil } : {}),
  };
}

/** The assessment stage's service level: `days` calendar days after the local date of `from`. */
export function decisionServiceLevel(input: { from: string; days: number; timeZone: string }): Promise<{ date: string; instant: string }> {
  const start = new TZDate(Date.parse(input.from), input.timeZone);
  const due = new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + input.days, 23, 59, 59, 999, input.timeZone);
  const date = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}`;
  return Promise.resolve({ date, instant: new Date(due.getTime()).toISOString() });
}

/** What the incident's history records of the state-law overlay: the pack and each item's date and status. */
export type StateLawSummary = RecordedStateLaw;
