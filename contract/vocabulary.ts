/**
 * The lists the engine's boundaries share, each written once: who we are in an incident, who a user is,
 * how a notice was made, which drafts exist, the incident stages, and the opaque-id rules (the patterns
 * themselves live in security/opaque-id.ts, the one place ids are built and checked). Pure: importable
 * from workflow code, the service, the API, the CLI and the console.
 */
import { z } from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';
import { ROLES } from '../domain/facts.js';
import {
  OPAQUE_ID_PATTERN,
  OPAQUE_ID_RULE,
  OPAQUE_REF_PATTERN,
  OPAQUE_REF_RULE,
  OPAQUE_USER_ID_PATTERN,
  opaqueRefProblem,
  opaqueTokenProblem,
} from '../security/opaque-id.js';

/** Our role in an incident: covered entity (164.404-408) or business associate (164.410). */
export const INCIDENT_ROLES = ROLES;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

/**
 * Who a user is (45 CFR 164.308(a)(4) access management): the roles an API token or an OIDC claim
 * carries. What each may do is the `roles` of each action in contract/incident-actions.ts.
 */
export const USER_ROLES = ['responder', 'privacy_officer', 'legal', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** How a notice was made (the evidence of a confirmation; 164.414: the burden of proof is ours). */
export const EVIDENCE_METHODS = [
  'first_class_mail',
  'email',
  'hhs_portal',
  'press_release',
  'web_posting',
  'telephone',
  'secure_transfer',
  'other',
] as const;
export type EvidenceMethod = (typeof EVIDENCE_METHODS)[number];

/** The notice drafts: HHS portal (164.408), media (164.406), substitute (164.404(d)(2)), individual (164.404(c)). */
export const DRAFT_KINDS = ['hhs_portal', 'media', 'substitute', 'individual'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** 'closing': closed in substance, the evidence bundle not yet archived (shown "closing — evidence pending"). */
export const INCIDENT_STAGES = ['intake', 'assessment', 'notification', 'closing', 'closed'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];

// ---- zod building blocks (messages name the rule, never the value) ----------------------------------

/** An incident reference: opaque (security/opaque-id.ts), never PHI-shaped. */
export const OpaqueRef = lazySchema(() =>
  z
    .string()
    .regex(OPAQUE_REF_PATTERN, OPAQUE_REF_RULE)
    .superRefine((v, ctx) => {
      // The alphabet is the regex's issue; the shapes of PHI (SSN, phone, name, date of birth…) are these.
      const problem = OPAQUE_REF_PATTERN.test(v) ? opaqueRefProblem(v) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
);
/** A generated opaque id (roster ids): the reference alphabet, no digit needed. */
export const OpaqueId = lazySchema(() => z.string().regex(OPAQUE_ID_PATTERN, OPAQUE_ID_RULE));
/** A user id that goes into a search attribute (in clear, indexed): PHI-shaped values and e-mail addresses are refused. */
export const OwnerId = lazySchema(() =>
  z
    .string()
    .regex(OPAQUE_USER_ID_PATTERN, 'letters, digits and . _ @ - only (1-100)')
    .superRefine((v, ctx) => {
      const problem = opaqueTokenProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
);
export const IsoInstant = lazySchema(() => z.string().datetime({ offset: true, message: 'an ISO 8601 date-time with offset' }));
export const IsoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
/** Every update carries a caller-chosen id: the same id again is a no-op that returns the first answer. */
export const RequestId = lazySchema(() => z.string().min(1).max(200));
