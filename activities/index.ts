// Every activity the engine's worker registers. Activities do all I/O and must be idempotent.
import path from 'node:path';
import { createDeadlineNoticeActivities } from './deadline-notices.js';
import { createEngineMailer, type MailerConfig } from './engine-mailer.js';
import { createPolicyActivities } from './load-policy.js';
import { reportWorkerHealth } from './engine-self-check.js';
import { computeReminderSchedule } from './schedule-reminders.js';
import { decisionServiceLevel, planIncident } from './plan-incident.js';
import { createArchiveActivities } from './archive-evidence.js';
import { createDailyDigestActivities } from './daily-digest.js';
import { createAnnualLogActivities } from './hhs-annual-log.js';
import type { Client } from '@temporalio/client';

export interface EngineActivityDeps {
  dataDir: string;
  mailer: MailerConfig;
  policyFile?: string;
  /** Evidence archive (six-year retention, 164.530(j)); default <dataDir>/archive. */
  archiveDir?: string;
  /** For activities that read Temporal's visibility (the daily digest). */
  client?: Client;
}

export function createEngineActivities(deps: EngineActivityDeps) {
  const mailer = createEngineMailer(deps.mailer);
  return {
    reportWorkerHealth,
    computeReminderSchedule,
    planIncident,
    decisionServiceLevel,
    ...createPolicyActivities({ ...(deps.policyFile ? { policyFile: deps.policyFile } : {}) }),
    ...createDeadlineNoticeActivities({ mailer, ledgerDir: path.join(deps.dataDir, 'sent-ledger') }),
    ...createDailyDigestActivities({ mailer, ...(deps.client ? { client: deps.client } : {}) }),
    ...createAnnualLogActivities({ dataDir: deps.dataDir, ...(deps.client ? { client: deps.client } : {}) }),
    ...createArchiveActivities({ archiveDir: deps.archiveDir ?? path.join(deps.dataDir, 'archive') }),
  };
}

export type EngineActivities = ReturnType<typeof createEngineActivities>;
