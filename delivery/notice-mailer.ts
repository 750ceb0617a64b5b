import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { processEnv } from '../config/index.js';

/**
 * Outbound notice mail: nodemailer over SMTP with pooled connections (host, port, TLS, auth from
 * configuration), or, for the embedded engine without an SMTP host, an outbox folder of .eml files.
 * Every message carries a stable Message-ID chosen by the caller (the delivery ledger's key).
 */
export const NoticeSmtpConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('smtp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    /** Implicit TLS (port 465). Otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send without TLS (STARTTLS required). */
    requireTls: z.boolean().default(false),
    user: z.string().optional(),
    pass: z.string().optional(),
    maxConnections: z.number().int().min(1).max(100).default(5),
    maxMessagesPerConnection: z.number().int().min(1).default(1000),
    /** Reject self-signed certificates (turn off only for a test relay). */
    rejectUnauthorized: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('outbox'),
    dir: z.string().min(1),
    /**
     * A .eml file in a folder reaches no one: by default (development and tests) nothing written there
     * confirms an obligation. Only the explicit mode `BREACH_NOTICE_DELIVERY=folder-confirms` (another
     * system posts the folder's files) lets a notice written there count as made.
     */
    confirms: z.boolean().default(false),
    /**
     * A drill's simulated bounces (issue 19): recipients at these domains are refused as a relay would
     * refuse them for good (550), so a drill's mailing exercises the bounce path (letters, substitute).
     */
    bounceDomains: z.array(z.string().min(1)).default([]),
  }),
]);
export type NoticeSmtpConfig = z.input<typeof NoticeSmtpConfig>;

/** BREACH_NOTICE_DELIVERY: how notices leave the engine (see the README's configuration table). */
export const NOTICE_DELIVERY_MODES = ['smtp', 'folder', 'folder-confirms'] as const;
export type NoticeDeliveryMode = (typeof NOTICE_DELIVERY_MODES)[number];

/**
 * The delivery mode: `BREACH_NOTICE_DELIVERY` when set (`smtp` requires a host), else `smtp` with a host
 * and `folder` (development and tests only: never confirms an obligation) without one.
 */
export function noticeDeliveryModeFromEnv(env: NodeJS.ProcessEnv = processEnv()): NoticeDeliveryMode {
  const host = env.BREACH_NOTICE_SMTP_HOST ?? env.BREACH_SMTP_HOST;
  const raw = env.BREACH_NOTICE_DELIVERY?.trim();
  if (!raw) return host ? 'smtp' : 'folder';
  if (!(NOTICE_DELIVERY_MODES as readonly string[]).includes(raw))
    throw new Error(`Invalid notice delivery configuration: BREACH_NOTICE_DELIVERY: one of ${NOTICE_DELIVERY_MODES.join(', ')}`);
  if (raw === 'smtp' && !host)
    throw new Error(
      'Invalid notice delivery configuration: BREACH_NOTICE_DELIVERY is smtp but BREACH_NOTICE_SMTP_HOST (or BREACH_SMTP_HOST) is not set',
    );
  return raw as NoticeDeliveryMode;
}

/**
 * BREACH_NOTICE_SMTP_* (falls back to the engine's BREACH_SMTP_*): HOST, PORT, SECURE, REQUIRE_TLS,
 * USER, PASS, MAX_CONNECTIONS. Without a host, or with BREACH_NOTICE_DELIVERY=folder|folder-confirms:
 * <dataDir>/notice-outbox (confirming only in `folder-confirms`).
 */
