/** What the bulk notification activities take and return (ids, ranges and counts only: never names or addresses). */
import type { DeliveryCounts } from '../delivery/ledger.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';

export interface PrepareBulkInput {
  rosterId: string;
  obligationId: string;
  content: IncidentNoticeContentInput;
}
export interface PrepareBulkResult {
  noticeId: string;
  recipients: number;
  maxSeq: number;
  byChannel: Record<string, number>;
}

export interface SendChunkInput {
  rosterId: string;
  obligationId: string;
  noticeId: string;
  fromSeq: number;
  toSeq: number;
}
export interface SendChunkResult {
  fromSeq: number;
  toSeq: number;
  counts: DeliveryCounts;
  /** Messages handed to SMTP by this attempt (for the benchmark). */
  sentNow: number;
  /** Unknown outcomes found after a crash and how they were resolved. */
  resolvedUnconfirmed: number;
}
