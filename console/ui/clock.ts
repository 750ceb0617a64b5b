/// <reference lib="dom" />
/**
 * The console's clock source (issue 19): what "now" is for countdowns and urgency colours. Normally the
 * browser's clock; in a drill, the drill's simulated clock — the time-skipping server's "now" as GET /drill
 * last reported it, running on from there at the browser's pace (the server's clock also runs in real time
 * between the facilitator's jumps). Components read it with `useClock()`; the app provides it, so nothing
 * else reads Date.now() for a deadline. (The idle sign-off measures real inactivity and keeps the browser's clock.)
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface ConsoleClock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
  /** True on a drill's simulated clock. */
  simulated: boolean;
}

export const browserClock: ConsoleClock = { now: () => Date.now(), simulated: false };

/**
 * The drill's clock: `simulatedNow` (ISO) was the drill's time when the browser's clock read `receivedAtMs`.
 * Refused (the browser's clock is not silently used instead) when the instant is not a date.
 */
export function drillClock(simulatedNow: string, receivedAtMs: number, browserNow: () => number = () => Date.now()): ConsoleClock {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(simulatedNow) ? Date.parse(simulatedNow) : NaN;
  if (!Number.isFinite(at)) throw new Error(`now: "${simulatedNow}" is not an ISO instant (GET /drill)`);
  const offset = at - receivedAtMs;
  return { now: () => browserNow() + offset, simulated: true };
}

export const ClockContext = createContext<ConsoleClock>(browserClock);

/** The clock countdowns use: the drill's while the drill banner is on, the browser's otherwise. */
export function useClock(): ConsoleClock {
  return useContext(ClockContext);
}
