import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { OBLIGATION_KINDS, type ObligationKind } from './obligation.js';
import { CURRENT_RULES_VERSION, type RulesVersion } from './rules-version.js';
import { IsoInstant, NonBlank } from './schema-primitives.js';

/**
 * Law-enforcement delay, 45 CFR 164.412. If a law-enforcement official states that a notification,
 * notice or posting required by the subpart would impede a criminal investigation or damage national
 * security, the entity shall:
 *   (a) written statement that specifies the time for which a delay is required → delay for that period;
 *   (b) oral statement → document it, including the official's identity, and delay temporarily, no
 *       longer than 30 days from the oral statement, unless a written statement under (a) is submitted
 *       during that time.
 * It applies to every notice of the subpart: individuals (164.404), media (164.406), HHS (164.408) and
 * business associate → covered entity (164.410). A statement may name only some notices (`appliesTo`);
 * one naming the individual notices also holds the substitute notice and the HHS notice that goes with
 * them (planner.ts).
 *
 * OUR READING (how statements become hold periods — see notice-clock.ts for how holds move deadlines):
 * - written: held from `receivedAt` until `endsAt` (or `endedAt`, if the official lifts it earlier);
 * - oral: held from `receivedAt` for at most 30 × 24 hours (the earlier reading of "30 days from the
 *   date of the oral statement"), or until `endedAt` if earlier;
 * - oral, then written within those 30 days (164.412(b) "unless a written statement … is submitted
 *   during that time"): the written statement governs from its receipt — the oral hold ends when the
 *   written one arrives and the written period follows without a gap, whether it ends before or after
 *   the oral 30 days would have;
 * - a written statement received after the oral 30 days have run out is a new delay, with a gap between;
 * - (rules version 2) a further oral statement received while a first oral delay is running does not
 *   restart the 30 days: 164.412(b) allows no more than 30 days from the oral statement "unless a written
 *   statement … is submitted during that time"; it ends with the first one's 30 days, the plan warns,
 *   and the statement stays recorded (holdFindings);
 * - overlapping periods are merged.
 */
const appliesTo = lazySchema(() =>
  z
    .array(z.enum(OBLIGATION_KINDS, { error: `must be one of: ${OBLIGATION_KINDS.join(', ')}` }))
    .min(1, { error: 'list at least one notice kind, or leave appliesTo out to hold every notice' })
    .optional(),
);

export const LawEnforcementStatement = lazySchema(() =>
  z.discriminatedUnion(
    'kind',
    [
      z
        .object({
          kind: z.literal('written'), // 45 CFR 164.412(a)
          official: NonBlank(200),
          agency: NonBlank(200),
          receivedAt: IsoInstant,
          /** The end of the period the statement specifies (164.412(a) "specifies the time"). */
          endsAt: IsoInstant,
          /** Set when the official lifts the delay before `endsAt`. */
          endedAt: IsoInstant.optional(),
          appliesTo,
          recordedBy: NonBlank(200).optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('oral'), // 45 CFR 164.412(b)
          /** 164.412(b): the identity of the official making the statement must be documented. */
          official: NonBlank(200),
          agency: NonBlank(200),
          receivedAt: IsoInstant,
          endedAt: IsoInstant.optional(),
          appliesTo,
          recordedBy: NonBlank(200).optional(),
        })
        .strict(),
    ],
    { error: 'must be "written" (45 CFR 164.412(a)) or "oral" (45 CFR 164.412(b))' },
  ),
);
export type LawEnforcementStatement = z.infer<typeof LawEnforcementStatement>;

export interface HoldPeriod {
  /** ISO instants, start inclusive, end exclusive. */
  start: string;
  end: string;
  basis: string;
}

/** 45 CFR 164.412(b): an oral statement delays notice at most 30 days. */
export const ORAL_DELAY_MAX_MS = 30 * 86_400_000;

const at = (s: string): number => Date.parse(s);
const iso = (t: number): string => new Date(t).toISOString();

export const statementAppliesTo = (s: LawEnforcementStatement, kind: ObligationKind): boolean => !s.appliesTo || s.appliesTo.includes(kind);

export interface HoldOptions {
  /** Rule edition (rules-version.ts): 1 gives every oral statement its own 30 days; 2 (default) caps a repeated one (164.412(b)). */
  rulesVersion?: RulesVersion;
}

export interface HoldFindings {
  periods: HoldPeriod[];
  /** Oral statements that tried to extend a delay past the first oral statement's 30 days (164.412(b)); shown as plan warnings. */
  warnings: string[];
}

/** The hold periods that apply to notices of `kind` (any of several kinds; all kinds when omitted), merged and sorted. */
export function holdPeriods(
  statements: readonly LawEnforcementStatement[],
  kind?: ObligationKind | readonly ObligationKind[],
  opts: HoldOptions = {},
): HoldPeriod[] {
  return holdFindings(statements, kind, opts).periods;
}

