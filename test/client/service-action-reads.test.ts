import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { testDataConverter } from '../harness/test-keys.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { IncidentError, IncidentService } from '../../service/incident-service.js';
import { importRosterForIncident, rosterImporter, type RosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases, databaseConfigFromEnv, sharedDatabase } from '../../roster/database.js';
import type { AttachRosterRequest, IncidentSnapshot } from '../../contract/incident-types.js';

/**
 * Issue 18 §3: what attach roster and start mailing read before they act, and that the faster reads lose nothing.
 * - attach roster checks the incident with describe() (no workflow task) while the file is imported; whatever the
 *   incident then refuses, the roster this call stored is removed (no rows left that no incident records);
 * - start mailing takes the recorded dates from the service's last read of the incident; the workflow refuses a
 *   mailing whose dates were read before the facts changed, and the service reads again.
 * Time-skipping server, the engine's real worker and roster database (PGlite); synthetic people only.
 */
let engine: EngineUnderTest;
let importer: RosterImporter;
const calls = { query: 0, describe: 0 };
const counting: WorkflowClientInterceptor = {
  async query(input, next) {
    calls.query++;
    return next(input);
  },
  async describe(input, next) {
    calls.describe++;
    return next(input);
  },
};
/** A service on its own client, whose queries and describes are counted. */
let counted: IncidentService;

const CSV =
  'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n' +
  [1, 2, 3].map((i) => `Sam Example ${i},,no,${i} Example Street,Testville,CA,90001,no\n`).join('');
const csvFor = (ref: string) => Buffer.from(CSV.replace(/Sam Example/g, `Sam Example ${ref.slice(-6)}`));

async function rosterRows(): Promise<{ rosters: number; recipients: number }> {
  const db = await sharedDatabase(databaseConfigFromEnv(engine.dataDir));
  const [r] = await db.query<{ rosters: number; recipients: number }>(
    'select (select count(*)::int from roster) as rosters, (select count(*)::int from roster_recipient) as recipients',
  );
  return r!;
}

async function waitFor(ref: string, done: (s: IncidentSnapshot) => boolean): Promise<IncidentSnapshot> {
  for (let i = 0; ; i++) {
    const s = await engine.service.status(ref);
    if (done(s)) return s;
    if (i > 300) throw new Error(`timed out waiting on ${ref} (stage ${s.stage})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function reportableIncident(ref: string, discoveredAt: string): Promise<void> {
  const facts = coveredEntityBreach(discoveredAt, {
    affected: { byJurisdiction: { CA: 30 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
  await engine.service.recordFacts(ref, { by: 'responder-1', facts });
  await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
  await waitFor(ref, (s) => s.obligations.some((o) => o.obligation.id === 'individual_notice'));
}

async function closedIncident(ref: string): Promise<void> {
  const now = await engine.env.currentTimeMs();
  await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
  await engine.service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString()) });
  await engine.service.decide(ref, {
    by: 'privacy-officer',
    reportable: false,
    justification: 'synthetic test: documented low probability of compromise',
  });
  expect((await engine.service.result(ref)).stage).toBe('closed');
}

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'action-reads' });
  importer = rosterImporter(engine.dataDir);
  const client = new Client({
    connection: engine.env.connection,
    namespace: engine.env.namespace ?? 'default',
    dataConverter: testDataConverter,
    interceptors: { workflow: [counting] },
  });
  counted = new IncidentService({ client, taskQueue: engine.taskQueue });
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
});

describe('attach roster', () => {
  it('checks a running incident without a query (describe, while the file is imported) and records the roster', async () => {
    const ref = `INC-ATTACH-${Date.now()}`;
    await reportableIncident(ref, new Date((await engine.env.currentTimeMs()) - 3_600_000).toISOString());
    calls.query = 0;
    calls.describe = 0;
    const report = await importRosterForIncident({ service: counted, importer, ref, csv: csvFor(ref), by: 'responder-1' });
    // Before issue 18 §3 the service queried the incident's whole state first (a task for a busy worker).
    expect(calls).toEqual({ query: 0, describe: 1 });
    expect(report.roster).toMatchObject({ rosterId: report.rosterId, recipients: 3, rejectedRows: 0 });
    expect((await engine.service.status(ref)).rosters?.map((r) => r.rosterId)).toEqual([report.rosterId]);
    // The counts recorded are the whole roster's (read from the import itself, not a second read of the database).
    expect(await importer.counts(report.rosterId)).toMatchObject({ recipients: 3, rejectedRows: 0, byJurisdiction: { CA: 3 } });
  });

  it('an unknown incident and a closed one: refused, and no roster rows are left', async () => {
    const before = await rosterRows();
    await expect(
      importRosterForIncident({ service: counted, importer, ref: `INC-NOSUCH-${Date.now()}`, csv: csvFor('nosuch'), by: 'responder-1' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const ref = `INC-CLOSED-${Date.now()}`;
    await closedIncident(ref);
    const refused = await importRosterForIncident({ service: counted, importer, ref, csv: csvFor(ref), by: 'responder-1' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(IncidentError);
    expect(refused).toMatchObject({ code: 'refused', message: expect.stringMatching(/is closed: no roster can be attached/) as unknown });
    expect(await rosterRows()).toEqual(before);
  });

  it('the incident closes between the check and the attach: the attach is refused and the stored roster is removed', async () => {
    const ref = `INC-RACE-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await engine.service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString()) });
    /** The real service; the incident is really closed (not reportable) just before the attach update is sent. */
    class ClosingFirst extends IncidentService {
      override async attachRoster(r: string, req: Omit<AttachRosterRequest, 'requestId'> & { requestId?: string }) {
        await engine.service.decide(r, {
          by: 'privacy-officer',
          reportable: false,
          justification: 'synthetic test: documented low probability of compromise',
        });
        await engine.service.result(r);
        return super.attachRoster(r, req);
      }
    }
    const service = new ClosingFirst({ client: engine.env.client, taskQueue: engine.taskQueue });
    const before = await rosterRows();
    const refused = await importRosterForIncident({ service, importer, ref, csv: csvFor(ref), by: 'responder-1' }).catch((e: unknown) => e);
    // (An update to an ended workflow: "already completed" on a real server, NOT_FOUND on the time-skipping one.)
    expect(['refused', 'not_found']).toContain((refused as IncidentError).code);
    // Without the clean-up the three encrypted rows and the roster stayed, recorded by no incident.
    expect(await rosterRows()).toEqual(before);
    expect((await engine.service.status(ref)).rosters ?? []).toHaveLength(0);
  });

  it('a file imported again for the same incident is never removed by a refused second attach', async () => {
    const ref = `INC-AGAIN-${Date.now()}`;
    await reportableIncident(ref, new Date((await engine.env.currentTimeMs()) - 3_600_000).toISOString());
    const first = await importRosterForIncident({ service: counted, importer, ref, csv: csvFor(ref), by: 'responder-1' });
    class RefusingAttach extends IncidentService {
      override attachRoster(): never {
        throw new IncidentError('refused', 'synthetic refusal');
      }
    }
    const service = new RefusingAttach({ client: engine.env.client, taskQueue: engine.taskQueue });
    await expect(importRosterForIncident({ service, importer, ref, csv: csvFor(ref), by: 'responder-1' })).rejects.toMatchObject({
      code: 'refused',
    });
    expect(await importer.counts(first.rosterId)).toMatchObject({ recipients: 3 });
  });
});

