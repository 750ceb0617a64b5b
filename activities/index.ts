// Every activity the engine's worker registers. Activities do all I/O and must be idempotent.
import path from 'node:path';
import { createDeadlineNoticeActivities } from './deadline-notices.js';
import { createEngineMailer, type MailerConfig } from '../delivery/engine-mailer.js';
import { createPolicyActivities } from './load-policy.js';
import { reportWorkerHealth } from './engine-self-check.js';
import { computeReminderSchedule } from './schedule-reminders.js';
import { decisionServiceLevel, planIncident } from './plan-incident.js';
import { createArchiveActivities, s3ArchiveFromEnv, type S3ArchiveConfig } from './archive-evidence.js';
import { createDailyDigestActivities } from './daily-digest.js';
import { createAnnualLogActivities } from './hhs-annual-log.js';
import { createBulkNotificationActivities } from './bulk-notification.js';
import { createCeNoticeActivities } from './ce-notice.js';
import { createStateLawActivities } from './state-law.js';
import type { StateLawPack } from '../domain/state-law/pack.js';
import type { Client } from '@temporalio/client';
import type { RosterReadAudit } from '../roster/roster-store.js';
import { loadEvidenceSigner, type EvidenceSigner } from '../security/evidence-signing.js';

export interface EngineActivityDeps {
  dataDir: string;
  mailer: MailerConfig;
  policyFile?: string;
  /** Evidence archive (six-year retention, 164.530(j)); default <dataDir>/archive. */
  archiveDir?: string;
  /** An S3-compatible bucket instead of the directory; default: from BREACH_ARCHIVE_S3_* (none when unset). */
  s3Archive?: S3ArchiveConfig;
  /** For activities that read Temporal's visibility (the daily digest). */
  client?: Client;
  /** Told of every roster decryption by an activity (the engine's keyed audit log, 164.312(b)). */
  rosterAudit?: RosterReadAudit;
  /** The state-law pack the planning activities use (default: this build's); tests pass a variant. */
  stateLawPack?: () => StateLawPack;
}

export function createEngineActivities(deps: EngineActivityDeps) {
  const mailer = createEngineMailer(deps.mailer);
  const audit = deps.rosterAudit ? { rosterAudit: deps.rosterAudit } : {};
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
    ...createBulkNotificationActivities({ dataDir: deps.dataDir, ...audit }), // roster DB, SMTP and org profile from env, opened on first use
    ...createCeNoticeActivities({ dataDir: deps.dataDir, ...audit }),
    ...(() => {
      const s3 = deps.s3Archive ?? s3ArchiveFromEnv();
      let signer: EvidenceSigner | undefined;
      const signerOnce = () => (signer ??= loadEvidenceSigner(deps.dataDir));
      return createArchiveActivities({
        archiveDir: deps.archiveDir ?? path.join(deps.dataDir, 'archive'),
        signer: signerOnce,
        ...(s3 ? { s3 } : {}),
      });
    })(),
  };
}

export type EngineActivities = ReturnType<typeof createEngineActivities>;
