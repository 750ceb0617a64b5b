/**
 * Messages of the obligation workflow (one per notice): its state query, the signals the incident sends
 * it, and the status change it reports back. Definitions only, so clients import them without the
 * workflow code.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { TrackerState } from '../workflows/deadline-tracker.js';
import type { ConfirmationEvidence, ObligationEvent, ObligationStatus, TrackedObligation } from '../workflows/tracked-obligation.js';

export interface ObligationSnapshot {
  obligation: TrackedObligation;
  status: ObligationStatus;
  tracker: TrackerState;
  confirmation?: ConfirmationEvidence & { by: string; confirmedAt: string };
  withdrawal?: { by: string; reason: string; at: string };
  remindersSent: { sequence: string; kind: string; level: number; to: string[]; at: string; messageId?: string; failed?: string }[];
  events: ObligationEvent[];
}

export interface ObligationStatusChange {
  obligationId: string;
  /**
   * The reporting obligation workflow's own id (REPORT_SENDER_PATCH). One obligation id can have had more than one
   * workflow (a State item withdrawn and started again under `…/restart-<n>`): the incident applies a report only
   * from the workflow its view tracks now. Absent in reports sent before the patch (they still parse, and apply).
   */
  workflowId?: string;
  /** The workflow's last report before it completes (sent with `workflowId`, REPORT_SENDER_PATCH). */
  final?: true;
  status: ObligationStatus;
  escalationLevel: number;
  remindersSent: number;
  at: string;
}

export const confirmObligationSignal = defineSignal<[{ by: string; evidence: ConfirmationEvidence }]>('confirmObligation');
export const acknowledgeObligationSignal = defineSignal<[{ by: string }]>('acknowledgeObligation');
export const rescheduleObligationSignal =
  defineSignal<[{ obligation: TrackedObligation; by: string; reason: string }]>('rescheduleObligation');
export const withdrawObligationSignal = defineSignal<[{ by: string; reason: string }]>('withdrawObligation');
export const obligationStateQuery = defineQuery<ObligationSnapshot>('obligationState');
/** Sent by obligation workflows to their incident workflow. */
export const obligationChangedSignal = defineSignal<[ObligationStatusChange]>('obligationChanged');
