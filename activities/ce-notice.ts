import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { databaseConfigFromEnv, sharedDatabase, type DatabaseConfig, type SqlDb } from '../roster/database.js';
import { loadRosterKey, type RosterKey } from '../roster/roster-crypto.js';
import { RosterStore, type RosterReadAudit } from '../roster/roster-store.js';
import { NoticeRenderer } from '../notices/render.js';
import { NoticeChecklistError } from '../notices/checklist.js';
import type { CeNoticeContentInput, IncidentNoticeContentInput } from '../notices/content.js';
import { organizationProfileFromEnv, type OrganizationProfile } from '../notices/organization.js';
import { createNoticeMailer, noticeSmtpConfigFromEnv, type NoticeMailer, type NoticeSmtpConfig } from '../delivery/notice-mailer.js';
import { encryptRoster, newPassphrase, RecipientKeyError, rosterCsv } from '../roster/encrypted-roster.js';

/**
 * Business associate → covered entity notice (164.410): the notice text (checked against 164.410(c)) by
 * email, with the roster as an OpenPGP-encrypted CSV attachment — to the covered entity's public key, or
 * with a passphrase written to a 0600 file for the privacy officer to give by telephone. Idempotent: the
 * outcome is recorded under <dataDir>/ce-notices after the send and returned again on a retry; the
 * Message-ID is the same on every attempt.
 */
export interface CeNoticeSendInput {
  incidentRef: string;
  obligationId: string;
  /** The covered entity's notice address. */
  to: string;
  coveredEntity: { name: string; contactName?: string };
  incident: IncidentNoticeContentInput;
  pendingInformation?: string[];
  /** The roster to attach (ids only cross Temporal); without it the notice says identities follow. */
  rosterId?: string;
  /** Armored OpenPGP public key of the covered entity (preferred). */
  recipientPublicKey?: string;
  /** How the passphrase reaches the covered entity when no public key is given. */
  passphraseChannel?: string;
  identitiesExpectedBy?: string;
}

export interface CeNoticeSendResult {
  messageId: string;
  sentAt: string;
  attachment?: {
    fileName: string;
    sha256: string;
    bytes: number;
    rows: number;
    encryption: 'openpgp_public_key' | 'openpgp_passphrase';
    passphraseFile?: string;
  };
  /** Only written to the development outbox folder (no SMTP host): it reached no one and confirms nothing. */
  toDevFolder?: true;
}

