/**
 * Rosters and individual-notice mailings (164.404): the roster lives encrypted in the roster database
 * (here only its id and counts); a mailing is a child workflow (notice-mailing-workflow.ts) that reports
 * back by signal; the main loop settles a finished one (substitute notice count, confirmation).
 */
import { AttachRosterRequest as RosterSchema, StartMailingRequest as MailingSchema } from '../../contract/incident-requests.js';
import { getExternalWorkflowHandle, ParentClosePolicy, patched, setHandler, startChild } from '@temporalio/workflow';
import { trackChild } from './children.js';
import { attachRosterUpdate, startMailingUpdate } from '../../contract/incident-messages.js';
import type { AttachRosterRequest, MailingView, StartMailingRequest } from '../../contract/incident-types.js';
import { mailingDeliverySignal, mailingFinishedSignal } from '../../contract/mailing-messages.js';
import { confirmObligationSignal } from '../../contract/obligation-messages.js';
import { RECORDED_DATES_CHANGED, recordedDatesKey } from '../../contract/recorded-dates.js';
import { affectedCounts, checkFacts, withInsufficientContact, withLawEnforcementDelays } from '../../contract/incident-rules.js';
import type { IncidentNoticeContentInput } from '../../notices/content.js';
import { noticeMailingWorkflow } from '../notice-mailing-workflow.js';
import { MAILING_RELAY_ESCALATION_PATCH } from '../patches.js';
import { failureText, sendDeadlineNotice } from './activities.js';
import { chain, currentPolicy, isOpen, labelOf, nowIso, record, REF_PATTERN, refuse, type IncidentContext } from './context.js';
import { applyFacts } from './facts.js';
import { markConfirmed, sendableObligation } from './obligations.js';
import { withSchema, defineAction, defineEffect, type RequestCheck } from './update-helper.js';
import * as t from './transitions.js';

const rosterShape: RequestCheck<AttachRosterRequest> = (req) => {
  if (typeof req.rosterId !== 'string' || !REF_PATTERN.test(req.rosterId)) refuse('rosterId: an opaque roster id (letters, digits, . _ -)');
  for (const f of ['recipients', 'rejectedRows'] as const) {
    if (!Number.isInteger(req[f]) || req[f] < 0) refuse(`${f}: a whole number, 0 or more`);
  }
};

const mailingShape: RequestCheck<StartMailingRequest> = (req) => {
  if (typeof req.content !== 'object' || req.content === null) refuse('content: the notice content is required (164.404(c))');
  if (req.chunkSize !== undefined && (!Number.isInteger(req.chunkSize) || req.chunkSize < 100 || req.chunkSize > 1000))
    refuse('chunkSize: 100 to 1000');
  if (req.concurrency !== undefined && (!Number.isInteger(req.concurrency) || req.concurrency < 1 || req.concurrency > 50))
    refuse('concurrency: 1 to 50');
};

