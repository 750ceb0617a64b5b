import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { processEnv } from '../config/index.js';

/**
 * How the engine sends its own mail (reminders, escalations, digests): SMTP when configured, else an
 * outbox folder of .eml files under the data directory, so a user of the embedded engine can open what
 * would have been sent.
 */
export const MailerConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('smtp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    user: z.string().optional(),
    pass: z.string().optional(),
    pool: z.boolean().default(true),
  }),
  z.object({ kind: z.literal('outbox'), dir: z.string().min(1) }),
]);
export type MailerConfig = z.infer<typeof MailerConfig>;

export interface EngineMailer {
  send(message: { messageId: string; from: string; to: string[]; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** Reads BREACH_SMTP_HOST/PORT/SECURE/USER/PASS; without a host, the outbox under the data directory. */
export function mailerConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = processEnv()): MailerConfig {
  if (!env.BREACH_SMTP_HOST) return { kind: 'outbox', dir: path.join(dataDir, 'outbox') };
  const parsed = MailerConfig.safeParse({
    kind: 'smtp',
    host: env.BREACH_SMTP_HOST,
    port: env.BREACH_SMTP_PORT ? Number(env.BREACH_SMTP_PORT) : 587,
    secure: env.BREACH_SMTP_SECURE === 'true',
    user: env.BREACH_SMTP_USER,
    pass: env.BREACH_SMTP_PASS,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid SMTP configuration: ${parsed.error.issues.map((i) => `BREACH_SMTP_${String(i.path[0]).toUpperCase()}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function createEngineMailer(config: MailerConfig): EngineMailer {
  if (config.kind === 'outbox') {
    fs.mkdirSync(config.dir, { recursive: true });
    const transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(message) {
        const info = (await transport.sendMail({ ...message, headers: { 'Message-ID': `<${message.messageId}>` } })) as { message: Buffer };
        const file = path.join(config.dir, `${message.messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
        // Written whole then renamed: a crash never leaves a half message in the outbox.
        fs.writeFileSync(`${file}.tmp`, info.message);
        fs.renameSync(`${file}.tmp`, file);
      },
      close() {
        transport.close();
      },
    };
  }
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    pool: config.pool,
    ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
  });
  return {
    async send(message) {
      await transport.sendMail({ ...message, messageId: `<${message.messageId}>` });
    },
    close() {
      transport.close();
    },
  };
}
