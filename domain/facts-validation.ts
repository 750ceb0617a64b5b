import type { z } from 'zod';
import { RECIPIENT_KINDS, type RecipientKind } from './assessment.js';
import { EXCEPTION_CITATIONS, EXCEPTION_KINDS, type ExceptionKind } from './exceptions.js';
import { IncidentFactsSchema, type IncidentFacts } from './facts.js';
import { isJurisdiction } from './jurisdictions.js';
import { Answer, Count, IsoInstant, Slug } from './schema-primitives.js';
import { CURRENT_RULES_VERSION, type RulesVersion } from './rules-version.js';
import { fromZodIssues, type ValidationIssue } from './validation-issues.js';

/**
 * Validates incident facts: first the schema (each field on its own), then the rules that span fields.
 * Every problem is reported — schema and cross-field alike, in one pass — each with its exact field
 * path and the rule it breaks. Nothing is guessed or silently corrected.
 *
 * Pure and zone-free (only instants are compared), so it is safe to run inside workflow code.
 */
export type FactsIssue = ValidationIssue;
export type FactsCheck = { ok: true; facts: IncidentFacts } | { ok: false; issues: FactsIssue[] };

/** Parses `value` with `schema`, or undefined when it does not parse (its own problem is reported by the schema). */
function pick<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const instant = (v: unknown): number | undefined => {
  const s = pick(IsoInstant, v);
  return s === undefined ? undefined : Date.parse(s);
};
const count = (v: unknown, dflt: number): number | undefined => (v === undefined ? dflt : pick(Count, v));

/**
 * The fields the cross-field rules read, each present only if it is valid on its own. Built from the raw
 * input, so that cross-field problems are found even while other fields have schema problems.
 */
interface FactsView {
  role?: 'covered_entity' | 'business_associate';
  entityType?: string;
  coveredEntities?: unknown[];
  discoveredAt?: number;
  occurredAt?: number;
  occurredEndAt?: number;
  reportedAt?: number;
  phiInvolved?: Answer;
  phiKindsRecorded: boolean;
  identifiers: unknown[];
  encrypted?: Answer;
  meetsGuidance?: Answer;
  keyCompromised?: Answer;
  exceptionKind?: ExceptionKind;
  sameOhca?: Answer;
  privacyRuleFinding?: unknown;
  privacyRuleBasis?: unknown;
  recipientKind?: RecipientKind;
  acquiredFinding?: string;
  /** Undefined when any count by jurisdiction is invalid. */
  total?: number;
  insufficientContact?: number;
  deceased?: number;
  deceasedWithNextOfKinAddress?: number;
  minors?: number;
  statements: { kind?: string; receivedAt?: number; endsAt?: number; endedAt?: number }[];
}

