/**
 * The engine's Prometheus endpoint: scraped over HTTP, its metrics move when the engine works (a mailing
 * to a loopback SMTP sink, a month of reminders and escalations on the time-skipping server, open
 * incidents by stage from the dev server's visibility), and no label carries PHI or an incident reference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from '../../scripts/temporal/free-port.js';
import { openDatabase, type SqlDb } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { createBulkNotificationActivities } from '../../activities/bulk-notification.js';
import {
  CHANNELS,
  ESCALATION_KINDS,
  FAILURE_REASONS,
  MetricsAddressError,
  parseMetricsAddress,
  registerIncidentGauges,
  REMINDER_KINDS,
  STAGES,
  startMetricsServer,
} from '../../worker/engine-metrics.js';
import { SmtpSink } from '../delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { syntheticEmail, syntheticRosterCsv } from '../fixtures/synthetic-roster.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

const DAY = 86_400_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-metrics-'));
let metrics: { url: string; close(): Promise<void> };
let sdkMetricsUrl: string;
const refs: string[] = [];

beforeAll(async () => {
  metrics = await startMetricsServer({ host: '127.0.0.1', port: 0 });
  // As `npm start` does with BREACH_SDK_METRICS_ADDRESS: the SDK runtime's Prometheus exporter (once per process).
  const sdkAddress = `127.0.0.1:${await freePort()}`;
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { metrics: { prometheus: { bindAddress: sdkAddress } } } });
  sdkMetricsUrl = `http://${sdkAddress}/metrics`;
});
afterAll(async () => {
  await metrics?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const res = await fetch(metrics.url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  const samples = text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`unparseable exposition line: ${l}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
  return { text, samples };
}
const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);

describe('engine metrics endpoint', () => {
  it('counts a mailing: notices sent by channel, recipients processed, chunk duration', async () => {
    const db: SqlDb = await openDatabase({ pgliteDir: path.join(tmp, 'db') });
    const sink = await new SmtpSink({ keepText: false }).start();
    try {
      const key = loadRosterKey(tmp, {});
      const store = new RosterStore(db, key);
      const acts = createBulkNotificationActivities({
        dataDir: tmp,
        db,
        rosterKey: key,
        org: SYNTHETIC_ORG,
        smtp: { kind: 'smtp', host: '127.0.0.1', port: sink.port, maxConnections: 3 },
      });
      const run = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, ...args: A): Promise<R> =>
        new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run<A, R, (...a: A) => Promise<R>>(fn, ...args);
      const { rosterId } = await store.importCsv(Buffer.from(syntheticRosterCsv({ size: 30, mailEvery: 6 })));
      const p = await run(acts.prepareBulkNotification, { rosterId, obligationId: 'individual_notice', content: SYNTHETIC_INCIDENT });

      const before = (await scrape()).samples;
      await run(acts.sendNoticeChunk, { rosterId, obligationId: 'individual_notice', noticeId: p.noticeId, fromSeq: 1, toSeq: 31 });
      const after = (await scrape()).samples;
      const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
      expect(delta('breach_notices_sent_total', { channel: 'email' })).toBe(25);
      expect(delta('breach_notices_sent_total', { channel: 'mail' })).toBe(5);
      expect(delta('breach_mailing_recipients_processed_total')).toBe(30);
      expect(delta('breach_mailing_chunk_seconds_count')).toBe(1);

      // A rerun of the same chunk sends nothing and processes nobody again.
      await run(acts.sendNoticeChunk, { rosterId, obligationId: 'individual_notice', noticeId: p.noticeId, fromSeq: 1, toSeq: 31 });
      const again = (await scrape()).samples;
      expect(value(again, 'breach_notices_sent_total')).toBe(value(after, 'breach_notices_sent_total'));
      expect(value(again, 'breach_mailing_recipients_processed_total')).toBe(value(after, 'breach_mailing_recipients_processed_total'));
      expect((await scrape()).text).not.toContain(syntheticEmail(1));
    } finally {
      await sink.stop();
      await db.close();
    }
  });

  describe('on the time-skipping server', () => {
    let engine: EngineUnderTest;
    beforeAll(async () => {
      engine = await startEngineUnderTest({ server: 'time-skipping', name: 'metrics-ts' });
    });
    afterAll(() => engine?.stop());

    it('counts the reminders and escalations of a month nobody acknowledges', async () => {
      const ref = `INC-METRICS-${Date.now()}`;
      refs.push(ref);
      const now = await engine.env.currentTimeMs();
      const before = (await scrape()).samples;
      await engine.service.open({
        ref,
        openedBy: 'responder-1',
        role: 'covered_entity',
        facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString(), { affected: { byJurisdiction: { CA: 30 } } }),
      });
      await engine.service.decide(ref, { by: 'privacy-officer', reportable: true, requestId: 'metrics-decide' });
      await engine.env.sleep(30 * DAY);
      const after = (await scrape()).samples;
      expect(value(after, 'breach_reminders_sent_total') - value(before, 'breach_reminders_sent_total')).toBeGreaterThanOrEqual(2);
      expect(value(after, 'breach_escalations_sent_total') - value(before, 'breach_escalations_sent_total')).toBeGreaterThanOrEqual(1);
      // The engine really mailed them (the counter follows the sends, not the plans).
      expect(engine.mails().length).toBeGreaterThanOrEqual(
        value(after, 'breach_reminders_sent_total') - value(before, 'breach_reminders_sent_total'),
      );
    });

    it("the SDK runtime's worker metrics are served in Prometheus format, without workflow ids", async () => {
      const text = await (await fetch(sdkMetricsUrl)).text();
      expect(text).toMatch(/^temporal_\w*workflow\w*[{ ]/m);
      expect(text).toMatch(/^temporal_\w*activity\w*[{ ]/m);
      for (const ref of refs) expect(text).not.toContain(ref);
    });
  });

  describe('on the dev server', () => {
    let engine: EngineUnderTest;
    beforeAll(async () => {
      engine = await startEngineUnderTest({ server: 'dev', name: 'metrics-dev' });
      registerIncidentGauges(engine.env.client, { cacheMs: 0 });
    });
    afterAll(() => engine?.stop());

    it('reports open incidents by stage from visibility, and they move when an incident opens', async () => {
      const first = (await scrape()).samples;
      expect(value(first, 'breach_visibility_up')).toBe(1);
      const openBefore = value(first, 'breach_open_incidents');
      const ref = `INC-METRICS-DEV-${Date.now()}`;
      refs.push(ref);
      await engine.service.open({
        ref,
        openedBy: 'responder-1',
        role: 'covered_entity',
        facts: coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { OR: 12 } } }),
      });
      const until = Date.now() + 20_000;
      let samples = first;
      while (value(samples, 'breach_open_incidents') <= openBefore && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 300));
        samples = (await scrape()).samples;
      }
      expect(value(samples, 'breach_open_incidents')).toBe(openBefore + 1);
      expect(
        samples
          .filter((s) => s.name === 'breach_open_incidents')
          .map((s) => s.labels.stage)
          .sort(),
      ).toEqual([...STAGES.options].sort());
      expect(samples.some((s) => s.name === 'breach_incidents_overdue')).toBe(true);
      expect(samples.some((s) => s.name === 'breach_incidents_due_soon')).toBe(true);
    });
  });

  it('labels carry only values from closed lists: no incident reference, no name, no address', async () => {
    const { text, samples } = await scrape();
    for (const ref of refs) expect(text).not.toContain(ref);
    expect(text).not.toMatch(/@|Synthetic|INC-/);
    const allowed: Record<string, readonly string[]> = {
      channel: CHANNELS.options,
      reason: FAILURE_REASONS.options,
      stage: STAGES.options,
      kind: [...REMINDER_KINDS.options, ...ESCALATION_KINDS.options],
    };
    const engineSamples = samples.filter((s) => s.name.startsWith('breach_'));
    expect(engineSamples.length).toBeGreaterThan(0);
    for (const s of engineSamples) {
      for (const [k, v] of Object.entries(s.labels)) {
        if (k === 'le') continue; // histogram buckets
        expect(allowed[k], `unexpected label ${k} on ${s.name}`).toBeDefined();
        expect(allowed[k]).toContain(v);
      }
    }
  });

  it('a bad metrics address is one error naming the setting', () => {
    expect(() => parseMetricsAddress('BREACH_METRICS_ADDRESS', 'localhost')).toThrow(MetricsAddressError);
    expect(() => parseMetricsAddress('BREACH_METRICS_ADDRESS', 'localhost')).toThrow(/^BREACH_METRICS_ADDRESS: must be host:port/);
    expect(() => parseMetricsAddress('BREACH_SDK_METRICS_ADDRESS', '127.0.0.1:99999')).toThrow(
      /BREACH_SDK_METRICS_ADDRESS: port must be at most 65535/,
    );
    expect(parseMetricsAddress('BREACH_METRICS_ADDRESS', '127.0.0.1:9469')).toEqual({ host: '127.0.0.1', port: 9469 });
  });
});
