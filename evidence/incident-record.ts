/**
 * The incident's full record across continue-as-new runs (issue 14 item 4). A run carries a bounded state
 * (workflows/incident/carry.ts): timeline entries before `timelineOffset` and the documents of facts
 * versions marked `factsInEarlierRun` are not in the latest state, but each is in the start input of some
 * earlier run of the same workflow id. The evidence archive and the report read them back from there, so
 * both still show every entry and every version (164.414(b), 164.530(j)).
 */
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { IncidentSnapshot, OpenIncidentInput, TimelineEntry } from '../contract/incident-types.js';

type HistoryStart = { input?: { payloads?: Payload[] | null } | null; continuedExecutionRunId?: string | null };

/** The first payload through the client's codecs (decrypted) and payload converter. */
async function decodeFirst<T>(client: Client, payloads: Payload[]): Promise<T | undefined> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  let decoded = payloads;
  for (const codec of [...payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return decoded[0] ? payloadConverter.fromPayload<T>(decoded[0]) : undefined;
}

/** True when some of the record is held only by earlier runs' histories. */
export function isPartialRecord(s: IncidentSnapshot): boolean {
  return (s.timelineOffset ?? 0) > 0 || (s.factsVersions ?? []).some((v) => v.factsInEarlierRun);
}

/**
 * The carried states that started each run of `workflowId`'s continue-as-new chain, latest run first
 * (one history page per run: the start event is the first).
 */
export async function carriedStates(client: Client, workflowId: string, maxRuns = 10_000): Promise<IncidentSnapshot[]> {
  const out: IncidentSnapshot[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  for (let n = 0; runId && n < maxRuns; n++) {
    const page: Awaited<ReturnType<Client['workflowService']['getWorkflowExecutionHistory']>> =
      await client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId, runId },
        maximumPageSize: 1,
      });
    const started: HistoryStart | null | undefined = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    if (!started) throw new Error(`run ${runId} of ${workflowId} has no start event`);
    const input = await decodeFirst<OpenIncidentInput>(client, started.input?.payloads ?? []);
    if (input?.carried) out.push(input.carried);
    runId = started.continuedExecutionRunId || undefined;
  }
  return out;
}

/**
 * The full record from the latest state and the states carried into earlier runs: every timeline entry
 * by its position, every facts version with its document. Refuses (throws) rather than return a record
 * with a hole in it.
 */
export function mergeRecord(latest: IncidentSnapshot, carried: readonly IncidentSnapshot[]): IncidentSnapshot {
  const entries = new Map<number, TimelineEntry>();
  const versions = new Map<number, NonNullable<IncidentSnapshot['factsVersions']>[number]>();
  for (const s of [latest, ...carried]) {
    const offset = s.timelineOffset ?? 0;
    s.timeline.forEach((e, i) => {
      if (!entries.has(offset + i)) entries.set(offset + i, e);
    });
    for (const v of s.factsVersions ?? []) {
      const have = versions.get(v.version);
      if (!have || (have.factsInEarlierRun && !v.factsInEarlierRun)) versions.set(v.version, v);
    }
  }
  const total = (latest.timelineOffset ?? 0) + latest.timeline.length;
  const timeline: TimelineEntry[] = [];
  for (let i = 0; i < total; i++) {
    const e = entries.get(i);
    if (!e) throw new Error(`the incident record is incomplete: timeline entry ${i} of ${total} is in no run's history`);
    timeline.push(e);
  }
  const factsVersions = [...versions.values()].sort((a, b) => a.version - b.version);
  const missing = factsVersions.find((v) => v.factsInEarlierRun);
  if (missing) throw new Error(`the incident record is incomplete: facts version ${missing.version} is in no run's history`);
  const { timelineOffset: _offset, ...rest } = latest;
  return { ...rest, timeline, ...(latest.factsVersions ? { factsVersions } : {}) };
}

/** The incident's full record: `latest` itself when nothing was left in earlier runs. */
export async function readIncidentRecord(client: Client, workflowId: string, latest: IncidentSnapshot): Promise<IncidentSnapshot> {
  if (!isPartialRecord(latest)) return latest;
  return mergeRecord(latest, await carriedStates(client, workflowId));
}