function view(input: unknown): FactsView {
  const f = obj(input);
  const org = obj(f.organization);
  const dates = obj(f.dates);
  const phi = obj(f.phi);
  const security = obj(f.security);
  const exception = obj(f.exception);
  const assessment = obj(f.assessment);
  const affected = obj(f.affected);
  const counts = Object.entries(obj(affected.byJurisdiction));
  const validCounts = counts.map(([k, v]) => (isJurisdiction(k) ? pick(Count, v) : undefined));
  const kind = exception.kind;
  const recipient = obj(assessment.unauthorizedRecipient).kind;
  return {
    role: f.role === 'covered_entity' || f.role === 'business_associate' ? f.role : undefined,
    entityType: typeof org.entityType === 'string' ? org.entityType : undefined,
    coveredEntities: f.coveredEntities === undefined ? [] : Array.isArray(f.coveredEntities) ? f.coveredEntities : undefined,
    discoveredAt: instant(dates.discoveredAt),
    occurredAt: instant(dates.occurredAt),
    occurredEndAt: instant(dates.occurredEndAt),
    reportedAt: instant(dates.reportedAt),
    phiInvolved: pick(Answer, phi.involved),
    phiKindsRecorded: arr(phi.identifiers).length > 0 || phi.clinical === true || phi.financial === true || phi.other === true,
    identifiers: arr(phi.identifiers),
    encrypted: pick(Answer, security.encrypted),
    meetsGuidance: pick(Answer, security.encryptionMeetsHhsGuidance),
    keyCompromised: pick(Answer, security.keyCompromised),
    exceptionKind: (EXCEPTION_KINDS as readonly unknown[]).includes(kind) ? (kind as ExceptionKind) : undefined,
    sameOhca: pick(Answer, exception.sameOrganizedHealthCareArrangement),
    privacyRuleFinding: obj(f.privacyRule).finding,
    privacyRuleBasis: obj(f.privacyRule).basis,
    recipientKind: (RECIPIENT_KINDS as readonly unknown[]).includes(recipient) ? (recipient as RecipientKind) : undefined,
    acquiredFinding:
      typeof obj(assessment.acquiredOrViewed).finding === 'string' ? (obj(assessment.acquiredOrViewed).finding as string) : undefined,
    total: validCounts.every((c) => c !== undefined) ? validCounts.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined,
    insufficientContact: count(affected.insufficientContact, 0),
    deceased: count(affected.deceased, 0),
    deceasedWithNextOfKinAddress: count(affected.deceasedWithNextOfKinAddress, 0),
    minors: count(affected.minors, 0),
    statements: arr(f.lawEnforcementDelays).map((s) => {
      const o = obj(s);
      return {
        kind: typeof o.kind === 'string' ? o.kind : undefined,
        receivedAt: instant(o.receivedAt),
        endsAt: instant(o.endsAt),
        endedAt: instant(o.endedAt),
      };
    }),
  };
}

