/**
 * The PHI leak test on a real Temporal server (the CLI dev server): synthetic PHI — unique marker strings
 * — goes through every channel a workflow has; then what the server stores and shows is read RAW
 * (Temporal's own CLI without a codec, a client without the codec, the gRPC API) and scanned for every
 * marker, in clear and inside base64. Through the codec (directly, and through the codec server as the
 * Temporal CLI calls it) the same history shows every marker in its place. The SDK's logs, which pass
 * through the redacting logger, are scanned too.
 */
import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import { makeTelemetryFilterString, Runtime, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import proto from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { bundle, createTestWorker, uniqueTaskQueue } from '../harness/test-worker.js';
import { testKeyProvider } from '../harness/test-keys.js';
import { requireDevServer } from '../../scripts/temporal/locate.js';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../security/payload-codec.js';
import { createDataConverter } from '../../security/data-converter.js';
import { StaticKeyProvider } from '../../security/key-provider.js';
import { createRedactingLogger, TemporalRedactingLogger } from '../../security/redacting-logger.js';
import { isOpaqueRef, opaqueRef, opaqueWorkflowId } from '../../security/opaque-id.js';
import { buildCodecServer, type CodecAccessLogLine } from '../../security/codec-server.js';
import {
  addNoteSignal,
  amendUpdate,
  finishSignal,
  phiChannelsWorkflow,
  phiFailingWorkflow,
  PhiFixtureRef,
  phiTaskFailureWorkflow,
  stateQuery,
  type PhiChannelsInput,
} from '../fixtures/phi-workflows.js';
import { createPhiActivities } from '../fixtures/phi-activities.js';
import { decodeDocument, findMarkers, payloadsIn, toScannableJson } from './marker-scan.js';

const { temporal } = proto; // CommonJS module
const run = crypto.randomBytes(4).toString('hex');
const mk = (channel: string) => `ZQX${channel}${run}`;
/** One marker per channel: a leak names where it came from. */
const M = {
  patientName: mk('PatientName'),
  ssn: mk('Ssn'),
  dob: mk('Dob'),
  address: mk('Address'),
  email: mk('Email'),
  phone: mk('Phone'),
  mrn: mk('Mrn'),
  activityInput: mk('ActivityInput'), // the patient's description, echoed by an activity
  memo: mk('Memo'),
  upsertedMemo: mk('UpsertedMemo'),
  staticSummary: mk('StaticSummary'),
  staticDetails: mk('StaticDetails'),
  timerSummary: mk('TimerSummary'),
  childInput: mk('ChildInput'),
  activityResult: mk('ActivityResult'),
  failureMessage: mk('FailureMessage'),
  failureDetails: mk('FailureDetails'),
  heartbeat: mk('Heartbeat'),
  signal: mk('Signal'),
  updateInput: mk('UpdateInput'),
  wfFailureMessage: mk('WfFailureMessage'),
  wfFailureDetails: mk('WfFailureDetails'),
  taskFailure: mk('TaskFailure'),
  rogueInput: mk('RogueInput'),
};

const TOKEN = `codec-token-${run}-0123456789`;
const logs: string[] = [];
const codecLog: CodecAccessLogLine[] = [];
let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;
let worker: Worker;
let running: Promise<void>;
let codecServer: FastifyInstance;
let codecUrl: string;
let plain: Client;
let releaseHeartbeat: () => void = () => undefined;
let heartbeatSent: () => void = () => undefined;
const heartbeatSentP = new Promise<void>((r) => (heartbeatSent = r));
const releaseHeartbeatP = new Promise<void>((r) => (releaseHeartbeat = r));
const codec = new AesGcmPayloadCodec(testKeyProvider);
const cli = (() => {
  const { executable } = requireDevServer();
  if (executable.type !== 'existing-path') throw new Error('this test needs the provisioned Temporal CLI (npm run provision)');
  return executable.path;
})();

beforeAll(async () => {
  // The SDK's logs (worker, workflow and activity `log`, core) go through the redacting logger into memory.
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  Runtime.install({
    logger: new TemporalRedactingLogger(createRedactingLogger({ destination, level: 'debug' })),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'DEBUG', other: 'INFO' }) } },
  });
  [env, workflowBundle] = await Promise.all([
    startDevServerEnv({ searchAttributes: [PhiFixtureRef] }),
    bundle(fileURLToPath(new URL('../fixtures/phi-workflows.ts', import.meta.url))),
  ]);
  codecServer = await buildCodecServer({
    keyProvider: testKeyProvider,
    token: TOKEN,
    allowedOrigins: [],
    accessLog: (l) => codecLog.push(l),
  });
  codecUrl = await codecServer.listen({ host: '127.0.0.1', port: 0 });
  plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' }); // no codec: what the cluster's operators see
});

