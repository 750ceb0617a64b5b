/**
 * What a continue-as-new carries (issue 14 item 4), pure. The logic needs the latest facts, the
 * obligations, mailings, delays, decision and the request ids; the record (every timeline entry, every
 * facts version's document) needs only to be somewhere in history. So the carry keeps:
 * - the timeline entries recorded in the run that ends, and at least the latest `keep` entries;
 *   `timelineOffset` counts those before them (each is in an earlier run's start input);
 * - every facts version's metadata, and the document of the versions recorded in this run and the latest.
 * By induction every entry and document is in the start input of some run, or in the final state: the
 * service reassembles the full record from them (service/incident-history.ts).
 */
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { jsonBytes } from '../../contract/payload-limits.js';

export const CARRIED_TIMELINE_ENTRIES = 100;

/** Where this run started: how many timeline entries and facts versions it was given. */
export interface RunStart {
  timelineLength: number;
  factsVersionsLength: number;
}

export function runStartOf(s: IncidentSnapshot): RunStart {
  return { timelineLength: s.timeline.length, factsVersionsLength: s.factsVersions?.length ?? 0 };
}

export function boundedCarry(s: IncidentSnapshot, start: RunStart, keep = CARRIED_TIMELINE_ENTRIES): IncidentSnapshot {
  const cut = Math.max(0, Math.min(start.timelineLength, s.timeline.length - keep));
  const versions = s.factsVersions;
  const latest = versions?.length ? versions[versions.length - 1]!.version : undefined;
  // replan() records a law-enforcement cap once: the caps among the entries left behind stay known.
  const caps = s.timeline
    .slice(0, cut)
    .filter((e) => e.action === 'law_enforcement_delay_capped' && e.detail)
    .map((e) => e.detail!);
  return {
    ...s,
    timeline: s.timeline.slice(cut),
    ...(caps.length ? { lawEnforcementWarnings: [...(s.lawEnforcementWarnings ?? []), ...caps] } : {}),
    timelineOffset: (s.timelineOffset ?? 0) + cut,
    ...(versions
      ? {
          factsVersions: versions.map((v, i) => {
            if (i >= start.factsVersionsLength || v.version === latest || v.factsInEarlierRun) return v;
            const { facts, ...meta } = v;
            return { ...meta, bytes: jsonBytes(facts), factsInEarlierRun: true as const };
          }),
        }
      : {}),
  };
}

/** Bytes of every facts version recorded so far, carried or not (the facts-versions size limit). */
export function factsBytesRecorded(s: IncidentSnapshot): number {
  return (s.factsVersions ?? []).reduce((n, v) => n + (v.factsInEarlierRun ? (v.bytes ?? 0) : jsonBytes(v.facts)), 0);
}
