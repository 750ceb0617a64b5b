import { z } from 'zod';

/**
 * Every environment variable the engine, its CLI and its tooling read: one definition each, with its
 * rule (zod), what it means, its default, whether it is a secret (its value never appears in an error
 * or in the README) and which roles read it. The README's configuration table is generated from this
 * list (`npm run docs:config`) and test/config checks they agree.
 */
export const ROLES = ['worker', 'api', 'codec', 'cli', 'tooling'] as const;
export type Role = (typeof ROLES)[number];

export interface VariableDefinition<S extends z.ZodType = z.ZodType> {
  /** The rule; values are strings, an empty string counts as unset. */
  schema: S;
  /** What it does (README: markdown). */
  description: string;
  /** The default as a reader should see it (README: markdown); the schema holds the value. */
  defaultText: string;
  secret: boolean;
  roles: readonly Role[];
}

const def = <S extends z.ZodType>(d: VariableDefinition<S>): VariableDefinition<S> => d;

// Rules. Messages say what a good value is; they never repeat the value given.
const text = z.string().min(1, 'must not be empty');
const path = text;
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number 1-65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be a port number 1-65535');
const positiveInt = (min = 1, max = Number.MAX_SAFE_INTEGER) => {
  const rule = max === Number.MAX_SAFE_INTEGER ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, rule)
    .transform(Number)
    .refine((n) => n >= min && n <= max, rule);
};
const positiveNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
  .transform(Number)
  .refine((n) => n > 0, 'must be a positive number');
/** `1` switches it on (`0` or unset: off). */
const flag = z.enum(['0', '1'], { error: 'must be 1 (on) or 0 (off)' }).transform((v) => v === '1');
/** `true` / `false` (nodemailer's words, kept for the SMTP settings). */
const trueFalse = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
const url = z.url({ error: 'must be an absolute URL (http:// or https://)' });
const hostPort = z.string().regex(/^[^\s:]*:\d{1,5}$/, 'must be host:port (e.g. 127.0.0.1:9464)');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const json = z.string().refine((s) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}, 'must be JSON');
const databaseUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL');
const rosterKey = z
  .string()
  .trim()
  .refine(
    (s) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length === 32,
    'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)',
  );
const name100 = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, . _ - only (at most 100)');

const ALL: readonly Role[] = ['worker', 'api', 'codec', 'cli'];
const SERVERS: readonly Role[] = ['worker', 'api', 'codec'];

