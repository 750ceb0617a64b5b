/**
 * The engine's own metrics, in Prometheus format (prom-client), beside the SDK runtime's worker metrics.
 *
 * No PHI and no incident reference ever becomes a label: every label value is checked against a closed
 * list (zod enums below) and anything else is recorded as "other". Counters are process-wide (the
 * activities of this worker process increment them); the incident gauges are read from Temporal's
 * visibility at scrape time (counts only, cached a few seconds), so any process with a client can serve
 * them.
 *
 *   breach_notices_sent_total{channel}                 individual notices handed to SMTP or printed
 *   breach_notices_failed_total{channel,reason}        notices that failed for good (or will be retried)
 *   breach_mailing_recipients_processed_total          recipients finished by mailing chunks (throughput)
 *   breach_mailing_chunk_seconds                       duration of a mailing chunk
 *   breach_reminders_sent_total{kind}                  reminder / overdue mail about deadlines
 *   breach_escalations_sent_total{kind}                escalation mail
 *   breach_open_incidents{stage}                       running incident workflows by stage
 *   breach_incidents_overdue                           running incidents with an overdue obligation
 *   breach_incidents_due_soon                          running incidents whose next deadline is within 7 days
 */
import http from 'node:http';
import { z } from 'zod';
import client from 'prom-client';
import type { Client } from '@temporalio/client';
import { setting } from '../config/index.js';

export const CHANNELS = z.enum(['email', 'mail', 'representative_mail', 'substitute', 'other']);
export const FAILURE_REASONS = z.enum(['transient', 'bounced', 'invalid_address', 'gave_up', 'other']);
export const REMINDER_KINDS = z.enum(['reminder', 'overdue', 'assessment_reminder', 'assessment_overdue', 'other']);
export const ESCALATION_KINDS = z.enum(['escalation', 'assessment_escalation', 'other']);
export const STAGES = z.enum(['intake', 'assessment', 'notification', 'closed']);

/** A label value from a closed list, or "other": nothing free-form can reach a label. */
function closed<T extends string>(e: z.ZodEnum<Record<T, T>>, value: unknown): T {
  const r = e.safeParse(value);
  return r.success ? r.data : ('other' as T);
}

export const registry = new client.Registry();

const noticesSent = new client.Counter({
  name: 'breach_notices_sent_total',
  help: 'Individual notices handed to SMTP (email) or printed (letters)',
  labelNames: ['channel'],
  registers: [registry],
});
const noticesFailed = new client.Counter({
  name: 'breach_notices_failed_total',
  help: 'Individual notices that failed (reason transient: will be retried)',
  labelNames: ['channel', 'reason'],
  registers: [registry],
});
const recipientsProcessed = new client.Counter({
  name: 'breach_mailing_recipients_processed_total',
  help: 'Recipients finished by mailing chunks (rate() = mailing throughput)',
  registers: [registry],
});
const chunkSeconds = new client.Histogram({
  name: 'breach_mailing_chunk_seconds',
  help: 'Duration of one mailing chunk',
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});
const remindersSent = new client.Counter({
  name: 'breach_reminders_sent_total',
  help: 'Reminder and overdue mail about deadlines',
  labelNames: ['kind'],
  registers: [registry],
});
const escalationsSent = new client.Counter({
  name: 'breach_escalations_sent_total',
  help: 'Escalation mail about deadlines',
  labelNames: ['kind'],
  registers: [registry],
});

export const engineMetrics = {
  noticeSent(channel: string, n = 1): void {
    if (n > 0) noticesSent.inc({ channel: closed(CHANNELS, channel) }, n);
  },
  noticeFailed(channel: string, reason: string, n = 1): void {
    if (n > 0) noticesFailed.inc({ channel: closed(CHANNELS, channel), reason: closed(FAILURE_REASONS, reason) }, n);
  },
  recipientsProcessed(n: number): void {
    if (n > 0) recipientsProcessed.inc(n);
  },
  chunkFinished(seconds: number): void {
    chunkSeconds.observe(seconds);
  },
  deadlineNoticeSent(kind: string): void {
    if (ESCALATION_KINDS.safeParse(kind).success) escalationsSent.inc({ kind: closed(ESCALATION_KINDS, kind) });
    else remindersSent.inc({ kind: closed(REMINDER_KINDS, kind) });
  },
};

