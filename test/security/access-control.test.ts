import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildHttpApi } from '../../api/http-api.js';
import { issueToken, TokenConfig, TokenStore } from '../../security/api-tokens.js';
import type { IncidentService } from '../../service/incident-service.js';
import { oidcFromEnv } from '../../security/oidc.js';
import { AuditLog, loadAuditKey, readAuditEntries } from '../../security/audit-log.js';
import { emergencyAccessNotifier } from '../../security/emergency-access.js';

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'breach-engine';
const LEGAL = 'tok-legal-counsel-0123456789';
const OLD = 'tok-expired-token-0123456789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-'));
const emergency = issueToken({ userId: 'oncall-1', role: 'admin', days: 1, emergency: true });
const mails: { to: string[]; subject: string; text: string }[] = [];
let signingKey: CryptoKey;
let api: FastifyInstance;
let url: string;
let lookups = 0;
const auditFile = path.join(dir, 'audit.log');

/** A service that counts every lookup: an unauthenticated request must never reach it. */
const service = new Proxy(
  {},
  {
    get: () => () => {
      lookups++;
      throw new Error('no lookups expected');
    },
  },
) as IncidentService;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  signingKey = privateKey;
  fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
  const oidc = oidcFromEnv({
    BREACH_OIDC_ISSUER: ISSUER,
    BREACH_OIDC_AUDIENCE: AUDIENCE,
    BREACH_OIDC_JWKS_FILE: path.join(dir, 'jwks.json'),
  })!;
  const audit = AuditLog.open(auditFile, loadAuditKey(dir, {}));
  api = buildHttpApi({
    service,
    client: {} as Client,
    tokens: new TokenStore([
      { userId: 'lee-legal', role: 'legal', token: LEGAL },
      { userId: 'former-staff', role: 'admin', token: OLD, expiresAt: '2026-01-01T00:00:00Z' },
      emergency.entry,
    ]),
    oidc,
    audit,
    idleLogoffMinutes: 10,
    accessLog: () => undefined,
    console: false,
    onEmergencyAccess: emergencyAccessNotifier({
      mailer: { send: (m) => Promise.resolve(void mails.push(m)), close: () => undefined },
      from: 'engine@example.org',
      privacyOfficers: ['privacy@example.org'],
      audit,
    }),
  });
  url = await api.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await api?.close();
});

const jwt = (claims: Record<string, unknown>, o: { aud?: string; exp?: string | number } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '5m')
    .sign(signingKey);
const call = (method: 'GET' | 'POST', route: string, headers: Record<string, string> = {}, payload?: unknown) =>
  api.inject({ method, url: route, headers, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

describe('access control (164.312(a), (d))', () => {
  it('authenticates before any lookup: an unknown and a real reference look the same to a caller without a token', async () => {
    const a = await call('POST', '/incidents/INC-2026-0042/facts', {}, { facts: {} });
    const b = await call('POST', '/incidents/NO-SUCH-9999/facts', {}, { facts: {} });
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json()).toEqual(b.json());
    expect(lookups).toBe(0);
  });

  it('answers 401 to an unauthenticated upload before reading it', async () => {
    // Stream a roster body slowly; the refusal must arrive while most of it is still unsent.
    const status = await new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
      let sent = 0;
      const req = http.request(
        `${url}/incidents/INC-2026-0042/rosters`,
        { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(300 * 1024 * 1024) } },
        (res) => {
          resolve({ status: res.statusCode ?? 0, sentBytes: sent });
          res.resume();
          req.destroy();
        },
      );
      req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        if (req.destroyed || sent > 8 * 1024 * 1024) return;
        sent += chunk.length;
        req.write(chunk, () => setTimeout(pump, 5));
      };
      pump();
    });
    expect(status.status).toBe(401);
    expect(status.sentBytes).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses an expired token, naming expiry', async () => {
    const r = await call('GET', '/me', { authorization: `Bearer ${OLD}` });
    expect(r.statusCode).toBe(401);
    expect(r.json<{ error: string }>().error).toMatch(/expired/);
  });

  it('accepts an OIDC token verified against the JWKS, with the role from its claim; and tells the console its idle limit', async () => {
    const r = await call('GET', '/me', {
      authorization: `Bearer ${await jwt({ preferred_username: 'pat.privacy', breach_role: ['staff', 'privacy_officer'] })}`,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ userId: 'pat.privacy', role: 'privacy_officer', idleLogoffMinutes: 10 });
  });

  it('refuses OIDC tokens for another audience, expired, with no engine role, or signed by another key', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ preferred_username: 'x', breach_role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(other.privateKey);
    const cases = [
      await jwt({ preferred_username: 'a', breach_role: 'admin' }, { aud: 'another-app' }),
      await jwt({ preferred_username: 'a', breach_role: 'admin' }, { exp: Math.floor(Date.parse('2020-01-01T00:00:00Z') / 1000) }),
      await jwt({ preferred_username: 'a', breach_role: 'patient' }),
      forged,
    ];
    const answers = await Promise.all(
      cases.map(async (t) => (await call('GET', '/me', { authorization: `Bearer ${t}` })).json<{ error: string }>().error),
    );
    expect(answers[0]).toMatch(/not accepted \(ERR_JWT_CLAIM_VALIDATION_FAILED\)/);
    expect(answers[1]).toBe('token expired');
    expect(answers[2]).toMatch(/claim breach_role: none of/);
    expect(answers[3]).toMatch(/not accepted/);
  });

  it('break-glass: refused without a reason; with one, works, is audited as break_glass and the privacy officer is told once', async () => {
    const bare = await call('GET', '/me', { authorization: `Bearer ${emergency.token}` });
    expect(bare.statusCode).toBe(403);
    expect(bare.json<{ error: string }>().error).toMatch(/x-break-glass-reason/);
    const headers = {
      authorization: `Bearer ${emergency.token}`,
      'x-break-glass-reason': 'ransomware: privacy officer unreachable, HHS filing due today',
    };
    expect((await call('GET', '/me', headers)).statusCode).toBe(200);
    expect((await call('GET', '/me', headers)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['privacy@example.org'], subject: 'Emergency (break-glass) access used by oncall-1' });
    expect(mails[0]!.text).toContain('Stated reason: ransomware');
    const entries = readAuditEntries(auditFile).filter((e) => e.actor === 'oncall-1');
    expect(entries.filter((e) => e.action === 'GET /me' && e.outcome === 200).every((e) => e.purpose === 'break_glass')).toBe(true);
    expect(entries.some((e) => e.action === 'break_glass.used')).toBe(true);
    expect(fs.readFileSync(auditFile, 'utf8')).not.toContain('ransomware'); // the log keeps no free text
  });

  it('an emergency credential must expire, within days', () => {
    expect(
      TokenConfig.safeParse([{ userId: 'x', role: 'admin', token: 'tok-emergency-0123456789', emergency: true }]).error?.issues[0],
    ).toMatchObject({ path: [0, 'expiresAt'], message: expect.stringMatching(/emergency/) as unknown });
    expect(emergency.entry.expiresAt).toBeDefined();
    expect(Date.parse(emergency.entry.expiresAt!) - Date.now()).toBeLessThanOrEqual(86_400_000 + 1000);
  });
});

