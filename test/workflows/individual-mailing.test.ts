import { confirmUntilClosed } from '../harness/confirm-all.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { SmtpSink } from '../delivery/smtp-sink.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { IncidentError } from '../../service/incident-service.js';
import { importRosterForIncident, rosterImporter, type RosterImporter } from '../../service/roster-import.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { closeSharedDatabases } from '../../roster/database.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';
import { testKeyProvider } from '../harness/test-keys.js';
import { decodeDocument, toScannableJson } from '../security/marker-scan.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';

/**
 * The incident workflow mails its individual notices (164.404) to an imported roster through the bulk
 * workflow, on the time-skipping server with a real SMTP server on loopback: people it cannot reach
 * (no usable contact, or a permanent bounce) become a recorded correction that plans the substitute
 * notice (164.404(d)(2)); letters are left for a person to post; an all-email mailing confirms itself.
 */
let engine: EngineUnderTest;
let sink: SmtpSink;
let importer: RosterImporter;

const HEADER = 'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n';
const emailRow = (i: number, local = `person${i}`) =>
  `Alex Testperson ${i},${local}@recipients.example,yes,${i} Example Street,Testville,CA,90001,no\n`;
const letterRow = (i: number) => `Sam Example ${i},,no,${i} Example Street,Testville,CA,90001,no\n`;
const noContactRow = (i: number) => `Jordan Placeholder ${i},,no,,,,,no\n`;