export function noticeSmtpConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = processEnv()): NoticeSmtpConfig {
  const v = (name: string) => env[`BREACH_NOTICE_SMTP_${name}`] ?? env[`BREACH_SMTP_${name}`];
  const mode = noticeDeliveryModeFromEnv(env);
  if (mode !== 'smtp') return { kind: 'outbox', dir: path.join(dataDir, 'notice-outbox'), confirms: mode === 'folder-confirms' };
  const parsed = NoticeSmtpConfig.safeParse({
    kind: 'smtp',
    host: v('HOST'),
    port: v('PORT') ? Number(v('PORT')) : 587,
    secure: v('SECURE') === 'true',
    requireTls: v('REQUIRE_TLS') === 'true',
    user: v('USER'),
    pass: v('PASS'),
    ...(v('MAX_CONNECTIONS') ? { maxConnections: Number(v('MAX_CONNECTIONS')) } : {}),
  });
  if (!parsed.success)
    throw new Error(
      `Invalid notice SMTP configuration: ${parsed.error.issues.map((i) => `BREACH_NOTICE_SMTP_${String(i.path[0]).toUpperCase()}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export interface OutgoingNotice {
  /** Without angle brackets. */
  messageId: string;
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface NoticeMailer {
  send(m: OutgoingNotice): Promise<{ response: string }>;
  close(): void;
  readonly maxConnections: number;
  /** False for the development outbox folder: what it accepts reached no one and confirms nothing. */
  readonly confirmsDelivery: boolean;
}

/** Where notices go, in words (for `npm start` and the logs): no credentials, no addresses. */
export function describeNoticeDelivery(config: NoticeSmtpConfig): string {
  if (config.kind === 'smtp')
    return `SMTP ${config.host}:${config.port ?? 587}${config.secure ? ' (TLS)' : config.requireTls ? ' (STARTTLS required)' : ''}`;
  return config.confirms
    ? `folder ${config.dir} (BREACH_NOTICE_DELIVERY=folder-confirms: a notice written there counts as made)`
    : `folder ${config.dir} (development only: no SMTP host set, so no notice reaches anyone and none confirms an obligation)`;
}

/** How a failed send is recorded (the SMTP reply code decides; 164.404(d)(2) counts permanent ones). */
export type SendFailureKind = 'transient' | 'bounced' | 'invalid_address';

/**
 * Failures of the relay itself, not of one recipient: connection refused or reset, timeouts, DNS, TLS,
 * a refused login, a greeting the relay answers with 421 "service not available". None of them says
 * anything about the person's address, so none ever counts as insufficient contact (164.404(d)(2)).
 */
const RELAY_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'EPROTOCOL',
  'ENOAUTH',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
export function isRelayFailure(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (e.code && RELAY_CODES.has(e.code)) return true;
  if (e.responseCode === 421) return true;
  return typeof e.responseCode !== 'number' && e.code !== 'EENVELOPE';
}

/**
 * Only a permanent refusal of this recipient (5xx to its RCPT or to its message) is `bounced` /
 * `invalid_address`; everything else — 4xx, and every failure of the relay itself — is transient and is
 * retried, however long the outage.
 */
export function classifySendError(err: unknown): SendFailureKind {
  const e = err as { responseCode?: number; code?: string };
  if (isRelayFailure(err)) return 'transient';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return e.responseCode === 553 || e.responseCode === 501 ? 'invalid_address' : 'bounced';
    return 'transient';
  }
  if (e.code === 'EENVELOPE') return 'invalid_address';
  return 'transient';
}

/** The SMTP reply code and category, never the server's text (it may echo the address). */
export function describeSendError(err: unknown): string {
  const e = err as { responseCode?: number; code?: string };
  return [e.code, e.responseCode].filter((x) => x !== undefined).join(' ') || 'send failed';
}

export function createNoticeMailer(input: NoticeSmtpConfig): NoticeMailer {
  const config = NoticeSmtpConfig.parse(input);
  if (config.kind === 'outbox') {
    fs.mkdirSync(config.dir, { recursive: true });
    const transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      maxConnections: 4,
      confirmsDelivery: config.confirms,
      async send(m) {
        const domain = m.to.split('@').pop()?.toLowerCase() ?? '';
        if (config.bounceDomains.includes(domain))
          throw Object.assign(new Error('550 5.1.1 recipient rejected (drill: simulated bounce)'), {
            responseCode: 550,
            code: 'EENVELOPE',
          });
        const info = (await transport.sendMail({ ...m, messageId: `<${m.messageId}>` })) as { message: Buffer };
        const file = path.join(config.dir, `${m.messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
        fs.writeFileSync(`${file}.tmp`, info.message);
        fs.renameSync(`${file}.tmp`, file);
        return { response: 'outbox' };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    pool: true,
    maxConnections: config.maxConnections,
    maxMessages: config.maxMessagesPerConnection,
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
  });
  return {
    maxConnections: config.maxConnections,
    confirmsDelivery: true,
    async send(m) {
      const info = (await transport.sendMail({ ...m, messageId: `<${m.messageId}>` })) as { response: string };
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}
