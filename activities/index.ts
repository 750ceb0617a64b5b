// Every activity the engine's worker registers. Activities do all I/O and must be idempotent.
import path from 'node:path';
import { createDeadlineNoticeActivities } from './deadline-notices.js';
import { createEngineMailer, type EngineMailer, type MailerConfig } from '../delivery/engine-mailer.js';
import { createPolicyActivities } from './load-policy.js';
import { reportWorkerHealth } from './engine-self-check.js';
import { computeReminderSchedule } from './schedule-reminders.js';
import { decisionServiceLevel, planIncident } from './plan-incident.js';
import { createArchiveActivities, s3ArchiveFromEnv, type S3ArchiveConfig } from './archive-evidence.js';
import { createDailyDigestActivities } from './daily-digest.js';
import { createAnnualLogActivities } from './hhs-annual-log.js';
import { createBulkNotificationActivities, type BulkNotificationDeps } from './bulk-notification.js';
import { createCeNoticeActivities } from './ce-notice.js';
import { createStateLawActivities } from './state-law.js';
import type { StateLawPack } from '../domain/state-law/pack.js';
import type { Client } from '@temporalio/client';
import type { RosterReadAudit } from '../roster/roster-store.js';
import type { DatabaseConfig } from '../roster/database.js';
import type { RosterKey } from '../roster/roster-crypto.js';
import type { NoticeSmtpConfig } from '../delivery/notice-mailer.js';
import type { OrganizationProfile } from '../notices/organization.js';
import type { DeliveryProbe } from '../delivery/delivery-probe.js';
import { loadEvidenceSigner, type EvidenceSigner } from '../security/evidence-signing.js';

/**
 * What the activities use. Each value given here is used as it is; a value left out falls back to the
 * settings (config/ — DATABASE_URL, BREACH_ROSTER_KEY, BREACH_NOTICE_SMTP_*, BREACH_ORGANIZATION_FILE,
 * BREACH_DELIVERY_PROBE_URL, BREACH_ARCHIVE_S3_*, BREACH_EVIDENCE_SIGNING_KEY_FILE), read on first use.
 * A drill (drill/drill-engine.ts) gives every one of them, so no production setting is ever read.
 */
export interface EngineActivityDeps {
  dataDir: string;
  /** Engine mail (reminders, escalations, digests): a configuration, or a mailer to use as it is. */
  mailer: MailerConfig | { instance: EngineMailer };
  policyFile?: string;
  /** Evidence archive (six-year retention, 164.530(j)); default <dataDir>/archive. */
  archiveDir?: string;
  /** An S3-compatible bucket instead of the directory; default: from BREACH_ARCHIVE_S3_* (none when unset); false: none. */
  s3Archive?: S3ArchiveConfig | false;
  /** Signs archived evidence bundles; default: BREACH_EVIDENCE_SIGNING_KEY_FILE, else the key under dataDir. */
  evidenceSigner?: () => EvidenceSigner;
  /** For activities that read Temporal's visibility (the daily digest). */
  client?: Client;
  /** Told of every roster decryption by an activity (the engine's keyed audit log, 164.312(b)). */
  rosterAudit?: RosterReadAudit;
  /** The state-law pack the planning activities use (default: this build's); tests pass a variant. */
  stateLawPack?: () => StateLawPack;
  /** The roster database of the notice activities. */
  database?: DatabaseConfig;
  rosterKey?: RosterKey;
  /** Where individual and covered-entity notices are sent. */
  noticeSmtp?: NoticeSmtpConfig;
  /** The sender and letterhead of every notice. */
  org?: OrganizationProfile;
  templatesDir?: string;
  probe?: DeliveryProbe;
  unconfirmed?: BulkNotificationDeps['unconfirmed'];
  letterBatchSize?: number;
  journalDir?: string | false;
  /** A drill (issue 19): notices, letters and CE notices marked "DRILL — NOT A REAL BREACH NOTICE". */
  drill?: boolean;
}

export function createEngineActivities(deps: EngineActivityDeps) {
  const mailer = 'instance' in deps.mailer ? deps.mailer.instance : createEngineMailer(deps.mailer);
  const audit = deps.rosterAudit ? { rosterAudit: deps.rosterAudit } : {};
  const opt = <K extends keyof EngineActivityDeps>(k: K) =>
    (deps[k] !== undefined ? { [k]: deps[k] } : {}) as Partial<Pick<EngineActivityDeps, K>>;
  const noticeDeps = {
    dataDir: deps.dataDir,
    ...audit,
    ...opt('database'),
    ...opt('rosterKey'),
    ...opt('org'),
    ...opt('templatesDir'),
    ...(deps.noticeSmtp ? { smtp: deps.noticeSmtp } : {}),
    ...(deps.drill ? { drill: true } : {}),
  };
  return {
    reportWorkerHealth,
    computeReminderSchedule,
    planIncident,
    decisionServiceLevel,
    ...createStateLawActivities(deps.stateLawPack ? { pack: deps.stateLawPack } : {}),
    ...createPolicyActivities({ ...(deps.policyFile ? { policyFile: deps.policyFile } : {}) }),
    ...createDeadlineNoticeActivities({ mailer, ledgerDir: path.join(deps.dataDir, 'sent-ledger') }),
    ...createDailyDigestActivities({ mailer, ...(deps.client ? { client: deps.client } : {}) }),
    ...createAnnualLogActivities({ dataDir: deps.dataDir, ...(deps.client ? { client: deps.client } : {}) }),
    // Roster DB, SMTP and org profile: from deps, else the settings; opened on first use.
    ...createBulkNotificationActivities({
      ...noticeDeps,
      ...opt('probe'),
      ...opt('unconfirmed'),
      ...opt('letterBatchSize'),
      ...opt('journalDir'),
    }),
    ...createCeNoticeActivities(noticeDeps),
    ...(() => {
      const s3 = deps.s3Archive === false ? undefined : (deps.s3Archive ?? s3ArchiveFromEnv());
      let signer: EvidenceSigner | undefined;
      const signerOnce = () => (signer ??= deps.evidenceSigner ? deps.evidenceSigner() : loadEvidenceSigner(deps.dataDir));
      return createArchiveActivities({
        archiveDir: deps.archiveDir ?? path.join(deps.dataDir, 'archive'),
        signer: signerOnce,
        ...(s3 ? { s3 } : {}),
      });
    })(),
  };
}

export type EngineActivities = ReturnType<typeof createEngineActivities>;
