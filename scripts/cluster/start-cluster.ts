/**
 * `npm run cluster`: a production-shaped Temporal on this machine (scripts/cluster/cluster.ts): PostgreSQL
 * from npm, the server built from Go modules, frontend/history/matching/worker as separate processes on
 * 127.0.0.1. Prints the address to give the engine (TEMPORAL_ADDRESS) and runs until Ctrl-C.
 *   BREACH_CLUSTER_DIR   where PostgreSQL's data, the config and the service logs go (default: a temp dir,
 *                        removed at exit)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster } from './cluster.js';
import { ProvisioningError } from '../temporal/locate.js';
import { setting } from '../../config/index.js';

const say = (l: string) => console.log(`[cluster] ${l}`);
const clusterDir = setting('BREACH_CLUSTER_DIR');
const keep = !!clusterDir;
const dir = clusterDir ? path.resolve(clusterDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'breach-cluster-'));
const started = Date.now();
try {
  const cluster = await startCluster({ dir, progress: say });
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`  TEMPORAL_ADDRESS=${cluster.address} TEMPORAL_NAMESPACE=default`);
  say(`  services  ${[...cluster.services.values()].map((s) => `${s.name} (pid ${s.child.pid})`).join(', ')}`);
  say(
    `  PostgreSQL 127.0.0.1:${cluster.pg.port} (user ${cluster.pg.user}); server metrics on ${Object.entries(cluster.ports.metrics)
      .map(([n, port]) => `${n} 127.0.0.1:${port}`)
      .join(', ')}`,
  );
  say(`  logs      ${dir}/*.log`);
  const stop = () => {
    say('stopping');
    void cluster.stop().then(() => {
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`[cluster] FAILED: ${(err as Error).message}`);
  if (!(err instanceof ProvisioningError)) console.error(err);
  process.exit(1);
}
