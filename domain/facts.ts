import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { RiskAssessment } from './assessment.js';
import { ExceptionClaim } from './exceptions.js';
import { jurisdictionCodeProblem, type Jurisdiction } from './jurisdictions.js';
import { LawEnforcementStatement } from './law-enforcement-delay.js';
import { HipaaIdentifier } from './phi-identifiers.js';
import { Security } from './safe-harbor.js';
import { opaqueTokenProblem } from '../security/opaque-id.js';
import { Answer, Count, IsoInstant, LocalDateString, NonBlank, Slug, TimeZone } from './schema-primitives.js';
import { StateLawFacts } from './state-law/facts.js';

/**
 * IncidentFacts: what a responder records about an incident (the Facts of the vocabulary). The schema
 * checks each field on its own (types, formats, enumerations); facts-validation.ts adds the rules that
 * span fields (dates in order, counts that add up, an exception that matches the facts…).
 *
 * Dates are instants with a UTC offset (ISO 8601). The discovery DATE that starts every clock is the
 * local date of `dates.discoveredAt` in `organization.timeZone` (164.404(a)(2)); if only the day is
 * known, record the start of that day in the organization's zone, e.g. 2026-03-02T00:00:00-10:00 for
 * Honolulu. Every question a responder may not be able to answer yet has an explicit "unknown".
 */

export const ENTITY_TYPES = ['health_plan', 'health_care_clearinghouse', 'health_care_provider', 'business_associate'] as const;
export const ROLES = ['covered_entity', 'business_associate'] as const;
export type Role = (typeof ROLES)[number];

/** A business associate's contractual breach-notice term toward one covered entity (BAA; 164.504(e)(2)(ii)(C)). */
export const BaaNoticeTerm = lazySchema(() =>
  z
    .object({
      amount: Count,
      unit: z.enum(['calendar_days', 'business_days'], { error: 'must be "calendar_days" or "business_days"' }),
    })
    .strict(),
);

