import crypto from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import * as openpgp from 'openpgp';
import type { RosterRecipient, RosterStore } from './roster-store.js';

/**
 * The roster a business associate hands to its covered entity (164.410(c)(1): "identification of each
 * individual"), as an OpenPGP-encrypted CSV attachment — never in a mail body. Encrypted either to the
 * covered entity's OpenPGP public key (preferred: nothing secret to pass on) or with a generated
 * passphrase that reaches the covered entity by another channel (telephone). Both open with standard
 * tools (`gpg --decrypt roster.csv.pgp`).
 */
export const ROSTER_EXPORT_COLUMNS = [
  'full_name',
  'email',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'phone',
  'deceased',
  'representative_name',
  'representative_relationship',
  'representative_address_line1',
  'representative_address_line2',
  'representative_city',
  'representative_state',
  'representative_postal_code',
] as const;

function row(p: RosterRecipient): string[] {
  const r = p.representative;
  return [
    p.fullName,
    p.email ?? '',
    p.postal?.line1 ?? '',
    p.postal?.line2 ?? '',
    p.postal?.city ?? '',
    p.postal?.state ?? '',
    p.postal?.postalCode ?? '',
    p.phone ?? '',
    p.deceased ? 'yes' : 'no',
    r?.fullName ?? '',
    r?.relationship ?? '',
    r?.postal?.line1 ?? '',
    r?.postal?.line2 ?? '',
    r?.postal?.city ?? '',
    r?.postal?.state ?? '',
    r?.postal?.postalCode ?? '',
  ];
}

/** The whole roster as CSV (decrypted in memory only, in pages). */
export async function rosterCsv(store: RosterStore, rosterId: string): Promise<{ csv: Buffer; rows: number }> {
  const { maxSeq } = await store.counts(rosterId);
  const parts: string[] = [stringify([[...ROSTER_EXPORT_COLUMNS]])];
  let rows = 0;
  for (let from = 1; from <= maxSeq; from += 5000) {
    const page = await store.readRange(rosterId, from, from + 5000);
    parts.push(stringify(page.map(row)));
    rows += page.length;
  }
  return { csv: Buffer.from(parts.join(''), 'utf8'), rows };
}

/** A passphrase for the other channel: 24 characters from an unambiguous alphabet (~120 bits). */
export function newPassphrase(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(24);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 6, 12, 18].map((i) => chars.slice(i, i + 6).join('')).join('-');
}

export class RecipientKeyError extends Error {
  override name = 'RecipientKeyError';
}

export async function encryptRoster(csv: Buffer, to: { publicKeyArmored: string } | { passphrase: string }): Promise<Buffer> {
  const message = await openpgp.createMessage({ binary: csv, filename: 'roster.csv', format: 'binary' });
  if ('publicKeyArmored' in to) {
    let key: openpgp.Key;
    try {
      key = await openpgp.readKey({ armoredKey: to.publicKeyArmored });
    } catch (err) {
      throw new RecipientKeyError(`recipientPublicKey: not an armored OpenPGP public key (${(err as Error).message.split('\n')[0]})`);
    }
    if (key.isPrivate()) throw new RecipientKeyError("recipientPublicKey: this is a private key; give the covered entity's PUBLIC key");
    // (openpgp's stream typings are not resolved by the lint's type program; the binary format is a Uint8Array.)
    return Buffer.from((await openpgp.encrypt({ message, encryptionKeys: key, format: 'binary' })) as unknown as Uint8Array);
  }
  return Buffer.from((await openpgp.encrypt({ message, passwords: [to.passphrase], format: 'binary' })) as unknown as Uint8Array);
}