/** The rules that span fields. `now` is an epoch-ms instant. */
function crossFieldIssues(v: FactsView, now: number, nowIso: string, rulesVersion: RulesVersion): FactsIssue[] {
  const issues: FactsIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  // --- Dates -------------------------------------------------------------------------------------
  // 164.404(a)(2), 164.410(a)(2): discovery is the first day the breach was known: it has happened.
  if (v.discoveredAt !== undefined && v.discoveredAt > now)
    add(
      'dates.discoveredAt',
      `is in the future (now is ${nowIso}); discovery is the day the breach was first known (45 CFR 164.404(a)(2))`,
    );
  // A breach can be reported to the privacy office only once someone knows of it.
  if (v.reportedAt !== undefined && v.discoveredAt !== undefined && v.reportedAt < v.discoveredAt)
    add('dates.reportedAt', 'is before dates.discoveredAt: a breach cannot be reported before anyone knew of it');
  if (v.reportedAt !== undefined && v.reportedAt > now) add('dates.reportedAt', `is in the future (now is ${nowIso})`);
  if (v.occurredAt !== undefined && v.occurredAt > now) add('dates.occurredAt', `is in the future (now is ${nowIso})`);
  if (v.occurredEndAt !== undefined && v.occurredEndAt > now) add('dates.occurredEndAt', `is in the future (now is ${nowIso})`);
  if (v.occurredAt !== undefined && v.occurredEndAt !== undefined && v.occurredEndAt < v.occurredAt)
    add('dates.occurredEndAt', 'is before dates.occurredAt');
  // Discovery before the occurrence is allowed (a breach found while still under way, or a start date revised later).

  // --- Who we are ----------------------------------------------------------------------------------
  // 164.410(a)(1): a business associate notifies the covered entity — there must be at least one.
  if (v.role === 'business_associate' && v.coveredEntities !== undefined && v.coveredEntities.length === 0) {
    add('coveredEntities', 'a business associate must name at least one covered entity to notify (45 CFR 164.410(a)(1))');
  }
  if (v.role === 'covered_entity' && v.coveredEntities !== undefined && v.coveredEntities.length > 0) {
    add(
      'coveredEntities',
      'only a business associate lists covered entities to notify; a covered entity notifies individuals, HHS and media itself (45 CFR 164.404–164.408)',
    );
  }
  if (v.role === 'covered_entity' && v.entityType === 'business_associate') {
    add(
      'role',
      'is "covered_entity" but organization.entityType is "business_associate": a business associate is never the covered entity of an incident',
    );
  }
  const seen = new Map<string, number>();
  (v.coveredEntities ?? []).forEach((ce, i) => {
    const id = pick(Slug, obj(ce).id);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined)
      add(
        `coveredEntities.${i}.id`,
        `duplicates coveredEntities.${first}.id "${id}": each covered entity gets one notice (ce_notice:${id})`,
      );
    else seen.set(id, i);
  });

  // --- PHI and security ----------------------------------------------------------------------------
  if (v.phiInvolved === 'no' && v.phiKindsRecorded)
    add('phi.involved', 'is "no" but PHI kinds are recorded in phi.identifiers / clinical / financial / other');
  const ids = new Map<string, number>();
  v.identifiers.forEach((id, i) => {
    if (typeof id !== 'string') return;
    if (ids.has(id)) add(`phi.identifiers.${i}`, `"${id}" is listed twice`);
    ids.set(id, i);
  });
  if (v.encrypted === 'no' && v.keyCompromised === 'yes')
    add('security.keyCompromised', 'is "yes" but security.encrypted is "no": there is no decryption key to compromise');
  if (v.encrypted === 'no' && v.meetsGuidance === 'yes')
    add('security.encryptionMeetsHhsGuidance', 'is "yes" but security.encrypted is "no"');

  // --- Exceptions must match the facts they rely on (45 CFR 164.402(1)) ---------------------------
  const r = v.recipientKind;
  if (
    v.exceptionKind === 'good_faith_workforce' &&
    r &&
    r !== 'unknown' &&
    r !== 'own_workforce_member' &&
    r !== 'hipaa_covered_entity_or_business_associate'
  ) {
    add(
      'exception.kind',
      `good_faith_workforce (${EXCEPTION_CITATIONS.good_faith_workforce}) covers a workforce member or person acting under our authority, but assessment.unauthorizedRecipient.kind is "${r}"`,
    );
  }
  // Rules version 2: 164.402(1)(ii) needs the recipient at the SAME covered entity, business associate or
  // organized health care arrangement; another covered entity or business associate qualifies only as a
  // participant of the same OHCA, and any other entity never does.
  if (
    rulesVersion >= 2 &&
    v.exceptionKind === 'inadvertent_internal' &&
    r === 'hipaa_covered_entity_or_business_associate' &&
    v.sameOhca !== 'yes'
  ) {
    add(
      'exception.sameOrganizedHealthCareArrangement',
      `must be "yes" to claim inadvertent_internal (${EXCEPTION_CITATIONS.inadvertent_internal}) for a disclosure to another covered entity or business associate (assessment.unauthorizedRecipient.kind): the exception covers only a recipient at the same covered entity, business associate or organized health care arrangement`,
    );
  }
  if (
    v.exceptionKind === 'inadvertent_internal' &&
    r &&
    r !== 'unknown' &&
    r !== 'own_workforce_member' &&
    r !== 'hipaa_covered_entity_or_business_associate'
  ) {
    add(
      'exception.kind',
      `inadvertent_internal (${EXCEPTION_CITATIONS.inadvertent_internal}) covers a disclosure to a person authorized at the same entity or organized health care arrangement, but assessment.unauthorizedRecipient.kind is "${r}"`,
    );
  }
  if (v.exceptionKind === 'could_not_retain' && v.acquiredFinding === 'acquired') {
    add(
      'exception.kind',
      `could_not_retain (${EXCEPTION_CITATIONS.could_not_retain}) needs a good-faith belief that the recipient could not retain the PHI, but assessment.acquiredOrViewed.finding is "acquired"`,
    );
  }
  // 164.402, 164.414(b): a use or disclosure found permitted (or incidental) is documented with its basis.
  if (
    (v.privacyRuleFinding === 'permitted' || v.privacyRuleFinding === 'incidental') &&
    (typeof v.privacyRuleBasis !== 'string' || v.privacyRuleBasis.trim() === '')
  ) {
    add(
      'privacyRule.basis',
      `is required when privacyRule.finding is "${v.privacyRuleFinding}": name the Privacy Rule provision relied on and the facts that show it applies (45 CFR 164.402 "breach", 164.414(b))`,
    );
  }
  if (v.exceptionKind && v.phiInvolved === 'no')
    add('exception', 'an exception is claimed but phi.involved is "no": with no PHI there is no breach to except');

  // --- Counts must add up --------------------------------------------------------------------------
  if (v.total !== undefined) {
    const total = v.total;
    if (v.deceased !== undefined && v.deceased > total)
      add('affected.deceased', `${v.deceased} deceased is more than the ${total} affected individuals counted in affected.byJurisdiction`);
    if (v.minors !== undefined && v.minors > total)
      add('affected.minors', `${v.minors} minors is more than the ${total} affected individuals counted in affected.byJurisdiction`);
    if (
      v.insufficientContact !== undefined &&
      v.deceased !== undefined &&
      v.deceased <= total &&
      v.insufficientContact > total - v.deceased
    ) {
      add(
        'affected.insufficientContact',
        `${v.insufficientContact} is more than the ${total - v.deceased} living affected individuals (${total} counted − ${v.deceased} deceased); it counts living people only (45 CFR 164.404(d)(2))`,
      );
    }
  }
  if (v.deceased !== undefined && v.deceasedWithNextOfKinAddress !== undefined && v.deceasedWithNextOfKinAddress > v.deceased) {
    add('affected.deceasedWithNextOfKinAddress', `${v.deceasedWithNextOfKinAddress} is more than affected.deceased (${v.deceased})`);
  }

  // --- Law-enforcement statements (45 CFR 164.412) -------------------------------------------------
  v.statements.forEach((s, i) => {
    const p = `lawEnforcementDelays.${i}`;
    if (s.receivedAt !== undefined && s.receivedAt > now)
      add(`${p}.receivedAt`, `is in the future (now is ${nowIso}): record a statement once it has been made`);
    if (s.kind === 'written' && s.endsAt !== undefined && s.receivedAt !== undefined && s.endsAt <= s.receivedAt) {
      add(
        `${p}.endsAt`,
        'must be after receivedAt: a written statement specifies the time for which a delay is required (45 CFR 164.412(a))',
      );
    }
    if (s.endedAt !== undefined && s.receivedAt !== undefined && s.endedAt < s.receivedAt) add(`${p}.endedAt`, 'is before receivedAt');
    if (s.endedAt !== undefined && s.endedAt > now)
      add(`${p}.endedAt`, `is in the future (now is ${nowIso}): endedAt records when the official lifted the delay`);
  });
  return issues;
}

