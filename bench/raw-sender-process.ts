/**
 * The practical ceiling: raw pooled nodemailer sending N messages to the same loopback SMTP sink, with
 * the same pool size and the same rendered notice, without Temporal, database or ledger.
 * Env: SMTP_PORT, COUNT, MAX_CONNECTIONS, CONCURRENCY. Prints `raw-done <ms>`.
 */
import nodemailer from 'nodemailer';
import { NoticeRenderer } from '../notices/render.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../test/notices/synthetic-notice.js';
import { syntheticEmail } from '../test/fixtures/synthetic-roster.js';

const count = Number(process.env.COUNT);
const maxConnections = Number(process.env.MAX_CONNECTIONS ?? 5);
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(process.env.SMTP_PORT),
  pool: true,
  maxConnections,
  maxMessages: 1000,
});
const notice = new NoticeRenderer({ org: SYNTHETIC_ORG }).prepareIndividual(SYNTHETIC_INCIDENT);
const start = performance.now();
let next = 1;
await Promise.all(
  Array.from({ length: Number(process.env.CONCURRENCY ?? maxConnections * 2) }, async () => {
    while (next <= count) {
      const i = next++;
      const r = notice.render({ fullName: `Raw Person ${i}`, email: syntheticEmail(i) }, 'email');
      await transport.sendMail({
        messageId: `<raw.${i}@example-valley.example>`,
        from: SYNTHETIC_ORG.sender.fromEmail,
        to: syntheticEmail(i),
        subject: r.subject,
        text: r.text,
      });
    }
  }),
);
console.log(`raw-done ${Math.round(performance.now() - start)}`);
transport.close();
