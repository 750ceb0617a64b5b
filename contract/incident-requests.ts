/**
 * The request schemas of every incident action, written once. Two shapes per action that changes an
 * incident:
 * - `…Body`: what a client sends over HTTP (strict: an unknown field is refused; `requestId` optional —
 *   the service makes one; no `by`: the server takes it from the authenticated user; no path parameters);
 * - `…Request`: the incident workflow update's argument (`requestId` and `by` required, path parameters
 *   such as `obligationId` included). Its type, by `z.infer`, is the type the update definition carries
 *   (contract/incident-messages.ts), so the workflow's validators can parse with the same schema.
 *
 * Pure (zod and security/opaque-id.ts only): importable from workflow code.
 */
import { z } from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';
import {
  DRAFT_KINDS,
  EVIDENCE_METHODS,
  INCIDENT_ROLES,
  INCIDENT_STAGES,
  IsoDate,
  IsoInstant,
  OpaqueId,
  OpaqueRef,
  OwnerId,
  RequestId,
} from './vocabulary.js';

/** Who acted: the authenticated user id (the API) or the CLI's --as. */
const By = lazySchema(() => z.string().min(1, 'who is acting (a user id)').max(200));
/** The fields every update request carries. */
const requestFields = { requestId: RequestId, by: By };
/** An obligation id as the plan makes it (e.g. `hhs_notice`, `individual_notice:CA`). */
export const ObligationId = lazySchema(() => z.string().min(1).max(200));

// ---- open (starts the workflow; not an update) ----------------------------------------------------------

export const OpenIncidentBody = lazySchema(() =>
  z
    .object({
      ref: OpaqueRef,
      role: z.enum(INCIDENT_ROLES),
      // A user id: it goes into a search attribute (in clear), so PHI-shaped values are refused.
      owner: OwnerId.optional(),
      facts: z.unknown().optional(),
      /** Open again a reference whose workflow was terminated or failed (a new run; the old one stays in history). */
      reopen: z.boolean().optional(),
    })
    .strict(),
);
export type OpenIncidentBody = z.infer<typeof OpenIncidentBody>;

// ---- facts (164.402(2) four-factor assessment; after the decision a correction, 164.530(j)) ------------

const factsFields = lazySchema(() => ({
  facts: z.unknown(),
  /** Required once the decision is made: facts recorded after it are corrections. */
  reason: z.string().min(1).optional(),
}));
export const FactsBody = lazySchema(() => z.object({ ...factsFields, requestId: RequestId.optional() }).strict());
export const RecordFactsRequest = lazySchema(() => z.object({ ...factsFields, ...requestFields }));
export type RecordFactsRequest = z.infer<typeof RecordFactsRequest>;

// ---- decision ----------------------------------------------------------------------------------------

const decisionFields = lazySchema(() => ({
  reportable: z.boolean(),
  /** Required when the decision differs from the recommendation (164.402(2), 164.414(b)). */
  justification: z.string().min(1).optional(),
}));
export const DecisionBody = lazySchema(() => z.object({ ...decisionFields, requestId: RequestId.optional() }).strict());
export const DecideRequest = lazySchema(() => z.object({ ...decisionFields, ...requestFields }));
export type DecideRequest = z.infer<typeof DecideRequest>;

// ---- law-enforcement delay (164.412) -------------------------------------------------------------------

export const LawEnforcementStatement = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** 164.412(a): a written statement specifies the period. */
    z
      .object({
        kind: z.literal('written'),
        official: z.string().min(1),
        agency: z.string().min(1),
        receivedAt: IsoInstant,
        endsAt: IsoInstant,
      })
      .strict(),
    /** 164.412(b): an oral statement holds at most 30 days, documented with the official's identity. */
    z.object({ kind: z.literal('oral'), official: z.string().min(1), agency: z.string().min(1), receivedAt: IsoInstant }).strict(),
  ]),
);
export const HoldBody = lazySchema(() => z.object({ statement: LawEnforcementStatement, requestId: RequestId.optional() }).strict());
export const LawEnforcementDelayRequest = lazySchema(() => z.object({ statement: LawEnforcementStatement, ...requestFields }));
export type LawEnforcementDelayRequest = z.infer<typeof LawEnforcementDelayRequest>;

const releaseFields = lazySchema(() => ({ endedAt: IsoInstant.optional(), note: z.string().optional() }));
export const ReleaseBody = lazySchema(() => z.object({ ...releaseFields, requestId: RequestId.optional() }).strict());
export const EndLawEnforcementDelayRequest = lazySchema(() => z.object({ ...releaseFields, ...requestFields }));
export type EndLawEnforcementDelayRequest = z.infer<typeof EndLawEnforcementDelayRequest>;

// ---- confirm an obligation (164.414: evidence that the notice was made) --------------------------------

export const ConfirmationEvidence = lazySchema(() =>
  z
    .object({
      method: z.enum(EVIDENCE_METHODS),
      /** When the notice was actually made; defaults to the confirmation time. */
      sentAt: IsoInstant.optional(),
      /** e.g. the HHS portal transaction number, the outlet's name, a mailing-house job id. */
      reference: z.string().max(500).optional(),
      note: z.string().max(4000).optional(),
    })
    .strict(),
);
export const ConfirmBody = lazySchema(() => z.object({ evidence: ConfirmationEvidence, requestId: RequestId.optional() }).strict());
export const ConfirmObligationRequest = lazySchema(() =>
  z.object({ obligationId: ObligationId, evidence: ConfirmationEvidence, ...requestFields }),
);
export type ConfirmObligationRequest = z.infer<typeof ConfirmObligationRequest>;

// ---- acknowledge a reminder ----------------------------------------------------------------------------