/** How deep facts may nest. The schema itself is at most 5 levels deep; a deeper document is not facts. */
export const MAX_FACTS_DEPTH = 32;

/** The depth of a JSON-like value, counted without recursion (so a 100,000-deep document cannot overflow the stack). */
export function depthExceeds(input: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

/**
 * Never throws on any input (only on a bad `now`, which is the caller's clock, not client input): a value
 * that cannot even be examined is reported as a problem, so a client cannot fail a workflow task with it.
 */
export function validateFacts(input: unknown, opts: { now: string; rulesVersion?: RulesVersion }): FactsCheck {
  const now = Date.parse(opts.now);
  if (Number.isNaN(now)) throw new RangeError(`validateFacts: now must be an ISO instant, got ${JSON.stringify(opts.now)}`);
  if (depthExceeds(input, MAX_FACTS_DEPTH))
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          message: `is nested more than ${MAX_FACTS_DEPTH} levels deep: incident facts are a few levels of fields, not an arbitrary document`,
        },
      ],
    };
  try {
    return check(input, now, opts.now, opts.rulesVersion ?? CURRENT_RULES_VERSION);
  } catch (err) {
    // The message names the kind of failure only: it never echoes the input.
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          message: `could not be checked (${err instanceof Error ? err.name : 'error'}): send facts as JSON of the documented shape`,
        },
      ],
    };
  }
}

function check(input: unknown, now: number, nowIso: string, rulesVersion: RulesVersion): FactsCheck {
  const parsed = IncidentFactsSchema.safeParse(input);
  const issues = parsed.success ? [] : fromZodIssues(parsed.error.issues, input);
  // Cross-field rules run either way, on the fields that are valid on their own.
  if (input !== null && typeof input === 'object' && !Array.isArray(input))
    issues.push(...crossFieldIssues(view(input), now, nowIso, rulesVersion));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, facts: parsed.data };
}

function dedupe(issues: FactsIssue[]): FactsIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
