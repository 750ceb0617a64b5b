import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { formatListedDeadline } from '../domain/legal-dates.js';
import { BreachNextDeadline, BreachOverdue, BreachOwner, BreachReportable, BreachRole, BreachStage } from '../workflows/search-attributes.js';

/**
 * Listing incidents through Temporal's visibility (the search attributes the incident workflow keeps
 * current): by stage, reportable, role, owner, overdue, and "next deadline within N days".
 */
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
export const ListFilters = z
  .object({
    stage: z.enum(['intake', 'assessment', 'notification', 'closing', 'closed']).optional(),
    reportable: bool.optional(),
    role: z.enum(['covered_entity', 'business_associate']).optional(),
    owner: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/).optional(),
    overdue: bool.optional(),
    dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
    ref: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    /** Only incidents whose workflow is running (server-side filter). */
    running: bool.optional(),
  })
  .strict();
export type ListFilters = z.infer<typeof ListFilters>;

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

export function visibilityQuery(f: ListFilters, now = new Date()): string {
  const parts = [`WorkflowType = 'incidentWorkflow'`];
  if (f.stage) parts.push(`BreachStage = ${quote(f.stage)}`);
  if (f.reportable !== undefined) parts.push(`BreachReportable = ${f.reportable}`);
  if (f.role) parts.push(`BreachRole = ${quote(f.role)}`);
  if (f.owner) parts.push(`BreachOwner = ${quote(f.owner)}`);
  if (f.overdue !== undefined) parts.push(`BreachOverdue = ${f.overdue}`);
  if (f.dueWithinDays !== undefined) parts.push(`BreachNextDeadline <= ${quote(new Date(now.getTime() + f.dueWithinDays * 86_400_000).toISOString())}`);
  if (f.running) parts.push(`ExecutionStatus = 'Running'`);
  if (f.ref) parts.push(`WorkflowId = ${quote(`incident-${f.ref}`)}`);
  return parts.join(' AND ');
}

/**
 * `timeZone`: the organization's zone (the policy's), in which the next deadline is shown as a legal date;
 * a deadline is the end of a local day there, so its date is read back exactly.
 */
export async function listIncidents(client: Client, f: ListFilters, opts: { timeZone?: string } = {}): Promise<IncidentListItem[]> {
  const out: IncidentListItem[] = [];
  // One page of what is asked for (issue 18 §2): the server's default page is 1,000 executions, each
  // decoded, when the board shows 200 at most.
  for await (const wf of client.workflow.list({ query: visibilityQuery(f), pageSize: Math.min(f.limit, 1000) })) {
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
