/**
 * What every engine role prepares before it starts its part (engine/engine.ts): the SDK runtime with the
 * redacting logger, the validated configuration, the data directory's permissions, the payload keys, and
 * — for the roles that serve HTTP — TLS, the audit log, API tokens and OIDC. A bad setting is a
 * ConfigError naming the variable; nothing here starts a server.
 */
import { loadSettings, processEnv, setting } from '../config/index.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Runtime } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createRedactingLogger, TemporalRedactingLogger } from '../security/redacting-logger.js';
import { ConfigError, loadEngineConfig, type EngineConfig } from '../worker/engine-config.js';
import { parseMetricsAddress } from '../worker/engine-metrics.js';
import { readPolicyFile } from '../activities/load-policy.js';
import { LoosePermissionsError, secureDataDir } from '../security/data-dir.js';
import { createDataConverter, loadKeyProvider } from '../security/data-converter.js';
import { ensureLocalKeyFile } from '../security/dev-keys.js';
import { keyProviderFromEnv, type KeyProvider } from '../security/key-provider.js';
import { assertTransportAllowed, tlsFromEnv, TransportConfigError, type TlsFiles } from '../security/transport.js';
import { AuditLog, loadAuditKey } from '../security/audit-log.js';
import { localTokenStore } from '../worker/local-api-tokens.js';
import { oidcFromEnv, OidcConfigError, type OidcConfig } from '../security/oidc.js';
import type { TokenStore } from '../security/api-tokens.js';
import { externalTarget, type TemporalTarget } from '../worker/temporal-connection.js';

export const ROLES = ['all', 'worker', 'api', 'codec'] as const;
export type EngineRole = (typeof ROLES)[number];

export const say = (line: string) => console.log(`[engine] ${line}`);

/** A setting's own error turned into the one-line ConfigError the entry point prints. */
export function asConfigError<T>(fn: () => T, ...kinds: (new (...a: never[]) => Error)[]): T {
  try {
    return fn();
  } catch (err) {
    if (kinds.length === 0 || kinds.some((k) => err instanceof k)) throw new ConfigError((err as Error).message);
    throw err;
  }
}

export interface EngineBase {
  role: EngineRole;
  config: EngineConfig;
  keys: KeyProvider;
  dataConverter: DataConverter;
  /** BREACH_SDK_METRICS_ADDRESS (host:port) when set: the SDK runtime's Prometheus exporter. */
  sdkMetrics?: string;
  /** BREACH_METRICS_ADDRESS when set: the engine's own metrics. */
  engineMetricsAt?: string;
}

/** Runtime, configuration, data directory and payload keys: what every role needs. */
export function prepareBase(role: EngineRole): EngineBase {
  // Every variable validated first: all problems reported at once (config/).
  const settings = loadSettings();
  const sdkMetrics = settings.BREACH_SDK_METRICS_ADDRESS;
  const engineMetricsAt = settings.BREACH_METRICS_ADDRESS;
  asConfigError(() => {
    if (sdkMetrics) parseMetricsAddress('BREACH_SDK_METRICS_ADDRESS', sdkMetrics);
    if (engineMetricsAt) parseMetricsAddress('BREACH_METRICS_ADDRESS', engineMetricsAt);
  });
  // The SDK's own logs (worker, workflow `log`, activities) go through the redacting JSON logger. Worker
  // metrics of the SDK runtime only where a worker runs.
  const withSdkMetrics = sdkMetrics && (role === 'all' || role === 'worker');
  Runtime.install({
    logger: new TemporalRedactingLogger(createRedactingLogger({ level: settings.BREACH_LOG_LEVEL })),
    ...(withSdkMetrics ? { telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetrics } } } } : {}),
  });
  const config = loadEngineConfig();
  asConfigError(() => secureDataDir(config.dataDir, { allowLoose: settings.BREACH_ALLOW_LOOSE_PERMISSIONS }), LoosePermissionsError);
  // A bad policy file stops the engine now, with the field that is wrong, not at the first incident.
  asConfigError(() => readPolicyFile(config.policyFile));

  // Payload encryption: configured keys, or a key file created once under the data directory. Processes
  // that run apart must share one key set (BREACH_PAYLOAD_KEYS / _FILE, or one data directory).
  const keys = asConfigError(() => {
    if (!keyProviderFromEnv()) {
      const { file, created } = ensureLocalKeyFile(config.dataDir);
      if (created) say(`created a payload-encryption key set in ${file} (back it up: histories cannot be read without it)`);
      if (role !== 'all')
        say(`payload keys from ${file}: every engine process of this deployment needs the same keys (BREACH_PAYLOAD_KEYS_FILE)`);
    }
    return loadKeyProvider({ ...processEnv(), BREACH_DATA_DIR: config.dataDir });
  });
  return {
    role,
    config,
    keys,
    dataConverter: createDataConverter(keys),
    ...(sdkMetrics ? { sdkMetrics } : {}),
    ...(engineMetricsAt ? { engineMetricsAt } : {}),
  };
}

export interface HttpParts {
  tls?: TlsFiles;
  audit: AuditLog;
  tokens: TokenStore;
  localTokenFile?: string;
  oidc?: OidcConfig;
}

/**
 * The audit log of a worker running in its own process (`engine worker`): BREACH_AUDIT_LOG, else
 * `<data dir>/audit-worker.log` — one writer per file, so it never shares the API's log on the same host.
 */
export function openWorkerAuditLog(config: EngineConfig): AuditLog {
  return AuditLog.open(setting('BREACH_AUDIT_LOG') ?? path.join(config.dataDir, 'audit-worker.log'), loadAuditKey(config.dataDir));
}

/** What the API and the codec server share: TLS, the audit log, API tokens, OIDC. */
export function prepareHttp(config: EngineConfig): HttpParts {
  const tls = asConfigError(() => {
    const t = tlsFromEnv();
    assertTransportAllowed('HTTP API and codec server (BREACH_API_HOST)', config.api.host, t);
    return t;
  }, TransportConfigError);
  const audit = AuditLog.open(setting('BREACH_AUDIT_LOG') ?? path.join(config.dataDir, 'audit.log'), loadAuditKey(config.dataDir));
  const { store, localTokenFile } = asConfigError(() => localTokenStore(config.dataDir));
  const oidc = asConfigError(() => oidcFromEnv(), OidcConfigError);
  return { ...(tls ? { tls } : {}), audit, tokens: store, ...(localTokenFile ? { localTokenFile } : {}), ...(oidc ? { oidc } : {}) };
}

/**
 * Where a role without an embedded server connects: the cluster of TEMPORAL_ADDRESS (namespace, TLS, API
 * key, profile read by @temporalio/envconfig), else the embedded dev server an `engine all` on this
 * host runs (BREACH_TEMPORAL_IP:BREACH_TEMPORAL_PORT).
 */
export function roleTarget(config: EngineConfig): TemporalTarget {
  if (config.externalAddress) return externalTarget();
  const address = `${config.embedded.ip}:${config.embedded.port}`;
  return {
    connectionOptions: { address },
    namespace: config.namespace,
    description: `${address} (the embedded dev server of \`engine all\`; set TEMPORAL_ADDRESS for a cluster)`,
  };
}

/** A random secret kept in a 0600 file under the data directory (created once; a racing twin's file wins). */
export function localSecret(file: string): string {
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