describe('start mailing', () => {
  /** The content the mailing workflow was started with (its first event's input, decoded). */
  async function mailingContent(mailingWorkflowId: string): Promise<Record<string, unknown>> {
    const history = await engine.env.client.workflow.getHandle(mailingWorkflowId).fetchHistory();
    const payloads = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const decoded = await testDataConverter.payloadCodecs![0]!.decode(payloads);
    return defaultPayloadConverter.fromPayload<{ content: Record<string, unknown> }>(decoded[0]!).content;
  }

  it('uses the dates of the last read (no query of its own); facts changed since: refused by the workflow, read again, the new dates used', async () => {
    const now = await engine.env.currentTimeMs();
    const ref = `INC-MAILDATES-${Date.now()}`;
    await reportableIncident(ref, new Date(now - 3_600_000).toISOString());
    const roster = await importRosterForIncident({ service: engine.service, importer, ref, csv: csvFor(ref), by: 'responder-1' });

    // Warm: the service read the incident (as the console does before a person starts the mailing).
    await counted.status(ref);
    // Another process corrects the facts: discovered 10 days earlier (so the notice's dates change).
    const earlier = new Date(now - 10 * 86_400_000).toISOString();
    await engine.service.recordFacts(ref, {
      by: 'responder-1',
      reason: 'synthetic correction',
      facts: coveredEntityBreach(earlier, {
        affected: { byJurisdiction: { CA: 30 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
      }),
    });
    calls.query = 0;
    const view = await counted.startMailing(ref, {
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: roster.rosterId,
      content: SYNTHETIC_INCIDENT,
    });
    expect(calls.query).toBe(1); // the stale first try was refused, then one read
    const content = await mailingContent(view.mailingWorkflowId);
    const localDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(iso));
    expect(content.discoveryDate).toBe(localDate(earlier));
    expect(content.breachStartDate).toBe(localDate(new Date(Date.parse(earlier) - 3 * 86_400_000).toISOString()));

    // A second mailing of the same obligation (still running): refused as before, and with a warm read no query.
    calls.query = 0;
    await expect(
      counted.startMailing(ref, {
        by: 'privacy-officer',
        obligationId: 'individual_notice',
        rosterId: roster.rosterId,
        content: SYNTHETIC_INCIDENT,
      }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/already running/) as unknown });
    expect(calls.query).toBe(0);
  });

  it('on a closed incident: refused as before, also when the service read it while it was open', async () => {
    const ref = `INC-MAILCLOSED-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
    await engine.service.recordFacts(ref, { by: 'responder-1', facts: coveredEntityBreach(new Date(now - 3_600_000).toISOString()) });
    await counted.status(ref); // warm, while open
    await engine.service.decide(ref, {
      by: 'privacy-officer',
      reportable: false,
      justification: 'synthetic test: documented low probability of compromise',
    });
    await engine.service.result(ref);
    // As before: the old path (a fresh query, then the update) and the warm one end the same way (the update to an
    // ended workflow: "already completed" on a real server, NOT_FOUND on the time-skipping one); nothing starts.
    const codes: string[] = [];
    for (const service of [counted, engine.service]) {
      const err = await service
        .startMailing(ref, {
          by: 'privacy-officer',
          obligationId: 'individual_notice',
          rosterId: 'ros_0123456789',
          content: SYNTHETIC_INCIDENT,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IncidentError);
      codes.push((err as IncidentError).code);
    }
    expect(codes[0]).toBe(codes[1]);
    expect(['refused', 'not_found']).toContain(codes[0]);
    expect((await engine.service.status(ref)).mailings ?? []).toHaveLength(0);
  });
});
