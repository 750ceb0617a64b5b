import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { isLocalDate } from './calendar-days.js';
import { isTimeZone } from './time-zones.js';

/**
 * The building blocks of the zod schemas, each with an error message that states the rule, so that a
 * problem reads as `field.path: reason` without further translation.
 */

/** An answer a responder may not know yet. Under 164.402(2) an `unknown` never rebuts the presumption of breach. */
export const Answer = lazySchema(() => z.enum(['yes', 'no', 'unknown'], { error: 'must be "yes", "no" or "unknown"' }));
export type Answer = z.infer<typeof Answer>;

/** An instant: ISO 8601 date-time with a UTC offset or Z. A bare date or a local time is ambiguous across zones. */
export const IsoInstant = lazySchema(() =>
  z.iso
    .datetime({
      offset: true,
      error:
        'must be an ISO 8601 date-time with a UTC offset, e.g. 2026-03-01T14:30:00-05:00 or 2026-03-01T19:30:00Z (a bare date or local time is ambiguous)',
    })
    .refine(instantInRange, {
      message: `must fall between the years ${MIN_YEAR} and ${MAX_YEAR} (a date outside them is a typing slip, and no deadline can be computed from it)`,
    }),
);

/**
 * The years an instant may fall in. Every date the engine records is a real event of a breach or its
 * handling; the bounds keep a typing slip (year 0000, 20260) from reaching the calendar arithmetic,
 * where a local date must have four digits.
 */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
function instantInRange(value: string): boolean {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  // One day of margin each side so that the local date in any zone is still in range.
  return year > MIN_YEAR - 1 && year < MAX_YEAR + 1 && ms >= Date.UTC(MIN_YEAR, 0, 2) && ms <= Date.UTC(MAX_YEAR, 11, 30);
}

/** A local calendar date 'YYYY-MM-DD' that exists (no 30 February). */
export const LocalDateString = lazySchema(() =>
  z.string({ error: 'must be a date YYYY-MM-DD' }).refine(isLocalDate, { message: 'must be a real calendar date YYYY-MM-DD' }),
);

/** A head count: a whole number ≥ 0. */
export const Count = lazySchema(() =>
  z
    .number({ error: 'must be a whole number ≥ 0' })
    .int({ error: 'must be a whole number (people are counted, not measured)' })
    .min(0, { error: 'cannot be negative' }),
);

/** An opaque id: letters, digits and . _ - (used in obligation ids such as `ce_notice:<id>`). */
export const Slug = lazySchema(() =>
  z.string({ error: 'must be a string' }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'must be 1–64 letters, digits, . _ - (an opaque id, starting with a letter or digit)',
  }),
);

/** Free text that must say something. */
export const NonBlank = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => s.trim().length > 0, { message: 'must not be empty' });

export const TimeZone = lazySchema(() =>
  z
    .string({ error: 'must be an IANA time zone name such as America/Chicago' })
    .refine(isTimeZone, { message: 'is not an IANA time zone name known to this system (e.g. America/Chicago, Pacific/Honolulu, UTC)' }),
);
