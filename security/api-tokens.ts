import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { USER_ROLES } from '../contract/vocabulary.js';
import { roleMay, type Permission } from '../contract/incident-actions.js';
import { processEnv } from '../config/index.js';

/**
 * API tokens and roles (45 CFR 164.308(a)(4) access management, 164.312(d) authentication):
 * - responder: open incidents, record facts and assessments, confirm notices, acknowledge reminders;
 * - responder also imports the affected-individual roster;
 * - privacy_officer: all of that, plus decide, correct after the decision, law-enforcement holds, and
 *   start the mailing of individual notices;
 * - legal: read everything, change nothing; reports and evidence;
 * - admin: everything.
 * Tokens are configured as SHA-256 hashes (or, for local use, in clear) with the user id they stand for.
 */
export const Role = z.enum(USER_ROLES);
export type Role = z.infer<typeof Role>;

const TokenEntry = z
  .object({
    userId: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'letters, digits and . _ @ - only'),
    role: Role,
    token: z.string().min(16, 'at least 16 characters').optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits')
      .optional(),
    /** After this instant the token is refused (rotation: issue the next one before, list both meanwhile). */
    expiresAt: z.string().datetime({ offset: true, message: 'an ISO 8601 date-time with offset' }).optional(),
    /**
     * Emergency access (164.312(a)(2)(ii)): a break-glass credential. Every request must state a reason
     * (header x-break-glass-reason); each use is audited and the privacy officer is told. It must expire
     * within 72 hours of being issued (`breach token create --emergency`).
     */
    emergency: z.boolean().optional(),
  })
  .refine((e) => Boolean(e.token) !== Boolean(e.sha256), { message: 'give exactly one of token or sha256' })
  .refine((e) => !e.emergency || e.expiresAt !== undefined, {
    message: 'an emergency (break-glass) token needs expiresAt',
    path: ['expiresAt'],
  });
export const TokenConfig = z.array(TokenEntry).min(1, 'at least one token');

export interface Principal {
  userId: string;
  role: Role;
  /** A break-glass credential: each request needs a stated reason, and is reported. */
  emergency?: boolean;
}

export type TokenCheck = { principal: Principal } | { problem: string };

/** What each role may do is written once, beside each action (contract/incident-actions.ts). */
export const may = (role: Role, permission: Permission): boolean => roleMay(role, permission);

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest();

export type TokenEntry = z.infer<typeof TokenEntry>;