async function reportableIncident(ref: string, affected: number): Promise<void> {
  const now = await engine.env.currentTimeMs();
  const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString(), {
    affected: { byJurisdiction: { CA: affected }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity' });
  await engine.service.recordFacts(ref, { by: 'responder-1', facts });
  await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
  await waitFor(ref, (s) => s.obligations.some((o) => o.obligation.id === 'individual_notice'));
}

async function waitFor(ref: string, done: (s: IncidentSnapshot) => boolean, ms = 60_000): Promise<IncidentSnapshot> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await engine.service.status(ref);
    if (done(s)) return s;
    if (Date.now() > until)
      throw new Error(`timed out waiting on ${ref}: stage ${s.stage}, mailings ${JSON.stringify(s.mailings?.map((m) => m.status))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  sink = await new SmtpSink({ rejectRecipient: /^bounce/ }).start();
  process.env.BREACH_NOTICE_SMTP_HOST = '127.0.0.1';
  process.env.BREACH_NOTICE_SMTP_PORT = String(sink.port);
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'mailing' });
  importer = rosterImporter(engine.dataDir);
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
  await sink?.stop();
});

describe('individual notices mailed to a roster (164.404)', () => {
  it('bounces and people without contact become the substitute notice; letters wait for a person; nothing is sent twice', async () => {
    const ref = `INC-MAIL-${Date.now()}`;
    await reportableIncident(ref, 30);

    // Refused before a roster is attached, and for an obligation that is not an individual notice.
    await expect(
      engine.service.startMailing(ref, {
        by: 'privacy-officer',
        obligationId: 'individual_notice',
        rosterId: 'ros_missing',
        content: SYNTHETIC_INCIDENT,
      }),
    ).rejects.toThrow(/rosterId: "ros_missing" is not attached/);

    // 30 people: 22 reachable by email, 3 addresses that bounce (550) — two of them with a postal address
    // (a letter follows, 164.404(d)(1)), one without — 3 letters, 2 without usable contact, plus one bad row
    // that is reported by line and field and left out.
    let csv = HEADER;
    for (let i = 1; i <= 22; i++) csv += emailRow(i);
    for (let i = 23; i <= 24; i++) csv += emailRow(i, `bounce${i}`);
    csv += `Alex Testperson 25,bounce25@recipients.example,yes,,,,,no\n`;
    for (let i = 26; i <= 28; i++) csv += letterRow(i);
    for (let i = 29; i <= 30; i++) csv += noContactRow(i);
    csv += 'Riley Dummy 31,not-an-address,yes,,,,,no\n';
    const imported = await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(csv), by: 'responder-1' });
    expect(imported.recipients).toBe(30);
    expect(imported.rejectedRows).toBe(1);
    expect(imported.problems).toEqual([expect.objectContaining({ line: 32, field: 'email' })]);
    expect(JSON.stringify(imported.problems)).not.toContain('Riley');
    // The same file again is a no-op.
    expect(
      (await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(csv), by: 'responder-1' })).alreadyImported,
    ).toBe(true);

    // A notice missing a required element (164.404(c)(1)(C), steps individuals should take) cannot start.
    const refused = await engine.service
      .startMailing(ref, {
        by: 'privacy-officer',
        obligationId: 'individual_notice',
        rosterId: imported.rosterId,
        content: { ...SYNTHETIC_INCIDENT, individualSteps: [] },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IncidentError);
    expect((refused as IncidentError).code).toBe('invalid_input');
    expect((refused as IncidentError).message).toMatch(/164\.404\(c\)\(1\)\(C\)/);
    await expect(
      engine.service.startMailing(ref, {
        by: 'privacy-officer',
        obligationId: 'hhs_annual_log',
        rosterId: imported.rosterId,
        content: SYNTHETIC_INCIDENT,
      }),
    ).rejects.toThrow(/only individual notices/);

    const started = await engine.service.startMailing(ref, {
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: imported.rosterId,
      content: SYNTHETIC_INCIDENT,
      chunkSize: 100,
    });
    expect(started.status).toBe('running');
    expect(started.bulkWorkflowId).toBe(`incident-${ref}/mailing/individual_notice/1/bulk`);
    // A second mailing of the same obligation while one runs is refused.
    await expect(
      engine.service.startMailing(ref, {
        by: 'privacy-officer',
        obligationId: 'individual_notice',
        rosterId: imported.rosterId,
        content: SYNTHETIC_INCIDENT,
      }),
    ).rejects.toThrow(/already running/);

    const s = await waitFor(
      ref,
      (x) => x.mailings?.[0]?.settled === true && x.obligations.some((o) => o.obligation.id === 'substitute_notice'),
    );
    const m = s.mailings![0]!;
    expect(m.status).toBe('finished');
    expect(m.counts).toMatchObject({
      recipients: 30,
      sent: 22,
      bounced: 1,
      printed: 5,
      substituteNeeded: 3,
      failed: 0,
      unconfirmed: 0,
      pending: 0,
    });
    expect(m.substituteNoticeRequired).toBe('fewer_than_10');

    // The sink got exactly the 22 accepted messages, each once.
    const ours = sink.messages.filter((x) => x.messageId.includes(imported.rosterId));
    expect(ours).toHaveLength(22);
    expect(new Set(ours.map((x) => x.messageId)).size).toBe(22);

    // 164.404(d)(2): the 3 unreachable people (no contact, or a bounce and no address) are recorded in the
    // facts by a correction, and the plan now has the substitute notice for fewer than 10.
    expect((s.facts as { affected: { insufficientContact: number } }).affected.insufficientContact).toBe(3);
    const correction = s.timeline.find((t) => t.action === 'facts_corrected' && t.by === 'engine');
    expect(correction?.detail).toMatch(/could not reach 3 individual\(s\).*164\.404\(d\)\(2\)/);
    expect(s.obligations.find((o) => o.obligation.id === 'substitute_notice')?.obligation.label).toMatch(/fewer than 10/);
    expect(s.timeline.find((t) => t.action === 'obligation_updated')?.detail).toMatch(
      /Notice to affected individuals: 27 affected individual\(s\) with usable contact information \(dates unchanged\)/,
    );
    // Letters were printed, not posted: the individual notice stays open for a person to confirm.
    expect(s.obligations.find((o) => o.obligation.id === 'individual_notice')?.status).not.toBe('confirmed');
    expect(s.timeline.find((t) => t.action === 'mailing_needs_attention')?.detail).toMatch(/post the 5 printed letter\(s\)/);
    // The incident's record carries ids and counts only.
    expect(JSON.stringify(s)).not.toMatch(/Testperson|Placeholder|recipients\.example/);

    // Decrypted, the histories of the incident, the mailing and the bulk workflow hold ids, counts and the
    // incident-level notice text — no roster entry (names and addresses stay in the encrypted roster store).
    const codec = new AesGcmPayloadCodec(testKeyProvider);
    for (const id of [`incident-${ref}`, m.mailingWorkflowId, m.bulkWorkflowId]) {
      const history = JSON.parse(toScannableJson(await engine.env.client.workflow.getHandle(id).fetchHistory())) as unknown;
      const decoded = JSON.stringify(await decodeDocument(history, codec));
      expect(decoded.length).toBeGreaterThan(500);
      expect(decoded).toContain(id === `incident-${ref}` ? 'Synthetic Valley Clinic' : imported.rosterId); // decoding works
      expect(decoded, id).not.toMatch(/Testperson|Sam Example|Placeholder|recipients\.example|Example Street/);
    }

    const progress = await engine.service.mailingProgress(ref, 'individual_notice');
    expect(progress.progress).toMatchObject({ phase: 'done', sent: 22, bounced: 1, printed: 5 });
  });

  it('an email-only mailing that reaches everyone confirms the individual notice with the ledger as evidence', async () => {
    const ref = `INC-MAIL-OK-${Date.now()}`;
    await reportableIncident(ref, 12);
    let csv = HEADER;
    for (let i = 101; i <= 112; i++) csv += emailRow(i);
    const imported = await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(csv), by: 'responder-1' });
    await engine.service.startMailing(ref, {
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: imported.rosterId,
      content: SYNTHETIC_INCIDENT,
    });
    const s = await waitFor(ref, (x) => x.obligations.find((o) => o.obligation.id === 'individual_notice')?.status === 'confirmed');
    expect(s.mailings![0]!.counts).toMatchObject({ sent: 12, bounced: 0, substituteNeeded: 0 });
    expect(s.obligations.some((o) => o.obligation.id === 'substitute_notice')).toBe(false);
    expect(s.timeline.find((t) => t.action === 'obligation_confirmed')?.detail).toMatch(/Notice to affected individuals: email ref ntc_/);
    // HHS is confirmed with the breach portal's confirmation number (164.408), nothing less.
    await expect(
      engine.service.confirm(ref, {
        by: 'privacy-officer',
        obligationId: 'hhs_annual_log',
        evidence: { method: 'first_class_mail', reference: 'X' },
      }),
    ).rejects.toThrow(/evidence.method: HHS is notified on the OCR breach portal/);
    await expect(
      engine.service.confirm(ref, { by: 'privacy-officer', obligationId: 'hhs_annual_log', evidence: { method: 'hhs_portal' } }),
    ).rejects.toThrow(/evidence.reference: required \(the breach portal's confirmation number/);
    // The rest is confirmed by people; then the incident closes.
    // (Issue 16: State items anchored on the individual notices start now; they are confirmed too.)
    await confirmUntilClosed(engine.service, ref, () => ({ method: 'hhs_portal', reference: 'LOG-1' }));
    expect((await engine.service.result(ref)).stage).toBe('closed');
    await saveHistoryFixture('incident-email-mailing', engine.env.client.workflow.getHandle(`incident-${ref}`));
    await saveHistoryFixture('notice-mailing', engine.env.client.workflow.getHandle(s.mailings![0]!.mailingWorkflowId));
  });

  it('over HTTP: a responder imports the roster as text/csv, legal may not, only a privacy officer starts the mailing', async () => {
    const ref = `INC-MAIL-API-${Date.now()}`;
    await reportableIncident(ref, 10);
    const tokens = new TokenStore([
      { userId: 'resp', role: 'responder', token: 'responder-token-0123456789' },
      { userId: 'counsel', role: 'legal', token: 'legal-token-0123456789abc' },
      { userId: 'po', role: 'privacy_officer', token: 'officer-token-0123456789a' },
    ]);
    const app = buildHttpApi({ service: engine.service, client: engine.env.client, tokens, rosters: importer, accessLog: () => undefined });
    let csv = HEADER;
    for (let i = 201; i <= 210; i++) csv += emailRow(i);
    const post = (token: string, body: string, type = 'text/csv') =>
      app.inject({
        method: 'POST',
        url: `/incidents/${ref}/rosters`,
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        payload: body,
      });
    expect((await post('legal-token-0123456789abc', csv)).statusCode).toBe(403);
    expect((await post('responder-token-0123456789', '{"a":1}', 'application/json')).statusCode).toBe(415);
    // Nothing valid in it: 400 naming lines and fields, never the values, and nothing attached.
    const bad = await post('responder-token-0123456789', `${HEADER}Kim Notvalid,kim-at-example,yes,,,,,maybe\n`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string }>().error).toMatch(/no valid rows .*line 2 email: is not an email address/);
    expect(bad.body).not.toContain('Kim');
    expect((await engine.service.status(ref)).rosters ?? []).toHaveLength(0);
    const res = await post('responder-token-0123456789', csv);
    expect(res.statusCode).toBe(201);
    const { rosterId } = res.json<{ rosterId: string }>();
    const mail = (token: string) =>
      app.inject({
        method: 'POST',
        url: `/incidents/${ref}/obligations/individual_notice/mailings`,
        headers: { authorization: `Bearer ${token}` },
        payload: { rosterId, content: SYNTHETIC_INCIDENT },
      });
    expect((await mail('responder-token-0123456789')).statusCode).toBe(403);
    const started = await mail('officer-token-0123456789a');
    expect(started.statusCode).toBe(202);
    await waitFor(ref, (x) => x.mailings?.[0]?.settled === true);
    const progress = await app.inject({
      method: 'GET',
      url: `/incidents/${ref}/obligations/individual_notice/mailing`,
      headers: { authorization: 'Bearer legal-token-0123456789abc' },
    });
    expect(progress.statusCode).toBe(200);
    expect(progress.json<{ mailing: { counts: { sent: number } } }>().mailing.counts.sent).toBe(10);
    await app.close();
  });
});