export function registerMailings(
  ctx: IncidentContext,
  checks: { attachRoster?: RequestCheck<AttachRosterRequest>; startMailing?: RequestCheck<StartMailingRequest> } = {},
): void {
  const { s } = ctx;
  defineAction(
    ctx,
    attachRosterUpdate,
    (req) => {
      const tr = t.attachRoster(s, req, ctx.parsed, nowIso());
      record(ctx, ...tr.entries);
      return tr.view;
    },
    {
      check: checks.attachRoster ?? withSchema(RosterSchema, rosterShape),
      validate: () => {
        if (!isOpen(s)) refuse('the incident is closed');
      },
    },
  );
  defineEffect(
    ctx,
    startMailingUpdate,
    async (req) => {
      const mailings = (s.mailings ??= []);
      const n = mailings.filter((m) => m.obligationId === req.obligationId).length + 1;
      const mailingWorkflowId = `${ctx.wfId}/mailing/${req.obligationId}/${n}`;
      const view: MailingView = {
        obligationId: req.obligationId,
        rosterId: req.rosterId,
        mailingWorkflowId,
        bulkWorkflowId: `${mailingWorkflowId}/bulk`,
        startedBy: req.by,
        startedAt: nowIso(),
        status: 'running',
      };
      // Recorded before the start, so a second request arriving meanwhile is refused by the validator.
      mailings.push(view);
      trackChild(
        ctx,
        await startChild(noticeMailingWorkflow, {
          workflowId: mailingWorkflowId,
          // Like the obligations: the mailing must outlive a continue-as-new of this run; it reports by id.
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [
            {
              incidentWorkflowId: ctx.wfId,
              obligationId: req.obligationId,
              rosterId: req.rosterId,
              bulkWorkflowId: view.bulkWorkflowId,
              content: req.content as IncidentNoticeContentInput,
              ...(req.chunkSize ? { chunkSize: req.chunkSize } : {}),
              ...(req.concurrency ? { concurrency: req.concurrency } : {}),
              // Issue 13 item 1: how long a failing relay is retried before the owner and the next rung are told.
              ...(patched(MAILING_RELAY_ESCALATION_PATCH)
                ? { relayOutageEscalateAfterMinutes: currentPolicy(ctx).mailRelayOutageEscalateAfterMinutes ?? 60 }
                : {}),
            },
          ],
        }),
      );
      const roster = s.rosters?.find((r) => r.rosterId === req.rosterId);
      record(ctx, {
        at: view.startedAt,
        by: req.by,
        action: 'mailing_started',
        detail: `${labelOf(s, req.obligationId)}: roster ${req.rosterId} (${roster?.recipients ?? 0} recipient(s))`,
        requestId: req.requestId,
      });
      return view;
    },
    {
      check: checks.startMailing ?? withSchema(MailingSchema, mailingShape),
      validate: (req) => {
        sendableObligation(ctx, req.obligationId, 'individual_notice', 'only individual notices (164.404) are mailed to a roster');
        if (!s.rosters?.some((r) => r.rosterId === req.rosterId))
          refuse(`rosterId: "${req.rosterId}" is not attached to this incident (import it first: breach roster import)`);
        if (s.mailings?.some((m) => m.obligationId === req.obligationId && m.status === 'running'))
          refuse(`obligationId: a mailing of "${req.obligationId}" is already running`);
        // Issue 18 §3: the service filled the notice's dates from its last read of the incident; refused (nothing
        // recorded, the service reads again) if the facts changed since. A validator only: no command, no patch.
        if (req.recordedDatesKey !== undefined && req.recordedDatesKey !== recordedDatesKey(s.facts, s.rulesVersion))
          refuse(RECORDED_DATES_CHANGED);
      },
    },
  );
  setHandler(mailingFinishedSignal, (m) => {
    if (t.mailingFinished(s, m).ignored) return;
    ctx.dirty = true;
  });
  setHandler(mailingDeliverySignal, (r) => {
    const tr = t.mailingDelivery(s, r, labelOf(s, r.obligationId));
    if (tr.ignored) return;
    record(ctx, ...tr.entries);
    ctx.dirty = true;
  });
}

/**
 * What a finished mailing means for the incident: people it could not reach go to the substitute
 * notice (164.404(d)(2)) through a recorded correction of the facts (so the plan adds or upgrades it);
 * a mailing that reached everyone by email confirms its obligation with the ledger as evidence; letters
 * still have to be posted, and failures resolved, by a person (the obligation stays open with reminders).
 */
