import {
  ApplicationFailure,
  ChildWorkflowFailure,
  executeChild,
  getExternalWorkflowHandle,
  log,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import { mailingFinishedSignal, type MailingFinished } from '../contract/mailing-messages.js';
import { bulkNotificationWorkflow } from './bulk-notification-workflow.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';

/**
 * One mailing of an individual-notice obligation (164.404) to a roster: runs the bulk notification as
 * its child and reports the outcome to the incident workflow by signal. The incident starts this with an
 * ABANDON parent-close policy, so the incident may continue-as-new while a mailing of a million people is
 * under way: the report finds it by workflow id. Carries ids, counts and the incident-level notice text
 * only (no names or addresses: those stay in the encrypted roster database).
 */
export interface NoticeMailingInput {
  incidentWorkflowId: string;
  obligationId: string;
  rosterId: string;
  bulkWorkflowId: string;
  content: IncidentNoticeContentInput;
  chunkSize?: number;
  concurrency?: number;
  /** Policy: minutes of failing delivery before the owner and the next rung are told (issue 13 item 1). */
  relayOutageEscalateAfterMinutes?: number;
}

function reason(err: unknown): string {
  let e: unknown = err;
  while (e instanceof ChildWorkflowFailure && e.cause) e = e.cause;
  if (e instanceof ApplicationFailure) return `${e.type ?? 'error'}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export async function noticeMailingWorkflow(input: NoticeMailingInput): Promise<MailingFinished> {
  const id = workflowInfo().workflowId;
  let report: MailingFinished;
  try {
    const r = await executeChild(bulkNotificationWorkflow, {
      workflowId: input.bulkWorkflowId,
      args: [
        {
          rosterId: input.rosterId,
          obligationId: input.obligationId,
          content: input.content,
          chunkSize: input.chunkSize ?? 1000,
          concurrency: input.concurrency ?? 4,
          // The bulk workflow reports outages of delivery straight to the incident (which escalates).
          ...(patched('mailing-reports-outages')
            ? {
                reportTo: { incidentWorkflowId: input.incidentWorkflowId, mailingWorkflowId: id },
                ...(input.relayOutageEscalateAfterMinutes
                  ? { relayOutageEscalateAfterMinutes: input.relayOutageEscalateAfterMinutes }
                  : {}),
              }
            : {}),
        },
      ],
    });
    const { total: _total, ...counts } = r.counts;
    report = {
      mailingWorkflowId: id,
      obligationId: input.obligationId,
      rosterId: input.rosterId,
      at: new Date().toISOString(),
      result: {
        noticeId: r.noticeId,
        counts: { ...counts, recipients: r.recipients },
        substituteNoticeRequired: r.substituteNoticeRequired,
      },
    };
  } catch (err) {
    report = {
      mailingWorkflowId: id,
      obligationId: input.obligationId,
      rosterId: input.rosterId,
      at: new Date().toISOString(),
      error: reason(err),
    };
  }
  try {
    await getExternalWorkflowHandle(input.incidentWorkflowId).signal(mailingFinishedSignal, report);
  } catch (err) {
    // The incident was closed or reset meanwhile: this workflow's result still records the outcome.
    log.warn('could not report a finished mailing to its incident', { obligationId: input.obligationId, error: String(err) });
  }
  return report;
}
