import fs from 'node:fs';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * Runs `temporal server start-dev` with a persistent SQLite database and the Web UI, as a child of the
 * engine process. Flags mirror what @temporalio/testing passes (updates enabled, version check off).
 */
export async function startEmbeddedDevServer(opts: EmbeddedDevServerOptions): Promise<EmbeddedDevServer> {
  for (const p of [opts.port, opts.uiPort]) {
    if (await portInUse(opts.ip, p)) {
      throw new Error(
        `Port ${opts.ip}:${p} is already in use: another Temporal server (or an earlier engine) is running. ` +
          `Stop it, or choose other ports with BREACH_TEMPORAL_PORT / BREACH_TEMPORAL_UI_PORT, or use it with TEMPORAL_ADDRESS=${opts.ip}:${opts.port}.`,
      );
    }
  }
  const args = [
    'server', 'start-dev',
    '--ip', opts.ip,
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace,
    '--db-filename', opts.dbFilename,
    '--log-format', 'json',
    '--log-level', 'warn',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...opts.searchAttributes.flatMap((sa) => ['--search-attribute', `${sa.name}=${SA_TYPE_FLAG[sa.type]}`]),
    ...(opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
  ];
  const log = fs.openSync(opts.logFile, 'a');
  const child: ChildProcess = spawn(opts.binary, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let earlyExit: number | null | undefined;
  void exited.then((code) => {
    earlyExit = code;
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
        throw new Error(`The Temporal dev server did not become ready within 60 s (${(err as Error).message}); see ${opts.logFile}`, { cause: err });
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
