/**
 * The board's list in a drill (issue 19 item 1: the team acts through the same console). The engine's list
 * reads Temporal's visibility (search attributes), which the time-skipping test server running a drill does
 * not have; a drill's incidents are the session's, so the list is built from their state instead, with the
 * same filters and the drill's simulated "now" for "due within N days". Same shape as the engine's list.
 */
import { incidentWorkflowId } from '../contract/incident-ids.js';
import { incidentDeadlineStanding } from '../contract/incident-listing.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import { formatListedDeadline } from '../domain/legal-dates.js';
import type { IncidentListItem, ListFilters } from '../service/incident-list.js';

/** What the incident workflow publishes as search attributes (workflows/incident/closing.ts), from its state: the same derivation. */
export function listItemOf(s: IncidentSnapshot): IncidentListItem {
  const { nextDeadlineMs, overdue } = incidentDeadlineStanding(s);
  const next = nextDeadlineMs === null ? null : new Date(nextDeadlineMs).toISOString();
  return {
    ref: s.ref,
    workflowId: incidentWorkflowId(s.ref),
    status: s.stage === 'closed' ? 'COMPLETED' : 'RUNNING',
    stage: s.stage,
    reportable: s.decision ? s.decision.reportable : null,
    role: s.role,
    owner: s.owner,
    overdue,
    nextDeadline: next,
    nextDeadlineLocal: next ? formatListedDeadline(next, s.timeZone) : null,
    startTime: s.openedAt,
  };
}

/** The engine's list filters (service/incident-list.ts visibilityQuery) applied to items, at the drill's `nowMs`. */
export function filterListItems(items: IncidentListItem[], f: ListFilters, nowMs: number): IncidentListItem[] {
  const within = f.dueWithinDays === undefined ? undefined : nowMs + f.dueWithinDays * 86_400_000;
  return items
    .filter(
      (i) =>
        (f.stage === undefined || i.stage === f.stage) &&
        (f.reportable === undefined || i.reportable === f.reportable) &&
        (f.role === undefined || i.role === f.role) &&
        (f.owner === undefined || i.owner === f.owner) &&
        (f.overdue === undefined || i.overdue === f.overdue) &&
        (f.ref === undefined || i.ref === f.ref) &&
        (within === undefined || (i.nextDeadline !== null && i.nextDeadline !== undefined && Date.parse(i.nextDeadline) <= within)),
    )
    .slice(0, f.limit);
}
