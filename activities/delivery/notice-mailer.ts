import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';

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
  z.object({ kind: z.literal('outbox'), dir: z.string().min(1) }),
]);
export type NoticeSmtpConfig = z.input<typeof NoticeSmtpConfig>;

/**
 * BREACH_NOTICE_SMTP_* (falls back to the engine's BREACH_SMTP_*): HOST, PORT, SECURE, REQUIRE_TLS,
 * USER, PASS, MAX_CONNECTIONS. Without a host: <dataDir>/notice-outbox.
 */
export function noticeSmtpConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): NoticeSmtpConfig {
  const v = (name: string) => env[`BREACH_NOTICE_SMTP_${name}`] ?? env[`BREACH_SMTP_${name}`];
  if (!v('HOST')) return { kind: 'outbox', dir: path.join(dataDir, 'notice-outbox') };
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
  if (!parsed.success) throw new Error(`Invalid notice SMTP configuration: ${parsed.error.issues.map((i) => `BREACH_NOTICE_SMTP_${String(i.path[0]).toUpperCase()}: ${i.message}`).join('; ')}`);
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
}

/** How a failed send is recorded (the SMTP reply code decides; 164.404(d)(2) counts permanent ones). */
export type SendFailureKind = 'transient' | 'bounced' | 'invalid_address';

export function classifySendError(err: unknown): SendFailureKind {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return e.responseCode === 553 || e.responseCode === 501 ? 'invalid_address' : 'bounced';
    return 'transient';
  }
  if (e.code === 'EENVELOPE') return 'invalid_address';
  return 'transient'; // ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, …: the relay may be back later
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
      async send(m) {
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
    async send(m) {
      const info = (await transport.sendMail({ ...m, messageId: `<${m.messageId}>` })) as { response: string };
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}
