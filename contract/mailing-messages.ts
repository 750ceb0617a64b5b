/**
 * Messages of the mailing workflows (individual notices to a roster, 164.404): the bulk workflow's
 * progress query, its delivery-outage reports and the mailing's finished report to the incident.
 * Ids, counts and codes only: no names or addresses.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DeliveryCounts } from '../delivery/ledger.js';
import type { MailingCounts } from './incident-types.js';

/** What the bulk workflow tells the incident about an outage of delivery (no PHI: codes and times). */
export interface MailingDeliveryReport {
  mailingWorkflowId: string;
  obligationId: string;
  event: 'unavailable' | 'escalate' | 'restored';
  /** When delivery started failing (workflow time of the first failed chunk attempt). */
  since: string;
  at: string;
  /** e.g. `RelayUnavailable: ECONNECTION` — a code and category, never the relay's text. */
  reason: string;
  /** Recipients not yet final (pending or retrying). */
  waiting: number;
}
export const mailingDeliverySignal = defineSignal<[MailingDeliveryReport]>('mailingDelivery');

/** The ledger's counts (without its row total), plus where the fan-out stands. */
export interface BulkNotificationProgress extends Omit<DeliveryCounts, 'total'> {
  rosterId: string;
  obligationId: string;
  phase: 'preparing' | 'sending' | 'summarizing' | 'done';
  recipients: number;
  chunksDone: number;
  chunksTotal: number;
  runs: number;
  /** While delivery is failing: "relay unavailable since …" (ISO time) and the reason (code, category). */
  relayUnavailableSince?: string;
  relayProblem?: string;
  /** When the owner and the next rung were told of this outage (policy time exceeded). */
  relayOutageEscalated?: boolean;
}

export const bulkNotificationProgressQuery = defineQuery<BulkNotificationProgress>('bulkNotificationProgress');

export interface MailingFinished {
  mailingWorkflowId: string;
  obligationId: string;
  rosterId: string;
  at: string;
  result?: { noticeId: string; counts: MailingCounts; substituteNoticeRequired: 'none' | 'fewer_than_10' | 'ten_or_more' };
  /** Why the mailing stopped (e.g. the 164.404(c) checklist failed): element and citation, never personal data. */
  error?: string;
}

export const mailingFinishedSignal = defineSignal<[MailingFinished]>('mailingFinished');
