/**
 * The incident workflow's run-time context: the state (the snapshot the query returns and a
 * continue-as-new carries), the facts parsed once, and the flags the main loop acts on. Every part of the
 * workflow (updates, obligations, mailings, closing) works on one of these.
 */
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { NotificationPolicy, EscalationContact } from '../../domain/notification-policy.js';
import type { IncidentFacts, RulesVersion } from '../../domain/rules.js';
import type { IncidentSnapshot, OpenIncidentInput, TimelineEntry } from '../../contract/incident-types.js';
import type { CheckedFacts } from '../../contract/incident-rules.js';

export const nowIso = (): string => new Date().toISOString();
export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

export interface IncidentContext {
  readonly input: OpenIncidentInput;
  readonly wfId: string;
  readonly rulesVersion: RulesVersion;
  readonly s: IncidentSnapshot;
  policy: NotificationPolicy | undefined;
  /**
   * `s.facts` parsed once, when they were recorded (or when a run starts from a carry): the checks that
   * need the discovery date or the affected counts read these instead of validating the raw facts again.
   */
  parsed: Extract<CheckedFacts, { ok: true }> | undefined;
  /** Something changed: the main loop runs once more. */
  dirty: boolean;
  replanRequested: boolean;
  /** Issue 16: an event State clocks run from was recorded (the HHS notice confirmed): date the pending items. */
  stateLawRefreshRequested: boolean;
  slaRescheduleRequested: boolean;
  policyReloadRequested: boolean;
  /** The update with an effect outside the workflow that is running now (issue 13 item 4). */
  effectInFlight: { requestId: string; action: string; answered?: boolean } | undefined;
  /**
   * Set by an effect that answers before its effect is delivered (issue 18 §3): the mutex (effectInFlight)
   * is held until this settles, and the run neither ends nor continues as new before it has.
   */
  settling: Promise<void> | undefined;
  /** Child workflows this run started whose completion is not in its history yet (children.ts). Not carried. */
  childrenRunning: Set<string>;
}

export function createContext(input: OpenIncidentInput, s: IncidentSnapshot, rulesVersion: RulesVersion): IncidentContext {
  return {
    input,
    wfId: workflowInfo().workflowId,
    rulesVersion,
    s,
    policy: input.carried?.policy,
    parsed: undefined,
    dirty: false,
    replanRequested: false,
    stateLawRefreshRequested: false,
    slaRescheduleRequested: !input.carried,
    policyReloadRequested: false,
    effectInFlight: undefined,
    settling: undefined,
    childrenRunning: new Set(),
  };
}

/** Refuse an action with a clear message (the update fails; nothing is written to the workflow's state). */
export function refuse(message: string): never {
  throw ApplicationFailure.create({ type: 'IncidentActionRefused', message, nonRetryable: true });
}

/** Refuse facts that break the schema or a cross-field rule; the issues (field path + rule) travel as details. */
export function refuseFacts(prefix: string, issues: readonly { path: string; message: string }[]): never {
  throw ApplicationFailure.create({
    type: 'InvalidFacts',
    message: `${prefix}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    details: [issues],
    nonRetryable: true,
  });
}

export function requireText(value: string | undefined, field: string, rule: string): void {
  if (value !== undefined && typeof value !== 'string') refuse(`${field}: must be text (${rule})`);
  if (!value || value.trim().length === 0) refuse(`${field}: required (${rule})`);
}

/** A free-text field that may be left out; when given it must be text (it is written into the record). */
export function optionalText(value: unknown, field: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') refuse(`${field}: must be text when given`);
}

export function currentPolicy(ctx: IncidentContext): NotificationPolicy {
  if (!ctx.policy) throw new Error('notification policy not loaded yet');
  return ctx.policy;
}

/** The escalation chain with the incident's owner first. */
export function chain(ctx: IncidentContext): EscalationContact[] {
  const p = currentPolicy(ctx);
  const ownerContact = p.escalationChain.find((c) => c.userId === ctx.s.owner);
  const rest = p.escalationChain.filter((c) => c.userId !== ctx.s.owner);
  return ownerContact ? [ownerContact, ...rest] : p.escalationChain;
}

export const isOpen = (s: IncidentSnapshot): boolean => s.stage !== 'closed' && s.stage !== 'closing';

export function labelOf(s: IncidentSnapshot, obligationId: string): string {
  return s.obligations.find((o) => o.obligation.id === obligationId)?.obligation.label ?? obligationId;
}

export function record(ctx: IncidentContext, ...entries: TimelineEntry[]): void {
  ctx.s.timeline.push(...entries);
}

export type ParsedFacts = IncidentFacts;
