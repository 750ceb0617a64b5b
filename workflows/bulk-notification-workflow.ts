import { allHandlersFinished, condition, continueAsNew, defineQuery, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { BulkNotificationActivities, SendChunkResult } from '../activities/delivery/bulk-activities.js';
import type { DeliveryCounts, LedgerCounts } from '../activities/delivery/ledger.js';
import type { IncidentNoticeContentInput } from '../activities/notices/content.js';

/**
 * BulkNotificationWorkflow: the individual notices of one obligation (164.404) to every person on a
 * roster. The workflow carries only the roster id, ranges, counts and progress: names and addresses stay
 * in the database (encrypted) and in activity memory. It walks the roster in chunks of 500–1,000
 * recipients with a sliding window of `concurrency` chunk activities; each chunk activity heartbeats a
 * cursor and every send is recorded in the delivery ledger, so a worker crash at any point resumes
 * without a second copy and without a gap. History stays bounded: continue-as-new when the server
 * suggests it or after `maxChunksPerRun` chunks.
 *
 * Start it as a child of the incident/obligation workflow with a PHI-free id, e.g.
 * `<incident workflow id>/bulk/individual_notice`; its result (and the `bulkNotificationProgress`
 * query) gives sent, printed, bounced, failed, pending and substitute-needed counts.
 */
export interface BulkNotificationInput {
  rosterId: string;
  /** The obligation the mailing makes, e.g. `individual_notice` (the ledger key with the roster). */
  obligationId: string;
  /** The notice content (164.404(c)); checked before anything is sent. Dropped after the first run. */
  content?: IncidentNoticeContentInput;
  /** Recipients per chunk activity: 100–1,000 (default 500). */
  chunkSize?: number;
  /** Chunk activities in flight at once (default 4). */
  concurrency?: number;
  /** Continue-as-new after this many chunks even if the server has not suggested it (default 400). */
  maxChunksPerRun?: number;
  /** How fast a dead worker's chunk is handed to another worker (default 30 s). */
  heartbeatTimeoutSeconds?: number;
  /** Carried across continue-as-new. */
  state?: BulkNotificationState;
}

export interface BulkNotificationState {
  noticeId: string;
  recipients: number;
  maxSeq: number;
  /** Next seq to hand out; every seq below it is in a completed chunk. */
  nextSeq: number;
  counts: DeliveryCounts;
  chunksDone: number;
  runs: number;
}

/** The ledger's counts (without its row total), plus where the fan-out stands. */
export interface BulkNotificationProgress extends Omit<DeliveryCounts, 'total'> {
  rosterId: string;
  obligationId: string;
  phase: 'preparing' | 'sending' | 'summarizing' | 'done';
  recipients: number;
  chunksDone: number;
  chunksTotal: number;
  runs: number;
}

export interface BulkNotificationResult {
  rosterId: string;
  obligationId: string;
  noticeId: string;
  recipients: number;
  counts: LedgerCounts;
  /** 164.404(d)(2): 10 or more people without usable contact → web posting + toll-free number. */
  substituteNoticeRequired: 'none' | 'fewer_than_10' | 'ten_or_more';
  runs: number;
}

export const bulkNotificationProgressQuery = defineQuery<BulkNotificationProgress>('bulkNotificationProgress');

const zero = (): DeliveryCounts => ({ total: 0, sent: 0, printed: 0, bounced: 0, failed: 0, unconfirmed: 0, notRequired: 0, substituteNeeded: 0, pending: 0 });
function add(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  const out = zero();
  for (const k of Object.keys(out) as (keyof DeliveryCounts)[]) out[k] = a[k] + b[k];
  return out;
}

export async function bulkNotificationWorkflow(input: BulkNotificationInput): Promise<BulkNotificationResult> {
  const chunkSize = Math.min(1000, Math.max(100, Math.floor(input.chunkSize ?? 500)));
  const concurrency = Math.min(50, Math.max(1, Math.floor(input.concurrency ?? 4)));
  const maxChunksPerRun = Math.max(1, input.maxChunksPerRun ?? 400);
  const { prepareBulkNotification, summarizeDelivery } = proxyActivities<BulkNotificationActivities>({
    startToCloseTimeout: '5 minutes',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['NoticeChecklistError'] },
  });
  const { sendNoticeChunk } = proxyActivities<BulkNotificationActivities>({
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: `${input.heartbeatTimeoutSeconds ?? 30} seconds`,
    // Transient SMTP trouble retries the chunk with backoff; the ledger skips everyone already done.
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2 minutes', nonRetryableErrorTypes: ['NoticeChecklistError', 'NoticeNotFound'] },
  });

  let phase: BulkNotificationProgress['phase'] = input.state ? 'sending' : 'preparing';
  let state: BulkNotificationState | undefined = input.state;
  setHandler(bulkNotificationProgressQuery, () => {
    const c = state?.counts ?? zero();
    const recipients = state?.recipients ?? 0;
    return {
      rosterId: input.rosterId,
      obligationId: input.obligationId,
      phase,
      recipients,
      sent: c.sent,
      printed: c.printed,
      bounced: c.bounced,
      failed: c.failed,
      unconfirmed: c.unconfirmed,
      notRequired: c.notRequired,
      substituteNeeded: c.substituteNeeded,
      pending: Math.max(0, recipients - (c.total - c.pending)),
      chunksDone: state?.chunksDone ?? 0,
      chunksTotal: state ? Math.ceil(state.maxSeq / chunkSize) : 0,
      runs: state?.runs ?? 1,
    };
  });

  if (!state) {
    if (!input.content) throw new Error('bulkNotificationWorkflow: content is required on the first run');
    const p = await prepareBulkNotification({ rosterId: input.rosterId, obligationId: input.obligationId, content: input.content });
    state = { noticeId: p.noticeId, recipients: p.recipients, maxSeq: p.maxSeq, nextSeq: 1, counts: zero(), chunksDone: 0, runs: 1 };
    log.info('bulk notification prepared', { rosterId: input.rosterId, obligationId: input.obligationId, recipients: p.recipients });
    phase = 'sending';
  }
  const s = state;

  const inFlight = new Map<number, Promise<void>>();
  let startedThisRun = 0;
  const wantsNewRun = () => startedThisRun >= maxChunksPerRun || workflowInfo().continueAsNewSuggested;
  while (s.nextSeq <= s.maxSeq || inFlight.size > 0) {
    while (inFlight.size < concurrency && s.nextSeq <= s.maxSeq && !wantsNewRun()) {
      const fromSeq = s.nextSeq;
      const toSeq = Math.min(fromSeq + chunkSize, s.maxSeq + 1);
      s.nextSeq = toSeq;
      startedThisRun++;
      inFlight.set(
        fromSeq,
        sendNoticeChunk({ rosterId: input.rosterId, obligationId: input.obligationId, noticeId: s.noticeId, fromSeq, toSeq }).then((r: SendChunkResult) => {
          s.counts = add(s.counts, r.counts);
          s.chunksDone++;
          inFlight.delete(fromSeq);
        }),
      );
    }
    if (inFlight.size === 0) break; // only when a new run is wanted
    await Promise.race(inFlight.values());
  }

  if (s.nextSeq <= s.maxSeq) {
    // Every chunk handed out has completed, so nextSeq is exact: the next run starts there.
    await condition(allHandlersFinished);
    return continueAsNew<typeof bulkNotificationWorkflow>({
      rosterId: input.rosterId,
      obligationId: input.obligationId,
      chunkSize,
      concurrency,
      maxChunksPerRun,
      ...(input.heartbeatTimeoutSeconds ? { heartbeatTimeoutSeconds: input.heartbeatTimeoutSeconds } : {}),
      state: { ...s, runs: s.runs + 1 },
    });
  }

  phase = 'summarizing';
  const counts = await summarizeDelivery({ rosterId: input.rosterId, obligationId: input.obligationId });
  s.counts = counts;
  phase = 'done';
  return {
    rosterId: input.rosterId,
    obligationId: input.obligationId,
    noticeId: s.noticeId,
    recipients: s.recipients,
    counts,
    substituteNoticeRequired: counts.substituteNeeded === 0 ? 'none' : counts.substituteNeeded < 10 ? 'fewer_than_10' : 'ten_or_more',
    runs: s.runs,
  };
}
