import { addCalendarDays, daysBetween, localDateOf, maxDate, type LocalDate } from './local-dates.js';
import type { LawEnforcementStatement } from './incident-facts.js';

/**
 * 45 CFR 164.412 — law-enforcement delay. How this engine reads it:
 * - (a) written statement naming a period: notice is delayed until the end of that period (or an earlier
 *   date the official gives when lifting it, recorded as `endedAt`);
 * - (b) oral statement: documented with the official's identity, it delays notice at most 30 days from
 *   the statement — unless a written statement is received within those 30 days, in which case the
 *   delay continues, without a gap, to the written statement's end;
 * - tolling: while a delay is in force no notice may be made, and the days it is in force do not count
 *   toward the 60 days (the clock stops, 74 Fed. Reg. 42740, 42754–55 (Aug. 24, 2009)): a deadline whose
 *   clock was still running when a delay began moves later by the delay's length in calendar days (the
 *   days left resume when it ends), and never falls before the day the delay ends. A delay that begins
 *   after a deadline has passed does not revive it. Target dates move by the same number of days.
 * It applies to every notice of the subpart (164.404, 164.406, 164.408, 164.410).
 */
export interface DelayPeriod {
  /** ISO instants. */
  start: string;
  end: string;
  basis: string;
}

const ORAL_MAX_MS = 30 * 86_400_000;

export function delayPeriods(statements: readonly LawEnforcementStatement[]): DelayPeriod[] {
  const written = statements.filter((s): s is Extract<LawEnforcementStatement, { kind: 'written' }> => s.kind === 'written');
  const periods: DelayPeriod[] = [];
  for (const s of statements) {
    const start = Date.parse(s.receivedAt);
    let end: number;
    let basis: string;
    if (s.kind === 'written') {
      end = Date.parse(s.endsAt);
      basis = `written statement (${s.agency}), 164.412(a)`;
    } else {
      const cap = start + ORAL_MAX_MS;
      // 164.412(b): a written statement received within the 30 days carries the delay on.
      const follow = written.filter((w) => Date.parse(w.receivedAt) >= start && Date.parse(w.receivedAt) <= cap).sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))[0];
      end = follow ? Math.max(cap, Date.parse(follow.endsAt)) : cap;
      basis = follow ? `oral statement (${s.agency}) followed by a written one, 164.412(b)` : `oral statement (${s.agency}), at most 30 days, 164.412(b)`;
    }
    if (s.endedAt) end = Math.min(end, Date.parse(s.endedAt));
    if (end > start) periods.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), basis });
  }
  // Merge overlapping periods.
  periods.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const merged: DelayPeriod[] = [];
  for (const p of periods) {
    const last = merged.at(-1);
    if (last && Date.parse(p.start) <= Date.parse(last.end)) {
      if (Date.parse(p.end) > Date.parse(last.end)) last.end = p.end;
      last.basis = `${last.basis}; ${p.basis}`;
    } else merged.push({ ...p });
  }
  return merged;
}

export interface TolledDates {
  deadline: LocalDate;
  target: LocalDate;
  /** Instant before which no notice may be made (the end of the last delay), if any delay applies. */
  heldUntil?: string;
  shiftDays: number;
  basis?: string;
}

/** Applies the delays to a deadline/target computed from discovery on local date `discovery`. */
export function tollForLawEnforcement(
  dates: { discovery: LocalDate; deadline: LocalDate; target: LocalDate },
  periods: readonly DelayPeriod[],
  timeZone: string,
): TolledDates {
  let deadline = dates.deadline;
  let shift = 0;
  let heldUntil: string | undefined;
  const bases: string[] = [];
  for (const p of periods) {
    const s = maxDate(localDateOf(p.start, timeZone), dates.discovery);
    const e = localDateOf(p.end, timeZone);
    if (e < dates.discovery) continue; // ended before the clock started
    // The clock stops while the delay is in force: if it was still running when the delay began, the days
    // left on it resume when the delay ends, i.e. the deadline moves by the whole length of the delay.
    const inside = s <= deadline ? Math.max(0, daysBetween(s, e)) : 0;
    shift += inside;
    deadline = addCalendarDays(deadline, inside);
    if (deadline < e) deadline = e;
    heldUntil = heldUntil && Date.parse(heldUntil) > Date.parse(p.end) ? heldUntil : p.end;
    bases.push(p.basis);
  }
  let target = addCalendarDays(dates.target, shift);
  if (heldUntil) target = maxDate(target, localDateOf(heldUntil, timeZone));
  if (target > deadline) target = deadline;
  return { deadline, target, ...(heldUntil ? { heldUntil } : {}), shiftDays: shift, ...(bases.length ? { basis: bases.join('; ') } : {}) };
}
