import { z } from 'zod';
import { HipaaIdentifier } from './phi-identifiers.js';
import { Jurisdiction } from './us-jurisdictions.js';

/**
 * The facts of an incident as a responder records them. Every answer a person may not know yet has an
 * explicit `unknown`: under 45 CFR 164.402(2) an unknown never rebuts the presumption of breach.
 */

const isoInstant = z.string().datetime({ offset: true, message: 'an ISO 8601 date-time with offset, e.g. 2026-03-01T14:30:00-05:00' });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const tri = z.enum(['yes', 'no', 'unknown']);
const count = z.number({ message: 'a whole number' }).int('a whole number').min(0, 'cannot be negative');
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '1-64 letters, digits, . _ - (an opaque id)');

export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone such as America/Chicago' },
);

/** A business associate's covered entity and the notice term of their BAA (164.410, 164.504(e)). */
export const CoveredEntityParty = z
  .object({
    id: slug,
    name: z.string().min(1).max(200),
    /** The BAA's breach-notice term, when shorter than the regulation's 60 days. */
    baaNoticeTerm: z.object({ amount: count, unit: z.enum(['calendar_days', 'business_days']) }).strict().optional(),
    /** Holidays the BAA's business days skip (YYYY-MM-DD); weekends are always skipped. */
    holidays: z.array(localDate).default([]),
    contact: z.object({ name: z.string().optional(), email: z.string().email().optional(), phone: z.string().optional() }).strict().optional(),
  })
  .strict();

/** Factor (i): nature and extent of the PHI — identifiers, sensitivity, re-identification (164.402(2)(i)). */
export const NatureAndExtent = z
  .object({
    reidentificationLikelihood: z.enum(['low', 'high', 'unknown']),
    /** e.g. "diagnoses of sensitive conditions", "limited demographic data" — recorded in the rationale. */
    notes: z.string().max(2000).optional(),
  })
  .strict();

/** Factor (ii): the unauthorized person who used the PHI or to whom it was disclosed (164.402(2)(ii)). */
export const UnauthorizedRecipient = z
  .object({
    kind: z.enum(['hipaa_covered_entity_or_business_associate', 'own_workforce_member', 'other_known_party', 'unknown_or_malicious', 'unknown']),
    obligatedToProtect: tri,
    notes: z.string().max(2000).optional(),
  })
  .strict();

/** Factor (iii): whether the PHI was actually acquired or viewed (164.402(2)(iii)). */
export const AcquiredOrViewed = z
  .object({
    finding: z.enum(['not_acquired_or_viewed', 'viewed', 'acquired', 'unknown']),
    /** How it is known (forensic analysis, logs, attestation). */
    basis: z.string().max(2000).optional(),
  })
  .strict();

/** Factor (iv): the extent to which the risk has been mitigated (164.402(2)(iv)). */
export const Mitigation = z
  .object({
    extent: z.enum(['returned_or_destroyed_with_attestation', 'satisfactory_assurances', 'partial', 'none', 'unknown']),
    notes: z.string().max(2000).optional(),
  })
  .strict();

export const RiskAssessment = z
  .object({
    natureAndExtent: NatureAndExtent,
    unauthorizedRecipient: UnauthorizedRecipient,
    acquiredOrViewed: AcquiredOrViewed,
    mitigation: Mitigation,
  })
  .strict();

/** Paragraph (1) of the breach definition: the three statutory exceptions (164.402(1)(i)–(iii)). */
export const ExceptionClaim = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('good_faith_workforce'), // 164.402(1)(i)
      unintentional: tri,
      goodFaith: tri,
      withinScopeOfAuthority: tri,
      noFurtherImpermissibleUseOrDisclosure: tri,
    })
    .strict(),
  z
    .object({
      kind: z.literal('inadvertent_internal'), // 164.402(1)(ii)
      discloserAuthorized: tri,
      recipientAuthorizedAtSameEntityOrOhca: tri,
      noFurtherImpermissibleUseOrDisclosure: tri,
    })
    .strict(),
  z
    .object({
      kind: z.literal('could_not_retain'), // 164.402(1)(iii)
      goodFaithBeliefCouldNotRetain: tri,
      basis: z.string().max(2000).optional(),
    })
    .strict(),
]);

/** 164.412: written (with a period) or oral (documented, at most 30 days unless a written one follows). */
export const LawEnforcementStatement = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('written'), official: z.string().min(1), agency: z.string().min(1), receivedAt: isoInstant, endsAt: isoInstant, endedAt: isoInstant.optional(), recordedBy: z.string().optional() }).strict(),
  z.object({ kind: z.literal('oral'), official: z.string().min(1), agency: z.string().min(1), receivedAt: isoInstant, endedAt: isoInstant.optional(), recordedBy: z.string().optional() }).strict(),
]);
export type LawEnforcementStatement = z.infer<typeof LawEnforcementStatement>;

export const IncidentFactsSchema = z
  .object({
    organization: z
      .object({
        name: z.string().min(1).max(200),
        entityType: z.enum(['health_plan', 'health_care_clearinghouse', 'health_care_provider', 'business_associate']).optional(),
        timeZone: TimeZone,
      })
      .strict(),
    role: z.enum(['covered_entity', 'business_associate']),
    /** For a business associate: every covered entity whose PHI was involved (164.410). */
    coveredEntities: z.array(CoveredEntityParty).default([]),
    dates: z
      .object({
        occurredAt: isoInstant.optional(),
        occurredEndAt: isoInstant.optional(),
        /** 164.404(a)(2): the first day known, or by reasonable diligence would have been known, to any workforce member or agent. */
        discoveredAt: isoInstant,
        reportedAt: isoInstant.optional(),
      })
      .strict(),
    phi: z
      .object({
        involved: tri,
        identifiers: z.array(HipaaIdentifier).default([]),
        clinical: z.boolean().default(false),
        financial: z.boolean().default(false),
        description: z.string().max(4000).optional(),
      })
      .strict(),
    /** Safe harbor: encrypted per HHS guidance with the key not compromised, or destroyed (164.402 "unsecured"). */
    security: z
      .object({
        encrypted: tri,
        encryptionMeetsHhsGuidance: tri.default('unknown'),
        keyCompromised: tri.default('unknown'),
        destroyed: tri.default('no'),
      })
      .strict(),
    exception: ExceptionClaim.optional(),
    assessment: RiskAssessment.optional(),
    affected: z
      .object({
        byJurisdiction: z.partialRecord(Jurisdiction, count).default({}),
        /** People whose contact information is insufficient or out of date (164.404(d)(2)). */
        insufficientContact: count.default(0),
        deceased: count.default(0),
        /** Deceased people whose next of kin or personal representative has a known address (164.404(d)(1)(ii)). */
        deceasedWithNextOfKinAddress: count.default(0),
        minors: count.default(0),
      })
      .strict(),
    /** Possible imminent misuse: telephone notice as well (164.404(d)(3)). */
    urgent: z.boolean().default(false),
    lawEnforcementDelays: z.array(LawEnforcementStatement).default([]),
  })
  .strict();

export type IncidentFacts = z.infer<typeof IncidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof IncidentFactsSchema>;
export type CoveredEntityParty = z.infer<typeof CoveredEntityParty>;
export type RiskAssessment = z.infer<typeof RiskAssessment>;
export type ExceptionClaim = z.infer<typeof ExceptionClaim>;

export const totalAffected = (f: IncidentFacts): number => Object.values(f.affected.byJurisdiction).reduce((a, b) => a + (b ?? 0), 0);
