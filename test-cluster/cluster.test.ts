/**
 * `npm run test:cluster` (opt-in, not part of `npm test`): the engine as a deployment runs it, against a
 * production-shaped Temporal — the server built from Go modules, its four services as separate
 * processes on loopback, persistence and SQL visibility in a PostgreSQL from npm:
 * - `engine api` and two `engine worker` processes (engine/engine.ts), each with its own data directory,
 *   sharing only what a deployment shares: the Temporal settings (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE),
 *   the payload keys, the roster key, the API tokens and one PostgreSQL roster database (DATABASE_URL);
 * - incidents worked end to end through the API while one worker is SIGKILLed and the other takes over;
 * - a mailing to CLUSTER_MAILING_SIZE (default 20,000) synthetic people, imported and started through the
 *   API, across two workers while one is SIGKILLed and the history service is restarted; the SMTP sink
 *   (the outside world) must see every recipient exactly once, by Message-ID.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startCluster, type Cluster } from '../scripts/cluster/cluster.js';
import { waitUntil } from '../test/harness/worker-process.js';
import { killAll, spawnEngine, type EngineProcess } from '../test/harness/engine-process.js';
import { TEST_KEY_SET } from '../test/harness/test-keys.js';
import { noticeMessageId } from '../activities/bulk-notification.js';
import { organizationProfileFromEnv } from '../notices/organization.js';
import { SmtpSink } from '../test/delivery/smtp-sink.js';
import { SYNTHETIC_INCIDENT } from '../test/notices/synthetic-notice.js';
import { syntheticRosterCsv } from '../test/fixtures/synthetic-roster.js';
import { coveredEntityBreach } from '../test/fixtures/synthetic-facts.js';
import { freePort } from '../scripts/temporal/free-port.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';

const SIZE = Number(process.env.CLUSTER_MAILING_SIZE ?? 20_000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-cluster-'));
fs.chmodSync(tmp, 0o755); // PostgreSQL runs as `postgres` when the tests run as root
const engines = path.join(tmp, 'engines');
const T = { responder: 'tok-responder-0123456789', po: 'tok-privacy-officer-0123456789', legal: 'tok-legal-counsel-0123456789' };
let cluster: Cluster;
let sink: SmtpSink;
let apiUrl: string;
let sharedEnv: Record<string, string>;
const processes: EngineProcess[] = [];
const workers: EngineProcess[] = [];
const timings: Record<string, number> = {};
let workerCount = 0;

function startWorker(): EngineProcess {
  const w = spawnEngine('worker', { dir: engines, name: `worker-${++workerCount}`, env: sharedEnv });
  processes.push(w);
  workers.push(w);
  return w;
}

beforeAll(async () => {
  const t0 = Date.now();
  const [c, s] = await Promise.all([
    startCluster({ dir: path.join(tmp, 'cluster'), progress: (l) => console.log(`[cluster] ${l}`) }),
    new SmtpSink().start(),
  ]);
  cluster = c;
  sink = s;
  timings.clusterStartSeconds = (Date.now() - t0) / 1000;
  // The roster database the workers (and the API, which imports rosters) share: its own database.
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: cluster.pg.port,
    user: cluster.pg.user,
    password: cluster.pg.password,
    database: 'postgres',
  });
  await admin.connect();
  await admin.query('create database roster');
  await admin.end();
  fs.mkdirSync(engines, { recursive: true, mode: 0o700 });
  const apiPort = await freePort();
  apiUrl = `http://127.0.0.1:${apiPort}`;
  // What every engine process of the deployment is given (a Temporal Cloud user would give the same
  // TEMPORAL_* settings); each has its own data directory.
  sharedEnv = {
    TEMPORAL_ADDRESS: cluster.address,
    TEMPORAL_NAMESPACE: 'default',
    BREACH_TASK_QUEUE: `cluster-${crypto.randomBytes(4).toString('hex')}`,
    BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
    BREACH_ROSTER_KEY: crypto.randomBytes(32).toString('base64'),
    DATABASE_URL: `postgres://${cluster.pg.user}:${cluster.pg.password}@127.0.0.1:${cluster.pg.port}/roster`,
    BREACH_API_TOKENS: JSON.stringify([
      { userId: 'rita-responder', role: 'responder', token: T.responder },
      { userId: 'pat-privacy', role: 'privacy_officer', token: T.po },
      { userId: 'lee-legal', role: 'legal', token: T.legal },
    ]),
    BREACH_NOTICE_SMTP_HOST: '127.0.0.1',
    BREACH_NOTICE_SMTP_PORT: String(sink.port),
    BREACH_DELIVERY_PROBE_URL: sink.probeUrl,
    BREACH_API_PORT: String(apiPort),
  };
  const t1 = Date.now();
  // The first process registers the search attributes on the cluster; the others find them.
  const first = startWorker();
  await first.ready(300_000);
  const api = spawnEngine('api', { dir: engines, env: sharedEnv });
  processes.push(api);
  const second = startWorker();
  await Promise.all([api.ready(300_000), second.ready(300_000)]);
  timings.enginesStartSeconds = (Date.now() - t1) / 1000;
}, 1_200_000);
afterAll(async () => {
  // What an engine process that died on its own said (the first thing to look at after a failure).
  for (const p of processes)
    if (p.child.exitCode !== null && p.child.exitCode !== 0)
      console.log(`[cluster] ${p.role} ${p.dataDir} exited ${p.child.exitCode}:\n${p.output().slice(-4000)}`);
  killAll(processes);
  await sink?.stop();
  await cluster?.stop();
  console.log(`[cluster] timings ${JSON.stringify(timings)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function call<R = Record<string, unknown>>(
  method: 'GET' | 'POST',
  p: string,
  token: string,
  body?: unknown,
  type = 'application/json',
): Promise<{ status: number; json: R }> {
  const r = await fetch(`${apiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: r.status, json: (await r.json()) as R };
}

async function waitForIncident(
  ref: string,
  what: string,
  done: (s: IncidentSnapshot) => boolean,
  timeoutMs = 300_000,
): Promise<IncidentSnapshot> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call<IncidentSnapshot>('GET', `/incidents/${ref}`, T.legal);
    if (r.status === 200 && done(r.json)) return r.json;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} on ${ref}: ${r.status} stage ${r.json.stage}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** Opens a reportable incident through the API and waits for its planned obligations. */
