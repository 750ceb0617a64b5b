/**
 * Where an incident stands against its deadlines, from its state: the next deadline (the earliest legal
 * deadline of an obligation still open, or the decision's due date while undecided) and whether anything is
 * overdue. ONE derivation for the engine's search attributes (workflows/incident/closing.ts, BreachNextDeadline
 * and BreachOverdue: the board's list) and for a drill's list built from state (drill/drill-list.ts). Pure and
 * deterministic (no clock, no I/O): safe in workflow code. The "overdue" flags it reads were set by the
 * obligation and decision-due workflows on their own clocks.
 */
import type { IncidentSnapshot } from './incident-types.js';

export interface IncidentDeadlineStanding {
  /** The next deadline (ms since the epoch), or null: none open, or the incident is closing or closed. */
  nextDeadlineMs: number | null;
  /** An open obligation is overdue, or the decision is past its due date and not made; never once closing. */
  overdue: boolean;
}

export function incidentDeadlineStanding(
  s: Pick<IncidentSnapshot, 'stage' | 'obligations' | 'decisionDue' | 'decision'>,
): IncidentDeadlineStanding {
  const ended = s.stage === 'closed' || s.stage === 'closing';
  const active = s.obligations.filter((o) => o.status !== 'confirmed' && o.status !== 'withdrawn');
  const deadlines = active.map((o) => Date.parse(o.obligation.deadline.instant));
  if (s.stage !== 'notification' && !ended && s.decisionDue) deadlines.push(Date.parse(s.decisionDue.dates.deadline.instant));
  const nextDeadlineMs = deadlines.length && !ended ? Math.min(...deadlines) : null;
  const overdue = !ended && (active.some((o) => o.status === 'overdue') || (!s.decision && !!s.decisionDue?.overdueSince));
  return { nextDeadlineMs, overdue };
}
