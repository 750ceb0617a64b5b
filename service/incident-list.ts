import type { Client } from '@temporalio/client';
import { incidentWorkflowId } from '../contract/incident-ids.js';
import { formatListedDeadline } from '../domain/legal-dates.js';
import {
  BreachNextDeadline,
  BreachOverdue,
  BreachOwner,
  BreachReportable,
  BreachRole,
  BreachStage,
} from '../contract/search-attributes.js';

/**
 * Listing incidents through Temporal's visibility (the search attributes the incident workflow keeps
 * current): by stage, reportable, role, owner, overdue, and "next deadline within N days".
 */
// The filters' schema is the list action's (contract/incident-requests.ts); the CLI imports it from here too.
export { ListFilters } from '../contract/incident-requests.js';
import type { ListFilters } from '../contract/incident-requests.js';

export interface IncidentListItem {
  ref: string;
  workflowId: string;
  status: string;
  stage?: string;
  reportable?: boolean | null;
  role?: string;
  owner?: string;
  overdue?: boolean;
  nextDeadline?: string | null;
  /** The next deadline as a legal date in the organization's time zone, zone named (e.g. "Mon 30 Nov 2026 (end of day, America/Los_Angeles)"). */
  nextDeadlineLocal?: string | null;
  startTime: string;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `runningOnly`: incidents whose workflow is still running (a server-side filter; the daily digest). */
export function visibilityQuery(f: ListFilters, now = new Date(), runningOnly = false): string {
  const parts = [`WorkflowType = 'incidentWorkflow'`];
  if (f.stage) parts.push(`BreachStage = ${quote(f.stage)}`);
  if (f.reportable !== undefined) parts.push(`BreachReportable = ${f.reportable}`);
  if (f.role) parts.push(`BreachRole = ${quote(f.role)}`);
  if (f.owner) parts.push(`BreachOwner = ${quote(f.owner)}`);
  if (f.overdue !== undefined) parts.push(`BreachOverdue = ${f.overdue}`);
  if (f.dueWithinDays !== undefined)
    parts.push(`BreachNextDeadline <= ${quote(new Date(now.getTime() + f.dueWithinDays * 86_400_000).toISOString())}`);
  if (runningOnly) parts.push(`ExecutionStatus = 'Running'`);
  if (f.ref) parts.push(`WorkflowId = ${quote(incidentWorkflowId(f.ref))}`);
  return parts.join(' AND ');
}

/**
 * `timeZone`: the organization's zone (the policy's), in which the next deadline is shown as a legal date;
 * a deadline is the end of a local day there, so its date is read back exactly.
 */
export async function listIncidents(
  client: Client,
  f: ListFilters,
  opts: { timeZone?: string; runningOnly?: boolean } = {},
): Promise<IncidentListItem[]> {
  const out: IncidentListItem[] = [];
  // One page of what is asked for (issue 18 §2): the server's default page is 1,000 executions, each
  // decoded, when the board shows 200 at most.
  for await (const wf of client.workflow.list({
    query: visibilityQuery(f, new Date(), opts.runningOnly),
    pageSize: Math.min(f.limit, 1000),
  })) {
    const sa = wf.typedSearchAttributes;
    const next = sa.get(BreachNextDeadline);
    out.push({
      ref: wf.workflowId.replace(/^incident-/, ''),
      workflowId: wf.workflowId,
      status: wf.status.name,
      stage: sa.get(BreachStage),
      reportable: sa.get(BreachReportable) ?? null,
      role: sa.get(BreachRole),
      owner: sa.get(BreachOwner),
      overdue: sa.get(BreachOverdue),
      nextDeadline: next ? next.toISOString() : null,
      ...(opts.timeZone ? { nextDeadlineLocal: next ? formatListedDeadline(next.toISOString(), opts.timeZone) : null } : {}),
      startTime: wf.startTime.toISOString(),
    });
    if (out.length >= f.limit) break;
  }
  return out;
}
