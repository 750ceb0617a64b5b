import path from 'node:path';
import { z } from 'zod';

/**
 * The engine's process configuration, from the environment (validated: a bad value names the variable).
 * Temporal connection settings for an external cluster come from Temporal's own variables and profile
 * (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE), read by
 * @temporalio/envconfig in temporal-connection.ts.
 */
const port = z.coerce.number().int().min(1).max(65535);
const EngineEnv = z.object({
  BREACH_DATA_DIR: z.string().min(1).default('.data'),
  BREACH_TASK_QUEUE: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - only').default('breach-engine'),
  BREACH_TEMPORAL_PORT: port.default(7233),
  BREACH_TEMPORAL_UI_PORT: port.default(8233),
  BREACH_TEMPORAL_IP: z.string().default('127.0.0.1'),
  BREACH_API_PORT: port.default(8080),
  BREACH_API_HOST: z.string().default('127.0.0.1'),
  BREACH_CODEC_PORT: port.default(8234),
  // An empty variable (`TEMPORAL_ADDRESS=`) means unset, as shells and CI templates often leave it.
  BREACH_POLICY_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  TEMPORAL_ADDRESS: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  TEMPORAL_NAMESPACE: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
});

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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = EngineEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid engine configuration: ${problems}`);
  }
  const e = parsed.data;
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
  };
}
