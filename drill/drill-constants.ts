/** Shared by the drill engine and the (pure) scoring. */
export const DAY_MS = 86_400_000;
export const DRILL_BANNER = 'DRILL - tabletop exercise on simulated time. Not a real incident; no real notice was or will be sent.';
/** Roster addresses at this domain bounce for good (550) in a drill's notice outbox: a scenario's bouncing mailing. */
export const DRILL_BOUNCE_DOMAIN = 'bounces.drill.invalid';