/** Parses a token list (the file's or the variable's text); the error names the variable and each entry's field. */
export function parseTokenConfig(raw: string, source: string): TokenEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`Invalid API token configuration (${source}): not JSON (a list of {userId, role, sha256, expiresAt})`);
  }
  const parsed = TokenConfig.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `Invalid API token configuration (${source}): ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

const toEntries = (config: TokenEntry[]) =>
  config.map((e) => ({
    hash: e.sha256 ? Buffer.from(e.sha256, 'hex') : sha256(e.token!),
    principal: { userId: e.userId, role: e.role, ...(e.emergency ? { emergency: true } : {}) },
    ...(e.expiresAt ? { expiresAt: Date.parse(e.expiresAt) } : {}),
  }));

export class TokenStore {
  private entries: { hash: Buffer; principal: Principal; expiresAt?: number }[];
  private fileStamp = '';

  /**
   * With `file`, the list is read again whenever the file changes (checked at most once a second), so a
   * rotation or a revocation (`breach token rotate|revoke --file`) takes effect without a restart. A file
   * that no longer parses keeps the last good list and is reported once on stderr (PHI-free: field paths).
   */
  constructor(
    config: TokenEntry[],
    private readonly file?: string,
  ) {
    this.entries = toEntries(config);
    if (file) this.fileStamp = TokenStore.stamp(file);
  }

  private static stamp(file: string): string {
    try {
      const s = fs.statSync(file);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'missing';
    }
  }

  private lastLook = 0;
  private reported = '';
  private refresh(now: number): void {
    if (!this.file || now - this.lastLook < 1000) return;
    this.lastLook = now;
    const stamp = TokenStore.stamp(this.file);
    if (stamp === this.fileStamp) return;
    try {
      this.entries = toEntries(parseTokenConfig(fs.readFileSync(this.file, 'utf8'), 'BREACH_API_TOKENS_FILE'));
      this.fileStamp = stamp;
    } catch (err) {
      const message = (err as Error).message;
      if (message !== this.reported) console.error(`[engine] ${message}; the previous token list stays in force`);
      this.reported = message;
    }
  }

  /** Constant-time comparison of the presented token's hash with every configured one; expiry checked. */
  check(token: string | undefined, now: Date = new Date()): TokenCheck {
    this.refresh(Date.now());
    if (!token) return { problem: 'missing or invalid API token (Authorization: Bearer <token>)' };
    const presented = sha256(token);
    let found: (typeof this.entries)[number] | undefined;
    for (const e of this.entries) if (crypto.timingSafeEqual(presented, e.hash)) found = e;
    if (!found) return { problem: 'missing or invalid API token (Authorization: Bearer <token>)' };
    if (found.expiresAt !== undefined && now.getTime() >= found.expiresAt)
      return { problem: 'API token expired: ask an administrator for a new one' };
    return { principal: found.principal };
  }

  /** Every user id the store knows (the owner registry of issue 15 item 6). */
  userIds(): Set<string> {
    this.refresh(Date.now());
    return new Set(this.entries.map((e) => e.principal.userId));
  }

  authenticate(token: string | undefined, now: Date = new Date()): Principal | undefined {
    const r = this.check(token, now);
    return 'principal' in r ? r.principal : undefined;
  }

  static fromEnv(env: NodeJS.ProcessEnv = processEnv()): TokenStore | undefined {
    const file = env.BREACH_API_TOKENS_FILE;
    const raw = file ? fs.readFileSync(file, 'utf8') : env.BREACH_API_TOKENS;
    if (!raw) return undefined;
    return new TokenStore(parseTokenConfig(raw, file ? 'BREACH_API_TOKENS_FILE' : 'BREACH_API_TOKENS'), file);
  }
}

/** A new random token and the configuration entry that stands for it (hash only, with expiry). */
export function issueToken(o: { userId: string; role: Role; days: number; emergency?: boolean; now?: Date }): {
  token: string;
  entry: z.infer<typeof TokenEntry>;
} {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date((o.now ?? new Date()).getTime() + o.days * 86_400_000).toISOString();
  const entry = TokenEntry.parse({
    userId: o.userId,
    role: o.role,
    sha256: sha256(token).toString('hex'),
    expiresAt,
    ...(o.emergency ? { emergency: true } : {}),
  });
  return { token, entry };
}

/**
 * Rotation (164.312(d)): a new token for the user, with the role of their current credential; every
 * current credential of that user (emergency ones excepted) then expires after the overlap, so clients
 * switch without an outage. Returns the new token (shown once) and the new list.
 */
export function rotateToken(
  entries: TokenEntry[],
  o: { userId: string; days: number; overlapHours: number; now: Date },
): { token: string; entries: TokenEntry[]; retired: number } {
  const live = entries.filter((e) => e.userId === o.userId && !e.emergency && (!e.expiresAt || Date.parse(e.expiresAt) > o.now.getTime()));
  const current = live[live.length - 1];
  if (!current)
    throw new Error(`--user: ${o.userId} has no current (unexpired, non-emergency) token to rotate; use \`breach token create\``);
  const cutoff = new Date(o.now.getTime() + o.overlapHours * 3_600_000).toISOString();
  let retired = 0;
  const kept = entries.map((e) => {
    if (!live.includes(e)) return e;
    retired++;
    return { ...e, expiresAt: e.expiresAt && e.expiresAt < cutoff ? e.expiresAt : cutoff };
  });
  const { token, entry } = issueToken({ userId: o.userId, role: current.role, days: o.days, now: o.now });
  return { token, entries: [...kept, entry], retired };
}

/** Revocation: every credential of the user expires now (kept in the list, so the history of who had access stays). */
export function revokeTokens(entries: TokenEntry[], userId: string, now: Date): { entries: TokenEntry[]; revoked: number } {
  let revoked = 0;
  const at = now.toISOString();
  const out = entries.map((e) => {
    if (e.userId !== userId || (e.expiresAt && Date.parse(e.expiresAt) <= now.getTime())) return e;
    revoked++;
    return { ...e, expiresAt: at };
  });
  return { entries: out, revoked };
}