async function reportableIncident(ref: string, affected: number): Promise<IncidentSnapshot> {
  const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), {
    affected: { byJurisdiction: { CA: affected }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  const opened = await call('POST', '/incidents', T.responder, { ref, role: 'covered_entity', facts });
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  const decided = await call('POST', `/incidents/${ref}/decision`, T.po, { reportable: true });
  expect(decided.status, JSON.stringify(decided.json)).toBe(200);
  return waitForIncident(ref, 'the planned obligations', (s) => s.obligations.some((o) => o.obligation.id === 'individual_notice'));
}

describe('engine api + engine worker ×2 on a production-shaped cluster (frontend, history, matching, worker as processes; PostgreSQL)', () => {
  it('incidents worked end to end through the API while a worker is SIGKILLed: the other takes over, every incident closes', async () => {
    const t0 = Date.now();
    const refs = Array.from({ length: 4 }, (_, i) => `CLUSTER-${Date.now()}-${i}`);
    await Promise.all(refs.map((ref) => reportableIncident(ref, 12)));
    // Every obligation planned (the HHS log is planned a moment after the individual notice).
    const planned = (s: IncidentSnapshot) =>
      ['hhs_annual_log', 'individual_notice'].every((id) => s.obligations.some((o) => o.obligation.id === id));
    const states = await Promise.all(refs.map((ref) => waitForIncident(ref, 'both obligations planned', planned)));
    // Both workers have been serving (each polls); one dies without a word.
    const [victim] = workers.filter((w) => w.child.exitCode === null);
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    for (const [i, ref] of refs.entries()) {
      for (const o of states[i]!.obligations) {
        const r = await call('POST', `/incidents/${ref}/obligations/${encodeURIComponent(o.obligation.id)}/confirm`, T.responder, {
          evidence: { method: o.obligation.id === 'individual_notice' ? 'first_class_mail' : 'hhs_portal', reference: 'CLUSTER-TEST' },
        });
        expect(r.status, JSON.stringify(r.json)).toBe(200);
      }
    }
    for (const ref of refs) await waitForIncident(ref, 'the incident to close', (s) => s.stage === 'closed', 300_000);
    timings.incidentsSeconds = (Date.now() - t0) / 1000;
    // A replacement keeps two workers for the mailing.
    await startWorker().ready(300_000);
  });

  it(`a mailing to ${SIZE.toLocaleString('en-US')} synthetic people through the API across two workers survives a worker SIGKILL and a history restart: no duplicate, no gap`, async () => {
    const ref = `CLUSTER-MAIL-${Date.now()}`;
    await reportableIncident(ref, SIZE);
    const t0 = Date.now();
    const imported = await call<{ rosterId: string; recipients?: number }>(
      'POST',
      `/incidents/${ref}/rosters`,
      T.responder,
      syntheticRosterCsv({ size: SIZE }),
      'text/csv',
    );
    expect(imported.status, JSON.stringify(imported.json).slice(0, 500)).toBe(201);
    timings.rosterImportSeconds = (Date.now() - t0) / 1000;
    const { rosterId } = imported.json;
    const t1 = Date.now();
    const started = await call('POST', `/incidents/${ref}/obligations/individual_notice/mailings`, T.po, {
      rosterId,
      content: SYNTHETIC_INCIDENT,
      chunkSize: 500,
      concurrency: 4,
    });
    expect(started.status, JSON.stringify(started.json)).toBe(202);

    await waitUntil('a quarter of the mail', () => sink.stats().accepted >= SIZE / 4, 900_000, 100);
    const [victim] = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    await waitUntil('half of the mail', () => sink.stats().accepted >= SIZE / 2, 900_000, 100);
    await cluster.restart('history', 'kill');
    await startWorker().ready(300_000);
    const s = await waitForIncident(ref, 'the mailing to settle', (x) => x.mailings?.[0]?.settled === true, 1_200_000);
    timings.mailingSeconds = (Date.now() - t1) / 1000;
    timings.mailsPerSecond = Math.round(SIZE / timings.mailingSeconds);

    expect(s.mailings![0]!.counts).toMatchObject({ sent: SIZE, bounced: 0 });
    expect(sink.stats()).toEqual({ accepted: SIZE, distinct: SIZE, duplicates: 0 });
    const domain = organizationProfileFromEnv({}).sender.fromEmail.split('@')[1]!;
    const gaps = Array.from({ length: SIZE }, (_, i) => i + 1).filter(
      (seq) => !sink.byId.has(noticeMessageId(rosterId, 'individual_notice', seq, domain)),
    );
    expect(gaps).toEqual([]);
    const progress = await call<{ progress?: { phase: string; sent: number; pending: number } }>(
      'GET',
      `/incidents/${ref}/obligations/individual_notice/mailing`,
      T.legal,
    );
    expect(progress.json.progress).toMatchObject({ phase: 'done', sent: SIZE, pending: 0 });
  });
});
