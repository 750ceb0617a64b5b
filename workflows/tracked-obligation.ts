/**
 * What an obligation workflow tracks: one notice, with its recipient, legal deadline and target date.
 * Built by the incident workflow from the domain planner's Obligation (domain/), without PHI.
 */
export interface TrackedObligation {
  /** Stable id within the incident, e.g. `media_notice:CA`, `hhs_notice`, `ce_notice:acme-health`. */
  id: string;
  kind: string;
  /** Human label for reminders and the console, e.g. "Media notice (CA)". */
  label: string;
  /** Who receives the notice (an organization, a class of people) — never a named individual. */
  recipient: string;
  jurisdiction?: string;
  /** How many people it concerns, where that matters. */
  count?: number;
  /** The rule the obligation comes from, e.g. "45 CFR 164.406". */
  citation: string;
  /** Latest lawful date (org time zone) and the instant that day ends. */
  deadline: { date: string; instant: string };
  /** Earlier date reminders aim at ("without unreasonable delay"). */
  target: { date: string; instant: string };
  /** Law-enforcement delay (164.412): no notice may go out before this instant. */
  heldUntil?: string;
}

/** Evidence that a notice was made (164.414: the burden of proof is on the entity). */
export interface ConfirmationEvidence {
  /** When the notice was actually made (ISO instant); defaults to the confirmation time. */
  sentAt?: string;
  method: 'first_class_mail' | 'email' | 'hhs_portal' | 'press_release' | 'web_posting' | 'telephone' | 'secure_transfer' | 'other';
  /** e.g. the HHS portal transaction number, the outlet's name, a mailing-house job id. */
  reference?: string;
  note?: string;
}

export type ObligationStatus = 'open' | 'overdue' | 'confirmed' | 'withdrawn';

export interface ObligationEvent {
  at: string;
  event: string;
  by?: string;
  detail?: string;
}