afterAll(async () => {
  releaseHeartbeat();
  if (worker) {
    worker.shutdown();
    await running;
  }
  await codecServer?.close();
  await env?.teardown();
});

function temporalCli(args: string[]): string {
  const r = spawnSync(cli, [...args, '--address', env.address, '--namespace', env.namespace ?? 'default', '--output', 'json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`temporal ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Without blocking the event loop: the codec server the CLI calls runs in this process. */
function temporalCliAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cli,
      [...args, '--address', env.address, '--namespace', env.namespace ?? 'default', '--output', 'json'],
      { encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const historyOf = (id: string, extra: string[] = []) =>
  temporalCli(['workflow', 'show', '--workflow-id', id, '--no-json-shorthand-payloads', ...extra]);

async function rawGrpcReads(workflowId: string): Promise<string[]> {
  const ns = env.namespace ?? 'default';
  const history = await plain.workflow.getHandle(workflowId).fetchHistory();
  const described = await plain.workflowService.describeWorkflowExecution({ namespace: ns, execution: { workflowId } });
  return [
    JSON.stringify(
      temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
        bytes: String,
        longs: String,
        enums: String,
      }),
    ),
    toScannableJson(described),
  ];
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const errorText = (e: unknown): string => {
  const parts: string[] = [];
  for (let c = e as { message?: string; stack?: string; cause?: unknown } | undefined, i = 0; c && i < 10; c = c.cause as typeof c, i++)
    parts.push(String(c.message), String(c.stack), toScannableJson(c));
  return parts.join('\n');
};

describe('no PHI outside encrypted payloads: every channel, on the dev server', () => {
  const ref = `PHI-${run}-1`;
  const workflowId = opaqueWorkflowId('phi-fixture', ref);
  const failingId = opaqueWorkflowId('phi-failing', ref);
  const taskFailureId = opaqueWorkflowId('phi-task-failure', ref);
  const rawReads: Record<string, string[]> = {};
  const taskQueue = uniqueTaskQueue('phi');

  it('ids and search attributes are built from opaque references only', () => {
    expect(isOpaqueRef(ref)).toBe(true);
    for (const m of [`Zelda ${M.patientName}`, '078-05-1120', 'zelda@example.org', '202-555-0143', 'Zelda.Quartz'])
      expect(() => opaqueRef(m)).toThrow(/^ref: /);
  });

  it('runs the fixture through every channel; the codec-aware client sees everything', async () => {
    worker = await createTestWorker(env, {
      taskQueue,
      workflowBundle,
      activities: createPhiActivities(
        { activityResult: M.activityResult, failureMessage: M.failureMessage, failureDetails: M.failureDetails, heartbeat: M.heartbeat },
        { heartbeatSent: () => heartbeatSent(), releaseHeartbeat: releaseHeartbeatP },
      ),
    });
    running = worker.run();

    const input: PhiChannelsInput = {
      ref,
      patient: {
        name: `Zelda ${M.patientName}`,
        ssn: M.ssn,
        dob: M.dob,
        address: M.address,
        email: M.email,
        phone: M.phone,
        mrn: M.mrn,
        description: M.activityInput,
      },
      markers: { upsertedMemo: M.upsertedMemo, timerSummary: M.timerSummary, childInput: M.childInput },
    };
    const handle = await env.client.workflow.start(phiChannelsWorkflow, {
      taskQueue,
      workflowId,
      args: [input],
      memo: { note: M.memo },
      staticSummary: M.staticSummary,
      staticDetails: M.staticDetails,
      typedSearchAttributes: [{ key: PhiFixtureRef, value: ref }],
    });

    // Heartbeat details live in the server's mutable state while the activity runs: read them raw.
    await heartbeatSentP;
    const ns = env.namespace ?? 'default';
    const pending = await waitFor('heartbeat details on the server', async () => {
      const d = await plain.workflowService.describeWorkflowExecution({ namespace: ns, execution: { workflowId } });
      return d.pendingActivities?.find((a) => a.heartbeatDetails?.payloads?.length) ? d : undefined;
    });
    expect(findMarkers(toScannableJson(pending), M)).toEqual([]);
    const hb = pending.pendingActivities.find((a) => a.heartbeatDetails?.payloads?.length)!.heartbeatDetails!.payloads![0]!;
    expect(Buffer.from(hb.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(JSON.stringify((await codec.decode([hb])).map((p) => Buffer.from(p.data!).toString()))).toContain(M.heartbeat);
    releaseHeartbeat();

    await handle.signal(addNoteSignal, { note: M.signal });
    expect(await handle.executeUpdate(amendUpdate, { args: [{ amendment: M.updateInput }] })).toEqual({
      amended: `amended:${M.updateInput}`,
    });

    // Query result: raw from the server it is ciphertext; through the codec it is the state.
    const rawQuery = await plain.workflowService.queryWorkflow({
      namespace: ns,
      execution: { workflowId },
      query: { queryType: stateQuery.name },
    });
    expect(findMarkers(toScannableJson(rawQuery), M)).toEqual([]);
    expect(Buffer.from(rawQuery.queryResult!.payloads![0]!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(JSON.stringify(await handle.query(stateQuery))).toContain(M.patientName);
    // A codec-less client cannot read it, and its error quotes nothing.
    const plainQueryError = await plain.workflow
      .getHandle(workflowId)
      .query(stateQuery)
      .catch((e: unknown) => e);
    expect(plainQueryError).toBeInstanceOf(Error);
    expect(findMarkers(errorText(plainQueryError), M)).toEqual([]);

    // An update refused by its validator with a message quoting the patient: the codec-less caller gets no text.
    const refusedPlain = await plain.workflow
      .getHandle(workflowId)
      .executeUpdate(amendUpdate, { args: [{ amendment: 'refuse-me-1' }] })
      .catch((e: unknown) => e);
    expect(refusedPlain).toBeInstanceOf(Error);
    expect(findMarkers(errorText(refusedPlain), M)).toEqual([]);
    const refused = await handle.executeUpdate(amendUpdate, { args: [{ amendment: 'refuse-me-1' }] }).catch((e: unknown) => e);
    expect(errorText(refused)).toContain(M.patientName);

    await handle.signal(finishSignal);
    const result = await handle.result();
    expect(result.patientName).toContain(M.patientName);
    expect(result.state).toMatchObject({
      echoed: `echo:${M.activityInput}`,
      activityResult: M.activityResult,
      caughtFailureType: 'SyntheticRecordNotFound',
      childResult: `child:${M.childInput}`,
      notes: [M.signal],
      amendments: [M.updateInput],
    });
    // The memo comes back through the codec.
    expect(JSON.stringify((await handle.describe()).memo)).toContain(M.upsertedMemo);

    // A workflow that fails with an application failure (message and details)…
    const failing = await env.client.workflow.start(phiFailingWorkflow, {
      taskQueue,
      workflowId: failingId,
      args: [{ ref, message: M.wfFailureMessage, detail: M.wfFailureDetails }],
    });
    const failure = await failing.result().catch((e: unknown) => e);
    expect(errorText(failure)).toContain(M.wfFailureMessage);
    // …and one whose workflow task fails (a bug): wait for the failed task in history, then terminate it.
    const broken = await env.client.workflow.start(phiTaskFailureWorkflow, {
      taskQueue,
      workflowId: taskFailureId,
      args: [{ ref, message: M.taskFailure }],
    });
    await waitFor(
      'a failed workflow task',
      async () => ((await broken.fetchHistory()).events ?? []).some((e) => e.workflowTaskFailedEventAttributes) || undefined,
    );
    await broken.terminate('test cleanup');
  });

  it('Temporal CLI (no codec), codec-less client and the gRPC API show no marker, in clear or in base64', async () => {
    const ids = [workflowId, `${workflowId}-child`, failingId, taskFailureId];
    for (const id of ids) {
      rawReads[`cli show ${id}`] = [historyOf(id)];
      rawReads[`cli show (shorthand) ${id}`] = [temporalCli(['workflow', 'show', '--workflow-id', id])];
      rawReads[`cli describe ${id}`] = [temporalCli(['workflow', 'describe', '--workflow-id', id])];
      rawReads[`grpc ${id}`] = await rawGrpcReads(id);
    }
    const ns = env.namespace ?? 'default';
    rawReads['cli list'] = [temporalCli(['workflow', 'list'])];
    rawReads['grpc list'] = [toScannableJson(await plain.workflowService.listWorkflowExecutions({ namespace: ns, query: '' }))];
    rawReads['describe (plain client) memo/search attributes'] = [
      toScannableJson(await plain.workflowService.describeWorkflowExecution({ namespace: ns, execution: { workflowId } })),
    ];

    const leaks = Object.entries(rawReads).flatMap(([source, texts]) =>
      texts.flatMap((t) => findMarkers(t, M).map((channel) => `${channel} in ${source}`)),
    );
    expect(leaks).toEqual([]);
    // Control: the scan does see clear text in these outputs (the opaque ref, a search-attribute value, is there).
    expect(findMarkers(rawReads[`cli show (shorthand) ${workflowId}`]![0]!, { ref })).toEqual(['ref']);
    expect(rawReads[`cli show ${workflowId}`]![0]!.length).toBeGreaterThan(2000);

    // Every payload the server keeps is encrypted, except search-attribute values (indexed, opaque).
    for (const id of ids) {
      const all = payloadsIn(JSON.parse(historyOf(id)));
      const payloads = all.filter(({ path }) => !path.includes('searchAttributes'));
      expect(payloads.length).toBeGreaterThan(id === workflowId ? 15 : 1);
      const clear = payloads.filter(
        ({ payload }) => Buffer.from(payload.metadata?.encoding ?? '', 'base64').toString() !== ENCRYPTED_ENCODING,
      );
      expect(clear.map(({ path }) => path.join('.'))).toEqual([]);
      const searchAttributeValues = all
        .filter(({ path }) => path.includes('searchAttributes'))
        .map(({ payload }) => Buffer.from(payload.data ?? '', 'base64').toString());
      for (const v of searchAttributeValues) expect(v).not.toMatch(/ZQX/);
    }
    // Failure messages and stack traces are not in clear either: the failure converter encoded them.
    const failed = JSON.stringify(JSON.parse(historyOf(failingId)));
    expect(failed).toContain('Encoded failure');
    expect(failed).not.toContain('failed for');
    expect(JSON.stringify(JSON.parse(historyOf(taskFailureId)))).not.toContain('bug while handling');
  });

  it('decoded through the codec, each marker is in its place in the history', async () => {
    const decodedEvents = async (id: string) => {
      const doc = (await decodeDocument(JSON.parse(historyOf(id)), codec)) as { events: Record<string, unknown>[] };
      return doc.events;
    };
    const events = await decodedEvents(workflowId);
    const eventWith = (attributes: string) => JSON.stringify(events.filter((e) => attributes in e));
    const expectations: [string, string[]][] = [
      [
        'workflowExecutionStartedEventAttributes',
        [M.patientName, M.ssn, M.dob, M.address, M.email, M.phone, M.mrn, M.memo, M.staticSummary, M.staticDetails],
      ],
      ['workflowPropertiesModifiedEventAttributes', [M.upsertedMemo]],
      ['activityTaskScheduledEventAttributes', [M.activityInput]],
      ['activityTaskCompletedEventAttributes', [M.activityResult]],
      ['activityTaskFailedEventAttributes', [M.failureMessage, M.failureDetails]],
      ['timerStartedEventAttributes', [M.timerSummary]],
      ['startChildWorkflowExecutionInitiatedEventAttributes', [M.childInput]],
      ['childWorkflowExecutionCompletedEventAttributes', [`child:${M.childInput}`]],
      ['workflowExecutionSignaledEventAttributes', [M.signal]],
      ['workflowExecutionUpdateAcceptedEventAttributes', [M.updateInput]],
      ['workflowExecutionUpdateCompletedEventAttributes', [`amended:${M.updateInput}`]],
      ['workflowExecutionCompletedEventAttributes', [M.patientName, M.activityResult, M.signal]],
    ];
    const missing = expectations.flatMap(([attributes, markers]) =>
      markers.filter((m) => !eventWith(attributes).includes(m)).map((m) => `${m} not in ${attributes}`),
    );
    expect(missing).toEqual([]);
    const failedEvents = JSON.stringify((await decodedEvents(failingId)).filter((e) => 'workflowExecutionFailedEventAttributes' in e));
    expect(failedEvents).toContain(M.wfFailureMessage);
    expect(failedEvents).toContain(M.wfFailureDetails);
    expect(JSON.stringify((await decodedEvents(taskFailureId)).filter((e) => 'workflowTaskFailedEventAttributes' in e))).toContain(
      M.taskFailure,
    );
  });

  it("Temporal's CLI through the codec server shows the decrypted history (and only with the token)", async () => {
    const show = ['workflow', 'show', '--workflow-id', workflowId, '--codec-endpoint', codecUrl];
    const decoded = await temporalCliAsync([...show, '--codec-auth', `Bearer ${TOKEN}`]);
    expect(decoded.code, `${decoded.stderr}\n${JSON.stringify(codecLog)}`).toBe(0);
    // The CLI prints decoded payloads as base64 of their JSON: findMarkers looks inside.
    const shown = {
      patientName: M.patientName,
      activityInput: M.activityInput,
      activityResult: M.activityResult,
      signal: M.signal,
      updateInput: M.updateInput,
      childInput: M.childInput,
      upsertedMemo: M.upsertedMemo,
      failureMessage: M.failureMessage,
      staticSummary: M.staticSummary,
    };
    expect(findMarkers(decoded.stdout, shown).sort()).toEqual(Object.keys(shown).sort());
    expect(decoded.stdout).not.toContain(Buffer.from(ENCRYPTED_ENCODING).toString('base64'));
    const denied = await temporalCliAsync([...show, '--codec-auth', 'Bearer wrong-token-0123456789', '--command-timeout', '3s']);
    expect(denied.code).not.toBe(0);
    expect(findMarkers(`${denied.stdout}${denied.stderr}`, M)).toEqual([]);
    expect(codecLog.some((l) => l.status === 200 && l.path === '/decode' && (l.payloads ?? 0) > 0)).toBe(true);
    expect(codecLog.some((l) => l.status === 401)).toBe(true);
    expect(findMarkers(JSON.stringify(codecLog), M)).toEqual([]);
  });

  it('a payload under a key the worker does not have: the workflow task fails loudly, naming the key id only', async () => {
    const rogueKeys = new StaticKeyProvider({ current: 'rogue-1', keys: { 'rogue-1': Buffer.alloc(32, 7).toString('base64') } });
    const rogue = new Client({
      connection: env.connection,
      namespace: env.namespace ?? 'default',
      dataConverter: createDataConverter(rogueKeys),
    });
    const rogueId = opaqueWorkflowId('phi-rogue', ref);
    const handle = await rogue.workflow.start(phiFailingWorkflow, {
      taskQueue,
      workflowId: rogueId,
      args: [{ ref, message: M.rogueInput, detail: M.rogueInput }],
    });
    const failedTask = await waitFor('a failed workflow task', async () =>
      ((await handle.fetchHistory()).events ?? []).find((e) => e.workflowTaskFailedEventAttributes),
    );
    // The failure is itself encrypted (with the worker's key): decoded, it names the missing key id.
    const decoded = await decodeDocument(JSON.parse(toScannableJson(failedTask.workflowTaskFailedEventAttributes)), codec);
    expect(JSON.stringify(decoded)).toMatch(/payload key .{0,8}rogue-1.{0,8} is not configured/);
    await handle.terminate('test cleanup');
    expect(findMarkers(historyOf(rogueId), M)).toEqual([]);
    // The worker's log says which key is missing (a PHI-free message), and nothing else.
    expect(logs.join('')).toMatch(/payload key .{0,8}rogue-1.{0,8} is not configured/);
  });

  it('the SDK logs (worker, workflow, activity, core) went through the redacting logger without a marker', () => {
    if (process.env.PHI_TEST_LOG_DUMP) writeFileSync(process.env.PHI_TEST_LOG_DUMP, logs.join(''));
    expect(logs.length).toBeGreaterThan(0);
    const all = logs.join('');
    expect(all).toContain('Activity failed'); // the activity failure was logged — with its message redacted
    expect(findMarkers(all, M)).toEqual([]);
  });
});
