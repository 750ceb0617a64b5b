import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { isState } from '../jurisdictions.js';
import { LocalDateString, NonBlank } from '../schema-primitives.js';

/**
 * The state-law pack's data model: one entry per jurisdiction (50 States, DC, PR, VI, GU, AS, MP), each
 * obligation with its statute section, effective dates, the sources it was checked against and a
 * verification status that every output repeats. Validated by zod when the pack loads and in tests.
 *
 * NOT LEGAL ADVICE. "verified" means the statute (or enacting bill) text itself was read for that rule;
 * "secondary_sources" means official agency pages or law-firm charts agree but the statute text was not
 * seen; "unverified" means neither — the entry is a starting point for counsel and says so everywhere.
 */

export const VERIFICATION = ['verified', 'secondary_sources', 'unverified'] as const;
export const Verification = lazySchema(() => z.enum(VERIFICATION, { error: `must be one of: ${VERIFICATION.join(', ')}` }));
export type Verification = z.infer<typeof Verification>;

/** The events a state clock can run from. */
export const ANCHORS = ['discovery', 'determination', 'individual_notice', 'hhs_notice'] as const;
export const Anchor = lazySchema(() => z.enum(ANCHORS, { error: `must be one of: ${ANCHORS.join(', ')}` }));
export type Anchor = z.infer<typeof Anchor>;
export const ANCHOR_WORDS: Record<Anchor, string> = {
  discovery: 'discovery',
  determination: 'the determination that a breach occurred',
  individual_notice: 'the notice to individuals',
  hhs_notice: 'the notice to the Secretary of HHS',
};

export const RECIPIENT_KINDS = [
  'individuals',
  'attorney_general',
  'regulator',
  'consumer_reporting_agencies',
  'health_department',
] as const;
export const RecipientKind = lazySchema(() => z.enum(RECIPIENT_KINDS, { error: `must be one of: ${RECIPIENT_KINDS.join(', ')}` }));
export type RecipientKind = z.infer<typeof RecipientKind>;

/** Data elements of the States' "personal information" definitions (they differ from PHI). */
export const DATA_ELEMENTS = [
  'ssn',
  'government_id',
  'financial_account',
  'medical',
  'health_insurance',
  'biometric',
  'online_credentials',
] as const;
export const DataElement = lazySchema(() =>
  z.enum(DATA_ELEMENTS, {
    error: (iss) => `"${String(iss.input)}" is not a data element: use ${DATA_ELEMENTS.join(', ')}`,
  }),
);
export type DataElement = z.infer<typeof DataElement>;

/** Who a rule reaches. */
export const ENTITY_SCOPES = ['any', 'licensed_health_facility', 'hipaa_entity_notifying_hhs'] as const;
export const EntityScope = lazySchema(() => z.enum(ENTITY_SCOPES, { error: `must be one of: ${ENTITY_SCOPES.join(', ')}` }));
export type EntityScope = z.infer<typeof EntityScope>;

export const Source = lazySchema(() =>
  z
    .object({
      title: NonBlank(300),
      url: z.url({ error: 'must be a URL' }).optional(),
      kind: z.enum(['statute_text', 'bill_text', 'regulation_text', 'regulator_page', 'secondary'], {
        error: 'must be statute_text, bill_text, regulation_text, regulator_page or secondary',
      }),
      /** The day the source was read. */
      checked: LocalDateString,
    })
    .strict(),
);
export type Source = z.infer<typeof Source>;

/** N calendar or business days after an anchor; 0 = "no later than" the anchor event itself. */
const DaysClock = lazySchema(() =>
  z
    .object({
      type: z.literal('days'),
      amount: z.number().int({ error: 'must be a whole number of days' }).min(0, { error: 'cannot be negative' }),
      unit: z.enum(['calendar_days', 'business_days'], { error: 'must be "calendar_days" or "business_days"' }),
      anchor: Anchor,
    })
    .strict(),
);
/** "Most expedient time possible and without unreasonable delay": no number in the statute. */
const ExpedientClock = lazySchema(() => z.object({ type: z.literal('expedient'), words: NonBlank(300) }).strict());
export const Clock = lazySchema(() =>
  z.discriminatedUnion('type', [DaysClock, ExpedientClock], {
    error: 'must be { type: "days", amount, unit, anchor } or { type: "expedient", words }',
  }),
);
export type Clock = z.infer<typeof Clock>;

