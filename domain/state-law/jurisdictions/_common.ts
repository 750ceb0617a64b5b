import type { Source } from '../schema.js';

/** The day the sources below were read for this pack version. */
export const CHECKED = '2026-12-03';

/** The project's starting sheet: an internal summary, never a ground for "verified". */
export const STARTING_SHEET: Source = { title: 'Project starting sheet shared/domain/state-law-facts.md (internal summary, not a legal source)', kind: 'secondary', checked: CHECKED };

/** Written where a rule was encoded from the starting sheet and general knowledge only. */
export const UNVERIFIED_NOTE = 'UNVERIFIED: the statute text was not checked for this pack version; counsel must confirm the clock, threshold and recipient before relying on it.';
