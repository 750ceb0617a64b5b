/**
 * The drill engine (issue 19): the engine's own workflows and activities, on a time-skipping Temporal test
 * server started for the drill alone (never the production server, namespace or task queue), with its own
 * data directory, every outgoing message written to a drill outbox and marked DRILL, and a facilitator's
 * clock that moves simulated time (timers fire, reminders and escalations go out as they would).
 *
 * Isolation is by construction, not configuration: the server is a fresh process on a free port (the
 * TEMPORAL_* settings are never read), the payload key is generated per drill, and every activity that
 * could reach the outside (engine mail, notice mail, the roster database, the evidence archive, the
 * delivery probe) is built here with drill-local settings; BREACH_SMTP_*, DATABASE_URL, S3 settings and
 * the production data directory are never used.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createEngineActivities } from '../activities/index.js';
import { createEngineMailer, type EngineMailer } from '../delivery/engine-mailer.js';
import { loadEvidenceSigner, type EvidenceSigner } from '../security/evidence-signing.js';
import { EXAMPLE_ORGANIZATION_FILE, loadOrganizationProfile, type OrganizationProfile } from '../notices/organization.js';
import { NoticeRenderer } from '../notices/render.js';
import { DEFAULT_TEMPLATES_DIR } from '../notices/templates.js';
import { rosterImporter, type RosterImporter } from '../service/roster-import.js';
import type { DatabaseConfig } from '../roster/database.js';
import type { RosterKey } from '../roster/roster-crypto.js';
import { createDataConverter } from '../security/data-converter.js';
import { StaticKeyProvider } from '../security/key-provider.js';
import { IncidentService } from '../service/incident-service.js';
import { bundleEngineWorkflows } from '../worker/create-worker.js';
import { ensureSearchAttributes } from '../worker/search-attribute-registration.js';
import { ALL_SEARCH_ATTRIBUTES } from '../contract/search-attributes.js';
import { requireTestServer } from '../scripts/temporal/locate.js';

import { DAY_MS, DRILL_BANNER, DRILL_BOUNCE_DOMAIN } from './drill-constants.js';
import { DrillInputError } from './scenario.js';
import { processEnv, setting } from '../config/index.js';

export { DAY_MS, DRILL_BANNER };

export class DrillIsolationError extends Error {
  override name = 'DrillIsolationError';
}

/** Where the production engine keeps its data (BREACH_DATA_DIR, default .data), resolved. */
export const productionDataDir = (env: NodeJS.ProcessEnv = processEnv()): string => path.resolve(setting('BREACH_DATA_DIR', env));

/** Refuses a drill data directory that is, or is inside, or contains the production data directory. */
export function checkDrillDataDir(dataDir: string, production = productionDataDir()): string {
  const d = path.resolve(dataDir);
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  if (inside(d, production) || inside(production, d)) {
    throw new DrillIsolationError(
      `dataDir: a drill may not use the production data directory or anything inside it (${production}); choose another directory`,
    );
  }
  return d;
}

/** Engine mail in a drill: the outbox only, subject and body marked DRILL. */
export function drillMailer(outboxDir: string): EngineMailer {
  const inner = createEngineMailer({ kind: 'outbox', dir: outboxDir });
  return {
    send: (m) => inner.send({ ...m, subject: `[DRILL] ${m.subject}`, text: `${DRILL_BANNER}\n\n${m.text}` }),
    close: () => inner.close(),
  };
}

/**
 * Settings through which engine code would reach production (relays, the roster database and its key,
 * the archive bucket, the delivery probe, the evidence signing key, the organization profile, templates).
 * The drill never reads them: every activity, the renderer and the roster importer get drill values as
 * deps (activities/index.ts). The names found in the environment are reported, values never.
 */
const PRODUCTION_SETTINGS = [
  /^BREACH_SMTP_/,
  /^BREACH_NOTICE_SMTP_/,
  /^BREACH_NOTICE_DELIVERY$/,
  /^DATABASE_URL$/,
  /^BREACH_ROSTER_KEY$/,
  /^BREACH_ARCHIVE_S3_/,
  /^BREACH_DELIVERY_PROBE_URL$/,
  /^BREACH_EVIDENCE_SIGNING_KEY_FILE$/,
  /^BREACH_ORGANIZATION_FILE$/,
  /^BREACH_TEMPLATES_DIR$/,
];

/** Names of the production settings present in `env` (which the drill ignores). */
export function productionSettingsPresent(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => env[k] !== undefined && PRODUCTION_SETTINGS.some((re) => re.test(k)))
    .sort();
}

/** The sender and letterhead of a drill's notices: the shipped synthetic example organization. */
export const drillOrganization = (): OrganizationProfile => loadOrganizationProfile(EXAMPLE_ORGANIZATION_FILE.pathname);

export interface DrillEngine {
  /** Names of the production settings present in the environment, which the drill does not use (values never shown). */
  ignoredSettings: string[];
  /** The drill's notice renderer (synthetic organization; everything marked DRILL). */
  renderer: NoticeRenderer;
  /** Roster import into the drill's own database with the drill's own key. */
  rosters: RosterImporter;
  /** Signs the drill's evidence bundles (a key in the drill's data directory). */
  evidenceSigner(): EvidenceSigner;
  /** The drill's payload key set (for a CLI or API pointed at the drill). */
  payloadKeysFile: string;
  env: TestWorkflowEnvironment;
  service: IncidentService;
  taskQueue: string;
  dataDir: string;
  /** Reminders, escalations and digests (.eml, marked DRILL). */
  outboxDir: string;
  /** Individual and covered-entity notices the team sends through the engine (.eml). */
  noticeOutboxDir: string;
  /** The simulated clock (ms since the epoch). */
  now(): Promise<number>;
  /** Moves simulated time forward; timers due meanwhile fire and their activities run. */
  advanceBy(ms: number): Promise<void>;
  advanceTo(instantMs: number): Promise<void>;
  /** Every .eml written by the drill (engine mail and notices). */
  mails(): { file: string; text: string }[];
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

let runtimeInstalled = false;
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this process (e.g. by a test harness): keep that one.
  }
}

