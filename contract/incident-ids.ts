/**
 * The ids of an incident's workflows, for every caller (the service, the API, the CLI, the workflows):
 * built only by security/opaque-id.ts, which refuses a reference or id part of PHI's shape. Pure and
 * deterministic (no clock, no I/O, no randomness): safe in workflow code. An invalid reference throws
 * OpaqueIdError naming the field and the rule, never the value.
 */
export {
  INCIDENT_WORKFLOW_ID_PREFIX,
  OpaqueIdError,
  bulkWorkflowId,
  incidentRefFromWorkflowId,
  incidentWorkflowId,
  isOpaqueRef,
  mailingWorkflowId,
  obligationWorkflowId,
  opaqueRef,
  opaqueRefProblem,
} from '../security/opaque-id.js';
