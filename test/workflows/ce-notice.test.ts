import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import * as openpgp from 'openpgp';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { saveHistoryFixture } from '../harness/history-fixtures.js';
import { businessAssociateBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { IncidentError } from '../../service/incident-service.js';
import { importRosterForIncident, rosterImporter, type RosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases } from '../../roster/database.js';

/**
 * A business associate's notice to its covered entity (164.410): the roster travels only as an
 * OpenPGP-encrypted attachment (to the covered entity's public key, or with a passphrase for the
 * telephone), never in the body; sending it with the roster confirms the obligation.
 */
let engine: EngineUnderTest;
let importer: RosterImporter;
const OBLIGATION = 'ce_notice:lakeside-health';
const ROSTER =
  'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n' +
  [1, 2, 3, 4, 5]
    .map((i) => `Quinn Syntheticperson ${i},quinn${i}@recipients.example,yes,${i} Example Avenue,Testburg,NY,10001,no`)
    .join('\n') +
  '\n';

async function baIncident(ref: string): Promise<string> {
  const now = await engine.env.currentTimeMs();
  const facts = businessAssociateBreach(new Date(now - 3_600_000).toISOString(), {
    affected: { byJurisdiction: { NY: 5 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
  });
  await engine.service.open({ ref, openedBy: 'responder-1', role: 'business_associate', facts });
  await engine.service.decide(ref, { by: 'privacy-officer', reportable: true });
  for (let i = 0; i < 100 && !(await engine.service.status(ref)).obligations.length; i++) await new Promise((r) => setTimeout(r, 100));
  const imported = await importRosterForIncident({ service: engine.service, importer, ref, csv: Buffer.from(ROSTER), by: 'responder-1' });
  return imported.rosterId;
}

/** (openpgp's stream typings are not resolved by the lint's type program; the binary result is a Uint8Array.) */
async function decryptToText(opts: {
  message: openpgp.Message<Uint8Array>;
  decryptionKeys?: openpgp.PrivateKey;
  passwords?: string[];
}): Promise<string> {
  const result = (await openpgp.decrypt({ ...opts, format: 'binary' })) as unknown as { data: Uint8Array };
  return Buffer.from(result.data).toString('utf8');
}

async function outboxMessage(messageId: string) {
  const file = path.join(engine.dataDir, 'notice-outbox', `${messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
  return simpleParser(fs.readFileSync(file));
}

beforeAll(async () => {
  // The notices go to the outbox folder and are read back from it: that counts as delivery only in the
  // explicit mode (the default folder never confirms an obligation: test/delivery/folder-delivery.test.ts).
  process.env.BREACH_NOTICE_DELIVERY = 'folder-confirms';
  engine = await startEngineUnderTest({ server: 'time-skipping', name: 'ce-notice' });
  importer = rosterImporter(engine.dataDir);
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
});

describe('business associate → covered entity notice (164.410)', () => {
  it("the roster goes encrypted to the covered entity's public key, never in the body; the obligation is confirmed and the incident closes", async () => {
    const ref = `BA-CE-${Date.now()}`;
    const rosterId = await baIncident(ref);
    const { publicKey, privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Lakeside Health (synthetic)', email: 'privacy@lakeside.example' }],
      format: 'armored',
    });

    // Bad input is refused before anything is sent: a private key, a missing element, a wrong obligation.
    const priv = await engine.service
      .sendCeNotice(ref, {
        by: 'po',
        obligationId: OBLIGATION,
        to: 'privacy@lakeside.example',
        incident: { ...SYNTHETIC_INCIDENT },
        rosterId,
        recipientPublicKey: privateKey,
      })
      .catch((e: unknown) => e);
    expect((priv as IncidentError).code).toBe('invalid_input');
    expect((priv as IncidentError).message).toMatch(/private key/);
    const missing = await engine.service
      .sendCeNotice(ref, {
        by: 'po',
        obligationId: OBLIGATION,
        to: 'privacy@lakeside.example',
        incident: { ...SYNTHETIC_INCIDENT, whatHappened: '' },
        rosterId,
        recipientPublicKey: publicKey,
      })
      .catch((e: unknown) => e);
    expect((missing as IncidentError).message).toMatch(/164\.410\(c\)\(2\)/);
    await expect(
      engine.service.sendCeNotice(ref, {
        by: 'po',
        obligationId: 'individual_notice',
        to: 'privacy@lakeside.example',
        incident: { ...SYNTHETIC_INCIDENT },
      }),
    ).rejects.toThrow(/not a planned obligation/);
    expect(fs.existsSync(path.join(engine.dataDir, 'notice-outbox'))).toBe(false);

    const record = await engine.service.sendCeNotice(ref, {
      by: 'po',
      obligationId: OBLIGATION,
      to: 'privacy@lakeside.example',
      contactName: 'Dana Contact',
      incident: { ...SYNTHETIC_INCIDENT },
      rosterId,
      recipientPublicKey: publicKey,
    });
    expect(record.attachment).toMatchObject({ fileName: `roster-${ref}.csv.pgp`, rows: 5, encryption: 'openpgp_public_key' });

    const mail = await outboxMessage(record.messageId);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('privacy@lakeside.example');
    // 164.410(c)(1): the body names the attachment and carries no roster entry.
    expect(mail.text).toContain(`roster-${ref}.csv.pgp`);
    expect(mail.text).not.toMatch(/Syntheticperson|recipients\.example|Example Avenue/);
    const att = mail.attachments.find((a) => a.filename === `roster-${ref}.csv.pgp`)!;
    expect(crypto.createHash('sha256').update(att.content).digest('hex')).toBe(record.attachment!.sha256);
    expect(att.content.toString('latin1')).not.toContain('Syntheticperson');
    const csv = await decryptToText({
      message: await openpgp.readMessage({ binaryMessage: att.content }),
      decryptionKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }),
    });
    expect(csv.split('\n')[0]).toMatch(/^full_name,email,address_line1/);
    for (let i = 1; i <= 5; i++) expect(csv).toContain(`Quinn Syntheticperson ${i},quinn${i}@recipients.example,${i} Example Avenue`);

    const final = await engine.service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.obligations.find((o) => o.obligation.id === OBLIGATION)).toMatchObject({ status: 'confirmed', confirmedBy: 'po' });
    expect(final.timeline.find((t) => t.action === 'ce_notice_sent')?.detail).toMatch(
      /roster of 5 individual\(s\) as the encrypted attachment .*OpenPGP, to the covered entity's public key/,
    );
    // The incident's record carries the attachment's hash, never its content.
    expect(JSON.stringify(final)).not.toMatch(/Syntheticperson|recipients\.example/);
    // The bundle the engine archived, checked without the engine's own code: the chain recomputed here
    // (canonical JSON: sorted keys; SHA-256 of the previous hash, a newline and the entry), the signature
    // checked with node:crypto against the public key the engine published.
    const archiveDir = path.join(engine.dataDir, 'archive', ref);
    const archived = JSON.parse(
      fs.readFileSync(
        path.join(
          archiveDir,
          fs.readdirSync(archiveDir).find((f) => f.startsWith('evidence-'))!,
        ),
        'utf8',
      ),
    ) as {
      format: string;
      incidentRef: string;
      generatedAt: string;
      headHash: string;
      signature: { value: string };
      entries: { seq: number; at: string; type: string; data: unknown; prevHash: string; hash: string }[];
    };
    const canon = (v: unknown): string =>
      v === null || typeof v !== 'object'
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? `[${v.map(canon).join(',')}]`
          : `{${Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`)
              .join(',')}}`;
    let prev = '0'.repeat(64);
    archived.entries.forEach((e, i) => {
      expect([e.seq, e.prevHash]).toEqual([i + 1, prev]);
      prev = crypto
        .createHash('sha256')
        .update(`${prev}\n${canon({ seq: e.seq, at: e.at, type: e.type, data: e.data })}`)
        .digest('hex');
      expect(e.hash).toBe(prev);
    });
    expect(archived.headHash).toBe(prev);
    const signed = JSON.stringify({
      format: archived.format,
      incidentRef: archived.incidentRef,
      generatedAt: archived.generatedAt,
      headHash: archived.headHash,
      entries: archived.entries.length,
    });
    const published = crypto.createPublicKey(fs.readFileSync(path.join(engine.dataDir, 'evidence-signing-key.pub.pem')));
    expect(crypto.verify(null, Buffer.from(signed), published, Buffer.from(archived.signature.value, 'base64'))).toBe(true);
    expect(archived.entries.find((e) => e.type === 'ce_notice')?.data).toMatchObject({ attachment: { sha256: record.attachment!.sha256 } });
  });

  it('identities to follow first (obligation stays open), then the roster with a passphrase for the telephone', async () => {
    const ref = `BA-CE-PASS-${Date.now()}`;
    const rosterId = await baIncident(ref);
    const first = await engine.service.sendCeNotice(ref, {
      by: 'po',
      obligationId: OBLIGATION,
      to: 'privacy@lakeside.example',
      incident: { ...SYNTHETIC_INCIDENT },
      identitiesExpectedBy: '2030-01-15',
    });
    expect(first.attachment).toBeUndefined();
    expect((await outboxMessage(first.messageId)).text).toMatch(/identities will follow by a secure channel by January 15, 2030/);
    expect((await engine.service.status(ref)).obligations.find((o) => o.obligation.id === OBLIGATION)?.status).not.toBe('confirmed');

    const second = await engine.service.sendCeNotice(ref, {
      by: 'po',
      obligationId: OBLIGATION,
      to: 'privacy@lakeside.example',
      incident: { ...SYNTHETIC_INCIDENT },
      rosterId,
      passphraseChannel: 'our privacy officer will call your privacy office',
    });
    expect(second.messageId).not.toBe(first.messageId);
    expect(second.attachment?.encryption).toBe('openpgp_passphrase');
    const mail = await outboxMessage(second.messageId);
    expect(mail.text).toContain('The passphrase reaches you separately: our privacy officer will call your privacy office');
    // The passphrase is only in a 0600 file for the privacy officer: not in the mail, not in the incident.
    const dir = path.join(engine.dataDir, 'ce-notices', ref);
    const passFile = fs.readdirSync(dir).find((f) => f.endsWith('.passphrase.txt'))!;
    expect(fs.statSync(path.join(dir, passFile)).mode & 0o777).toBe(0o600);
    const passphrase = fs.readFileSync(path.join(dir, passFile), 'utf8').trim();
    expect(passphrase).toMatch(/^[A-Z2-9]{6}(-[A-Z2-9]{6}){3}$/);
    expect(mail.text).not.toContain(passphrase);
    expect(JSON.stringify(await engine.service.status(ref))).not.toContain(passphrase);
    const att = mail.attachments[0]!;
    expect(await decryptToText({ message: await openpgp.readMessage({ binaryMessage: att.content }), passwords: [passphrase] })).toContain(
      'Quinn Syntheticperson 3',
    );
    expect((await engine.service.result(ref)).stage).toBe('closed');
    await saveHistoryFixture('incident-ba-ce-notice-passphrase', engine.env.client.workflow.getHandle(`incident-${ref}`));
  });
});
