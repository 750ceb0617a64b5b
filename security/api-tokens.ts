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

export class TokenStore {
  private readonly entries: { hash: Buffer; principal: Principal; expiresAt?: number }[];

  constructor(config: z.infer<typeof TokenConfig>) {
    this.entries = config.map((e) => ({
      hash: e.sha256 ? Buffer.from(e.sha256, 'hex') : sha256(e.token!),
      principal: { userId: e.userId, role: e.role, ...(e.emergency ? { emergency: true } : {}) },
      ...(e.expiresAt ? { expiresAt: Date.parse(e.expiresAt) } : {}),
    }));
  }

  /** Constant-time comparison of the presented token's hash with every configured one; expiry checked. */
  check(token: string | undefined, now: Date = new Date()): TokenCheck {
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
    return new Set(this.entries.map((e) => e.principal.userId));
  }

  authenticate(token: string | undefined, now: Date = new Date()): Principal | undefined {
    const r = this.check(token, now);
    return 'principal' in r ? r.principal : undefined;
  }

  static fromEnv(env: NodeJS.ProcessEnv = processEnv()): TokenStore | undefined {
    const raw = env.BREACH_API_TOKENS_FILE ? fs.readFileSync(env.BREACH_API_TOKENS_FILE, 'utf8') : env.BREACH_API_TOKENS;
    if (!raw) return undefined;
    const parsed = TokenConfig.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      throw new Error(
        `Invalid API token configuration (BREACH_API_TOKENS${env.BREACH_API_TOKENS_FILE ? '_FILE' : ''}): ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`,
      );
    }
    return new TokenStore(parsed.data);
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
