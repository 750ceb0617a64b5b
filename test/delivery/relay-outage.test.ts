import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { SmtpSink } from './smtp-sink.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { importRosterForIncident, rosterImporter, type RosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases } from '../../roster/database.js';
import { classifySendError, isRelayFailure } from '../../delivery/notice-mailer.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

/**
 * Issue 13 item 1: a long relay outage must not turn people into a substitute notice. On the
 * time-skipping server with a real SMTP sink on loopback that is down for 75 minutes (connection
 * refused): nobody becomes `failed` or insufficient contact, the incident shows "relay unavailable since …",
 * the owner and the next rung are told after the policy's 60 minutes, and when the relay returns every
 * notice is delivered once and the individual notice confirms itself.
 */
let engine: EngineUnderTest;
let sink: SmtpSink;
let importer: RosterImporter;
let relayPort = 0;
const SIZE = 25;
const HEADER = 'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n';

async function waitFor(ref: string, done: (s: IncidentSnapshot) => boolean, what: string, ms = 60_000): Promise<IncidentSnapshot> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await engine.service.status(ref);
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} on ${ref}: ${JSON.stringify(s.timeline.slice(-4))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  // A port where the relay will be: taken by a sink once, then freed (connection refused until it returns).
  const probe = await new SmtpSink().start();
  relayPort = probe.port;
  await probe.stop();
  sink = new SmtpSink();
  for (const v of ['BREACH_NOTICE_DELIVERY', 'BREACH_SMTP_HOST']) delete process.env[v];
  process.env.BREACH_NOTICE_SMTP_HOST = '127.0.0.1';
  process.env.BREACH_NOTICE_SMTP_PORT = String(relayPort);
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'relay-outage' });
  importer = rosterImporter(engine.dataDir);
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
  await sink?.stop().catch(() => undefined);
});

describe('relay outage (issue 13 item 1)', () => {
  it('transient failures are never a permanent refusal; only 5xx to the recipient is', () => {
    for (const e of [
      { code: 'ECONNECTION' },
      { code: 'ETIMEDOUT' },
      { code: 'ESOCKET' },
      { code: 'EAUTH', responseCode: 535 },
      { code: 'EPROTOCOL', responseCode: 554 },
      { responseCode: 421 },
      { code: 'EENVELOPE', responseCode: 451 },
    ]) {
      expect(classifySendError(e), JSON.stringify(e)).toBe('transient');
    }
    expect(isRelayFailure({ code: 'EAUTH', responseCode: 535 })).toBe(true);
    expect(isRelayFailure({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550 })).toBe('bounced');
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 553 })).toBe('invalid_address');
  });

  it('75 minutes without a relay: no insufficient contact, shown in progress, escalated after the policy time, all delivered when it returns', async () => {
    const ref = `INC-OUTAGE-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString(), {
      affected: { byJurisdiction: { CA: SIZE }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    });
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts });
    await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
    await waitFor(ref, (s) => s.obligations.some((o) => o.obligation.id === 'individual_notice'), 'the plan');
    let csv = HEADER;
    for (let i = 1; i <= SIZE; i++)
      csv += `Alex Testperson ${i},person${i}@recipients.example,yes,${i} Example Street,Testville,CA,90001,no\n`;
    const imported = await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(csv), by: 'responder-1' });
    await engine.service.startMailing(ref, {
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: imported.rosterId,
      content: SYNTHETIC_INCIDENT,
      chunkSize: 100,
    });

    // The relay refuses connections: the incident shows it, and nobody is counted as unreachable.
    const down = await waitFor(ref, (s) => Boolean(s.mailings?.[0]?.relayUnavailableSince), 'relay unavailable');
    expect(down.mailings![0]!.relayProblem).toMatch(/^RelayUnavailable: E[A-Z]+$/);
    expect(down.timeline.find((t) => t.action === 'mailing_relay_unavailable')?.detail).toMatch(
      /the mail relay is unavailable since .*retrying with backoff/,
    );
    const progress = await engine.service.mailingProgress(ref, 'individual_notice');
    expect(progress.progress).toMatchObject({
      phase: 'sending',
      sent: 0,
      failed: 0,
      substituteNeeded: 0,
      relayUnavailableSince: down.mailings![0]!.relayUnavailableSince,
    });
    expect(engine.mails().some((m) => /mail relay unavailable since/.test(m))).toBe(false);

    // 75 minutes of outage (skipped): retried with backoff; past 60 minutes the owner and the next rung are told.
    await engine.env.sleep('75 minutes');
    const escalated = await waitFor(ref, (s) => s.timeline.some((t) => t.action === 'mailing_relay_escalated'), 'the escalation');
    expect(escalated.timeline.find((t) => t.action === 'mailing_relay_escalated')?.detail).toMatch(/→ incident-owner, privacy-officer/);
    const mail = engine.mails().find((m) => /mail relay unavailable since/.test(m));
    expect(mail).toBeDefined();
    expect(mail).toMatch(/owner@example\.org/);
    expect(mail).toMatch(/privacy@example\.org/);
    expect(mail).not.toMatch(/Testperson|recipients\.example/);
    const during = await engine.service.mailingProgress(ref, 'individual_notice');
    expect(during.progress).toMatchObject({ sent: 0, failed: 0, substituteNeeded: 0, relayOutageEscalated: true });
    expect(escalated.mailings![0]!.status).toBe('running');

    // The relay returns on the same port: the next retry (≤ 10 minutes of backoff) delivers everyone once.
    await sink.start(relayPort);
    await engine.env.sleep('11 minutes');
    const s = await waitFor(ref, (x) => x.mailings?.[0]?.settled === true, 'the mailing to settle', 120_000);
    const m = s.mailings![0]!;
    expect(m.counts).toMatchObject({ recipients: SIZE, sent: SIZE, failed: 0, bounced: 0, substituteNeeded: 0, pending: 0 });
    expect(m.relayUnavailableSince).toBeUndefined();
    expect(s.timeline.some((t) => t.action === 'mailing_relay_restored')).toBe(true);
    expect(sink.stats()).toEqual({ accepted: SIZE, distinct: SIZE, duplicates: 0 });
    // 164.404(d)(2) untouched: no correction of the facts, no substitute notice planned.
    expect((s.facts as { affected: { insufficientContact: number } }).affected.insufficientContact).toBe(0);
    expect(s.timeline.some((t) => t.action === 'facts_corrected')).toBe(false);
    expect(s.obligations.some((o) => o.obligation.id === 'substitute_notice')).toBe(false);
    expect(s.obligations.find((o) => o.obligation.id === 'individual_notice')?.status).toBe('confirmed');
  });
});