export const VARIABLES = {
  // The engine and its embedded Temporal dev server.
  BREACH_DATA_DIR: def({
    schema: path.default('.data'),
    defaultText: '`.data`',
    secret: false,
    roles: ALL,
    description: "engine state: the embedded server's SQLite database, its log, local keys and tokens",
  }),
  BREACH_TASK_QUEUE: def({
    schema: name100.default('breach-engine'),
    defaultText: '`breach-engine`',
    secret: false,
    roles: ['worker', 'api', 'cli'],
    description: "the worker's task queue",
  }),
  BREACH_TEMPORAL_PORT: def({
    schema: port.default(7233),
    defaultText: '`7233`',
    secret: false,
    roles: ['worker'],
    description: 'embedded dev server gRPC port',
  }),
  BREACH_TEMPORAL_UI_PORT: def({
    schema: port.default(8233),
    defaultText: '`8233`',
    secret: false,
    roles: ['worker'],
    description: 'embedded dev server UI port',
  }),
  BREACH_DEV_UI_CODEC: def({
    schema: oneOf(['per-user', 'shared-token'] as const).default('per-user'),
    defaultText: '`per-user`',
    secret: false,
    roles: ['worker'],
    description:
      "how the embedded UI decodes: `per-user` (each person sets `<codec>/t/<own API token>` in the UI's codec settings) or `shared-token` (single-user machine only)",
  }),
  BREACH_TEMPORAL_IP: def({
    schema: text.default('127.0.0.1'),
    defaultText: '`127.0.0.1`',
    secret: false,
    roles: ['worker'],
    description: 'embedded dev server bind address',
  }),
  BREACH_HISTORY_EVENT_LIMIT: def({
    schema: positiveInt(20).optional(),
    defaultText: "the server's suggestion (~4,000 events)",
    secret: false,
    roles: ['worker', 'api', 'cli'],
    description: 'incidents and obligations continue-as-new past this many history events',
  }),
  BREACH_POLICY_FILE: def({
    schema: path.optional(),
    defaultText: 'built-in defaults',
    secret: false,
    roles: ['worker', 'api', 'cli'],
    description: 'notification policy (YAML/JSON): reminder offsets, escalation chain, target days, decision service level',
  }),
  BREACH_ORGANIZATION_FILE: def({
    schema: path.optional(),
    defaultText: 'the shipped synthetic example',
    secret: false,
    roles: ['worker', 'api'],
    description: "the organization's profile for notices (name, sender, contact lines, branding; YAML/JSON)",
  }),
  BREACH_TEMPLATES_DIR: def({
    schema: path.optional(),
    defaultText: '`templates/notices`',
    secret: false,
    roles: ['worker', 'api'],
    description: 'the notice templates (Handlebars) a privacy officer may edit',
  }),
  BREACH_LOG_LEVEL: def({
    schema: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('warn'),
    defaultText: '`warn`',
    secret: false,
    roles: SERVERS,
    description: "level of the engine's redacting JSON log",
  }),
  BREACH_ALLOW_LOOSE_PERMISSIONS: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: SERVERS,
    description:
      '`1` starts even when the data directory is open to other users (the engine refuses by default, like ssh; never for real data)',
  }),

  // Worker Versioning (docs/upgrades.md).
  BREACH_WORKER_DEPLOYMENT: def({
    schema: name100.optional(),
    defaultText: 'unset: unversioned worker',
    secret: false,
    roles: ['worker'],
    description:
      'Worker Deployment name; with `BREACH_WORKER_BUILD_ID` the worker joins that deployment version and new workflows are pinned to it ([docs/upgrades.md](docs/upgrades.md))',
  }),
  BREACH_WORKER_BUILD_ID: def({
    schema: name100.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: "this worker's build id within `BREACH_WORKER_DEPLOYMENT` (e.g. the release's git commit); both or neither",
  }),
  BREACH_WORKER_VERSIONING_BEHAVIOR: def({
    schema: oneOf(['pinned', 'auto-upgrade']).default('pinned'),
    defaultText: '`pinned`',
    secret: false,
    roles: ['worker'],
    description:
      '`pinned`: a workflow finishes on the build it started on; `auto-upgrade`: it moves to the current build (then only `patched()` protects it)',
  }),

  // Temporal connection (read by @temporalio/envconfig, listed so the table is complete).
  TEMPORAL_ADDRESS: def({
    schema: text.optional(),
    defaultText: 'unset: the embedded dev server',
    secret: false,
    roles: ALL,
    description: 'connect to this cluster instead of running the embedded server',
  }),
  TEMPORAL_NAMESPACE: def({
    schema: text.optional(),
    defaultText: '`default`',
    secret: false,
    roles: ALL,
    description: 'Temporal namespace',
  }),
  TEMPORAL_API_KEY: def({ schema: text.optional(), defaultText: 'unset', secret: true, roles: ALL, description: 'Temporal Cloud API key' }),
  TEMPORAL_TLS_CLIENT_CERT_PATH: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ALL,
    description: 'mTLS client certificate for the cluster',
  }),
  TEMPORAL_TLS_CLIENT_KEY_PATH: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ALL,
    description: 'mTLS client key for the cluster',
  }),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: def({
    schema: path.optional(),
    defaultText: 'unset: the system CAs',
    secret: false,
    roles: ALL,
    description: "the CA that signed the cluster's server certificate (turns TLS on)",
  }),
  TEMPORAL_TLS_SERVER_NAME: def({
    schema: text.optional(),
    defaultText: 'the host of `TEMPORAL_ADDRESS`',
    secret: false,
    roles: ALL,
    description: "the name the cluster's server certificate must be valid for",
  }),
  TEMPORAL_PROFILE: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ALL,
    description: "a profile of `temporal.toml` (Temporal's standard connection settings)",
  }),

  // Payload encryption.
  BREACH_PAYLOAD_KEYS: def({
    schema: json.optional(),
    defaultText: '`.data/payload-keys.json` (created)',
    secret: true,
    roles: ALL,
    description: 'payload-encryption key set (JSON `{"current","keys"}`); or `BREACH_PAYLOAD_KEYS_FILE`, not both',
  }),
  BREACH_PAYLOAD_KEYS_FILE: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ALL,
    description: 'file holding the payload-encryption key set',
  }),

  // HTTP API, console, sign-in.
  BREACH_API_PORT: def({ schema: port.default(8080), defaultText: '`8080`', secret: false, roles: ['api'], description: 'HTTP API port' }),
  BREACH_API_HOST: def({
    schema: text.default('127.0.0.1'),
    defaultText: '`127.0.0.1`',
    secret: false,
    roles: ['api'],
    description: 'HTTP API bind address',
  }),
  BREACH_API_TOKENS: def({
    schema: json.optional(),
    defaultText: 'a local admin token in `.data/api-token.txt`',
    secret: true,
    roles: ['api'],
    description:
      'JSON list of `{userId, role, token or sha256, expiresAt?, emergency?}`; `breach token create` prints a new token and its hashed entry',
  }),
  BREACH_API_TOKENS_FILE: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['api'],
    description: 'file holding the `BREACH_API_TOKENS` list',
  }),
  BREACH_OIDC_ISSUER: def({
    schema: url.optional(),
    defaultText: 'unset: API tokens only',
    secret: false,
    roles: ['api'],
    description: "single sign-on: OIDC JWTs from this issuer, verified against the IdP's keys",
  }),
  BREACH_OIDC_AUDIENCE: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['api'],
    description: 'the audience OIDC tokens must carry',
  }),
  BREACH_OIDC_JWKS_URL: def({
    schema: url.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['api'],
    description: "the IdP's key set (or `BREACH_OIDC_JWKS_FILE`)",
  }),
  BREACH_OIDC_JWKS_FILE: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['api'],
    description: "the IdP's key set as a local file",
  }),
  BREACH_OIDC_ROLE_CLAIM: def({
    schema: text.default('breach_role'),
    defaultText: '`breach_role`',
    secret: false,
    roles: ['api'],
    description: 'the token claim naming the role',
  }),
  BREACH_OIDC_USER_CLAIM: def({
    schema: text.default('preferred_username'),
    defaultText: '`preferred_username`',
    secret: false,
    roles: ['api'],
    description: 'the token claim naming the user',
  }),
  BREACH_CONSOLE_IDLE_MINUTES: def({
    schema: positiveInt(1, 480).default(15),
    defaultText: '`15`',
    secret: false,
    roles: ['api'],
    description: 'the web console signs out after this many idle minutes (164.312(a)(2)(iii))',
  }),
  BREACH_TLS_CERT_FILE: def({
    schema: path.optional(),
    defaultText: 'unset: clear HTTP, loopback only',
    secret: false,
    roles: ['api', 'codec'],
    description: 'PEM certificate (with `BREACH_TLS_KEY_FILE`): the API, console and codec server speak TLS with HSTS (164.312(e))',
  }),
  BREACH_TLS_KEY_FILE: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['api', 'codec'],
    description: 'PEM private key for `BREACH_TLS_CERT_FILE`',
  }),
  BREACH_ALLOW_PLAINTEXT: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: ['api', 'codec'],
    description: '`1` allows binding a non-loopback `BREACH_API_HOST` without TLS (only behind a TLS-terminating proxy)',
  }),
  BREACH_AUDIT_LOG: def({
    schema: path.optional(),
    defaultText: '`.data/audit.log` (`engine worker` alone: `.data/audit-worker.log`)',
    secret: false,
    roles: ['api', 'codec', 'worker', 'cli'],
    description:
      'the keyed, chained audit trail of every API and codec access and roster decryption (164.312(b)); one file per process; `breach audit verify`, `breach audit export`',
  }),
  BREACH_AUDIT_KEY_FILE: def({
    schema: path.optional(),
    defaultText: '`.data/audit-key` (created, 0600)',
    secret: false,
    roles: ['api', 'codec', 'cli'],
    description: 'the key that chains the audit log',
  }),

  // Codec server.
  BREACH_CODEC_PORT: def({
    schema: port.default(8234),
    defaultText: '`8234`',
    secret: false,
    roles: ['codec'],
    description: 'codec server for the Temporal UI (on the API host)',
  }),
  BREACH_CODEC_TOKEN: def({
    schema: z.string().trim().min(16, 'must be at least 16 characters (e.g. `openssl rand -base64 24`)').optional(),
    defaultText: '`.data/codec-token.txt` (created)',
    secret: true,
    roles: ['codec'],
    description: 'bearer token the codec server requires',
  }),
  BREACH_CODEC_CORS_ORIGINS: def({
    schema: text.optional(),
    defaultText: "the embedded UI's origin",
    secret: false,
    roles: ['codec'],
    description: 'extra origins (comma-separated) allowed to call the codec server',
  }),
  BREACH_CODEC_PATH_TOKEN: def({
    schema: flag.optional(),
    defaultText: 'on for loopback',
    secret: false,
    roles: ['codec'],
    description: '`1` forces the token-in-path mode (the embedded UI only)',
  }),

  // Mail: reminders and escalations; notices to individuals and covered entities.
  BREACH_SMTP_HOST: def({
    schema: text.optional(),
    defaultText: 'unset: `.eml` files in `.data/outbox/`',
    secret: false,
    roles: ['worker'],
    description: 'SMTP relay for reminders and escalations',
  }),
  BREACH_SMTP_PORT: def({ schema: port.optional(), defaultText: '`587`', secret: false, roles: ['worker'], description: 'its port' }),
  BREACH_SMTP_SECURE: def({
    schema: trueFalse.optional(),
    defaultText: '`false`',
    secret: false,
    roles: ['worker'],
    description: '`true`: implicit TLS',
  }),
  BREACH_SMTP_USER: def({ schema: text.optional(), defaultText: 'unset', secret: false, roles: ['worker'], description: 'its user' }),
  BREACH_SMTP_PASS: def({ schema: text.optional(), defaultText: 'unset', secret: true, roles: ['worker'], description: 'its password' }),
  BREACH_NOTICE_SMTP_HOST: def({
    schema: text.optional(),
    defaultText: 'the `BREACH_SMTP_*` values',
    secret: false,
    roles: ['worker'],
    description:
      'SMTP relay for notices to individuals and covered entities (each `BREACH_NOTICE_SMTP_*` falls back to its `BREACH_SMTP_*`)',
  }),
  BREACH_NOTICE_SMTP_PORT: def({
    schema: port.optional(),
    defaultText: '`587`',
    secret: false,
    roles: ['worker'],
    description: 'its port',
  }),
  BREACH_NOTICE_SMTP_SECURE: def({
    schema: trueFalse.optional(),
    defaultText: '`false`',
    secret: false,
    roles: ['worker'],
    description: '`true`: implicit TLS',
  }),
  BREACH_NOTICE_SMTP_REQUIRE_TLS: def({
    schema: trueFalse.optional(),
    defaultText: '`false`',
    secret: false,
    roles: ['worker'],
    description: '`true`: refuse a relay without STARTTLS',
  }),
  BREACH_NOTICE_SMTP_USER: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: 'its user',
  }),
  BREACH_NOTICE_SMTP_PASS: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: true,
    roles: ['worker'],
    description: 'its password',
  }),
  BREACH_NOTICE_SMTP_MAX_CONNECTIONS: def({
    schema: positiveInt(1).optional(),
    defaultText: "the mailer's default",
    secret: false,
    roles: ['worker'],
    description: 'parallel connections to the relay',
  }),
  BREACH_NOTICE_DELIVERY: def({
    schema: oneOf(['smtp', 'folder', 'folder-confirms']).optional(),
    defaultText: '`smtp` with a host, else `folder`',
    secret: false,
    roles: ['worker'],
    description:
      '`smtp` (a host is required); `folder`: `.eml` files in `.data/notice-outbox/`, **development and tests only** — they reach no one, so no obligation is ever confirmed from them; `folder-confirms`: the folder counts as delivery (another system posts its files, or a test reads them)',
  }),
  BREACH_DELIVERY_PROBE_URL: def({
    schema: url.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: '`GET <url>/<message-id>` → 200/404: did the relay accept a message whose outcome a crash left unknown',
  }),
  BREACH_DELIVERY_JOURNAL: def({
    schema: oneOf(['on', 'off']).default('on'),
    defaultText: 'on: `.data/delivery-journal/`',
    secret: false,
    roles: ['worker'],
    description:
      '`off` disables the local journal of accepted Message-IDs that prevents resends after a worker is killed (docs/bulk-notification.md)',
  }),
  BREACH_UNCONFIRMED_SENDS: def({
    schema: oneOf(['resend', 'hold']).default('resend'),
    defaultText: '`resend`',
    secret: false,
    roles: ['worker'],
    description: 'without a probe or journal entry, an unknown outcome is sent again (same Message-ID) or `hold` (a person decides)',
  }),
  BREACH_LETTER_BATCH_SIZE: def({
    schema: positiveInt(1, 50_000).default(5000),
    defaultText: '`5000`',
    secret: false,
    roles: ['worker'],
    description:
      'letters per mail-house PDF batch (1–50,000); each batch gets an encrypted manifest and SHA-256s, and the mailing a hand-over summary (`docs/performance.md#letters`)',
  }),
  // Worker tuning (worker/worker-settings.ts checks them and the rule between them; docs/performance.md).
  BREACH_WORKER_MAX_CACHED_WORKFLOWS: def({
    schema: positiveInt(0, 100_000).default(100),
    defaultText: '`100`',
    secret: false,
    roles: ['worker'],
    description:
      'workflows the worker keeps in memory (~0.5–0.6 MB each when idle); the rest wait on the server and are replayed when they next have work; `0` turns the cache off ([docs/performance.md](docs/performance.md)). Cap the heap with `NODE_OPTIONS=--max-old-space-size=384` so evicted workflows are collected',
  }),
  BREACH_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: def({
    schema: positiveInt(2, 10_000).default(40),
    defaultText: '`40`',
    secret: false,
    roles: ['worker'],
    description: 'workflow tasks run at once (at most the cache size)',
  }),
  BREACH_WORKER_MAX_CONCURRENT_ACTIVITIES: def({
    schema: positiveInt(1, 10_000).default(100),
    defaultText: '`100`',
    secret: false,
    roles: ['worker'],
    description: 'activities run at once',
  }),
  BREACH_WORKER_WORKFLOW_POLLERS: def({
    schema: positiveInt(2, 1_000).default(10),
    defaultText: '`10`',
    secret: false,
    roles: ['worker'],
    description: 'long polls for workflow tasks (at least 2)',
  }),
  BREACH_WORKER_ACTIVITY_POLLERS: def({
    schema: positiveInt(1, 1_000).default(10),
    defaultText: '`10`',
    secret: false,
    roles: ['worker'],
    description: 'long polls for activity tasks',
  }),

  // Rosters, evidence, archive.
  DATABASE_URL: def({
    schema: databaseUrl.optional(),
    defaultText: 'unset: embedded PGlite in `.data/roster-db/`',
    secret: true,
    roles: ['worker', 'api', 'cli'],
    description: 'PostgreSQL for rosters and the delivery ledger (required when several workers share them)',
  }),
  BREACH_ROSTER_KEY: def({
    schema: rosterKey.optional(),
    defaultText: '`.data/roster-key` (created, 0600)',
    secret: true,
    roles: ['worker', 'api', 'cli'],
    description: 'key that encrypts each roster column',
  }),
  BREACH_EVIDENCE_SIGNING_KEY_FILE: def({
    schema: path.optional(),
    defaultText: '`.data/evidence-signing-key.pem` (created, 0600)',
    secret: false,
    roles: ['worker', 'cli'],
    description: 'Ed25519 key (PKCS#8 PEM) that signs evidence bundles; see `docs/evidence.md`',
  }),
  BREACH_ARCHIVE_S3_BUCKET: def({
    schema: text.optional(),
    defaultText: 'unset: `.data/archive/`',
    secret: false,
    roles: ['worker'],
    description: 'evidence archive in an S3-compatible bucket (AWS credentials the usual way)',
  }),
  BREACH_ARCHIVE_S3_PREFIX: def({
    schema: z.string().default('evidence/'),
    defaultText: '`evidence/`',
    secret: false,
    roles: ['worker'],
    description: 'key prefix in the bucket',
  }),
  BREACH_ARCHIVE_S3_ENDPOINT: def({
    schema: url.optional(),
    defaultText: 'AWS',
    secret: false,
    roles: ['worker'],
    description: 'endpoint of an S3-compatible store',
  }),
  BREACH_ARCHIVE_S3_REGION: def({
    schema: text.optional(),
    defaultText: '`AWS_REGION`, else `us-east-1`',
    secret: false,
    roles: ['worker'],
    description: "the bucket's region",
  }),
  BREACH_ARCHIVE_S3_FORCE_PATH_STYLE: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: '`1`: path-style URLs (MinIO and the like)',
  }),
  BREACH_ARCHIVE_S3_OBJECT_LOCK: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: '`1`: write with Object Lock retention',
  }),
  AWS_REGION: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: "AWS's own region variable (the archive's fallback)",
  }),

  // Metrics.
  BREACH_METRICS_ADDRESS: def({
    schema: hostPort.optional(),
    defaultText: 'unset (off)',
    secret: false,
    roles: ['worker'],
    description: "`host:port` of the engine's Prometheus metrics ([docs/deployment.md](docs/deployment.md))",
  }),
  BREACH_OTEL_TRACES_ENDPOINT: def({
    schema: url.optional(),
    defaultText: 'unset (tracing off)',
    secret: false,
    roles: ['worker', 'api'],
    description:
      'OpenTelemetry tracing through the SDK interceptors, sent over OTLP/HTTP to this URL (e.g. `http://collector:4318/v1/traces`); spans carry types and run ids only (docs/deployment.md)',
  }),
  BREACH_OTEL_TRACES_FILE: def({
    schema: path.optional(),
    defaultText: 'unset (tracing off)',
    secret: false,
    roles: ['worker', 'api'],
    description: 'OpenTelemetry tracing to a file instead (JSON lines, one span each): tests and a quick look',
  }),
  BREACH_SDK_METRICS_ADDRESS: def({
    schema: hostPort.optional(),
    defaultText: 'unset (off)',
    secret: false,
    roles: ['worker'],
    description: "`host:port` of the SDK runtime's worker metrics",
  }),
  BREACH_METRICS_DEBUG: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: ['worker'],
    description: '`1` prints why a metrics gauge could not be read',
  }),

  // The CLI.
  BREACH_USER: def({
    schema: text.optional(),
    defaultText: 'your login',
    secret: false,
    roles: ['cli'],
    description: 'who the CLI says is acting',
  }),
  BREACH_CLI_TIMEOUT_SECONDS: def({
    schema: positiveNumber.default(30),
    defaultText: '`30`',
    secret: false,
    roles: ['cli'],
    description:
      'a `breach` command the engine does not answer within this time fails with a clear message (exit 1); see `docs/reliability.md`',
  }),
  BREACH_API_URL: def({
    schema: url.default('http://127.0.0.1:8080'),
    defaultText: '`http://127.0.0.1:8080`',
    secret: false,
    roles: ['cli'],
    description: "where the `breach` CLI reaches the engine's HTTP API (every incident command goes through it)",
  }),
  BREACH_API_TOKEN: def({
    schema: text.optional(),
    defaultText: '`.data/api-token.txt` of a local engine',
    secret: true,
    roles: ['cli'],
    description: "the CLI's credential: the user it acts as (there is no `--as`); or `BREACH_API_TOKEN_FILE`",
  }),
  BREACH_API_TOKEN_FILE: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['cli'],
    description: "a file holding the CLI's API token (kept out of the environment and of `ps`)",
  }),
  BREACH_BREAK_GLASS_REASON: def({
    schema: text.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['cli'],
    description: 'with a break-glass credential: the reason the CLI sends with each request (audited, reported to the privacy officer)',
  }),
  BREACH_CLI_FROM_SOURCE: def({
    schema: flag.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['tooling'],
    description: '`1` runs the `breach` CLI from its TypeScript sources (tsx) even when the compiled build in `dist/` is current',
  }),

  // Tooling: provisioning, tests, the local cluster.
  BREACH_CACHE_DIR: def({
    schema: path.optional(),
    defaultText: '`~/.cache/breach-engine/temporal`',
    secret: false,
    roles: ['tooling'],
    description: 'provisioned Temporal binaries (outside git, shared by clones)',
  }),
  XDG_CACHE_HOME: def({
    schema: path.optional(),
    defaultText: '`~/.cache`',
    secret: false,
    roles: ['tooling'],
    description: 'the user cache directory (under which `BREACH_CACHE_DIR` defaults)',
  }),
  BREACH_NO_DOWNLOAD: def({
    schema: flag.default(false),
    defaultText: 'unset',
    secret: false,
    roles: ['tooling'],
    description: '`1` forbids the SDK-download fallback',
  }),
  TEMPORAL_CLI_PATH: def({
    schema: path.optional(),
    defaultText: 'PATH, then the cache',
    secret: false,
    roles: ['tooling'],
    description: 'the Temporal CLI binary (dev server) to use',
  }),
  TEMPORAL_TEST_SERVER_PATH: def({
    schema: path.optional(),
    defaultText: 'the cache',
    secret: false,
    roles: ['tooling'],
    description: 'the time-skipping test server to use',
  }),
  BREACH_CLUSTER_DIR: def({
    schema: path.optional(),
    defaultText: 'a temporary directory',
    secret: false,
    roles: ['tooling'],
    description: "`npm run cluster`: where PostgreSQL's data, the config and the service logs go (kept)",
  }),
  BREACH_CHROMIUM: def({
    schema: oneOf(['auto', 'bundled', 'system']).default('auto'),
    defaultText: '`auto`',
    secret: false,
    roles: ['tooling'],
    description: 'which Chromium the console browser tests use',
  }),
  CHROMIUM_PATH: def({
    schema: path.optional(),
    defaultText: 'unset',
    secret: false,
    roles: ['tooling'],
    description: 'an explicit Chromium binary (wins over `BREACH_CHROMIUM`)',
  }),
} as const satisfies Record<string, VariableDefinition>;

export type VariableName = keyof typeof VARIABLES;
/** Each variable's parsed value: numbers, booleans, enums; `undefined` when unset without default. */
export type Settings = { [K in VariableName]: z.output<(typeof VARIABLES)[K]['schema']> };
