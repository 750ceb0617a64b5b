import type { LocalDate } from './calendar-days.js';
import type { Jurisdiction } from './jurisdictions.js';

/**
 * An Obligation: one notice the law requires, with its latest lawful date (Deadline), the earlier date
 * reminders aim at (Target, "without unreasonable delay", 164.404(b)), the rule it comes from and the
 * content it must carry. Plain JSON (ISO strings, no Date objects): obligations travel through Temporal
 * payloads and are archived as evidence.
 */
export const OBLIGATION_KINDS = [
  'ce_notice',
  'individual_notice',
  'substitute_notice',
  'hhs_notice',
  'hhs_annual_log',
  'media_notice',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_KIND_CITATIONS: Record<ObligationKind, string> = {
  ce_notice: '45 CFR 164.410', // business associate → covered entity
  individual_notice: '45 CFR 164.404',
  substitute_notice: '45 CFR 164.404(d)(2)',
  hhs_notice: '45 CFR 164.408(b)', // 500 or more
  hhs_annual_log: '45 CFR 164.408(c)', // fewer than 500
  media_notice: '45 CFR 164.406',
};

/** A date in the organization's time zone and the instant that local day ends (23:59:59.999 local, in UTC). */
export interface DueDate {
  date: LocalDate;
  instant: string;
}

export interface ChecklistItem {
  item: string;
  citation: string;
}

/** 164.412: the law-enforcement delay as it bears on one obligation. */
export interface LawEnforcementHoldStatus {
  /** `in_force` at plan time, `ended` (all delays over), or `none` recorded for this notice. */
  status: 'none' | 'in_force' | 'ended';
  /** No notice before this instant (the end of the last delay that applies). */
  heldUntil?: string;
  /** The periods during which this notice was or is held (ISO instants). */
  periods: { start: string; end: string; basis: string }[];
  /** The deadline the notice would have had without any delay. */
  deadlineWithoutHold?: LocalDate;
  /** How many calendar days the delay moved the deadline. */
  deadlineShiftDays: number;
}

export interface Obligation {
  /** Stable and deterministic within an incident: `individual_notice`, `media_notice:CA`, `ce_notice:<ce id>`. */
  id: string;
  kind: ObligationKind;
  /** Short human label, e.g. "Media notice (California)". */
  label: string;
  /** Who receives it — an organization or a class of people, never a named individual. */
  recipient: string;
  jurisdiction?: Jurisdiction;
  /** How many people it concerns, where that matters. */
  count?: number;
  /** The rule it comes from, e.g. "45 CFR 164.406". */
  citation: string;
  /** Latest lawful date. */
  deadline: DueDate;
  /** How the deadline was computed, in words (for the record and for counsel). */
  deadlineBasis: string;
  /** The date reminders aim at: N days after discovery, never after the deadline. */
  target: DueDate;
  /** 164.412: no notice may be made before this instant (same as lawEnforcementHold.heldUntil). */
  heldUntil?: string;
  lawEnforcementHold: LawEnforcementHoldStatus;
  /** Acceptable methods of making the notice. */
  methods: string[];
  /** What the notice must contain or satisfy, each with its citation. */
  checklist: ChecklistItem[];
  /** For postings and phone lines that must stay up: days they must remain active (164.404(d)(2)(ii)). */
  keepActiveDays?: number;
  notes: string[];
}
