// Every workflow the engine's worker registers. Workflow code runs in Temporal's deterministic sandbox:
// no I/O, no Node builtins (enforced by eslint), side effects only through activities.
export { bulkNotificationWorkflow } from './bulk-notification-workflow.js';
export { dailyDigestWorkflow } from './daily-digest-workflow.js';
export { engineSelfCheck } from './engine-self-check.js';
export { hhsAnnualLogWorkflow } from './hhs-annual-log-workflow.js';
export { incidentWorkflow } from './incident/incident-workflow.js';
export { obligationWorkflow } from './obligation-workflow.js';
export { noticeMailingWorkflow } from './notice-mailing-workflow.js';
export { decisionDueWorkflow } from './decision-due-workflow.js';