/** Residents of the State affected: exactly one of atLeast / moreThan (the statute's own words). */
export const ResidentThreshold = lazySchema(() =>
  z
    .object({ atLeast: z.number().int().min(1).optional(), moreThan: z.number().int().min(0).optional() })
    .strict()
    .refine((t) => (t.atLeast === undefined) !== (t.moreThan === undefined), {
      message: 'give exactly one of atLeast or moreThan (copy the statute: "at least 250", "more than 500")',
    }),
);
export type ResidentThreshold = z.infer<typeof ResidentThreshold>;

export const StateObligationRule = lazySchema(() =>
  z
    .object({
      /** Unique in its entry; the plan id is `state:<code>:<id>`. */
      id: z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'must be 1–40 lower-case letters, digits or _' }),
      label: NonBlank(200),
      recipientKind: RecipientKind,
      recipient: NonBlank(200),
      trigger: z
        .object({
          residents: ResidentThreshold,
          entity: EntityScope,
          /** Any one of these elements triggers the rule; omitted = any breach of PHI. */
          dataElements: z.array(DataElement).min(1).optional(),
        })
        .strict(),
      clock: Clock,
      /** The statute section for the clock and the duty, e.g. "Tex. Bus. & Com. Code § 521.053(i)". */
      citation: NonBlank(200),
      methods: z.array(NonBlank(200)).min(1),
      content: z.array(z.object({ item: NonBlank(300), citation: NonBlank(200) }).strict()).default([]),
      hipaa: z
        .object({
          /** owed: a HIPAA-compliant entity still owes it; deemed_satisfied: HIPAA notice counts; counsel_review: unclear. */
          interplay: z.enum(['owed', 'deemed_satisfied', 'counsel_review'], { error: 'must be owed, deemed_satisfied or counsel_review' }),
          note: NonBlank(500),
          citation: NonBlank(200).optional(),
        })
        .strict(),
      effectiveFrom: LocalDateString,
      effectiveTo: LocalDateString.optional(),
      verification: Verification,
      sources: z
        .array(Source)
        .min(1, { error: 'every rule names at least one source (for an unverified rule, where the claim came from)' }),
      notes: z.array(NonBlank(500)).default([]),
    })
    .strict()
    .refine((r) => !r.effectiveTo || r.effectiveTo > r.effectiveFrom, {
      message: 'effectiveTo must be after effectiveFrom',
      path: ['effectiveTo'],
    })
    .refine(
      (r) =>
        r.verification !== 'verified' ||
        r.sources.some((s) => s.kind === 'statute_text' || s.kind === 'bill_text' || s.kind === 'regulation_text'),
      {
        message: '"verified" needs a statute, bill or regulation text among the sources',
        path: ['verification'],
      },
    ),
);
export type StateObligationRule = z.infer<typeof StateObligationRule>;

/** The first year a holiday is in the State's list (a later amendment added it); omitted = every year. */
const FromYear = lazySchema(() => z.number().int().min(1900).max(2200).optional());
const HolidayRule = lazySchema(() =>
  z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('fixed'),
        name: NonBlank(80),
        month: z.number().int().min(1).max(12),
        day: z.number().int().min(1).max(31),
        observed: z.enum(['none', 'sunday_to_monday', 'nearest_weekday']),
        fromYear: FromYear,
      })
      .strict(),
    z
      .object({
        type: z.literal('nth_weekday'),
        name: NonBlank(80),
        month: z.number().int().min(1).max(12),
        weekday: z.number().int().min(0).max(6),
        n: z
          .number()
          .int()
          .refine((n) => (n >= 1 && n <= 5) || n === -1, { message: '1–5, or -1 for the last' }),
        fromYear: FromYear,
      })
      .strict(),
    z
      .object({
        type: z.literal('day_after_nth_weekday'),
        name: NonBlank(80),
        month: z.number().int().min(1).max(12),
        weekday: z.number().int().min(0).max(6),
        n: z.number().int().min(1).max(5),
        fromYear: FromYear,
      })
      .strict(),
    z
      .object({ type: z.literal('general_election_day'), name: NonBlank(80), years: z.enum(['every', 'even']), fromYear: FromYear })
      .strict(),
    /** A day counted from Easter Sunday (Gregorian): Good Friday is -2. */
    z
      .object({ type: z.literal('easter_offset'), name: NonBlank(80), days: z.number().int().min(-60).max(60), fromYear: FromYear })
      .strict(),
  ]),
);
export type HolidayRule = z.infer<typeof HolidayRule>;

