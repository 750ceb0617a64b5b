import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  bulkNotificationProgressQuery,
  mailingDeliverySignal,
  type BulkNotificationProgress,
  type MailingDeliveryReport,
} from '../contract/mailing-messages.js';
import type { BulkNotificationActivities, SendChunkResult } from '../activities/bulk-notification.js';
import type { DeliveryCounts, LedgerCounts } from '../delivery/ledger.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';

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
  /**
   * Issue 13 item 1: after the relay (or delivery) has been failing this long, the incident is told to
   * escalate to the owner and the next rung (policy `mailRelayOutageEscalateAfterMinutes`; default 60).
   */
  relayOutageEscalateAfterMinutes?: number;
  /** The incident workflow told (signal `mailingDelivery`) when delivery starts failing, fails too long, recovers. */
  reportTo?: { incidentWorkflowId: string; mailingWorkflowId: string };
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
  /** Set while chunk attempts keep failing (relay down, 4xx deferrals): since when, and why. */
  deliveryFailingSince?: string;
  deliveryFailingReason?: string;
  /** The `deliveryFailingSince` an escalation was already reported for. */
  escalatedFor?: string;
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

const zero = (): DeliveryCounts => ({
  total: 0,
  sent: 0,
  printed: 0,
  bounced: 0,
  failed: 0,
  unconfirmed: 0,
  notRequired: 0,
  substituteNeeded: 0,
  pending: 0,
});
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
  // Issue 13 item 1: an outage is retried by this workflow with durable timers (and reported), not only
  // inside the activity's retry policy where nobody sees it. Histories recorded before keep the old path.
  const outageAware = patched('bulk-relay-outage');
  const NON_RETRYABLE = ['NoticeChecklistError', 'NoticeNotFound'];
  const { sendNoticeChunk } = proxyActivities<BulkNotificationActivities>({
    startToCloseTimeout: '2 hours',
    heartbeatTimeout: `${input.heartbeatTimeoutSeconds ?? 30} seconds`,
    // Transient SMTP trouble retries the chunk with backoff; the ledger skips everyone already done.
    retry: outageAware
      ? { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE }
      : { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2 minutes', nonRetryableErrorTypes: NON_RETRYABLE },
  });
  const escalateAfterMs = Math.max(1, input.relayOutageEscalateAfterMinutes ?? 60) * 60_000;

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
      ...(state?.deliveryFailingSince
        ? {
            relayUnavailableSince: state.deliveryFailingSince,
            relayProblem: state.deliveryFailingReason ?? 'delivery failing',
            relayOutageEscalated: state.escalatedFor === state.deliveryFailingSince,
          }
        : {}),
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

  // ---- outages (issue 13 item 1) ----------------------------------------------------------------------
  /** Chunks whose last attempt failed: delivery is "failing" while this is not empty. */
  const failingChunks = new Set<number>();
  const waiting = () => Math.max(0, s.recipients - (s.counts.total - s.counts.pending));
  const report = async (event: MailingDeliveryReport['event'], since: string, reason: string) => {
    if (!input.reportTo) return;
    try {
      await getExternalWorkflowHandle(input.reportTo.incidentWorkflowId).signal(mailingDeliverySignal, {
        mailingWorkflowId: input.reportTo.mailingWorkflowId,
        obligationId: input.obligationId,
        event,
        since,
        at: new Date().toISOString(),
        reason,
        waiting: waiting(),
      });
    } catch (err) {
      log.warn('could not report a delivery outage to the incident', { obligationId: input.obligationId, event, error: String(err) });
    }
  };
  const failureReason = (err: ActivityFailure): string => {
    const c = err.cause;
    if (c instanceof ApplicationFailure) {
      const d = c.details?.[0] as { reason?: string } | undefined;
      return `${c.type ?? 'error'}${d?.reason ? `: ${d.reason}` : ''}`;
    }
    return c?.name ?? 'activity failed';
  };
  /** One chunk, retried with durable timers (30 s doubling to 10 min) for as long as delivery fails. */
  async function runChunk(args: Parameters<typeof sendNoticeChunk>[0]): Promise<SendChunkResult> {
    if (!outageAware) return sendNoticeChunk(args);
    for (let failures = 0; ; failures++) {
      try {
        const r = await sendNoticeChunk(args);
        if (failingChunks.delete(args.fromSeq) && failingChunks.size === 0 && s.deliveryFailingSince) {
          const since = s.deliveryFailingSince;
          const reason = s.deliveryFailingReason ?? '';
          delete s.deliveryFailingSince;
          delete s.deliveryFailingReason;
          await report('restored', since, reason);
        }
        return r;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const cause = err.cause;
        if (cause instanceof ApplicationFailure && (cause.nonRetryable || NON_RETRYABLE.includes(cause.type ?? ''))) throw err;
        failingChunks.add(args.fromSeq);
        const reason = failureReason(err);
        s.deliveryFailingReason = reason;
        if (!s.deliveryFailingSince) {
          s.deliveryFailingSince = new Date().toISOString();
          log.warn('delivery failing: retrying with backoff', { obligationId: input.obligationId, reason });
          await report('unavailable', s.deliveryFailingSince, reason);
        }
        const since = s.deliveryFailingSince;
        const dueIn = Date.parse(since) + escalateAfterMs - Date.now();
        if (dueIn <= 0 && s.escalatedFor !== since) {
          s.escalatedFor = since;
          await report('escalate', since, reason);
        }
        const backoff = Math.min(10 * 60_000, 30_000 * 2 ** Math.min(failures, 5));
        await sleep(s.escalatedFor === since || dueIn <= 0 ? backoff : Math.min(backoff, Math.max(1000, dueIn)));
      }
    }
  }

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
        runChunk({ rosterId: input.rosterId, obligationId: input.obligationId, noticeId: s.noticeId, fromSeq, toSeq }).then(
          (r: SendChunkResult) => {
            s.counts = add(s.counts, r.counts);
            s.chunksDone++;
            inFlight.delete(fromSeq);
          },
        ),
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
      ...(input.relayOutageEscalateAfterMinutes ? { relayOutageEscalateAfterMinutes: input.relayOutageEscalateAfterMinutes } : {}),
      ...(input.reportTo ? { reportTo: input.reportTo } : {}),
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
