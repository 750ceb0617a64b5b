import { z } from 'zod';
import { OBLIGATION_KINDS, type ObligationKind } from './obligation.js';
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
 * - overlapping periods are merged.
 */
const appliesTo = z
  .array(z.enum(OBLIGATION_KINDS, { error: `must be one of: ${OBLIGATION_KINDS.join(', ')}` }))
  .min(1, { error: 'list at least one notice kind, or leave appliesTo out to hold every notice' })
  .optional();

export const LawEnforcementStatement = z.discriminatedUnion(
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

/** The hold periods that apply to notices of `kind` (any of several kinds; all kinds when omitted), merged and sorted. */
export function holdPeriods(statements: readonly LawEnforcementStatement[], kind?: ObligationKind | readonly ObligationKind[]): HoldPeriod[] {
  const kinds = kind === undefined ? undefined : typeof kind === 'string' ? [kind] : kind;
  const relevant = kinds ? statements.filter((s) => kinds.some((k) => statementAppliesTo(s, k))) : [...statements];
  const written = relevant.filter((s): s is Extract<LawEnforcementStatement, { kind: 'written' }> => s.kind === 'written');
  const raw: { start: number; end: number; basis: string }[] = [];
  for (const s of relevant) {
    const start = at(s.receivedAt);
    let end: number;
    let basis: string;
    if (s.kind === 'written') {
      end = at(s.endsAt); // 45 CFR 164.412(a): for the time period specified
      basis = `written statement by ${s.official} (${s.agency}) received ${s.receivedAt} (45 CFR 164.412(a))`;
    } else {
      const cap = start + ORAL_DELAY_MAX_MS; // 45 CFR 164.412(b): no longer than 30 days
      const followUp = written.filter((w) => at(w.receivedAt) >= start && at(w.receivedAt) <= cap).sort((a, b) => at(a.receivedAt) - at(b.receivedAt))[0];
      end = followUp ? at(followUp.receivedAt) : cap; // the written statement governs from its receipt
      basis = followUp
        ? `oral statement by ${s.official} (${s.agency}) received ${s.receivedAt}, followed within 30 days by a written statement (45 CFR 164.412(b), (a))`
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
  return merged.map((p) => ({ start: iso(p.start), end: iso(p.end), basis: p.basis }));
}