async function startTimeSkippingServer(dataConverter: ReturnType<typeof createDataConverter>): Promise<TestWorkflowEnvironment> {
  const { executable } = requireTestServer();
  for (let i = 1; ; i++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client: { dataConverter } });
    } catch (err) {
      // A JVM on a loaded machine can miss the SDK's 5-second readiness window: retry that alone.
      if (i >= 3 || !/Failed connecting to test server/i.test((err as Error).message ?? '')) throw err;
    }
  }
}

export async function startDrillEngine(opts: { dataDir: string; productionDataDir?: string }): Promise<DrillEngine> {
  const dataDir = checkDrillDataDir(opts.dataDir, opts.productionDataDir ?? productionDataDir());
  fs.mkdirSync(dataDir, { recursive: true });
  const outboxDir = path.join(dataDir, 'drill-outbox');
  const noticeOutboxDir = path.join(dataDir, 'drill-notice-outbox');
  installQuietRuntime();
  const ignoredSettings = productionSettingsPresent(processEnv());
  // A payload key of its own: nothing a drill writes can be read with production keys, or the reverse.
  const keySet = { current: 'drill', keys: { drill: crypto.randomBytes(32).toString('base64') } };
  const dataConverter = createDataConverter(new StaticKeyProvider(keySet));
  // For the team's own CLI and API pointed at the drill (BREACH_PAYLOAD_KEYS_FILE): in the drill's directory only.
  const payloadKeysFile = path.join(dataDir, 'drill-payload-keys.json');
  fs.writeFileSync(payloadKeysFile, JSON.stringify(keySet), { mode: 0o600 });
  const [env, workflowBundle] = await Promise.all([startTimeSkippingServer(dataConverter), bundleEngineWorkflows()]);
  try {
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default', ALL_SEARCH_ATTRIBUTES, () => undefined);
    const taskQueue = `drill-${crypto.randomUUID()}`;
    const mailer = drillMailer(outboxDir);
    // Everything the activities could take from the settings, given here (issue 19 item 4): the drill's
    // own roster database and key, a notice outbox that counts as sent, the synthetic organization, the
    // shipped templates, no probe, no S3 bucket, a signing key in the drill's directory, DRILL marks.
    const database: DatabaseConfig = { pgliteDir: path.join(dataDir, 'roster-db') };
    const rosterKey: RosterKey = { id: 'drill', key: crypto.randomBytes(32) };
    const org = drillOrganization();
    const renderer = new NoticeRenderer({ org, templatesDir: DEFAULT_TEMPLATES_DIR, drill: true });
    let signer: EvidenceSigner | undefined;
    const evidenceSigner = () => (signer ??= loadEvidenceSigner(dataDir, {}));
    const activities = createEngineActivities({
      dataDir,
      mailer: { instance: mailer },
      archiveDir: path.join(dataDir, 'archive'),
      s3Archive: false,
      evidenceSigner,
      client: env.client,
      database,
      rosterKey,
      noticeSmtp: { kind: 'outbox', dir: noticeOutboxDir, confirms: true, bounceDomains: [DRILL_BOUNCE_DOMAIN] },
      org,
      templatesDir: DEFAULT_TEMPLATES_DIR,
      probe: { wasAccepted: () => Promise.resolve(undefined) },
      unconfirmed: 'hold',
      journalDir: path.join(dataDir, 'delivery-journal'),
      letterBatchSize: 5000,
      drill: true,
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
      activities,
      dataConverter,
      shutdownGraceTime: '1s',
    });
    const running = worker.run();
    const listEml = (dir: string) =>
      fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.eml'))
            .sort()
            .map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
        : [];
    return {
      ignoredSettings,
      renderer,
      rosters: rosterImporter(dataDir, { database, rosterKey }),
      evidenceSigner,
      payloadKeysFile,
      env,
      service: new IncidentService({ client: env.client, taskQueue, renderer, historyEventLimit: 0 }),
      taskQueue,
      dataDir,
      outboxDir,
      noticeOutboxDir,
      now: () => env.currentTimeMs(),
      advanceBy: (ms) => (ms > 0 ? env.sleep(ms) : Promise.resolve()),
      async advanceTo(instantMs) {
        const now = await env.currentTimeMs();
        if (instantMs > now) await env.sleep(instantMs - now);
      },
      mails: () => [...listEml(outboxDir), ...listEml(noticeOutboxDir)],
      async stop(stopOpts = {}) {
        worker.shutdown();
        await running;
        mailer.close();
        await env.teardown();
        if (!stopOpts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await env.teardown();
    throw err;
  }
}

/** "5d", "12h", "90m": a facilitator's step forward. */
export function parseAdvance(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(d|h|m)$/.exec(text.trim());
  if (!m) throw new DrillInputError(`advance: "${text}" is not a duration like 5d, 12h or 90m`);
  return Number(m[1]) * { d: DAY_MS, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}