/**
 * holdPeriods, with the warnings of 164.412(b). Rules version 2: an oral statement delays notice no
 * longer than 30 days from that statement "unless a written statement … is submitted during that time".
 * A further oral statement does not restart the 30 days: once an oral statement has delayed a notice, a
 * later oral statement (until a written statement is received) delays it no further than the end of the
 * FIRST oral statement's 30 days — one received after that end delays nothing. Only a written statement
 * carries a delay further. The later statement stays recorded and the plan warns.
 */
export function holdFindings(
  statements: readonly LawEnforcementStatement[],
  kind?: ObligationKind | readonly ObligationKind[],
  opts: HoldOptions = {},
): HoldFindings {
  const version = opts.rulesVersion ?? CURRENT_RULES_VERSION;
  const kinds = kind === undefined ? undefined : typeof kind === 'string' ? [kind] : kind;
  const relevant = kinds ? statements.filter((s) => kinds.some((k) => statementAppliesTo(s, k))) : [...statements];
  const written = relevant.filter((s): s is Extract<LawEnforcementStatement, { kind: 'written' }> => s.kind === 'written');
  const firstWrittenWithin = (from: number, to: number) =>
    written.filter((w) => at(w.receivedAt) >= from && at(w.receivedAt) <= to).sort((a, b) => at(a.receivedAt) - at(b.receivedAt))[0];
  const warnings: string[] = [];
  // Version 2: the cap of each oral statement — its own 30 days, or the first oral statement's.
  const oralCap = new Map<LawEnforcementStatement, { cap: number; first?: LawEnforcementStatement }>();
  const orals = relevant.filter((s) => s.kind === 'oral').sort((a, b) => at(a.receivedAt) - at(b.receivedAt));
  let chain: { first: LawEnforcementStatement; cap: number } | undefined;
  for (const s of orals) {
    const start = at(s.receivedAt);
    const own = start + ORAL_DELAY_MAX_MS; // 45 CFR 164.412(b): no longer than 30 days from the oral statement
    // A written statement received since the first oral statement ends the chain: a later oral one starts afresh.
    if (chain && written.some((w) => at(w.receivedAt) >= at(chain!.first.receivedAt) && at(w.receivedAt) <= start)) chain = undefined;
    if (version >= 2 && chain) {
      oralCap.set(s, { cap: chain.cap, first: chain.first });
      // Warn unless a written statement arrived within the first oral statement's 30 days (then it governs).
      if (own > chain.cap && !firstWrittenWithin(at(chain.first.receivedAt), chain.cap)) {
        const who = `the oral law-enforcement statement by ${s.official} (${s.agency}) received ${s.receivedAt}`;
        const rule =
          'an oral statement delays notice no longer than 30 days unless a WRITTEN statement is submitted within that time (45 CFR 164.412(b)); ask the official for a written statement';
        warnings.push(
          start >= chain.cap
            ? `${who} came after the 30 days of the first oral statement (received ${chain.first.receivedAt}) ended at ${iso(chain.cap)}: it does not renew the delay, so it delays nothing — ${rule}`
            : `${who} would extend the delay past ${iso(chain.cap)}, the end of the 30 days of the first oral statement (received ${chain.first.receivedAt}): the delay ends then unless a written statement arrives — ${rule}`,
        );
      }
      continue;
    }
    oralCap.set(s, { cap: own });
    chain = { first: s, cap: own };
  }
  const raw: { start: number; end: number; basis: string }[] = [];
  for (const s of relevant) {
    const start = at(s.receivedAt);
    let end: number;
    let basis: string;
    if (s.kind === 'written') {
      end = at(s.endsAt); // 45 CFR 164.412(a): for the time period specified
      basis = `written statement by ${s.official} (${s.agency}) received ${s.receivedAt} (45 CFR 164.412(a))`;
    } else {
      const { cap, first } = version >= 2 ? oralCap.get(s)! : { cap: start + ORAL_DELAY_MAX_MS, first: undefined }; // 45 CFR 164.412(b): no longer than 30 days
      const followUp = firstWrittenWithin(start, cap);
      end = followUp ? at(followUp.receivedAt) : cap; // the written statement governs from its receipt
      basis = followUp
        ? `oral statement by ${s.official} (${s.agency}) received ${s.receivedAt}, followed within 30 days by a written statement (45 CFR 164.412(b), (a))`
        : first
          ? `oral statement by ${s.official} (${s.agency}) received ${s.receivedAt}: no further than the 30 days of the first oral statement received ${first.receivedAt} (45 CFR 164.412(b))`
          : `oral statement by ${s.official} (${s.agency}) received ${s.receivedAt}: at most 30 days (45 CFR 164.412(b))`;
    }
    if (s.endedAt) end = Math.min(end, at(s.endedAt));
    if (end > start) raw.push({ start, end, basis });
  }
  raw.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; basis: string }[] = [];
  for (const p of raw) {
    const last = merged.at(-1);
    if (last && p.start <= last.end) {
      last.end = Math.max(last.end, p.end);
      last.basis = `${last.basis}; ${p.basis}`;
    } else merged.push({ ...p });
  }
  return { periods: merged.map((p) => ({ start: iso(p.start), end: iso(p.end), basis: p.basis })), warnings };
}
