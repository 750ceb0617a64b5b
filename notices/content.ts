import { z } from 'zod';
import { PostalAddress } from './organization.js';

/**
 * What a privacy officer writes about the incident for the notices (not per person). The schemas accept
 * incomplete drafts on purpose: completeness is the checklist's job (checklist.ts), which names every
 * missing element with its citation instead of failing on the first.
 */
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

/** The content of 164.404(c)(1)(A)–(D) shared by the individual, media and substitute notices. */
export const IncidentNoticeContent = z
  .object({
    /** Opaque incident reference, printed so people can quote it when they call (never PHI). */
    incidentRef: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be an opaque id (letters, digits, . _ -)' }),
    /** (A) what happened, in plain words. */
    whatHappened: Text(4000).default(''),
    /** (A) date of the breach, "if known": a first date, optionally a last date. */
    breachStartDate: LocalDate.optional(),
    breachEndDate: LocalDate.optional(),
    /** Set when the breach date is not known (then the notice says so instead of giving it). */
    breachDateUnknown: z.boolean().default(false),
    /** (A) date of discovery. */
    discoveryDate: LocalDate.optional(),
    /** (B) types of unsecured PHI involved, in plain words ("your name", "your date of birth", "diagnosis"). */
    phiTypes: z.array(Text(200)).default([]),
    /** (C) steps individuals should take to protect themselves. */
    individualSteps: z.array(Text(1000)).default([]),
    /** (D) what the entity is doing: to investigate, to mitigate harm, to protect against further breaches. */
    entityActions: z
      .object({ investigate: Text(2000).default(''), mitigate: Text(2000).default(''), prevent: Text(2000).default('') })
      .default({ investigate: '', mitigate: '', prevent: '' }),
    /** 164.404(d)(3): possible imminent misuse (the notice then says people will also be called). */
    urgent: z.boolean().default(false),
    /** Optional closing paragraph. */
    closing: Text(2000).optional(),
  })
  .strict();
export type IncidentNoticeContent = z.infer<typeof IncidentNoticeContent>;
export type IncidentNoticeContentInput = z.input<typeof IncidentNoticeContent>;

/** One addressee of a letter or email (rendering only: never logged, never in a workflow payload). */
export interface NoticeAddressee {
  fullName: string;
  email?: string;
  postal?: PostalAddress;
}

/** Next of kin of a deceased individual (164.404(d)(1)(ii)) or personal representative (164.502(g)). */
export interface RepresentativeAddressee extends NoticeAddressee {
  relationship: 'next_of_kin' | 'personal_representative';
  /** The person whose information was involved. */
  subjectName: string;
}

/** Business associate → covered entity (164.410(c)). */
export const CeNoticeContent = z
  .object({
    incident: IncidentNoticeContent,
    coveredEntity: z.object({ name: Text(200), contactName: Text(200).optional(), email: z.email().optional() }).strict(),
    /** How many individuals the BA has identified so far. */
    individualsIdentified: z.number().int().min(0).optional(),
    /** 164.410(c)(1): the roster travels by a secure channel, never in the body. */
    identification: z
      .discriminatedUnion('method', [
        z.object({ method: z.literal('encrypted_attachment'), fileName: Text(200), passphraseChannel: Text(200) }).strict(),
        z.object({ method: z.literal('secure_link'), url: z.string(), expiresOn: LocalDate.optional() }).strict(),
        /** Identities not known yet: say so, and that they follow (164.410(c)(1) "to the extent possible"). */
        z.object({ method: z.literal('to_follow'), expectedBy: LocalDate.optional() }).strict(),
      ])
      .optional(),
    /** 164.410(c)(2): information not yet available, to be provided as it becomes available. */
    pendingInformation: z.array(Text(500)).default([]),
  })
  .strict();
export type CeNoticeContent = z.infer<typeof CeNoticeContent>;
export type CeNoticeContentInput = z.input<typeof CeNoticeContent>;

/** Media notice (164.406): one State or jurisdiction with more than 500 residents affected. */
export const MediaNoticeContent = z
  .object({
    incident: IncidentNoticeContent,
    jurisdiction: z.string().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter State code' }),
    jurisdictionName: Text(100),
    residentsAffected: z.number().int().min(0),
    releaseDate: LocalDate.optional(),
    outlets: z.array(Text(200)).default([]),
  })
  .strict();
export type MediaNoticeContent = z.infer<typeof MediaNoticeContent>;
export type MediaNoticeContentInput = z.input<typeof MediaNoticeContent>;

/** Substitute notice (164.404(d)(2)): web posting for 90 days + toll-free number for 90 days. */
export const SubstituteNoticeContent = z
  .object({
    incident: IncidentNoticeContent,
    /** People whose contact information is insufficient or out of date. */
    individualsWithoutContact: z.number().int().min(0),
    /** Home page that carries the conspicuous posting. */
    homePageUrl: z.string().optional(),
    postingStartDate: LocalDate.optional(),
    postingDays: z.number().int().min(0).default(90),
    tollFreeNumber: z.string().optional(),
    tollFreeActiveDays: z.number().int().min(0).default(90),
    /** How a caller's identity is checked before the call center confirms whether they are affected. */
    callerVerification: Text(1000).default(''),
  })
  .strict();
export type SubstituteNoticeContent = z.infer<typeof SubstituteNoticeContent>;
export type SubstituteNoticeContentInput = z.input<typeof SubstituteNoticeContent>;

export { PostalAddress };