/**
 * The State's legal holidays that its business-day clocks skip. Like a rule, the list names its statute and
 * sources and carries a verification status: "verified" only when the holiday statute's text was read.
 * A holiday the engine cannot compute (a lunar date, a proclaimed day) is left out and named in the notes:
 * leaving a holiday out gives an earlier date, never a later one.
 */
export const HolidayCalendar = lazySchema(() =>
  z
    .object({
      citation: NonBlank(200),
      verification: Verification,
      sources: z
        .array(Source)
        .min(1, { error: 'a holiday list names at least one source (the holiday statute, or where the list came from)' }),
      rules: z.array(HolidayRule).min(1),
      notes: z.array(NonBlank(600)).default([]),
    })
    .strict()
    .refine(
      (c) =>
        c.verification !== 'verified' ||
        c.sources.some((s) => s.kind === 'statute_text' || s.kind === 'bill_text' || s.kind === 'regulation_text'),
      {
        message: '"verified" needs the holiday statute\'s text (or its enacting bill) among the sources',
        path: ['verification'],
      },
    ),
);
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

export const StateLawEntry = lazySchema(() =>
  z
    .object({
      jurisdiction: z.string().refine(isState, { message: 'must be a State or territory code of 45 CFR 160.103 (not "unknown")' }),
      /** encoded: rules below; not_encoded: none yet — a plan with residents here says "state law to review". */
      status: z.enum(['encoded', 'not_encoded'], { error: 'must be "encoded" or "not_encoded"' }),
      /** The main breach-notification statute, where known (for counsel's review even when not encoded). */
      statute: NonBlank(200).optional(),
      statuteVerification: Verification.optional(),
      obligations: z.array(StateObligationRule).default([]),
      holidays: HolidayCalendar.optional(),
      notes: z.array(NonBlank(600)).default([]),
      /**
       * A not_encoded entry: why, in one sentence for the plan's "state law to review" item (what was read or searched,
       * and what counsel decides). Without it the item says only that no rules are encoded.
       */
      reviewReason: NonBlank(600).optional(),
      /** The day this entry was last reviewed. */
      reviewedOn: LocalDateString,
    })
    .strict()
    .refine((e) => (e.status === 'encoded' ? e.obligations.length > 0 && !!e.statute : e.obligations.length === 0), {
      message: 'an encoded entry has a statute and at least one obligation; a not_encoded entry has none',
      path: ['obligations'],
    })
    .refine((e) => new Set(e.obligations.map((o) => o.id)).size === e.obligations.length, {
      message: 'obligation ids must be unique in an entry',
      path: ['obligations'],
    })
    .refine((e) => !e.obligations.some((o) => o.clock.type === 'days' && o.clock.unit === 'business_days') || !!e.holidays, {
      message: "a business-day clock needs the State's holiday calendar (holidays)",
      path: ['holidays'],
    })
    .refine((e) => e.status === 'not_encoded' || e.reviewReason === undefined, {
      message: 'reviewReason is for a not_encoded entry (an encoded one plans its rules)',
      path: ['reviewReason'],
    })
    .refine((e) => !e.statute || !!e.statuteVerification, {
      message: 'a statute reference needs statuteVerification',
      path: ['statuteVerification'],
    }),
);
export type StateLawEntry = z.infer<typeof StateLawEntry>;
export type StateLawEntryInput = z.input<typeof StateLawEntry>;
