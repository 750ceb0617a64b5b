/**
 * The engine's one entry point, by role (issue 14 item 5):
 *   engine all     what `npm start` runs: the embedded Temporal dev server (unless TEMPORAL_ADDRESS is
 *                  set), the worker, the HTTP API with the web console, and the codec server
 *   engine worker  the worker only (workflows and activities on BREACH_TASK_QUEUE); run several
 *   engine api     the HTTP API and the web console only (no worker)
 *   engine codec   the codec server only (decrypts payloads for the Temporal UI / CLI)
 * The roles other than `all` connect to TEMPORAL_ADDRESS (namespace, TLS, API key, envconfig profile), or
 * to the embedded dev server of an `engine all` on this host. SIGINT/SIGTERM drain: the worker finishes
 * its in-flight tasks (grace time 10 s), the servers close, the process exits.
 */
import { setting } from '../config/index.js';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { ConfigError } from '../worker/engine-config.js';
import { startEmbeddedDevServer, type EmbeddedDevServer } from '../worker/embedded-dev-server.js';
import { connectOrFail, externalTarget, TemporalStartError, type TemporalTarget } from '../worker/temporal-connection.js';
import { bundleEngineWorkflows, createEngineWorker } from '../worker/create-worker.js';
import { createEngineMailer, mailerConfigFromEnv } from '../delivery/engine-mailer.js';
import { describeNoticeDelivery, noticeSmtpConfigFromEnv } from '../delivery/notice-mailer.js';
import { emergencyAccessNotifier } from '../security/emergency-access.js';
import { looksLikeJwt, verifyOidcToken } from '../security/oidc.js';
import { may } from '../security/api-tokens.js';
import { readPolicyFile } from '../activities/load-policy.js';
import { buildHttpApi } from '../api/http-api.js';
import { loadEvidenceSigner } from '../security/evidence-signing.js';
import { IncidentService } from '../service/incident-service.js';
import { rosterImporter } from '../service/roster-import.js';
import { buildCodecServer } from '../security/codec-server.js';
import { AesGcmPayloadCodec } from '../security/payload-codec.js';
import { createDataConverter } from '../security/data-converter.js';
import { checkOpenWorkflowKeys, describeKeyFindings, undecryptableReporter } from '../security/key-check.js';
import type { AuditLog } from '../security/audit-log.js';
import { ensureSchedules } from '../worker/engine-schedules.js';
import { TRACING_WORKFLOW_INTERCEPTORS, tracingFromSettings, type EngineTracing } from '../worker/tracing.js';
import { parseMetricsAddress, registerIncidentGauges, startMetricsServer } from '../worker/engine-metrics.js';
import { ensureSearchAttributes } from '../worker/search-attribute-registration.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import type { engineSelfCheck } from '../workflows/engine-self-check.js';
import { ProvisioningError, sdkDownloadDir } from '../scripts/temporal/locate.js';
import { provisionDevServer } from '../scripts/temporal/provision-servers.js';
import {
  asConfigError,
  localSecret,
  openWorkerAuditLog,
  prepareBase,
  prepareHttp,
  ROLES,
  roleTarget,
  say,
  type EngineBase,
  type EngineRole,
  type HttpParts,
} from './engine-setup.js';

/** After SIGINT/SIGTERM the engine is gone within this time (the worker's grace time is 10 s). */
const STOP_WITHIN_MS = 20_000;

async function devServerBinary(): Promise<string> {
  const located = await provisionDevServer((l) => say(l));
  if (located.executable.type === 'existing-path') return located.executable.path;
  const downloaded = fs.readdirSync(sdkDownloadDir()).find((f) => /^temporal-(?!test-server)/.test(f));
  if (!downloaded) throw new ProvisioningError('The SDK download cache has no Temporal CLI binary');
  return path.join(sdkDownloadDir(), downloaded);
}

/** What a role started, closed in reverse order at the end. */
type Closer = () => Promise<unknown>;