export interface CeNoticeDeps {
  dataDir: string;
  org?: OrganizationProfile;
  smtp?: NoticeSmtpConfig;
  templatesDir?: string;
  /** Told of every roster decryption (the engine's audit log, 164.312(b)). */
  rosterAudit?: RosterReadAudit;
  /** The roster database (default: DATABASE_URL, else the embedded one under dataDir). */
  database?: DatabaseConfig;
  /** An open database to use instead. */
  db?: SqlDb;
  /** The roster key (default: BREACH_ROSTER_KEY, else the key file under dataDir). */
  rosterKey?: RosterKey;
  /** A drill's notice (issue 19): subject and text marked DRILL (notices/drill-mark.ts). */
  drill?: boolean;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
const DEFAULT_PASSPHRASE_CHANNEL = 'our privacy officer will telephone your privacy contact with the passphrase';

/** The notice content as the checklist sees it (the identification filled from the attachment). */
export function ceNoticeContent(
  input: CeNoticeSendInput,
  attachment: { fileName: string; rows: number; passphrase: boolean } | undefined,
): CeNoticeContentInput {
  return {
    incident: { ...input.incident, incidentRef: input.incidentRef },
    coveredEntity: {
      name: input.coveredEntity.name,
      ...(input.coveredEntity.contactName ? { contactName: input.coveredEntity.contactName } : {}),
      email: input.to,
    },
    ...(attachment ? { individualsIdentified: attachment.rows } : {}),
    identification: attachment
      ? {
          method: 'encrypted_attachment',
          fileName: attachment.fileName,
          passphraseChannel: attachment.passphrase
            ? (input.passphraseChannel ?? DEFAULT_PASSPHRASE_CHANNEL)
            : 'none needed: the file is encrypted to your OpenPGP public key',
        }
      : { method: 'to_follow', ...(input.identitiesExpectedBy ? { expectedBy: input.identitiesExpectedBy } : {}) },
    pendingInformation: input.pendingInformation ?? [],
  };
}

export function createCeNoticeActivities(deps: CeNoticeDeps) {
  let mailer: NoticeMailer | undefined;
  let store: Promise<RosterStore> | undefined;
  const renderer = () =>
    new NoticeRenderer({
      org: deps.org ?? organizationProfileFromEnv(),
      ...(deps.templatesDir ? { templatesDir: deps.templatesDir } : {}),
      ...(deps.drill ? { drill: true } : {}),
    });
  // Deps first; the settings only as the default (a drill passes its own database and key).
  const getStore = () =>
    (store ??= (deps.db ? Promise.resolve(deps.db) : sharedDatabase(deps.database ?? databaseConfigFromEnv(deps.dataDir))).then(
      (db) => new RosterStore(db, deps.rosterKey ?? loadRosterKey(deps.dataDir), deps.rosterAudit),
    ));

  return {
    async sendCoveredEntityNotice(input: CeNoticeSendInput): Promise<CeNoticeSendResult> {
      const dir = path.join(deps.dataDir, 'ce-notices', safe(input.incidentRef));
      // One record per obligation and roster: a first notice with identities to follow, then the roster.
      const key = `${safe(input.obligationId)}.${input.rosterId ? safe(input.rosterId) : 'identities-to-follow'}`;
      const record = path.join(dir, `${key}.json`);
      if (fs.existsSync(record)) return JSON.parse(fs.readFileSync(record, 'utf8')) as CeNoticeSendResult; // sent before this retry
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const r = renderer();
      const fileName = `roster-${safe(input.incidentRef)}.csv.pgp`;
      const check = (attachment: { rows: number; passphrase: boolean } | undefined) => {
        try {
          return r.ceNotice(ceNoticeContent(input, attachment ? { fileName, ...attachment } : undefined));
        } catch (err) {
          if (err instanceof NoticeChecklistError)
            throw ApplicationFailure.create({ type: 'NoticeChecklistError', message: err.message, nonRetryable: true });
          throw err;
        }
      };
      check(input.rosterId ? { rows: 1, passphrase: !input.recipientPublicKey } : undefined); // before any roster is decrypted

      let attachment: CeNoticeSendResult['attachment'];
      let content: Buffer | undefined;
      let rows = 0;
      if (input.rosterId) {
        const exported = await rosterCsv(await getStore(), input.rosterId);
        rows = exported.rows;
        if (rows === 0)
          throw ApplicationFailure.create({
            type: 'EmptyRoster',
            message: `rosterId: roster ${input.rosterId} has no rows`,
            nonRetryable: true,
          });
        let passphraseFile: string | undefined;
        try {
          if (input.recipientPublicKey) content = await encryptRoster(exported.csv, { publicKeyArmored: input.recipientPublicKey });
          else {
            const passphrase = newPassphrase();
            content = await encryptRoster(exported.csv, { passphrase });
            // For the privacy officer to read out by telephone; never in history, logs or the email.
            passphraseFile = path.join(dir, `${key}.passphrase.txt`);
            fs.writeFileSync(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
          }
        } catch (err) {
          if (err instanceof RecipientKeyError)
            throw ApplicationFailure.create({ type: 'RecipientKeyError', message: err.message, nonRetryable: true });
          throw err;
        }
        attachment = {
          fileName,
          sha256: crypto.createHash('sha256').update(content).digest('hex'),
          bytes: content.length,
          rows,
          encryption: input.recipientPublicKey ? 'openpgp_public_key' : 'openpgp_passphrase',
          ...(passphraseFile ? { passphraseFile } : {}),
        };
      }
      const rendered = check(attachment ? { rows, passphrase: attachment.encryption === 'openpgp_passphrase' } : undefined);
      const org = r.org;
      const domain = org.sender.fromEmail.split('@')[1] ?? 'localhost';
      const messageId = `ce-notice.${safe(input.incidentRef)}.${key}@${domain}`;
      mailer ??= createNoticeMailer(deps.smtp ?? noticeSmtpConfigFromEnv(deps.dataDir));
      await mailer.send({
        messageId,
        from: { name: org.sender.fromName, address: org.sender.fromEmail },
        ...(org.sender.replyTo ? { replyTo: org.sender.replyTo } : {}),
        to: input.to,
        subject: rendered.subject,
        text: rendered.text,
        ...(content && attachment
          ? { attachments: [{ filename: attachment.fileName, content, contentType: 'application/pgp-encrypted' }] }
          : {}),
      });
      const result: CeNoticeSendResult = {
        messageId,
        sentAt: new Date().toISOString(),
        ...(attachment ? { attachment } : {}),
        ...(mailer.confirmsDelivery ? {} : { toDevFolder: true as const }),
      };
      fs.writeFileSync(record, JSON.stringify(result), { mode: 0o600 });
      return result;
    },
  };
}
