import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A worker in a process of its own (test/delivery/bulk-worker-process.ts), so a test can SIGKILL it mid-
 * work: the settings every such test gives it (Temporal, task queue, the pre-built workflow bundle, the
 * data directory, the loopback SMTP sink), plus `extra`. Resolves once the worker prints `worker-ready`.
 */
export interface WorkerProcessOptions {
  workerPath: string;
  temporalAddress: string;
  namespace?: string;
  taskQueue: string;
  bundlePath: string;
  dataDir: string;
  smtpPort: number;
  /** The sink's relay-log probe (BREACH_DELIVERY_PROBE_URL); left out when undefined. */
  probeUrl?: string;
  /** Roster database: a PostgreSQL URL, or '' for the embedded one in the data directory. */
  databaseUrl?: string;
  extra?: Record<string, string>;
  /** Environment variables of this process not to pass on. */
  omit?: string[];
  /** A name for error messages. */
  name?: string;
  /** Called with the child as soon as it is spawned (to kill it on cleanup). */
  onSpawn?: (child: ChildProcess) => void;
  /** An exit by this signal is expected (the test killed it): do not reject. */
  expectedSignal?: NodeJS.Signals;
}

export function spawnWorkerProcess(o: WorkerProcessOptions): Promise<ChildProcess> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(o.omit ?? []).includes(k)));
  const child = spawn(process.execPath, ['--import', 'tsx', o.workerPath], {
    env: {
      ...inherited,
      TEMPORAL_ADDRESS: o.temporalAddress,
      TEMPORAL_NAMESPACE: o.namespace ?? 'default',
      TASK_QUEUE: o.taskQueue,
      WORKFLOW_BUNDLE: o.bundlePath,
      BREACH_DATA_DIR: o.dataDir,
      BREACH_NOTICE_SMTP_HOST: '127.0.0.1',
      BREACH_NOTICE_SMTP_PORT: String(o.smtpPort),
      ...(o.probeUrl !== undefined ? { BREACH_DELIVERY_PROBE_URL: o.probeUrl } : {}),
      DATABASE_URL: o.databaseUrl ?? '',
      ...o.extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  o.onSpawn?.(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker-ready')) resolve(child);
    });
    child.once('exit', (code, signal) =>
      o.expectedSignal && signal === o.expectedSignal
        ? undefined
        : reject(new Error(`worker${o.name ? ` ${o.name}` : ''} exited early (${code})`)),
    );
  });
}

/** Polls `predicate` until it holds; an error naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 120_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
