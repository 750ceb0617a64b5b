import fs from 'node:fs';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';

export interface EmbeddedDevServerOptions {
  /** Path of the `temporal` CLI binary. */
  binary: string;
  ip: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file: workflows survive restarts of the engine. */
  dbFilename: string;
  searchAttributes: { name: string; type: SearchAttributeType }[];
  /** Codec server the Temporal UI should call to show decrypted payloads. */
  uiCodecEndpoint?: string;
  logFile: string;
  /**
   * Where the engine records the server it started (pid, ports, database). A server left running by an
   * engine that was killed is found through it at the next start and stopped — only when the process
   * still is that server (same binary, `start-dev`, same database file), never another process.
   */
  pidFile?: string;
  /** Progress lines for the operator. */
  say?: (line: string) => void;
}

interface PidRecord {
  pid: number;
  binary: string;
  dbFilename: string;
  port: number;
  uiPort: number;
  startedAt: string;
}

export interface EmbeddedDevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

const SA_TYPE_FLAG: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

function portInUse(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: ip, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Linux: the process's command line; elsewhere `ps`. Undefined when the process is gone (or a zombie). */
function commandLineOf(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\)\s+Z\s/.test(stat)) return undefined; // a zombie is gone, whoever reaps it
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    if (fs.existsSync('/proc/self')) return undefined;
  }
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split(/\s+/) : undefined;
}

const isOurServer = (cmd: string[] | undefined, rec: PidRecord) =>
  !!cmd &&
  (cmd[0] === rec.binary || cmd.includes(rec.binary)) &&
  cmd.includes('start-dev') &&
  cmd[cmd.indexOf('--db-filename') + 1] === rec.dbFilename;

/**
 * A dev server this engine's data directory started and nobody stopped (the engine was killed): stop it
 * (SIGTERM, then SIGKILL after 10 s) so the port and the SQLite file are free. A stale pid file (the
 * process gone, or the pid now someone else's) is removed and nothing is signalled.
 */
export async function stopOrphanDevServer(
  pidFile: string,
  dbFilename: string,
  say: (line: string) => void = () => undefined,
): Promise<'none' | 'stale' | 'stopped'> {
  let rec: PidRecord;
  try {
    rec = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return 'none';
  }
  if (!Number.isInteger(rec.pid) || rec.pid <= 1 || rec.dbFilename !== dbFilename || !isOurServer(commandLineOf(rec.pid), rec)) {
    fs.rmSync(pidFile, { force: true });
    return 'stale';
  }
  say(`stopping the Temporal dev server (pid ${rec.pid}) left running by an earlier engine that did not stop cleanly`);
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
      if (!isOurServer(commandLineOf(rec.pid), rec)) return true;
    return !isOurServer(commandLineOf(rec.pid), rec);
  };
  process.kill(rec.pid, 'SIGTERM');
  if (!(await gone(10_000))) {
    process.kill(rec.pid, 'SIGKILL');
    await gone(5_000);
  }
  fs.rmSync(pidFile, { force: true });
  return 'stopped';
}

/**
 * Runs `temporal server start-dev` with a persistent SQLite database and the Web UI, as a child of the
 * engine process. Flags mirror what @temporalio/testing passes (updates enabled, version check off).
 */
export async function startEmbeddedDevServer(opts: EmbeddedDevServerOptions): Promise<EmbeddedDevServer> {
  if (opts.pidFile) await stopOrphanDevServer(opts.pidFile, opts.dbFilename, opts.say);
  for (const p of [opts.port, opts.uiPort]) {
    if (await portInUse(opts.ip, p)) {
      throw new Error(
        `Port ${opts.ip}:${p} is already in use: another Temporal server (or an earlier engine) is running. ` +
          `Stop it, or choose other ports with BREACH_TEMPORAL_PORT / BREACH_TEMPORAL_UI_PORT, or use it with TEMPORAL_ADDRESS=${opts.ip}:${opts.port}.`,
      );
    }
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    opts.ip,
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--namespace',
    opts.namespace,
    '--db-filename',
    opts.dbFilename,
    '--log-format',
    'json',
    '--log-level',
    'warn',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...opts.searchAttributes.flatMap((sa) => ['--search-attribute', `${sa.name}=${SA_TYPE_FLAG[sa.type]}`]),
    ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
  ];
  const log = fs.openSync(opts.logFile, 'a');
  const child: ChildProcess = spawn(opts.binary, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pidFile = opts.pidFile;
  if (pidFile && child.pid) {
    const rec: PidRecord = {
      pid: child.pid,
      binary: opts.binary,
      dbFilename: opts.dbFilename,
      port: opts.port,
      uiPort: opts.uiPort,
      startedAt: new Date().toISOString(),
    };
    fs.writeFileSync(pidFile, JSON.stringify(rec), { mode: 0o600 });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let earlyExit: number | null | undefined;
  void exited.then((code) => {
    earlyExit = code;
    if (pidFile) fs.rmSync(pidFile, { force: true });
  });

  const address = `${opts.ip}:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (earlyExit !== undefined) {
      throw new Error(`The Temporal dev server exited during start-up (exit ${earlyExit}); see ${opts.logFile}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: opts.namespace });
      await connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The Temporal dev server did not become ready within 60 s (${(err as Error).message}); see ${opts.logFile}`, {
          cause: err,
        });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  return {
    address,
    uiUrl: `http://${opts.ip}:${opts.uiPort}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // the CLI shuts its server down cleanly on SIGTERM/SIGINT
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