async function startCodec(base: EngineBase, http: HttpParts, codecToken: string): Promise<{ url: string; close: Closer }> {
  const { config } = base;
  const { audit, tokens, oidc } = http;
  const codecServer = await buildCodecServer({
    // Per-user decoding: an API token or OIDC token of someone who may read reports (privacy officer,
    // legal, admin) works as well as the shared codec token, and is audited with that user.
    authenticateUser: async (bearer) => {
      const checked = oidc && looksLikeJwt(bearer) ? await verifyOidcToken(oidc, bearer) : tokens.check(bearer);
      return 'principal' in checked && may(checked.principal.role, 'report') ? checked.principal.userId : undefined;
    },
    ...(http.tls ? { tls: http.tls } : {}),
    codec: new AesGcmPayloadCodec(base.keys),
    token: codecToken,
    // The token-in-the-path mode exists for the embedded dev UI (no sign-in, no custom headers), on
    // loopback only; a deployment's UI sends the token as a header (BREACH_CODEC_PATH_TOKEN=1 forces it on).
    allowTokenInPath:
      setting('BREACH_CODEC_PATH_TOKEN') === true ||
      (!config.externalAddress && /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(config.api.host)),
    allowedOrigins: [
      `http://${config.embedded.ip}:${config.embedded.uiPort}`,
      `http://localhost:${config.embedded.uiPort}`,
      ...(setting('BREACH_CODEC_CORS_ORIGINS') ?? '').split(',').filter(Boolean),
    ],
    accessLog: (line) => {
      fs.appendFileSync(path.join(config.dataDir, 'codec-access.log'), `${JSON.stringify(line)}\n`);
      // Decoding payloads reveals PHI: each call is audited (the codec token has no user: its holder is the actor).
      audit.append({
        actor: line.user ?? 'codec-token-holder',
        action: `codec ${line.method} ${line.path}`,
        ...(line.namespace ? { object: `namespace:${line.namespace}` } : {}),
        ...(line.from ? { from: line.from } : {}),
        outcome: line.status,
        ...(line.payloads !== undefined ? { count: line.payloads } : {}),
      });
    },
  });
  const url = await codecServer.listen({ host: config.api.host, port: config.codecPort });
  return { url, close: () => codecServer.close() };
}

async function startWorker(
  base: EngineBase,
  client: Client,
  native: NativeConnection,
  namespace: string,
  audit: AuditLog,
  tracing: EngineTracing | undefined,
): Promise<Worker> {
  const { config } = base;
  // Issue 17: a key set that cannot read the open workflows of this task queue stops the worker now, with
  // the key ids and the setting, instead of failing their workflow tasks in a loop.
  const keyCheck = await checkOpenWorkflowKeys({
    service: client.workflowService,
    namespace,
    taskQueue: config.taskQueue,
    keys: base.keys,
  });
  if ('skipped' in keyCheck) say(`payload-key check skipped: ${keyCheck.skipped}`);
  else if (keyCheck.findings.length > 0) throw new ConfigError(describeKeyFindings(keyCheck, config.taskQueue));
  say('bundling workflow code');
  return createEngineWorker({
    connection: native,
    namespace,
    taskQueue: config.taskQueue,
    workflowBundle: await bundleEngineWorkflows(tracing ? { workflowInterceptorModules: [TRACING_WORKFLOW_INTERCEPTORS] } : {}),
    ...(tracing ? { plugins: [tracing.plugin] } : {}),
    // While running, a payload it cannot decrypt (a workflow started later by a process with other keys)
    // is one PHI-free line naming the key id and BREACH_PAYLOAD_KEYS (at most once a minute per key id).
    dataConverter: createDataConverter(base.keys, {
      onDecryptFailure: undecryptableReporter((line) => console.error(`[engine] ${line}`)),
    }),
    ...(config.deployment ? { deployment: config.deployment } : {}),
    activities: {
      dataDir: config.dataDir,
      mailer: mailerConfigFromEnv(config.dataDir),
      client,
      ...(config.policyFile ? { policyFile: config.policyFile } : {}),
      // Every roster decryption by a notice activity is an access to PHI (164.312(b)): audited under the worker.
      rosterAudit: (read) =>
        audit.append({
          actor: 'engine:worker',
          action: 'roster.decrypt',
          object: `roster:${read.rosterId}`,
          purpose: 'breach_notification',
          outcome: 'ok',
          count: read.count,
        }),
    },
  });
}