/** A covered entity a business associate must notify (45 CFR 164.410). */
export const CoveredEntityParty = lazySchema(() =>
  z
    .object({
      /**
       * Opaque id, used in the obligation id `ce_notice:<id>` and so in a child workflow id, which Temporal
       * stores in clear: SSN-, phone- and birth-date-shaped values and patient-identifier labels are refused.
       */
      id: Slug.superRefine((v, ctx) => {
        const problem = opaqueTokenProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (it becomes part of a workflow id, stored in clear)` });
      }),
      name: NonBlank(200),
      /** The BAA's breach-notice term, if it sets one; the earlier of it and the regulation's 60 days governs. */
      baaNoticeTerm: BaaNoticeTerm.optional(),
      /**
       * Do we (the business associate) act as this covered entity's agent under the federal common law of
       * agency? If so, our discovery is its discovery (45 CFR 164.404(a)(2); 78 FR 5566, 5581–82): its own
       * 60 days start the day we discover. Optional so older facts stay valid; left out = not answered,
       * planned as "unknown".
       */
      actingAsAgent: Answer.optional(),
      /** Holidays that the BAA's business days skip (weekends always are). */
      holidays: z.array(LocalDateString).default([]),
      contact: z
        .object({
          name: NonBlank(200).optional(),
          email: z.email({ error: 'must be an email address' }).optional(),
          phone: NonBlank(50).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
);

/**
 * 45 CFR 164.402 "breach" covers only a use or disclosure "in a manner not permitted under subpart E":
 *   permitted      — permitted by the Privacy Rule (e.g. 164.502(a), 164.506, 164.512): not a breach;
 *   incidental     — incidental to a permitted use or disclosure, with the minimum-necessary standard and
 *                    reasonable safeguards complied with (164.502(a)(1)(iii), 164.502(b), 164.530(c)):
 *                    not a breach;
 *   not_permitted  — go on to the breach questions;
 *   unknown        — the presumption of breach stands (164.402(2)).
 * A permitted or incidental finding must state its basis (164.414(b): the burden of proof).
 */
export const PRIVACY_RULE_FINDINGS = ['permitted', 'incidental', 'not_permitted', 'unknown'] as const;
export const PrivacyRuleFinding = lazySchema(() =>
  z
    .object({
      finding: z.enum(PRIVACY_RULE_FINDINGS, { error: `must be one of: ${PRIVACY_RULE_FINDINGS.join(', ')}` }),
      /** The Privacy Rule provision relied on and the facts showing it applies; required for permitted / incidental. */
      basis: NonBlank(2000).optional(),
    })
    .strict(),
);
export type PrivacyRuleFinding = z.infer<typeof PrivacyRuleFinding>;

/** A State code of 45 CFR 160.103 "State" or "unknown"; checked key by key so every bad code is named. */
const JurisdictionKey = lazySchema(() =>
  z.string().refine((code) => jurisdictionCodeProblem(code) === undefined, {
    error: (iss) =>
      (typeof iss.input === 'string' ? jurisdictionCodeProblem(iss.input) : undefined) ?? 'is not a State or jurisdiction code',
  }),
);

const byJurisdiction = lazySchema(() =>
  z
    .record(JurisdictionKey, Count, { error: 'must be an object of counts by State code, e.g. { "CA": 120, "unknown": 3 }' })
    .transform((counts) => counts as Partial<Record<Jurisdiction, number>>),
);

export const IncidentFactsSchema = lazySchema(() =>
  z
    .object({
      organization: z
        .object({
          name: NonBlank(200),
          entityType: z.enum(ENTITY_TYPES, { error: `must be one of: ${ENTITY_TYPES.join(', ')}` }).optional(),
          /** IANA zone in which days are counted (e.g. America/Chicago). */
          timeZone: TimeZone,
        })
        .strict(),
      /** Who we are in this incident. A business associate notifies covered entities (164.410); a covered entity notifies everyone else. */
      role: z.enum(ROLES, { error: 'must be "covered_entity" or "business_associate"' }),
      /** For a business associate: every covered entity whose PHI was involved (164.410). */
      coveredEntities: z.array(CoveredEntityParty).default([]),
      dates: z
        .object({
          /** When the breach happened (start), if known. */
          occurredAt: IsoInstant.optional(),
          occurredEndAt: IsoInstant.optional(),
          /** 164.404(a)(2), 164.410(a)(2): the first day the breach was known — or by reasonable diligence would have been known — to any workforce member or agent other than the person who committed it. */
          discoveredAt: IsoInstant,
          /** When it was reported to the privacy or security office. */
          reportedAt: IsoInstant.optional(),
        })
        .strict(),
      phi: z
        .object({
          /** Was protected health information involved at all? (164.402) */
          involved: Answer,
          /** Which of the 18 identifiers of 164.514(b)(2) were involved. */
          identifiers: z.array(HipaaIdentifier).default([]),
          clinical: z.boolean({ error: 'must be true or false' }).default(false),
          financial: z.boolean({ error: 'must be true or false' }).default(false),
          other: z.boolean({ error: 'must be true or false' }).default(false),
          /** What happened, as it may go to the HHS portal (≤ 4,000 characters). No names. */
          description: NonBlank(4000).optional(),
        })
        .strict(),
      /**
       * The threshold question of 164.402 "breach": was the acquisition, access, use or disclosure one the
       * Privacy Rule (subpart E) does NOT permit? Optional so older facts stay valid; left out = "unknown",
       * which keeps the presumption.
       */
      privacyRule: PrivacyRuleFinding.optional(),
      /** Safe harbor: encrypted per HHS guidance with the key safe, or destroyed (164.402 "unsecured PHI"). */
      security: Security,
      /** A statutory exception relied on, if any (164.402(1)). */
      exception: ExceptionClaim.optional(),
      /** The four-factor risk assessment (164.402(2)). */
      assessment: RiskAssessment.optional(),
      affected: z
        .object({
          /** Affected individuals by State of residence (164.406); "unknown" when the State is not known. */
          byJurisdiction: byJurisdiction.default({}),
          /** Living individuals whose contact information is insufficient or out of date (164.404(d)(2)). */
          insufficientContact: Count.default(0),
          /** Affected individuals known to be deceased (164.404(d)(1)(ii)). */
          deceased: Count.default(0),
          /** Of the deceased: those whose next of kin or personal representative has a known address. */
          deceasedWithNextOfKinAddress: Count.default(0),
          /** Minors: notice goes to a parent or guardian as personal representative (164.502(g)). */
          minors: Count.default(0),
        })
        .strict(),
      /** Possible imminent misuse: telephone or other means in addition to written notice (164.404(d)(3)). */
      urgent: z.boolean({ error: 'must be true or false' }).default(false),
      /** Law-enforcement statements (164.412). */
      lawEnforcementDelays: z.array(LawEnforcementStatement).default([]),
      /** What the state-law overlay needs (issue 16; domain/state-law/facts.ts). Optional. */
      stateLaw: StateLawFacts.optional(),
    })
    .strict(),
);

export type IncidentFacts = z.infer<typeof IncidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof IncidentFactsSchema>;
export type CoveredEntityParty = z.infer<typeof CoveredEntityParty>;
export type BaaNoticeTerm = z.infer<typeof BaaNoticeTerm>;

/** Everyone counted, in every jurisdiction including "unknown" (the 164.408 total). */
export const totalAffected = (f: Pick<IncidentFacts, 'affected'>): number =>
  Object.values(f.affected.byJurisdiction).reduce<number>((a, b) => a + (b ?? 0), 0);