export async function settleMailing(ctx: IncidentContext, m: MailingView): Promise<void> {
  const { s } = ctx;
  const label = labelOf(s, m.obligationId);
  const at = m.finishedAt ?? nowIso();
  if (!m.counts || !m.noticeId) {
    record(ctx, {
      at,
      by: 'engine',
      action: 'mailing_failed',
      detail: `${label}: ${m.error ?? 'unknown error'}; nothing was marked sent that was not (see the delivery ledger)`,
    });
    return;
  }
  const c = m.counts;
  record(ctx, {
    at,
    by: 'engine',
    action: 'mailing_finished',
    detail: `${label}: ${c.sent} emailed, ${c.printed} letter(s) printed, ${c.bounced} bounced, ${c.failed} failed, ${c.unconfirmed} unconfirmed, ${c.substituteNeeded} without usable contact, ${c.notRequired} not required (notice ${m.noticeId})`,
  });
  if (c.substituteNeeded > 0 && ctx.parsed && c.substituteNeeded > affectedCounts(ctx.parsed.facts).insufficientContact) {
    const corrected = withInsufficientContact(s.facts, c.substituteNeeded);
    const again = checkFacts(withLawEnforcementDelays(corrected, s.lawEnforcementDelays), nowIso(), ctx.rulesVersion);
    if (again.ok) {
      applyFacts(
        ctx,
        { facts: corrected, by: 'engine', reason: `the mailing could not reach ${c.substituteNeeded} individual(s) (164.404(d)(2))` },
        again,
        `the mailing could not reach ${c.substituteNeeded} individual(s) (no usable contact or a permanent bounce), counted as insufficient contact information for the substitute notice (164.404(d)(2))`,
      );
    } else {
      record(ctx, {
        at: nowIso(),
        by: 'engine',
        action: 'substitute_count_not_recorded',
        detail: `${c.substituteNeeded} unreachable individual(s) could not be recorded in the facts (${again.problems.join('; ')}): correct the facts by hand`,
      });
    }
  }
  const view = s.obligations.find((o) => o.obligation.id === m.obligationId);
  // A notice only written to the development outbox folder reached no one: it never confirms (issue 13 item 10).
  const toFolder = c.toFolder ?? 0;
  const complete = c.pending === 0 && c.failed === 0 && c.unconfirmed === 0 && c.printed === 0 && c.sent > 0 && toFolder === 0;
  if (view && complete && view.status !== 'confirmed' && view.status !== 'withdrawn') {
    const evidence = {
      method: 'email' as const,
      sentAt: at,
      reference: m.noticeId,
      note: `bulk mailing ${m.mailingWorkflowId}: ${c.sent} accepted by the mail server, ${c.bounced} bounced (see the delivery ledger)`,
    };
    // Recorded before the signal: the child's own report of the change may arrive in the same activation.
    markConfirmed(view, 'engine');
    record(ctx, {
      at: nowIso(),
      by: 'engine',
      action: 'obligation_confirmed',
      detail: `${label}: email ref ${m.noticeId} (every email accepted or bounced; bounced people go to the substitute notice)`,
    });
    await getExternalWorkflowHandle(view.childWorkflowId).signal(confirmObligationSignal, { by: 'engine', evidence });
  } else if (view && view.status !== 'confirmed' && view.status !== 'withdrawn') {
    const todo = [
      c.printed > 0 ? `post the ${c.printed} printed letter(s) by first-class mail, then confirm with method first_class_mail` : '',
      c.failed > 0 ? `${c.failed} failed send(s) to resolve` : '',
      c.unconfirmed > 0 ? `${c.unconfirmed} send(s) of unknown outcome to check` : '',
      c.pending > 0 ? `${c.pending} still pending` : '',
      toFolder > 0
        ? `${toFolder} notice(s) were only written to the development outbox folder (no SMTP host set) and reached no one: configure BREACH_NOTICE_SMTP_HOST and send them, then confirm by hand`
        : '',
    ].filter(Boolean);
    if (todo.length > 0)
      record(ctx, { at: nowIso(), by: 'engine', action: 'mailing_needs_attention', detail: `${label}: ${todo.join('; ')}` });
  }
}

/** The reminder/escalation mail path: the owner and the next rung learn that a mailing cannot get out. */
export async function escalateRelayOutage(ctx: IncidentContext, m: MailingView): Promise<void> {
  const { s } = ctx;
  const since = m.relayEscalationDue!;
  m.relayEscalatedFor = since;
  delete m.relayEscalationDue;
  const view = s.obligations.find((o) => o.obligation.id === m.obligationId);
  const recipients = chain(ctx).slice(0, 2);
  try {
    await sendDeadlineNotice({
      kind: 'delivery_escalation',
      incidentRef: s.ref,
      sequence: `relay/${m.mailingWorkflowId}/${since}`,
      obligationId: m.obligationId,
      obligationLabel: labelOf(s, m.obligationId),
      aims: 'deadline',
      dueDate: view?.obligation.deadline.date ?? '',
      dueAt: view?.obligation.deadline.instant ?? since,
      level: 1,
      recipients,
      from: currentPolicy(ctx).fromAddress,
      outage: { since, reason: m.relayProblem ?? 'delivery failing' },
    });
    record(ctx, {
      at: nowIso(),
      by: 'engine',
      action: 'mailing_relay_escalated',
      detail: `${labelOf(s, m.obligationId)}: the mail relay has been unavailable since ${since} → ${recipients.map((r) => r.userId).join(', ')}`,
    });
  } catch (err) {
    record(ctx, { at: nowIso(), by: 'engine', action: 'mailing_relay_escalation_failed', detail: failureText(err) });
  }
}
