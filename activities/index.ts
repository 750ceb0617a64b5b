// Every activity the engine's worker registers. Activities do all I/O and must be idempotent.
import path from 'node:path';
import { createDeadlineNoticeActivities } from './deadline-notices.js';
import { createEngineMailer, type MailerConfig } from './engine-mailer.js';
import { createPolicyActivities } from './load-policy.js';
import { reportWorkerHealth } from './engine-self-check.js';
import { computeReminderSchedule } from './schedule-reminders.js';

export interface EngineActivityDeps {
  dataDir: string;
  mailer: MailerConfig;
  policyFile?: string;
}

export function createEngineActivities(deps: EngineActivityDeps) {
  const mailer = createEngineMailer(deps.mailer);
  return {
    reportWorkerHealth,
    computeReminderSchedule,
    ...createPolicyActivities({ ...(deps.policyFile ? { policyFile: deps.policyFile } : {}) }),
    ...createDeadlineNoticeActivities({ mailer, ledgerDir: path.join(deps.dataDir, 'sent-ledger') }),
  };
}

export type EngineActivities = ReturnType<typeof createEngineActivities>;
