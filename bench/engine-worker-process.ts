/**
 * The engine's worker (createEngineWorker, with the BREACH_WORKER_* settings of its environment) in an OS
 * process of its own, for benchmarks that measure its memory and restart it. Env: TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TASK_QUEUE, WORKFLOW_BUNDLE (a pre-built bundle file: bench-workflows.ts, the engine's
 * workflows and the baselines), BREACH_DATA_DIR, BREACH_WORKER_*. Mail goes to an outbox folder.
 * Prints `worker-ready`, then `status <rss bytes> <cached workflows> <heap used bytes>` every 500 ms, and at once
 * (after a full collection when run with --expose-gc) on a line `gc` on stdin.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createEngineWorker } from '../worker/create-worker.js';
import { testDataConverter } from '../test/harness/test-keys.js';

Runtime.install({ logger: new DefaultLogger(process.env.BENCH_WORKER_LOG_LEVEL === 'WARN' ? 'WARN' : 'ERROR') });
const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
const dataDir = process.env.BREACH_DATA_DIR!;
const connection = await NativeConnection.connect({ address });
const clientConnection = await Connection.connect({ address });
const worker = await createEngineWorker({
  connection,
  namespace,
  taskQueue: process.env.TASK_QUEUE!,
  workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
  dataConverter: testDataConverter,
  activities: {
    dataDir,
    mailer: { kind: 'outbox', dir: path.join(dataDir, 'outbox') },
    client: new Client({ connection: clientConnection, namespace, dataConverter: testDataConverter }),
  },
});
setInterval(() => {
  const st = worker.getStatus();
  process.stdout.write(`status ${process.memoryUsage().rss} ${st.numCachedWorkflows} ${process.memoryUsage().heapUsed}\n`);
}, 500).unref();
process.once('SIGTERM', () => worker.shutdown());
// A line `gc` on stdin (with --expose-gc): collect garbage, then report at once, so a benchmark reads live memory
// rather than garbage waiting to be collected. (Not a signal: the worker shuts down on SIGUSR2.)
process.stdin.on('data', (d: Buffer) => {
  if (!d.toString().includes('gc')) return;
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(
    `status ${process.memoryUsage().rss} ${worker.getStatus().numCachedWorkflows} ${process.memoryUsage().heapUsed} gc\n`,
  );
});
process.stdin.unref?.();
console.log('worker-ready');
await worker.run();
await clientConnection.close();
await connection.close();