async function startApi(base: EngineBase, http: HttpParts, client: Client): Promise<{ url: string; close: Closer }> {
  const { config } = base;
  const evidenceSigner = loadEvidenceSigner(config.dataDir);
  const policy = readPolicyFile(config.policyFile);
  const idleMinutes = setting('BREACH_CONSOLE_IDLE_MINUTES');
  if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 480)
    throw new ConfigError('BREACH_CONSOLE_IDLE_MINUTES: a whole number of minutes from 1 to 480');
  const api = buildHttpApi({
    ...(http.oidc ? { oidc: http.oidc } : {}),
    idleLogoffMinutes: idleMinutes,
    timeZone: policy.timeZone,
    onEmergencyAccess: emergencyAccessNotifier({
      mailer: createEngineMailer(mailerConfigFromEnv(config.dataDir)),
      from: policy.fromAddress,
      privacyOfficers: policy.escalationChain.filter((c) => c.role === 'privacy_officer').map((c) => c.email),
      audit: http.audit,
      say,
    }),
    evidenceSigner,
    audit: http.audit,
    ...(http.tls ? { tls: http.tls } : {}),
    service: new IncidentService({
      client,
      taskQueue: config.taskQueue,
      // An owner (a search attribute, in clear) must be a known user: an API-token user or a rung of the escalation chain.
      knownUser: (id) => http.tokens.userIds().has(id) || policy.escalationChain.some((c) => c.userId === id),
    }),
    client,
    tokens: http.tokens,
    rosters: rosterImporter(config.dataDir),
    accessLog: (line) => fs.appendFileSync(path.join(config.dataDir, 'api-access.log'), `${JSON.stringify(line)}\n`),
  });
  const url = await api.listen({ host: config.api.host, port: config.api.port });
  say(
    `  evidence key    Ed25519 ${evidenceSigner.keyId.slice(0, 16)}… (public key for counsel: ${setting('BREACH_EVIDENCE_SIGNING_KEY_FILE') ? 'from BREACH_EVIDENCE_SIGNING_KEY_FILE' : path.join(config.dataDir, 'evidence-signing-key.pub.pem')})`,
  );
  return { url, close: () => api.close() };
}

