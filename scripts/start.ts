/**
 * `npm start`: the engine in one process.
 * - Embedded default: the Temporal dev server (SQLite under the data directory, Web UI on), the worker,
 *   and a self-check workflow proving the stack works end to end.
 * - With TEMPORAL_ADDRESS set: no embedded server; the worker connects there (namespace, TLS, API key
 *   from Temporal's usual environment variables / profile) and fails within seconds if unreachable.
 * Ctrl-C stops everything cleanly (worker drains, then the server stops).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { Runtime, type NativeConnection } from '@temporalio/worker';
import { createRedactingLogger, TemporalRedactingLogger } from '../security/redacting-logger.js';
import { ConfigError, loadEngineConfig } from '../worker/engine-config.js';
import { loadWorkerSettings, type WorkerSettings } from '../worker/worker-settings.js';
import { startEmbeddedDevServer, type EmbeddedDevServer } from '../worker/embedded-dev-server.js';
import { connectOrFail, externalTarget, UnreachableTemporalError, type TemporalTarget } from '../worker/temporal-connection.js';
import { bundleEngineWorkflows, createEngineWorker } from '../worker/create-worker.js';
import { createEngineMailer, mailerConfigFromEnv } from '../delivery/engine-mailer.js';
import { describeNoticeDelivery, noticeSmtpConfigFromEnv } from '../delivery/notice-mailer.js';
import { emergencyAccessNotifier } from '../security/emergency-access.js';
import { looksLikeJwt, oidcFromEnv, OidcConfigError, verifyOidcToken, type OidcConfig } from '../security/oidc.js';
import { may } from '../security/api-tokens.js';
import { readPolicyFile } from '../activities/load-policy.js';
import { buildHttpApi } from '../api/http-api.js';
import { loadEvidenceSigner } from '../security/evidence-signing.js';
import { AuditLog, loadAuditKey } from '../security/audit-log.js';
import { LoosePermissionsError, secureDataDir } from '../security/data-dir.js';
import { assertTransportAllowed, tlsFromEnv, TransportConfigError, type TlsFiles } from '../security/transport.js';
import { IncidentService } from '../service/incident-service.js';
import { rosterImporter } from '../service/roster-import.js';
import { localTokenStore } from '../worker/local-api-tokens.js';
import { buildCodecServer } from '../security/codec-server.js';
import { createDataConverter, loadKeyProvider } from '../security/data-converter.js';
import { ensureLocalKeyFile } from '../security/dev-keys.js';
import { AesGcmPayloadCodec } from '../security/payload-codec.js';
import { keyProviderFromEnv } from '../security/key-provider.js';
import crypto from 'node:crypto';
import { ensureSchedules } from '../worker/engine-schedules.js';
import { parseMetricsAddress, registerIncidentGauges, startMetricsServer } from '../worker/engine-metrics.js';
import { ensureSearchAttributes } from '../worker/search-attribute-registration.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import type { engineSelfCheck } from '../workflows/engine-self-check.js';
import { ProvisioningError, sdkDownloadDir } from './temporal/locate.js';
import { provisionDevServer } from './temporal/provision-servers.js';

const say = (line: string) => console.log(`[engine] ${line}`);
/** After SIGINT/SIGTERM the engine is gone within this time (the worker's grace time is 10 s). */
const STOP_WITHIN_MS = 20_000;

async function devServerBinary(): Promise<string> {
  const located = await provisionDevServer((l) => say(l));
  if (located.executable.type === 'existing-path') return located.executable.path;
  const downloaded = fs.readdirSync(sdkDownloadDir()).find((f) => /^temporal-(?!test-server)/.test(f));
  if (!downloaded) throw new ProvisioningError('The SDK download cache has no Temporal CLI binary');
  return path.join(sdkDownloadDir(), downloaded);
}

