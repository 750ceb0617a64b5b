import path from 'node:path';
import {
  ConfigError,
  loadSettings,
  processEnv,
  workerDeployment,
  type Environment,
  type WorkerDeploymentSetting,
} from '../config/index.js';

export { ConfigError };

/**
 * The engine's process configuration, from the environment (validated by config/: every bad value is
 * reported at once, each naming its variable).
 * Temporal connection settings for an external cluster come from Temporal's own variables and profile
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE), read by
 * @temporalio/envconfig in temporal-connection.ts.
 */
export interface EngineConfig {
  dataDir: string;
  taskQueue: string;
  /** Set: connect to this external cluster. Unset: run the embedded dev server. */
  externalAddress?: string;
  namespace: string;
  /** Notification policy file (YAML/JSON); built-in defaults when unset. */
  policyFile?: string;
  embedded: { ip: string; port: number; uiPort: number; dbFilename: string };
  api: { host: string; port: number };
  /** Codec server port (on the API host). */
  codecPort: number;
  /** Worker Versioning (docs/upgrades.md); unversioned when absent. */
  deployment?: WorkerDeploymentSetting;
}

export function loadEngineConfig(env: Environment = processEnv()): EngineConfig {
  const e = loadSettings(env);
  const dataDir = path.resolve(e.BREACH_DATA_DIR);
  return {
    dataDir,
    taskQueue: e.BREACH_TASK_QUEUE,
    ...(e.TEMPORAL_ADDRESS ? { externalAddress: e.TEMPORAL_ADDRESS } : {}),
    namespace: e.TEMPORAL_NAMESPACE ?? 'default',
    ...(e.BREACH_POLICY_FILE ? { policyFile: path.resolve(e.BREACH_POLICY_FILE) } : {}),
    embedded: {
      ip: e.BREACH_TEMPORAL_IP,
      port: e.BREACH_TEMPORAL_PORT,
      uiPort: e.BREACH_TEMPORAL_UI_PORT,
      dbFilename: path.join(dataDir, 'temporal.sqlite'),
    },
    api: { host: e.BREACH_API_HOST, port: e.BREACH_API_PORT },
    codecPort: e.BREACH_CODEC_PORT,
    ...(workerDeployment(e) ? { deployment: workerDeployment(e) } : {}),
  };
}