/** Runs one role until SIGINT/SIGTERM; resolves once it has stopped. */
export async function runEngine(role: EngineRole): Promise<void> {
  const base = prepareBase(role);
  const { config } = base;
  const runsWorker = role === 'all' || role === 'worker';
  const runsApi = role === 'all' || role === 'api';
  const runsCodec = role === 'all' || role === 'codec';
  // Where notices go, decided now: a bad BREACH_NOTICE_DELIVERY stops the engine with the variable named.
  const noticeDelivery = runsWorker ? asConfigError(() => describeNoticeDelivery(noticeSmtpConfigFromEnv(config.dataDir))) : undefined;
  const http = runsApi || runsCodec ? prepareHttp(config) : undefined;
  const codecToken = setting('BREACH_CODEC_TOKEN') ?? localSecret(path.join(config.dataDir, 'codec-token.txt'));

  const closers: Closer[] = [];
  let server: EmbeddedDevServer | undefined;
  let worker: Worker | undefined;
  try {
    let codecUrl: string | undefined;
    if (runsCodec) {
      const codec = await startCodec(base, http!, codecToken);
      codecUrl = codec.url;
      closers.push(codec.close);
    }

    let target: TemporalTarget | undefined;
    if (role === 'all' && !config.externalAddress) {
      const binary = await devServerBinary();
      say(`starting the embedded Temporal dev server (database ${config.embedded.dbFilename})`);
      server = await startEmbeddedDevServer({
        binary,
        ...config.embedded,
        namespace: config.namespace,
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        // The dev UI has no sign-in. By default the server gives it no codec endpoint: the shared token would
        // be served to every local user by the UI's settings endpoint and shown in `ps`. Each person sets
        // `<codec>/t/<own API token>` in the UI's codec settings (kept in their browser), decoded as and
        // audited under that person. `shared-token` restores the old convenience on a single-user machine.
        ...(setting('BREACH_DEV_UI_CODEC') === 'shared-token' && codecUrl ? { uiCodecEndpoint: `${codecUrl}/t/${codecToken}` } : {}),
        logFile: path.join(config.dataDir, 'temporal-server.log'),
        // Issue 13 item 6: found again at the next start if this process is killed.
        pidFile: path.join(config.dataDir, 'temporal-server.pid'),
        say,
      });
      const embedded = server;
      closers.push(async () => {
        say('stopping the Temporal dev server');
        await embedded.stop();
      });
      target = { connectionOptions: { address: server.address }, namespace: config.namespace, description: server.address };
    } else if (role !== 'codec') {
      target = role === 'all' ? externalTarget() : roleTarget(config);
      say(`connecting to Temporal at ${target.description}`);
    }

    let client: Client | undefined;
    let tracing: EngineTracing | undefined;
    let metricsUrl: string | undefined;
    let selfCheckId: string | undefined;
    let apiUrl: string | undefined;
    if (target) {
      const { client: connection, native } = await connectOrFail(target);
      closers.push(
        () => connection.close().catch(() => undefined),
        () => native.close().catch(() => undefined),
      );
      if (!server) await ensureSearchAttributes(connection, target.namespace, ALL_SEARCH_ATTRIBUTES, say);
      // OpenTelemetry tracing (BREACH_OTEL_*): off unless set; spans carry types and run ids only (worker/tracing.ts).
      tracing = tracingFromSettings(`breach-engine-${role}`);
      if (tracing) {
        const t = tracing;
        closers.unshift(() => t.shutdown().catch(() => undefined));
      }
      client = new Client({
        connection,
        namespace: target.namespace,
        dataConverter: base.dataConverter,
        ...(tracing ? { plugins: [tracing.plugin] } : {}),
      });
      if (base.engineMetricsAt) {
        registerIncidentGauges(client);
        const metrics = await startMetricsServer(parseMetricsAddress('BREACH_METRICS_ADDRESS', base.engineMetricsAt));
        metricsUrl = metrics.url;
        closers.push(() => metrics.close());
      }
      if (runsWorker) {
        // One writer per audit file: a worker of its own process keeps its own (audit-worker.log).
        const audit = http?.audit ?? openWorkerAuditLog(config);
        worker = await startWorker(base, client, native, target.namespace, audit, tracing);
        await ensureSchedules(client, { taskQueue: config.taskQueue, timeZone: readPolicyFile(config.policyFile).timeZone, say });
      }
      if (runsApi) {
        const api = await startApi(base, http!, client);
        apiUrl = api.url;
        closers.push(api.close);
      }
    }

    const running = worker?.run();
    if (worker && client) {
      const selfCheck = await client.workflow.execute<typeof engineSelfCheck>('engineSelfCheck', {
        taskQueue: config.taskQueue,
        workflowId: `engine-self-check-${role}-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
        workflowExecutionTimeout: '1 minute',
        // A versioned worker proves its own build (the deployment's current version may still be another).
        ...(config.deployment
          ? { versioningOverride: { pinnedTo: { deploymentName: config.deployment.deploymentName, buildId: config.deployment.buildId } } }
          : {}),
      });
      selfCheckId = selfCheck.workflowId;
    }

    say(`ready (role ${role}, pid ${process.pid})`);
    if (target) {
      say(`  Temporal gRPC   ${target.description}`);
      if (server) say(`  Temporal Web UI ${server.uiUrl}/namespaces/${target.namespace}/workflows`);
      say(`  namespace       ${target.namespace}`);
      say(`  task queue      ${config.taskQueue}`);
    }
    if (apiUrl) {
      say(`  HTTP API        ${apiUrl}  (OpenAPI: ${apiUrl}/openapi.json)`);
      say(`  web console     ${apiUrl}/console/  (sign in with an API token)`);
      if (http?.localTokenFile) say(`  API token       in ${http.localTokenFile} (local admin; set BREACH_API_TOKENS for real users)`);
    }
    if (codecUrl) {
      say(
        `  codec server    ${codecUrl}  (decrypts payloads for the Temporal UI/CLI; token in ${setting('BREACH_CODEC_TOKEN') ? 'BREACH_CODEC_TOKEN' : path.join(config.dataDir, 'codec-token.txt')})`,
      );
      if (server && setting('BREACH_DEV_UI_CODEC') === 'per-user')
        say(`  UI decoding     set ${codecUrl}/t/<your API token> as the codec endpoint in the Temporal UI (per browser)`);
    }
    say(`  data directory  ${config.dataDir}`);
    if (noticeDelivery) {
      say(`  notices to      ${noticeDelivery}`);
      const engineMail = mailerConfigFromEnv(config.dataDir);
      say(
        `  reminders to    ${engineMail.kind === 'smtp' ? `SMTP ${engineMail.host}:${engineMail.port}` : `folder ${engineMail.dir} (no BREACH_SMTP_HOST set: nobody receives them)`}`,
      );
    }
    if (metricsUrl) say(`  engine metrics  ${metricsUrl}`);
    if (tracing) say(`  tracing         ${tracing.description}  (OpenTelemetry; no payloads, no workflow ids)`);
    if (base.sdkMetrics && runsWorker) say(`  worker metrics  http://${base.sdkMetrics}/metrics  (SDK runtime)`);
    if (selfCheckId) say(`  self-check      ${selfCheckId} completed`);
    say('Press Ctrl-C to stop.');

    const signalled = new Promise<string>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) {
          say('second interrupt: exiting now');
          process.exit(130);
        }
        stopping = true;
        resolve(signal);
        // Issue 13 item 6: a graceful stop ends. In-flight activities get the worker's grace time; whatever
        // still holds the process past STOP_WITHIN_MS (a long chunk of a mailing, an SMTP pool) is left to
        // Temporal's retries (every activity is idempotent), and the dev server is stopped before exiting.
        setTimeout(() => {
          say(`still stopping after ${STOP_WITHIN_MS / 1000} s: exiting now (unfinished activities are retried at the next start)`);
          void (server ? server.stop() : Promise.resolve()).finally(() => process.exit(0));
        }, STOP_WITHIN_MS).unref();
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
    if (worker && running) {
      // A worker that fails on its own (a fatal poll error) ends the process too, with its error.
      const outcome = await Promise.race([signalled, running.then(() => undefined)]);
      if (outcome) {
        say(`${outcome}: stopping the worker (finishing in-flight tasks)…`);
        // The SDK's runtime may already have begun draining on the same signal.
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      }
      say('worker stopped');
    } else {
      say(`${await signalled}: stopping`);
    }
  } finally {
    for (const close of closers.reverse()) await close();
    say('stopped');
  }
}

/** `engine <role>` on the command line: the role's name, and one clear line for a bad setting. */
export function engineMain(argv: string[]): void {
  const role = argv[0] ?? 'all';
  if (argv.length > 1 || !(ROLES as readonly string[]).includes(role)) {
    console.error(`usage: engine [${ROLES.join('|')}]  (got: ${argv.join(' ') || 'nothing'})`);
    console.error('  all     embedded dev server (unless TEMPORAL_ADDRESS), worker, HTTP API + console, codec server');
    console.error('  worker  the worker only;  api  HTTP API + web console only;  codec  codec server only');
    process.exit(2);
  }
  runEngine(role as EngineRole).then(
    // Nothing may keep a stopped engine alive (SMTP pools, database handles, sockets): exit once stopped.
    () => process.exit(process.exitCode ?? 0),
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof TemporalStartError || err instanceof ProvisioningError) {
        console.error(`[engine] ${err.message}`);
        process.exit(1);
      }
      console.error('[engine] failed:', err);
      process.exit(1);
    },
  );
}
