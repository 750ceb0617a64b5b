// What a bundle of its own for the deadline workflows would hold (issue 18 §2, bench/workflow-memory.ts): the
// obligation and decision-due workflows (the most numerous: one per obligation, one per incident awaiting a
// decision) beside the benchmark's idle workflow, without the incident workflow's modules.
export { obligationWorkflow } from '../workflows/obligation-workflow.js';
export { decisionDueWorkflow } from '../workflows/decision-due-workflow.js';
export { benchIdleWorkflow } from '../test/fixtures/idle-workflow.js';
