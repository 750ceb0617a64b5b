import fs from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { businessAssociateBreach, coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { importRosterForIncident, rosterImporter, type RosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases } from '../../roster/database.js';
import {
  createNoticeMailer,
  describeNoticeDelivery,
  noticeDeliveryModeFromEnv,
  noticeSmtpConfigFromEnv,
} from '../../delivery/notice-mailer.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

/**
 * Issue 13 item 10: without an SMTP host the notices are written to a folder, which reaches no one. The
 * folder is for development and tests: nothing written there confirms an obligation unless the explicit
 * mode BREACH_NOTICE_DELIVERY=folder-confirms is chosen.
 */
describe('notice delivery mode from the environment', () => {
  it('no host → folder that never confirms; folder-confirms only when chosen; bad settings name the variable', () => {
    expect(noticeDeliveryModeFromEnv({})).toBe('folder');
    expect(noticeSmtpConfigFromEnv('/d', {})).toEqual({ kind: 'outbox', dir: path.join('/d', 'notice-outbox'), confirms: false });
    expect(noticeSmtpConfigFromEnv('/d', { BREACH_NOTICE_DELIVERY: 'folder-confirms' })).toMatchObject({ kind: 'outbox', confirms: true });
    expect(noticeSmtpConfigFromEnv('/d', { BREACH_SMTP_HOST: 'relay.example' })).toMatchObject({ kind: 'smtp', host: 'relay.example' });
    // A host with folder mode chosen explicitly: the folder (e.g. a staging copy of production settings).
    expect(noticeSmtpConfigFromEnv('/d', { BREACH_NOTICE_SMTP_HOST: 'relay.example', BREACH_NOTICE_DELIVERY: 'folder' })).toMatchObject({
      kind: 'outbox',
      confirms: false,
    });
    expect(() => noticeDeliveryModeFromEnv({ BREACH_NOTICE_DELIVERY: 'smtp' })).toThrow(
      /BREACH_NOTICE_DELIVERY is smtp but BREACH_NOTICE_SMTP_HOST/,
    );
    expect(() => noticeDeliveryModeFromEnv({ BREACH_NOTICE_DELIVERY: 'email' })).toThrow(
      /BREACH_NOTICE_DELIVERY: one of smtp, folder, folder-confirms/,
    );
    expect(describeNoticeDelivery(noticeSmtpConfigFromEnv('/d', {}))).toMatch(
      /development only: no SMTP host set, so no notice reaches anyone and none confirms an obligation/,
    );
    expect(createNoticeMailer({ kind: 'outbox', dir: fs.mkdtempSync('/tmp/outbox-') }).confirmsDelivery).toBe(false);
    expect(createNoticeMailer({ kind: 'smtp', host: '127.0.0.1', port: 1 }).confirmsDelivery).toBe(true);
  });
});

let engine: EngineUnderTest;
let importer: RosterImporter;
const HEADER = 'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n';

async function waitFor(ref: string, done: (s: IncidentSnapshot) => boolean, ms = 60_000): Promise<IncidentSnapshot> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await engine.service.status(ref);
    if (done(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting on ${ref}: stage ${s.stage}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the default folder confirms nothing (time-skipping server, no SMTP host)', () => {
  beforeAll(async () => {
    for (const v of ['BREACH_NOTICE_DELIVERY', 'BREACH_NOTICE_SMTP_HOST', 'BREACH_SMTP_HOST']) delete process.env[v];
    engine = await startEngineUnderTest({ server: 'time-skipping', name: 'folder-delivery' });
    importer = rosterImporter(engine.dataDir);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeSharedDatabases();
  });

  it('an all-email mailing written to the folder leaves the individual notice open, and says why', async () => {
    const ref = `INC-FOLDER-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    const facts = coveredEntityBreach(new Date(now - 3_600_000).toISOString(), {
      affected: { byJurisdiction: { CA: 4 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    });
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts });
    await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
    await waitFor(ref, (s) => s.obligations.some((o) => o.obligation.id === 'individual_notice'));
    let csv = HEADER;
    for (let i = 1; i <= 4; i++)
      csv += `Alex Testperson ${i},person${i}@recipients.example,yes,${i} Example Street,Testville,CA,90001,no\n`;
    const imported = await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(csv), by: 'responder-1' });
    await engine.service.startMailing(ref, {
      by: 'privacy-officer',
      obligationId: 'individual_notice',
      rosterId: imported.rosterId,
      content: SYNTHETIC_INCIDENT,
    });
    const s = await waitFor(ref, (x) =>
      x.timeline.some((t) => t.action === 'mailing_needs_attention' || t.action === 'obligation_confirmed'),
    );
    expect(fs.readdirSync(path.join(engine.dataDir, 'notice-outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(4);
    expect(s.mailings![0]!.counts).toMatchObject({ sent: 4, toFolder: 4, substituteNeeded: 0 });
    expect(s.obligations.find((o) => o.obligation.id === 'individual_notice')?.status).not.toBe('confirmed');
    expect(s.timeline.some((t) => t.action === 'obligation_confirmed')).toBe(false);
    expect(s.timeline.find((t) => t.action === 'mailing_needs_attention')?.detail).toMatch(
      /4 notice\(s\) were only written to the development outbox folder \(no SMTP host set\) and reached no one/,
    );
  });

  it("a business associate's notice with the roster written to the folder does not confirm the 164.410 obligation", async () => {
    const ref = `BA-FOLDER-${Date.now()}`;
    const now = await engine.env.currentTimeMs();
    const facts = businessAssociateBreach(new Date(now - 3_600_000).toISOString(), {
      affected: { byJurisdiction: { NY: 2 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    });
    await engine.service.open({ ref, openedBy: 'responder-1', role: 'business_associate', facts });
    await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
    await waitFor(ref, (s) => s.obligations.length > 0);
    const csv =
      HEADER +
      [1, 2].map((i) => `Quinn Syntheticperson ${i},quinn${i}@recipients.example,yes,${i} Example Avenue,Testburg,NY,10001,no`).join('\n') +
      '\n';
    const { rosterId } = await importRosterForIncident({
      service: engine.service,
      importer,
      ref,
      csv: Buffer.from(csv),
      by: 'responder-1',
    });
    const { publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Lakeside Health (synthetic)', email: 'privacy@lakeside.example' }],
      format: 'armored',
    });
    const record = await engine.service.sendCeNotice(ref, {
      by: 'po',
      obligationId: 'ce_notice:lakeside-health',
      to: 'privacy@lakeside.example',
      incident: { ...SYNTHETIC_INCIDENT },
      rosterId,
      recipientPublicKey: publicKey,
    });
    expect(record.toDevFolder).toBe(true);
    const s = await engine.service.status(ref);
    expect(s.obligations.find((o) => o.obligation.id === 'ce_notice:lakeside-health')?.status).not.toBe('confirmed');
    expect(s.timeline.find((t) => t.action === 'ce_notice_sent')?.detail).toMatch(/written to the development outbox folder only/);
  });
});