const INCIDENTS = `WorkflowType = 'incidentWorkflow' AND ExecutionStatus = 'Running'`;

/**
 * Gauges read from Temporal visibility at scrape time (one count query per stage plus two; cached for
 * `cacheMs`). A failed query leaves the last values and sets breach_visibility_up to 0.
 */
export function registerIncidentGauges(temporal: Client, opts: { cacheMs?: number; now?: () => Date } = {}): void {
  const cacheMs = opts.cacheMs ?? 5_000;
  const now = opts.now ?? (() => new Date());
  let last: { at: number; values: Promise<{ stages: Record<string, number>; overdue: number; dueSoon: number }> } | undefined;
  const read = () => {
    if (!last || Date.now() - last.at > cacheMs) {
      const count = async (q: string) => (await temporal.workflow.count(q)).count;
      const soon = new Date(now().getTime() + 7 * 86_400_000).toISOString();
      last = {
        at: Date.now(),
        values: (async () => {
          const stages: Record<string, number> = {};
          for (const s of STAGES.options) stages[s] = await count(`${INCIDENTS} AND BreachStage = '${s}'`);
          return {
            stages,
            overdue: await count(`${INCIDENTS} AND BreachOverdue = true`),
            dueSoon: await count(`${INCIDENTS} AND BreachNextDeadline <= '${soon}'`),
          };
        })(),
      };
      last.values.catch(() => (last = undefined));
    }
    return last.values;
  };
  // Idempotent: a second call (a new client) replaces the gauges.
  for (const name of ['breach_visibility_up', 'breach_open_incidents', 'breach_incidents_overdue', 'breach_incidents_due_soon'])
    registry.removeSingleMetric(name);
  new client.Gauge({
    name: 'breach_visibility_up',
    help: '1 when the visibility count queries of this scrape succeeded',
    registers: [registry],
    async collect() {
      try {
        await read();
        this.set(1);
      } catch (err) {
        if (setting('BREACH_METRICS_DEBUG')) console.error(err);
        this.set(0);
      }
    },
  });
  new client.Gauge({
    name: 'breach_open_incidents',
    help: 'Running incident workflows by stage (Temporal visibility)',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      try {
        const v = await read();
        for (const [stage, n] of Object.entries(v.stages)) this.set({ stage: closed(STAGES, stage) }, n);
      } catch {
        /* breach_visibility_up says so */
      }
    },
  });
  new client.Gauge({
    name: 'breach_incidents_overdue',
    help: 'Running incidents with an overdue obligation',
    registers: [registry],
    async collect() {
      try {
        this.set((await read()).overdue);
      } catch {
        /* breach_visibility_up says so */
      }
    },
  });
  new client.Gauge({
    name: 'breach_incidents_due_soon',
    help: 'Running incidents whose next deadline is within 7 days',
    registers: [registry],
    async collect() {
      try {
        this.set((await read()).dueSoon);
      } catch {
        /* breach_visibility_up says so */
      }
    },
  });
}

export class MetricsAddressError extends Error {
  override name = 'MetricsAddressError';
}

/** "host:port" (the form the SDK's Prometheus exporter takes too), validated. */
export const metricsAddress = z
  .string()
  .regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9469')
  .refine((s) => Number(s.split(':')[1]) <= 65535, 'port must be at most 65535');

export function parseMetricsAddress(setting: string, value: string): { host: string; port: number } {
  const r = metricsAddress.safeParse(value);
  if (!r.success) throw new MetricsAddressError(`${setting}: ${r.error.issues[0]?.message ?? 'invalid'} (got "${value}")`);
  const [host, port] = r.data.split(':') as [string, string];
  return { host, port: Number(port) };
}

/** GET /metrics on its own port (loopback by default in the docs; never behind the API's tokens). */
export async function startMetricsServer(opts: { host: string; port: number }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end('metrics unavailable\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return { url: `http://${opts.host}:${port}/metrics`, close: () => new Promise((r) => server.close(() => r())) };
}
