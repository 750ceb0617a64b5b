import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { planIncident } from '../../activities/plan-incident.js';
import { loadHistoryFixtures } from '../harness/history-fixtures.js';
import { testDataConverter } from '../harness/test-keys.js';

/**
 * Issue 12 changed what planning computes (law-enforcement delays postpone instead of extend, repeated
 * oral statements capped, …). An incident recorded before that change must keep planning as it did: its
 * history has no `rule-fidelity-issue-12` marker, so the workflow stays on rule edition 1 and schedules
 * planIncident without a rulesVersion (test/replay/replay.test.ts shows it still replays). Here: every
 * planIncident input recorded in such a history, run through today's activity, gives exactly the
 * obligations recorded then — and the same input on edition 2 would not (so the check has teeth).
 */
async function decode(payloads: Payload[] | null | undefined): Promise<unknown[]> {
  let ps = payloads ?? [];
  for (const codec of [...(testDataConverter.payloadCodecs ?? [])].reverse()) ps = await codec.decode(ps);
  return ps.map((p) => defaultPayloadConverter.fromPayload(p));
}

describe('an incident recorded before issue 12 still plans as it did (rule edition 1)', () => {
  const fixture = loadHistoryFixtures().find((f) => f.name === 'incident-law-enforcement-oral-then-written-2026-12-02')!;

  it("every recorded planIncident input gives the recorded plan with today's activity; edition 2 would differ", async () => {
    expect(fixture).toBeDefined();
    const events = fixture.history.events ?? [];
    // A history from before the change carries no rule-edition marker.
    expect(events.some((e) => JSON.stringify(e.markerRecordedEventAttributes ?? {}).includes('rule-fidelity-issue-12'))).toBe(false);
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'planIncident');
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    let differsOnEdition2 = false;
    for (const e of scheduled) {
      const [input] = (await decode(e.activityTaskScheduledEventAttributes!.input?.payloads)) as [Parameters<typeof planIncident>[0]];
      expect(input.rulesVersion).toBeUndefined();
      const done = events.find((x) => String(x.activityTaskCompletedEventAttributes?.scheduledEventId ?? '') === String(e.eventId));
      const [recorded] = (await decode(done!.activityTaskCompletedEventAttributes!.result?.payloads)) as [{ obligations: unknown[] }];
      // The obligations are what the workflow acts on (later additions to the result, e.g. the state-law summary, are informational).
      expect((await planIncident(input)).obligations).toEqual(recorded.obligations);
      if (JSON.stringify((await planIncident({ ...input, rulesVersion: 2 })).obligations) !== JSON.stringify(recorded.obligations))
        differsOnEdition2 = true;
    }
    expect(differsOnEdition2).toBe(true);
  });
});
