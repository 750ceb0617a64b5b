/**
 * The engine's worker (every workflow and activity) in its own OS process, so the fault suite can kill it
 * with SIGKILL at any moment while the dev server keeps the state. Env: TEMPORAL_ADDRESS, TASK_QUEUE,
 * WORKFLOW_BUNDLE (pre-built workflow code), BREACH_DATA_DIR, BREACH_NOTICE_SMTP_HOST/PORT (individual
 * notices to the test's SMTP sink); the engine's own mail goes to <data>/outbox.
 */
import path from 'node:path';
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createEngineActivities } from '../../activities/index.js';
import { testDataConverter } from '../harness/test-keys.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
const dataDir = process.env.BREACH_DATA_DIR!;
const connection = await NativeConnection.connect({ address });
const client = new Client({ connection: await Connection.connect({ address }), dataConverter: testDataConverter });
const worker = await Worker.create({
  connection,
  namespace: 'default',
  taskQueue: process.env.TASK_QUEUE!,
  workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
  activities: createEngineActivities({ dataDir, mailer: { kind: 'outbox', dir: path.join(dataDir, 'outbox') }, client }),
  dataConverter: testDataConverter,
  shutdownGraceTime: '1s',
  // A killed worker's sticky tasks move to the normal queue quickly.
  stickyQueueScheduleToStartTimeout: '2s',
});
console.log('worker-ready');
await worker.run();
