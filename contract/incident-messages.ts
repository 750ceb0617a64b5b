/**
 * Messages of the incident workflow: one update per person-facing action, the state query, and the
 * policy reload signal. Definitions only (no workflow code), so the service, the API and the CLI import
 * them without the workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AcknowledgeRequest,
  AttachRosterRequest,
  CeNoticeRecord,
  ConfirmObligationRequest,
  DecideRequest,
  DecisionRecord,
  EndLawEnforcementDelayRequest,
  IncidentSnapshot,
  LawEnforcementDelayRequest,
  MailingView,
  Recommendation,
  RecordFactsRequest,
  RosterView,
  SendCeNoticeRequest,
  StartMailingRequest,
} from './incident-types.js';
import type { ReplanStateLawAnswer, ReplanStateLawRequest } from './state-obligations.js';

export const recordFactsUpdate = defineUpdate<Recommendation, [RecordFactsRequest]>('recordFacts');
export const decideUpdate = defineUpdate<DecisionRecord, [DecideRequest]>('decide');
export const startLawEnforcementDelayUpdate = defineUpdate<{ delays: number }, [LawEnforcementDelayRequest]>('startLawEnforcementDelay');
export const endLawEnforcementDelayUpdate = defineUpdate<{ delays: number }, [EndLawEnforcementDelayRequest]>('endLawEnforcementDelay');
export const confirmObligationUpdate = defineUpdate<{ obligationId: string; status: string }, [ConfirmObligationRequest]>(
  'confirmObligation',
);
export const acknowledgeUpdate = defineUpdate<{ acknowledged: boolean }, [AcknowledgeRequest]>('acknowledge');
export const attachRosterUpdate = defineUpdate<RosterView, [AttachRosterRequest]>('attachRoster');
export const startMailingUpdate = defineUpdate<MailingView, [StartMailingRequest]>('startMailing');
export const sendCeNoticeUpdate = defineUpdate<CeNoticeRecord, [SendCeNoticeRequest]>('sendCeNotice');
/** Issue 16: "replan with current law" — preview the difference to the engine's state-law pack, or apply it. */
export const replanStateLawUpdate = defineUpdate<ReplanStateLawAnswer, [ReplanStateLawRequest]>('replanStateLaw');
export const incidentStateQuery = defineQuery<IncidentSnapshot>('incidentState');
/** Ask the workflow to re-read the notification policy (for new timers; history is unchanged). */
export const reloadPolicySignal = defineSignal('reloadPolicy');
