import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that records every message it accepts (the 250 after the final dot):
 * Message-ID, recipient, subject. Messages cut off mid-transfer are not recorded (smtp-server destroys
 * their stream). Rules can refuse recipients permanently (550) or transiently (451 for the first tries).
 * A small HTTP side door answers GET /messages/<id> (200/404: a relay's message lookup, used as the
 * delivery probe), GET /stats and POST /reset.
 */
export interface SinkMessage {
  messageId: string;
  to: string[];
  subject: string;
  bytes: number;
  text: string;
}

export interface SinkOptions {
  /** 550 for matching recipients. */
  rejectRecipient?: RegExp;
  /** 451 for matching recipients on their first `n` RCPT attempts. */
  transientRecipient?: { pattern: RegExp; times: number };
  /** Keep message bodies (tests); off for benchmarks. */
  keepText?: boolean;
}

export interface SinkStats {
  accepted: number;
  distinct: number;
  duplicates: number;
}

export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  readonly byId = new Map<string, number>();
  private readonly rcptTries = new Map<string, number>();
  private smtp!: SMTPServer;
  private http!: http.Server;
  port = 0;
  httpPort = 0;

  constructor(private opts: SinkOptions = {}) {}

  setOptions(opts: SinkOptions): void {
    this.opts = opts;
  }

  async start(port = 0): Promise<this> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      maxClients: 1000,
      closeTimeout: 200,
      onRcptTo: (address, _session, cb) => {
        const to = address.address;
        if (this.opts.rejectRecipient?.test(to)) return cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        const t = this.opts.transientRecipient;
        if (t && t.pattern.test(to)) {
          const n = (this.rcptTries.get(to) ?? 0) + 1;
          this.rcptTries.set(to, n);
          if (n <= t.times) return cb(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }));
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', () => undefined);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const head =
            raw
              .subarray(0, Math.min(raw.length, 8192))
              .toString('utf8')
              .split(/\r?\n\r?\n/)[0] ?? '';
          const header = (name: string) =>
            new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im')
              .exec(head)?.[1]
              ?.replace(/\r?\n[ \t]+/g, ' ')
              .trim() ?? '';
          const messageId = header('Message-ID').replace(/^<|>$/g, '');
          const text = this.opts.keepText
            ? raw
                .toString('utf8')
                .split(/\r?\n\r?\n/)
                .slice(1)
                .join('\n\n')
            : '';
          this.messages.push({
            messageId,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: header('Subject'),
            bytes: raw.length,
            text,
          });
          this.byId.set(messageId, (this.byId.get(messageId) ?? 0) + 1);
          cb();
        });
      },
    });
    // A client killed mid-session (the crash tests) resets its connection: not an error of the sink.
    this.smtp.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      (this.smtp as unknown as { server: http.Server }).server.once('error', reject);
      this.smtp.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = ((this.smtp as unknown as { server: http.Server }).server.address() as AddressInfo).port;
    this.http = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (req.method === 'GET' && url.startsWith('/messages/')) {
        const id = decodeURIComponent(url.slice('/messages/'.length));
        res.statusCode = this.byId.has(id) ? 200 : 404;
        return res.end();
      }
      if (req.method === 'GET' && url === '/stats') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(this.stats()));
      }
      if (req.method === 'POST' && url === '/reset') {
        this.reset();
        return res.end('{}');
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', () => resolve()));
    this.httpPort = (this.http.address() as AddressInfo).port;
    return this;
  }

  get probeUrl(): string {
    return `http://127.0.0.1:${this.httpPort}/messages`;
  }

  stats(): SinkStats {
    let duplicates = 0;
    for (const n of this.byId.values()) if (n > 1) duplicates += n - 1;
    return { accepted: this.messages.length, distinct: this.byId.size, duplicates };
  }

  reset(): void {
    this.messages.length = 0;
    this.byId.clear();
    this.rcptTries.clear();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.smtp.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