/** An obligation's reminders; absent: the assessment-stage (decision due) reminders. */
const ackFields = lazySchema(() => ({ obligationId: ObligationId.optional() }));
export const AckBody = lazySchema(() => z.object({ ...ackFields, requestId: RequestId.optional() }).strict());
export const AcknowledgeRequest = lazySchema(() => z.object({ ...ackFields, ...requestFields }));
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequest>;

// ---- rosters and mailings (164.404) --------------------------------------------------------------------

/** POST /incidents/:ref/rosters takes the CSV as its body; these are its query parameters. */
export const RosterImportQuery = lazySchema(() => z.object({ rosterId: OpaqueId.optional(), requestId: RequestId.optional() }).strict());
/** A roster imported outside Temporal (names and addresses encrypted in the roster database): only its id and counts. */
export const AttachRosterRequest = lazySchema(() =>
  z.object({
    rosterId: OpaqueId,
    recipients: z.number().int().min(0),
    rejectedRows: z.number().int().min(0),
    byChannel: z.record(z.string(), z.number()),
    byJurisdiction: z.record(z.string(), z.number()),
    ...requestFields,
  }),
);
export type AttachRosterRequest = z.infer<typeof AttachRosterRequest>;

const mailingFields = lazySchema(() => ({
  rosterId: OpaqueId,
  /** The notice text (164.404(c)): notices/content.ts IncidentNoticeContent, checked by the service and the mailing. */
  content: z.record(z.string(), z.unknown()),
  chunkSize: z.number().int().min(100).max(1000).optional(),
  concurrency: z.number().int().min(1).max(50).optional(),
}));
export const MailingBody = lazySchema(() => z.object({ ...mailingFields, requestId: RequestId.optional() }).strict());
export const StartMailingRequest = lazySchema(() =>
  z.object({
    obligationId: ObligationId,
    ...mailingFields,
    /** Set by the service (contract/recorded-dates.ts): what the notice's recorded dates were read from. */
    recordedDatesKey: z.string().max(1000).optional(),
    ...requestFields,
  }),
);
export type StartMailingRequest = z.infer<typeof StartMailingRequest>;

// ---- business associate → covered entity notice (164.410) ---------------------------------------------

const ceNoticeFields = lazySchema(() => ({
  /** The covered entity's notice address. */
  to: z.email("the covered entity's notice email address"),
  contactName: z.string().max(200).optional(),
  /** The incident-level facts the covered entity needs for its own notices (164.410(c)(2)): IncidentNoticeContent. */
  incident: z.record(z.string(), z.unknown()),
  pendingInformation: z.array(z.string().max(500)).optional(),
  rosterId: OpaqueId.optional(),
  recipientPublicKey: z.string().max(100_000).optional(),
  passphraseChannel: z.string().max(200).optional(),
  identitiesExpectedBy: IsoDate.optional(),
}));
export const CeNoticeBody = lazySchema(() => z.object({ ...ceNoticeFields, requestId: RequestId.optional() }).strict());
export const SendCeNoticeRequest = lazySchema(() => z.object({ obligationId: ObligationId, ...ceNoticeFields, ...requestFields }));
export type SendCeNoticeRequest = z.infer<typeof SendCeNoticeRequest>;

// ---- reading -------------------------------------------------------------------------------------------

const bool = lazySchema(() => z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()));
/** GET /incidents and `breach list`: filters over the search attributes. */
export const ListFilters = lazySchema(() =>
  z
    .object({
      stage: z.enum(INCIDENT_STAGES).optional(),
      reportable: bool.optional(),
      role: z.enum(INCIDENT_ROLES).optional(),
      owner: z
        .string()
        .regex(/^[A-Za-z0-9._@-]{1,100}$/)
        .optional(),
      overdue: bool.optional(),
      dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
      ref: OpaqueRef.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    })
    .strict(),
);
export type ListFilters = z.infer<typeof ListFilters>;

export const DraftBody = lazySchema(() => z.object({ content: z.record(z.string(), z.unknown()) }).strict());
export const DraftQuery = lazySchema(() =>
  z
    .object({
      state: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter State code')
        .optional(),
    })
    .strict(),
);
export const DraftKind = lazySchema(() => z.enum(DRAFT_KINDS));

// ---- State regulator drafts (issue 16; notices/regulator-drafts.ts) ----------------------------------------

/** `TX-AG`, `CA-AG`, `CA-CDPH`, `NY-AG`, `MA-REG`…, or a plan's obligation id `state:TX:ag_notice`. */
export const RegulatorId = lazySchema(() =>
  z.string().regex(/^(?:[A-Z]{2}-(?:AG|CDPH|HEALTH|REG)|state:[A-Z]{2}:[a-z0-9_]{1,40})$/, {
    error: 'must be <State>-AG, <State>-REG, <State>-HEALTH, CA-CDPH (e.g. TX-AG) or a state obligation id such as state:TX:ag_notice',
  }),
);

/** Element ids of the answers a person may give (`description`, `law_enforcement`, `item_3`…). */
const AnswerKey = lazySchema(() =>
  z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'must be an element id such as law_enforcement or item_3' }),
);
export const RegulatorDraftBody = lazySchema(() =>
  z
    .object({
      /** The incident-level notice text (the same file as `breach notify` / `breach draft`): for descriptions, measures and the sample notice. */
      content: z.record(z.string(), z.unknown()).optional(),
      /** Answers by element id for items the engine cannot fill (or to override what it filled). */
      answers: z.record(AnswerKey, z.string().trim().min(1, { error: 'must not be empty' }).max(4000)).optional(),
    })
    .strict(),
);

export const ReportQuery = lazySchema(() => z.object({ format: z.enum(['html', 'md', 'pdf', 'evidence']).default('html') }).strict());
