import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { AuditLog, auditPurpose, loadAuditKey, readAuditEntries, verifyAuditLog, type AuditEntry } from '../../security/audit-log.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { openDatabase } from '../../roster/database.js';
import { loadRosterKey } from '../../roster/roster-crypto.js';
import { RosterStore } from '../../roster/roster-store.js';
import { syntheticRosterCsv } from '../fixtures/synthetic-roster.js';
import type { IncidentService } from '../../service/incident-service.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));

function filled(n = 5): { dir: string; file: string; key: Buffer } {
  const dir = tmp();
  const key = loadAuditKey(dir, {});
  const file = path.join(dir, 'audit.log');
  const log = AuditLog.open(file, key);
  for (let i = 0; i < n; i++)
    log.append({ actor: `user-${i}`, action: 'GET /incidents/:ref/report', incident: `INC-2026-000${i}`, outcome: 200 });
  return { dir, file, key };
}
const lines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n');
const write = (file: string, ls: string[]) => fs.writeFileSync(file, `${ls.join('\n')}\n`);

describe('audit log (164.312(b)): keyed and chained', () => {
  it('verifies an untouched log, and keeps the chain across a reopen', () => {
    const { file, key } = filled(3);
    AuditLog.open(file, key).append({ actor: 'user-9', action: 'POST /incidents', outcome: 201 });
    expect(verifyAuditLog(file, key)).toMatchObject({ ok: true, entries: 4 });
  });

  it('the key is 32 random bytes, 0600, apart from other keys', () => {
    const dir = tmp();
    loadAuditKey(dir, {});
    expect(fs.statSync(path.join(dir, 'audit-key')).mode & 0o777).toBe(0o600);
    expect(loadAuditKey(dir, {}).length).toBe(32);
  });

  it('detects an edited entry even when its hash-like fields are left alone', () => {
    const { file, key } = filled();
    const ls = lines(file);
    const e = JSON.parse(ls[2]!) as AuditEntry;
    e.actor = 'someone-else';
    ls[2] = JSON.stringify(e);
    write(file, ls);
    expect(verifyAuditLog(file, key)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a deleted, an inserted and a reordered line, and lines cut off the end', () => {
    const base = filled();
    const ls = lines(base.file);
    write(base.file, [ls[0]!, ls[1]!, ls[3]!, ls[4]!]);
    expect(verifyAuditLog(base.file, base.key)).toMatchObject({ ok: false, brokenAt: 3 });
    write(base.file, [ls[0]!, ls[2]!, ls[1]!, ls[3]!, ls[4]!]);
    expect(verifyAuditLog(base.file, base.key).ok).toBe(false);
    write(base.file, [ls[0]!, ls[1]!, ls[1]!, ls[2]!, ls[3]!, ls[4]!]);
    expect(verifyAuditLog(base.file, base.key).ok).toBe(false);
    write(base.file, ls.slice(0, 3));
    const cut = verifyAuditLog(base.file, base.key);
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.reason).toMatch(/head file records entry 5/);
  });

  it('a forger without the key cannot recompute the chain (a wrong key fails at entry 1)', () => {
    const { file } = filled();
    expect(verifyAuditLog(file, Buffer.alloc(32, 7))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('keeps a purpose only when it is a short code (free text could carry PHI)', () => {
    expect(auditPurpose('counsel_review')).toBe('counsel_review');
    expect(auditPurpose('looking up Jane Doe DOB 1980-04-12')).toBeUndefined();
  });

  it('every API call is audited with who, which incident, from where and the outcome — an unauthenticated one too', async () => {
    const dir = tmp();
    const file = path.join(dir, 'audit.log');
    const key = loadAuditKey(dir, {});
    const audit = AuditLog.open(file, key);
    const app = buildHttpApi({
      service: {} as IncidentService,
      client: {} as Client,
      tokens: new TokenStore([{ userId: 'lee-legal', role: 'legal', token: 'tok-legal-counsel-0123456789' }]),
      accessLog: () => undefined,
      console: false,
      audit,
    });
    await app.ready();
    await app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: 'Bearer tok-legal-counsel-0123456789', 'x-access-purpose': 'counsel_review' },
    });
    await app.inject({ method: 'GET', url: '/incidents/INC-2026-0042/report?format=evidence' });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    const entries = readAuditEntries(file);
    expect(entries.map((e) => [e.actor, e.action, e.incident, e.outcome, e.purpose])).toEqual([
      ['lee-legal', 'GET /me', undefined, 200, 'counsel_review'],
      [null, 'GET /incidents/:ref/report', 'INC-2026-0042', 401, undefined],
    ]);
    expect(entries.every((e) => typeof e.from === 'string')).toBe(true);
    expect(readAuditEntries(file, { incident: 'INC-2026-0042' })).toHaveLength(1);
    expect(verifyAuditLog(file, key).ok).toBe(true);
  });
});

describe('audit log: roster decryption by the notice activities (164.312(b))', () => {
  it('every read of roster rows is one keyed entry naming the roster and the count, with no decrypted value', async () => {
    const dir = tmp();
    const file = path.join(dir, 'audit-worker.log');
    const key = loadAuditKey(dir, {});
    const audit = AuditLog.open(file, key);
    const db = await openDatabase({ pgliteDir: path.join(dir, 'db') });
    try {
      const rosterKey = loadRosterKey(dir, {});
      const store = new RosterStore(db, rosterKey, (read) =>
        audit.append({
          actor: 'engine:worker',
          action: 'roster.decrypt',
          object: `roster:${read.rosterId}`,
          purpose: 'breach_notification',
          outcome: 'ok',
          count: read.count,
        }),
      );
      const { rosterId } = await store.importCsv(Buffer.from(syntheticRosterCsv({ size: 12 })));
      expect(readAuditEntries(file)).toHaveLength(0); // importing encrypts; nothing was decrypted
      const first = await store.readRange(rosterId, 1, 6);
      const rest = await store.readRange(rosterId, 6, 100);
      const entries = readAuditEntries(file);
      expect(entries.map((e) => [e.actor, e.action, e.object, e.count])).toEqual([
        ['engine:worker', 'roster.decrypt', `roster:${rosterId}`, first.length],
        ['engine:worker', 'roster.decrypt', `roster:${rosterId}`, rest.length],
      ]);
      expect(first.length + rest.length).toBe(12);
      const text = fs.readFileSync(file, 'utf8');
      for (const person of [...first, ...rest]) {
        expect(text).not.toContain(person.fullName);
        if (person.email) expect(text).not.toContain(person.email);
      }
      expect(verifyAuditLog(file, key).ok).toBe(true);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
