/** Shared by the drill engine and the (pure) scoring. */
export const DAY_MS = 86_400_000;
export const DRILL_BANNER = 'DRILL - tabletop exercise on simulated time. Not a real incident; no real notice was or will be sent.';
