/**
 * A worker in its own OS process for the bulk-notification crash test and the benchmark (so it can be
 * killed with SIGKILL, and its memory measured). Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TASK_QUEUE,
 * WORKFLOW_BUNDLE (pre-built workflow code), BREACH_DATA_DIR, BREACH_NOTICE_SMTP_HOST/PORT,
 * BREACH_DELIVERY_PROBE_URL, BREACH_ORGANIZATION_FILE, LEDGER_WAVE, BREACH_DELIVERY_JOURNAL=off (optional).
 */
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { createBulkNotificationActivities } from '../../activities/bulk-notification.js';
import { testDataConverter } from '../harness/test-keys.js';
import { SYNTHETIC_ORG } from '../notices/synthetic-notice.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue: process.env.TASK_QUEUE ?? 'bulk',
  workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
  activities: createBulkNotificationActivities({
    dataDir: process.env.BREACH_DATA_DIR!,
    org: SYNTHETIC_ORG,
    ...(process.env.SEND_CONCURRENCY ? { sendConcurrency: Number(process.env.SEND_CONCURRENCY) } : {}),
    ...(process.env.LEDGER_WAVE ? { ledgerWave: Number(process.env.LEDGER_WAVE) } : {}),
  }),
  dataConverter: testDataConverter,
  maxConcurrentActivityTaskExecutions: 16,
  shutdownGraceTime: '1s',
});
if (process.env.CPU_PROFILE) {
  // Benchmark profiling: CPU profile of this worker written on SIGTERM (open it in Chrome DevTools).
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  process.once('SIGTERM', () => {
    void session.post('Profiler.stop').then(({ profile }) => {
      fs.writeFileSync(process.env.CPU_PROFILE!, JSON.stringify(profile));
      process.exit(0);
    });
  });
}
if (process.env.REPORT_RSS) {
  setInterval(() => process.stdout.write(`rss ${process.memoryUsage().rss}\n`), 250).unref();
}
console.log('worker-ready');
await worker.run();
await connection.close();
