/**
 * The child workflows this run of the incident started (obligations, State obligations, mailings, the
 * decision-due reminders), until their completion has reached this run's history.
 *
 * Every child is started with ParentClosePolicy.ABANDON (it outlives a continue-as-new and reports to the
 * incident by id), so nothing made the incident wait for a child it had just told to finish: the last
 * confirmation's obligation workflow (or the decision-due workflow stopped at close) could complete a
 * moment after the incident itself had completed. Temporal drops that child's completion event; the Java
 * test server (time-skipping: drills, the 60-day tests) also never releases the time lock it took to report
 * the completion to the parent (temporalio/sdk-typescript#1101), so time stopped advancing for every later
 * workflow on that server. With CHILDREN_END_FIRST_PATCH the incident waits, before it completes or
 * continues as new, for the children that are finishing to have finished (bounded by CHILD_END_WAIT_MS).
 *
 * Tracking adds no command (a started child's result is in the history anyway); only the wait does.
 */
import { condition, ParentClosePolicy, patched, startChild, type ChildWorkflowHandle, type Workflow } from '@temporalio/workflow';
import { obligationWorkflow } from '../obligation-workflow.js';
import { CHILDREN_END_FIRST_PATCH, FINAL_REPORTS_FIRST_PATCH } from '../patches.js';
import type { TrackedObligation } from '../tracked-obligation.js';
import { chain, currentPolicy, type IncidentContext } from './context.js';

/** How long the incident waits for children that were told to finish (a worker backlog; never a child left running). */
export const CHILD_END_WAIT_MS = 10 * 60_000;

/** Remembers a child this run started until its completion (or failure, cancellation, termination) is in the history. */
export function trackChild<T extends Workflow>(ctx: IncidentContext, handle: ChildWorkflowHandle<T>): ChildWorkflowHandle<T> {
  const id = handle.workflowId;
  ctx.childrenRunning.add(id);
  const ended = (): void => {
    ctx.childrenRunning.delete(id);
  };
  // No ctx.dirty here: the main loop's iterations (and so the commands of recorded histories) stay as they were.
  void handle.result().then(ended, ended);
  return handle;
}

/**
 * Starts one notice obligation's workflow (a federal notice, obligations.ts, or a State item, state-obligations.ts).
 * The incident may continue as new while notices are open: children must not be terminated with one of its runs
 * (ABANDON); they report to the incident by its id. One shape for both, so their start commands stay the same.
 */
export function startObligationChild(
  ctx: IncidentContext,
  workflowId: string,
  obligation: TrackedObligation,
): Promise<ChildWorkflowHandle<typeof obligationWorkflow>> {
  const { s, input } = ctx;
  return startChild(obligationWorkflow, {
    workflowId,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        incidentRef: s.ref,
        parentWorkflowId: ctx.wfId,
        obligation,
        policy: currentPolicy(ctx),
        chain: chain(ctx),
        timeZone: s.timeZone,
        ...(input.historyEventLimit ? { historyEventLimit: input.historyEventLimit } : {}),
      },
    ],
  });
}

/**
 * The children of this run that are finishing: an obligation confirmed or withdrawn, a mailing no longer
 * running, the decision-due workflow once stopped. (A child still working is not waited for: it may run for weeks.)
 */
export function finishingChildren(ctx: IncidentContext): string[] {
  const { s } = ctx;
  const finishing = new Set<string>();
  for (const o of s.obligations) if (o.status === 'confirmed' || o.status === 'withdrawn') finishing.add(o.childWorkflowId);
  for (const m of s.mailings ?? []) if (m.status !== 'running') finishing.add(m.mailingWorkflowId);
  if (s.decisionDueWorkflowId && s.decisionDueStopped) finishing.add(s.decisionDueWorkflowId);
  return [...ctx.childrenRunning].filter((id) => finishing.has(id));
}

/**
 * Before the run completes or continues as new: `settled` (handlers finished, no delivery in flight) and, with
 * CHILDREN_END_FIRST_PATCH, the finishing children completed (at most CHILD_END_WAIT_MS; no timer when none is).
 */
export async function readyToEnd(ctx: IncidentContext, settled: () => boolean): Promise<void> {
  if (patched(CHILDREN_END_FIRST_PATCH)) {
    const ready = (): boolean => settled() && finishingChildren(ctx).length === 0;
    if (!ready()) await condition(ready, CHILD_END_WAIT_MS);
  }
  await condition(settled);
}

/**
 * Before the closed incident's evidence is archived: the last report of every obligation workflow it told to finish,
 * whichever run started it (FINAL_REPORTS_FIRST_PATCH, asked only when one is awaited; at most CHILD_END_WAIT_MS).
 * readyToEnd waits for the children of the run that ends; one started before a continue-as-new is not among them.
 */
export async function lastReportsIn(ctx: IncidentContext): Promise<void> {
  if (lastReportsAwaited(ctx).length > 0 && patched(FINAL_REPORTS_FIRST_PATCH)) {
    await condition(() => lastReportsAwaited(ctx).length === 0, CHILD_END_WAIT_MS);
  }
}

/** Obligation workflows told to finish (confirmed or withdrawn) whose last report has not yet arrived. */
export function lastReportsAwaited(ctx: IncidentContext): string[] {
  return ctx.s.obligations
    .filter((o) => (o.status === 'confirmed' || o.status === 'withdrawn') && o.reportsFinal && !o.finalReported)
    .map((o) => o.childWorkflowId);
}
