/**
 * The codec server Temporal's Web UI and CLI call to show decrypted payloads to authorized people:
 * POST /encode and POST /decode with `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`,
 * CORS for the UI's origin, a bearer token, and one access-log line per request (never payload contents).
 */
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Bearer token every request must present. */
  token: string;
  /** Origins allowed by CORS (the Temporal Web UI), e.g. http://127.0.0.1:8233. */
  allowedOrigins: string[];
  accessLog?: (line: Record<string, unknown>) => void;
}

const JsonPayload = z.object({ metadata: z.record(z.string(), z.string()).default({}), data: z.string().optional() });
const Body = z.object({ payloads: z.array(JsonPayload) });

const fromJson = (p: z.infer<typeof JsonPayload>): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export async function buildCodecServer(opts: CodecServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  const log = opts.accessLog ?? ((line) => console.log(JSON.stringify(line)));
  const expected = crypto.createHash('sha256').update(opts.token).digest();
  await app.register(cors, {
    origin: opts.allowedOrigins,
    methods: ['POST', 'OPTIONS'],
    allowedHeaders: ['x-namespace', 'content-type', 'authorization'],
    credentials: true,
  });
  app.addHook('onResponse', (req, reply, done) => {
    log({ at: new Date().toISOString(), component: 'codec-server', method: req.method, path: req.routeOptions.url ?? req.url.split('?')[0], status: reply.statusCode, namespace: req.headers['x-namespace'] ?? null, ms: Math.round(reply.elapsedTime) });
    done();
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'OPTIONS') return done();
    const header = req.headers.authorization ?? '';
    // The token comes as a bearer header, or in the path (/t/<token>/decode) for a Web UI that cannot add
    // headers of its own (the embedded dev server's UI has no sign-in to pass along).
    const pathToken = (req.params as { token?: string } | undefined)?.token;
    const presented = crypto.createHash('sha256').update(header.startsWith('Bearer ') ? header.slice(7) : (pathToken ?? '')).digest();
    if (!crypto.timingSafeEqual(presented, expected)) {
      void reply.status(401).send({ error: 'missing or invalid codec token (Authorization: Bearer <token>)' });
      return;
    }
    done();
  });
  const handle = (direction: 'encode' | 'decode') => async (req: { body: unknown }) => {
    const parsed = Body.safeParse(req.body);
    if (!parsed.success) throw Object.assign(new Error(`invalid body: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`), { statusCode: 400 });
    const payloads = parsed.data.payloads.map(fromJson);
    const out = direction === 'encode' ? await opts.codec.encode(payloads) : await opts.codec.decode(payloads);
    return { payloads: out.map(toJson) };
  };
  app.post('/encode', handle('encode'));
  app.post('/decode', handle('decode'));
  app.post('/t/:token/encode', handle('encode'));
  app.post('/t/:token/decode', handle('decode'));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    // Decryption errors name the key id only; never payload contents.
    void reply.status(err.statusCode && err.statusCode < 500 ? err.statusCode : 400).send({ error: err.message ?? 'error' });
  });
  return app;
}
