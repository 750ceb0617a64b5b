import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqlDb } from '../../roster/database.js';
import { loadRosterKey, RosterKeyError, rosterKeyFile } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { syntheticRosterCsv } from '../fixtures/synthetic-roster.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-roster-'));
let db: SqlDb;
let store: RosterStore;

beforeAll(async () => {
  db = await openDatabase({ pgliteDir: path.join(tmp, 'db') });
  store = new RosterStore(db, loadRosterKey(tmp, {}));
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const CSV = `full_name,email,email_consent,address_line1,city,state,postal_code,deceased,representative_name,representative_relationship,representative_address_line1,representative_city,representative_state,representative_postal_code
Alex Sample,alex@recipients.example,yes,1 Example St,Testville,IL,62701,no,,,,,,
Sam Testperson,not-an-email,yes,2 Example St,Testville,IL,62701,no,,,,,,
,nobody@recipients.example,yes,,,,,no,,,,,,
Jordan Example,,no,3 Example St,Testville,CA,9021,no,,,,,,
Taylor Example,,no,4 Example St,Testville,CA,90210,no,,,,,,
Casey Example,,no,,,,,no,,,,,,
Riley Example,,no,,,,,yes,Quinn Example,next_of_kin,5 Example St,Testville,TX,75001
Morgan Example,,no,,,,,yes,,,,,,
Extra Fields,extra@recipients.example,yes,1 Example St,Testville,IL,62701,no,,,,,,,surplus
Avery Example,avery@recipients.example,maybe,6 Example St,Testville,NV,89501,no,,,,,,
`;

describe('roster import (CSV, zod, encrypted at rest)', () => {
  it('keeps good rows, reports bad ones by line and field, picks each channel (164.404(d))', async () => {
    const r = await store.importCsv(Buffer.from(CSV));
    expect(r.recipients).toBe(5);
    expect(r.rejectedRows).toBe(5);
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'email'],
      [4, 'full_name'],
      [5, 'postal_code'],
      [10, '(row)'],
      [11, 'email_consent'],
    ]);
    expect(r.problems.find((p) => p.line === 3)?.problem).toBe('is not an email address');
    // The report never quotes the values.
    expect(JSON.stringify(r.problems)).not.toMatch(/not-an-email|Sam|Testperson|Extra|surplus/);
    expect(r.byChannel).toEqual({ email: 1, mail: 1, representative_mail: 1, substitute: 1, not_required: 1 });
    expect(r.byJurisdiction).toEqual({ IL: 1, CA: 1 });
    const people = await store.readRange(r.rosterId, 1, 100);
    expect(people.map((p) => [p.seq, p.line, p.fullName, p.channel])).toEqual([
      [1, 2, 'Alex Sample', 'email'],
      [2, 6, 'Taylor Example', 'mail'],
      [3, 7, 'Casey Example', 'substitute'],
      [4, 8, 'Riley Example', 'representative_mail'],
      [5, 9, 'Morgan Example', 'not_required'],
    ]);
    expect(people[3]!.representative).toEqual({
      fullName: 'Quinn Example',
      relationship: 'next_of_kin',
      postal: { line1: '5 Example St', city: 'Testville', state: 'TX', postalCode: '75001' },
    });
  });

  it('stores PII encrypted: the database bytes hold no name or email', async () => {
    const r = await store.importCsv(Buffer.from(syntheticRosterCsv({ size: 50 })));
    const raw = await db.query<Record<string, unknown>>('select * from roster_recipient where roster_id = $1', [r.rosterId]);
    const dump = raw
      .map((row) =>
        Object.values(row)
          .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
          .join('|'),
      )
      .join('\n');
    expect(dump).not.toMatch(/recipients\.example|Sample|Example Street/);
    expect(fs.statSync(rosterKeyFile(tmp)).mode & 0o777).toBe(0o600);
  });

  it('the same file again is a no-op; a corrected file appends; another key is refused', async () => {
    const csv = Buffer.from(syntheticRosterCsv({ size: 20 }));
    const first = await store.importCsv(csv);
    const again = await store.importCsv(csv, { rosterId: first.rosterId });
    expect(again).toMatchObject({ rosterId: first.rosterId, recipients: 20, alreadyImported: true });
    const more = await store.importCsv(Buffer.from('full_name,email,email_consent\nRowan Late,rowan@recipients.example,yes\n'), {
      rosterId: first.rosterId,
    });
    expect(more.recipients).toBe(21);
    expect((await store.readRange(first.rosterId, 21, 22))[0]?.fullName).toBe('Rowan Late');
    const other = new RosterStore(db, loadRosterKey(tmp, { BREACH_ROSTER_KEY: Buffer.alloc(32, 7).toString('base64') }));
    await expect(other.importCsv(Buffer.from('full_name\nX Y\n'), { rosterId: first.rosterId })).rejects.toThrow(RosterKeyError);
    await expect(other.readRange(first.rosterId, 1, 2)).rejects.toThrow(/could not be decrypted/);
    expect(() => loadRosterKey(tmp, { BREACH_ROSTER_KEY: 'c2hvcnQ=' })).toThrow(/BREACH_ROSTER_KEY must be 32 bytes/);
  });
});