describe('token rotation and revocation (164.312(d)): the running store follows the file', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/cli.ts', 'token', ...args], { encoding: 'utf8' });

  it('rotate issues a new token with the same role, the old one expires after the overlap; revoke ends all at once', async () => {
    const file = path.join(dir, 'tokens.json');
    const first = issueToken({ userId: 'pat.privacy', role: 'privacy_officer', days: 30 });
    const other = issueToken({ userId: 'lee.legal', role: 'legal', days: 30 });
    fs.writeFileSync(file, JSON.stringify([first.entry, other.entry]), { mode: 0o600 });
    const store = TokenStore.fromEnv({ BREACH_API_TOKENS_FILE: file })!;
    expect(store.authenticate(first.token)?.role).toBe('privacy_officer');

    const rotated = cli('rotate', '--file', file, '--user', 'pat.privacy', '--overlap-hours', '0');
    expect(rotated.status).toBe(0);
    const next = /^\s+(\S{40,})$/m.exec(rotated.stdout)![1]!;
    expect(fs.readFileSync(file, 'utf8')).not.toContain(next); // stored as its hash only
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await new Promise((r) => setTimeout(r, 1100)); // the store looks at the file at most once a second
    expect(store.authenticate(next)).toEqual({ userId: 'pat.privacy', role: 'privacy_officer' });
    expect(store.check(first.token)).toEqual({ problem: 'API token expired: ask an administrator for a new one' });
    expect(store.authenticate(other.token)?.userId).toBe('lee.legal');

    const revoked = cli('revoke', '--file', file, '--user', 'pat.privacy');
    expect(revoked.status).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.authenticate(next)).toBeUndefined();
    expect(store.authenticate(other.token)?.userId).toBe('lee.legal');
    const listed = JSON.parse(cli('list', '--file', file, '--json').stdout) as { userId: string; status: string }[];
    expect(listed.filter((r) => r.userId === 'pat.privacy').map((r) => r.status)).toEqual(['expired', 'expired']);
    expect(cli('list', '--file', file).stdout).not.toContain(next);

    // Bad input names the option and changes nothing; a broken file keeps the last good list in force.
    const before = fs.readFileSync(file, 'utf8');
    expect(cli('rotate', '--file', file, '--user', 'pat.privacy').stderr).toMatch(/--user: pat\.privacy has no current/);
    expect(cli('rotate', '--file', file, '--user', 'lee.legal', '--days', '9999').stderr).toMatch(/--days: .*at most 365/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    fs.writeFileSync(file, '[{"userId": "x"');
    await new Promise((r) => setTimeout(r, 1100));
    expect(store.authenticate(other.token)?.userId).toBe('lee.legal');
  }, 60_000);
});
