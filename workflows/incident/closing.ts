/**
 * Closing: the incident's search attributes (the board's view), and the evidence bundle archived when it
 * closes (164.530(j): the documentation outlives the namespace's retention).
 */
import { condition, patched, upsertSearchAttributes } from '@temporalio/workflow';
import {
  BreachNextDeadline,
  BreachOverdue,
  BreachOwner,
  BreachReportable,
  BreachRole,
  BreachStage,
} from '../../contract/search-attributes.js';
import { incidentDeadlineStanding } from '../../contract/incident-listing.js';
import { EVIDENCE_PENDING_PATCH } from '../patches.js';
import { archiveEvidence, failureText, sendDeadlineNotice } from './activities.js';
import { chain, currentPolicy, nowIso, record, type IncidentContext } from './context.js';

export function updateSearchAttributes(ctx: IncidentContext): void {
  const { s } = ctx;
  const { nextDeadlineMs, overdue } = incidentDeadlineStanding(s);
  const next = nextDeadlineMs === null ? null : new Date(nextDeadlineMs);
  upsertSearchAttributes([
    { key: BreachStage, value: s.stage },
    { key: BreachRole, value: s.role },
    { key: BreachOwner, value: s.owner },
    { key: BreachOverdue, value: overdue },
    { key: BreachNextDeadline, value: next },
    { key: BreachReportable, value: s.decision ? s.decision.reportable : null },
  ]);
}

/** The closed incident's evidence bundle goes to the archive; the timeline records where and its head hash. */
export async function archiveOnClose(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  if (patched(EVIDENCE_PENDING_PATCH)) {
    await archiveWhileClosing(ctx);
  } else {
    s.evidence = await archiveEvidence({ snapshot: s, generatedAt: s.closedAt ?? nowIso() });
  }
  record(ctx, {
    at: nowIso(),
    by: 'engine',
    action: 'evidence_archived',
    detail: `${s.evidence!.entries} entries, head hash ${s.evidence!.headHash}`,
  });
}

/**
 * Issue 13 item 5: the stage is 'closing' ("closing — evidence pending") until the archive has the
 * bundle; the write is retried with backoff meanwhile, and the owner is told once the policy's time has
 * passed without success (the board and the CLI show the stage).
 */
async function archiveWhileClosing(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  s.stage = 'closing';
  s.evidencePendingSince = nowIso();
  updateSearchAttributes(ctx);
  let archived: { path: string; headHash: string; entries: number } | undefined;
  let failure: unknown;
  void archiveEvidence({ snapshot: s, generatedAt: s.closedAt ?? nowIso() }).then(
    (r) => (archived = r),
    (err: unknown) => (failure = err ?? new Error('archive failed')),
  );
  const settled = () => archived !== undefined || failure !== undefined;
  const notifyAfterMs = (currentPolicy(ctx).evidencePendingNotifyAfterHours ?? 4) * 3_600_000;
  if (!(await condition(settled, notifyAfterMs))) {
    const owner = chain(ctx)[0];
    try {
      await sendDeadlineNotice({
        kind: 'evidence_pending',
        incidentRef: s.ref,
        sequence: 'evidence-pending',
        aims: 'evidence',
        dueDate: (s.closedAt ?? nowIso()).slice(0, 10),
        dueAt: s.evidencePendingSince,
        level: 0,
        recipients: owner ? [owner] : [],
        from: currentPolicy(ctx).fromAddress,
      });
      record(ctx, {
        at: nowIso(),
        by: 'engine',
        action: 'evidence_pending_owner_told',
        detail: `the evidence bundle could not be archived since ${s.evidencePendingSince}; told ${owner?.userId ?? 'nobody (no owner in the policy)'}; still retrying`,
      });
    } catch (err) {
      record(ctx, { at: nowIso(), by: 'engine', action: 'evidence_pending_notice_failed', detail: failureText(err) });
    }
    await condition(settled);
  }
  if (!archived) throw failure;
  s.evidence = archived;
  s.stage = 'closed';
  delete s.evidencePendingSince;
  updateSearchAttributes(ctx);
}