async function main(): Promise<void> {
  // The SDK's own logs (worker, workflow `log`, activities) go through the redacting JSON logger.
  // Worker metrics of the SDK runtime in Prometheus format when BREACH_SDK_METRICS_ADDRESS is set (host:port).
  const sdkMetrics = process.env.BREACH_SDK_METRICS_ADDRESS;
  const engineMetricsAt = process.env.BREACH_METRICS_ADDRESS;
  try {
    if (sdkMetrics) parseMetricsAddress('BREACH_SDK_METRICS_ADDRESS', sdkMetrics);
    if (engineMetricsAt) parseMetricsAddress('BREACH_METRICS_ADDRESS', engineMetricsAt);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  Runtime.install({
    logger: new TemporalRedactingLogger(createRedactingLogger({ level: process.env.BREACH_LOG_LEVEL || 'warn' })),
    ...(sdkMetrics ? { telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetrics } } } } : {}),
  });
  const config = loadEngineConfig();
  let workerSettings: WorkerSettings;
  try {
    workerSettings = loadWorkerSettings();
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  try {
    secureDataDir(config.dataDir, { allowLoose: process.env.BREACH_ALLOW_LOOSE_PERMISSIONS === '1' });
  } catch (err) {
    if (err instanceof LoosePermissionsError) throw new ConfigError(err.message);
    throw err;
  }
  // A bad policy file stops the engine now, with the field that is wrong, not at the first incident.
  try {
    readPolicyFile(config.policyFile);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  // Where notices go, decided now: a bad BREACH_NOTICE_DELIVERY stops the engine with the variable named.
  let noticeDelivery: string;
  try {
    noticeDelivery = describeNoticeDelivery(noticeSmtpConfigFromEnv(config.dataDir));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }

  // Payload encryption (issue: PHI never reaches Temporal in clear). Configured keys, or for the embedded
  // engine a key file created once under the data directory.
  let keys;
  try {
    if (!keyProviderFromEnv()) {
      const { file, created } = ensureLocalKeyFile(config.dataDir);
      if (created) say(`created a payload-encryption key set in ${file} (back it up: histories cannot be read without it)`);
    }
    keys = loadKeyProvider({ ...process.env, BREACH_DATA_DIR: config.dataDir });
  } catch (err) {
    // A bad key setting is one line naming the variable and field (never the key material), not a stack.
    throw new ConfigError((err as Error).message);
  }
  const dataConverter = createDataConverter(keys);
  let tls: TlsFiles | undefined;
  try {
    tls = tlsFromEnv();
    assertTransportAllowed('HTTP API and codec server (BREACH_API_HOST)', config.api.host, tls);
  } catch (err) {
    if (err instanceof TransportConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const audit = AuditLog.open(process.env.BREACH_AUDIT_LOG || path.join(config.dataDir, 'audit.log'), loadAuditKey(config.dataDir));
  const codecToken = process.env.BREACH_CODEC_TOKEN || localSecret(path.join(config.dataDir, 'codec-token.txt'));
  const { store, localTokenFile } = localTokenStore(config.dataDir);
  let oidc: OidcConfig | undefined;
  try {
    oidc = oidcFromEnv();
  } catch (err) {
    if (err instanceof OidcConfigError) throw new ConfigError(err.message);
    throw err;
  }
  const codecServer = await buildCodecServer({
    // Per-user decoding: an API token or OIDC token of someone who may read reports (privacy officer,
    // legal, admin) works as well as the shared codec token, and is audited with that user.
    authenticateUser: async (bearer) => {
      const checked = oidc && looksLikeJwt(bearer) ? await verifyOidcToken(oidc, bearer) : store.check(bearer);
      return 'principal' in checked && may(checked.principal.role, 'report') ? checked.principal.userId : undefined;
    },
    ...(tls ? { tls } : {}),
    codec: new AesGcmPayloadCodec(keys),
    token: codecToken,
    // The token-in-the-path mode exists for the embedded dev UI (no sign-in, no custom headers), on
    // loopback only; a deployment's UI sends the token as a header (BREACH_CODEC_PATH_TOKEN=1 forces it on).
    allowTokenInPath: process.env.BREACH_CODEC_PATH_TOKEN === '1' || (!config.externalAddress && /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(config.api.host)),
    allowedOrigins: [`http://${config.embedded.ip}:${config.embedded.uiPort}`, `http://localhost:${config.embedded.uiPort}`, ...(process.env.BREACH_CODEC_CORS_ORIGINS ?? '').split(',').filter(Boolean)],
    accessLog: (line) => {
      fs.appendFileSync(path.join(config.dataDir, 'codec-access.log'), `${JSON.stringify(line)}\n`);
      // Decoding payloads reveals PHI: each call is audited (the codec token has no user: its holder is the actor).
      audit.append({ actor: line.user ?? 'codec-token-holder', action: `codec ${line.method} ${line.path}`, ...(line.namespace ? { object: `namespace:${line.namespace}` } : {}), ...(line.from ? { from: line.from } : {}), outcome: line.status, ...(line.payloads !== undefined ? { count: line.payloads } : {}) });
    },
  });
  const codecUrl = await codecServer.listen({ host: config.api.host, port: config.codecPort });

  let server: EmbeddedDevServer | undefined;
  let target: TemporalTarget;
  if (config.externalAddress) {
    target = externalTarget();
    say(`connecting to Temporal at ${target.description}`);
  } else {
    const binary = await devServerBinary();
    say(`starting the embedded Temporal dev server (database ${config.embedded.dbFilename})`);
    server = await startEmbeddedDevServer({
      binary,
      ...config.embedded,
      namespace: config.namespace,
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      // The UI asks the codec server to decrypt; the token travels in the path (the dev UI has no sign-in).
      uiCodecEndpoint: `${codecUrl}/t/${codecToken}`,
      logFile: path.join(config.dataDir, 'temporal-server.log'),
      // Issue 13 item 6: found again at the next start if this process is killed.
      pidFile: path.join(config.dataDir, 'temporal-server.pid'),
      say,
    });
    target = { connectionOptions: { address: server.address }, namespace: config.namespace, description: server.address };
  }

  let connections: { client: { close(): Promise<void> }; native: NativeConnection } | undefined;
  try {
    const { client: connection, native } = await connectOrFail(target);
    connections = { client: connection, native };
    if (!server) await ensureSearchAttributes(connection, target.namespace, ALL_SEARCH_ATTRIBUTES, say);
    const client = new Client({ connection, namespace: target.namespace, dataConverter });
    let metricsServer: { url: string; close(): Promise<void> } | undefined;
    if (engineMetricsAt) {
      registerIncidentGauges(client);
      metricsServer = await startMetricsServer(parseMetricsAddress('BREACH_METRICS_ADDRESS', engineMetricsAt));
    }

    say('bundling workflow code');
    const worker = await createEngineWorker({
      connection: native,
      namespace: target.namespace,
      taskQueue: config.taskQueue,
      workflowBundle: await bundleEngineWorkflows(),
      dataConverter,
      settings: workerSettings,
      activities: {
        dataDir: config.dataDir,
        mailer: mailerConfigFromEnv(config.dataDir),
        client,
        ...(config.policyFile ? { policyFile: config.policyFile } : {}),
      },
    });
    const running = worker.run();
    await ensureSchedules(client, { taskQueue: config.taskQueue, timeZone: readPolicyFile(config.policyFile).timeZone, say });

    const selfCheck = await client.workflow.execute<typeof engineSelfCheck>('engineSelfCheck', {
      taskQueue: config.taskQueue,
      workflowId: `engine-self-check-${new Date().toISOString().replace(/[:.]/g, '-')}`,
      workflowExecutionTimeout: '1 minute',
    });

    const evidenceSigner = loadEvidenceSigner(config.dataDir);
    const policy = readPolicyFile(config.policyFile);
    const idleMinutes = Number(process.env.BREACH_CONSOLE_IDLE_MINUTES ?? 15);
    if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 480) throw new ConfigError('BREACH_CONSOLE_IDLE_MINUTES: a whole number of minutes from 1 to 480');
    const api = buildHttpApi({
      ...(oidc ? { oidc } : {}),
      idleLogoffMinutes: idleMinutes,
      timeZone: policy.timeZone,
      onEmergencyAccess: emergencyAccessNotifier({
        mailer: createEngineMailer(mailerConfigFromEnv(config.dataDir)),
        from: policy.fromAddress,
        privacyOfficers: policy.escalationChain.filter((c) => c.role === 'privacy_officer').map((c) => c.email),
        audit,
        say,
      }),
      evidenceSigner,
      audit,
      ...(tls ? { tls } : {}),
      service: new IncidentService({ client, taskQueue: config.taskQueue }),
      client,
      tokens: store,
      rosters: rosterImporter(config.dataDir),
      accessLog: (line) => fs.appendFileSync(path.join(config.dataDir, 'api-access.log'), `${JSON.stringify(line)}\n`),
    });
    const apiUrl = await api.listen({ host: config.api.host, port: config.api.port });

    say('ready');
    say(`  Temporal gRPC   ${target.description}`);
    if (server) say(`  Temporal Web UI ${server.uiUrl}/namespaces/${target.namespace}/workflows`);
    say(`  namespace       ${target.namespace}`);
    say(`  task queue      ${config.taskQueue}`);
    say(`  HTTP API        ${apiUrl}  (OpenAPI: ${apiUrl}/openapi.json)`);
    say(`  web console     ${apiUrl}/console/  (sign in with an API token)`);
    if (localTokenFile) say(`  API token       in ${localTokenFile} (local admin; set BREACH_API_TOKENS for real users)`);
    say(`  codec server    ${codecUrl}  (decrypts payloads for the Temporal UI/CLI; token in ${process.env.BREACH_CODEC_TOKEN ? 'BREACH_CODEC_TOKEN' : path.join(config.dataDir, 'codec-token.txt')})`);
    say(`  data directory  ${config.dataDir}`);
    say(`  evidence key    Ed25519 ${evidenceSigner.keyId.slice(0, 16)}… (public key for counsel: ${process.env.BREACH_EVIDENCE_SIGNING_KEY_FILE ? 'from BREACH_EVIDENCE_SIGNING_KEY_FILE' : path.join(config.dataDir, 'evidence-signing-key.pub.pem')})`);
    say(`  notices to      ${noticeDelivery}`);
    const engineMail = mailerConfigFromEnv(config.dataDir);
    say(`  reminders to    ${engineMail.kind === 'smtp' ? `SMTP ${engineMail.host}:${engineMail.port}` : `folder ${engineMail.dir} (no BREACH_SMTP_HOST set: nobody receives them)`}`);
    if (metricsServer) say(`  engine metrics  ${metricsServer.url}`);
    if (sdkMetrics) say(`  worker metrics  http://${sdkMetrics}/metrics  (SDK runtime)`);
    say(`  self-check      ${selfCheck.workflowId} completed`);
    say('Press Ctrl-C to stop.');

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        say('second interrupt: exiting now');
        process.exit(130);
      }
      stopping = true;
      say(`${signal}: stopping the worker (finishing in-flight tasks)…`);
      worker.shutdown();
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
    await running;
    say('worker stopped');
    await api.close();
    await codecServer.close();
    await metricsServer?.close();
  } finally {
    await connections?.client.close().catch(() => undefined);
    await connections?.native.close().catch(() => undefined);
    if (server) {
      say('stopping the Temporal dev server');
      await server.stop();
    }
    say('stopped');
  }
}

/** A random secret kept in a 0600 file under the data directory (created once). */
function localSecret(file: string): string {
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${crypto.randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file, 'utf8').trim();
}

main().then(
  // Nothing may keep a stopped engine alive (SMTP pools, database handles, sockets): exit once stopped.
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UnreachableTemporalError || err instanceof ProvisioningError) {
      console.error(`[engine] ${err.message}`);
      process.exit(1);
    }
    console.error('[engine] failed:', err);
    process.exit(1);
  },
);
