/**
 * The codec server Temporal's Web UI and CLI call to show decrypted payloads to authorized people
 * (Temporal's codec-server protocol):
 *
 *   POST /encode, POST /decode   body and answer `{ "payloads": [{ "metadata": { "<k>": "<base64>" }, "data": "<base64>" }] }`
 *   POST /<namespace>/decode     the same, for `--codec-endpoint 'http://host:port/{namespace}'`
 *   POST /t/<token>/decode       the same, token in the path, for a Web UI that cannot send a header
 *                                (the embedded dev server's UI has no sign-in); off with allowTokenInPath: false
 *
 * Every request needs the bearer token (`Authorization: Bearer <token>`, compared in constant time);
 * CORS allows the configured UI origins with the `x-namespace`, `content-type` and `authorization`
 * headers and answers preflights; one access-log line per request (method, route, status, namespace,
 * duration, payload count — never contents, never the token).
 *
 * `buildCodecServer(opts)` gives a fastify instance of its own (npm start listens on BREACH_CODEC_PORT);
 * `codecRoutes` is the same as a fastify plugin, so the HTTP API can mount it under a prefix:
 * `app.register(codecRoutes, { prefix: '/codec', ...opts })`.
 */
import crypto from 'node:crypto';
import { protectResponses, type TlsFiles } from './transport.js';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { AesGcmPayloadCodec, PayloadDecryptionError } from './payload-codec.js';
import { KeyConfigError, UnknownKeyError, type KeyProvider } from './key-provider.js';
import { processEnv } from '../config/index.js';

export interface CodecAccessLogLine {
  at: string;
  component: 'codec-server';
  method: string;
  /** The route pattern (`/decode`, `/t/:token/decode`), never the raw URL. */
  path: string;
  status: number;
  namespace: string | null;
  durationMs: number;
  /** How many payloads were in the request body (not what they held). */
  payloads?: number;
  /** Remote address. */
  from?: string;
  /** The user, when authenticated per user (else the shared-token holder). */
  user?: string;
}

export interface CodecServerOptions {
  /** The codec to run; or give `keyProvider` and the engine's AES-GCM codec is used. */
  codec?: PayloadCodec;
  keyProvider?: KeyProvider;
  /** Bearer token every request must present; default BREACH_CODEC_TOKEN. At least 16 characters. */
  token?: string;
  /** Origins allowed by CORS (the Temporal Web UI), e.g. http://127.0.0.1:8233; default BREACH_CODEC_CORS_ORIGINS (comma-separated). */
  allowedOrigins?: string[];
  /** Accept the token as a path segment (/t/<token>/decode). Default true; turn off when the UI can send headers. */
  allowTokenInPath?: boolean;
  /** Only these namespaces (x-namespace header or path segment) may be served; all when unset. */
  namespaces?: string[];
  /** Where access-log lines go; default one JSON line on stdout. */
  accessLog?: (line: CodecAccessLogLine) => void;
  /**
   * Per-user access: a bearer that is not the shared codec token is given to this function (the API's
   * tokens / OIDC, e.g. the Temporal UI with TEMPORAL_CODEC_PASS_ACCESS_TOKEN passing the signed-in user's
   * token); it answers the user id when that user may read decoded payloads, else undefined. Each request
   * is then logged and audited with that user.
   */
  authenticateUser?: (bearer: string) => Promise<string | undefined>;
  /** Environment for the defaults above (tests). */
  env?: NodeJS.ProcessEnv;
}

export class CodecServerConfigError extends Error {
  override name = 'CodecServerConfigError';
  readonly phiFree = true;
}

export const MIN_CODEC_TOKEN_LENGTH = 16;

/** The configured token: the option, else BREACH_CODEC_TOKEN; an error naming the variable when missing or too short. */
export function resolveCodecToken(token: string | undefined, env: NodeJS.ProcessEnv = processEnv()): string {
  const value = (token ?? env.BREACH_CODEC_TOKEN ?? '').trim();
  const source = token !== undefined ? 'codec server token' : 'BREACH_CODEC_TOKEN';
  if (!value) throw new CodecServerConfigError(`${source}: required (the codec server never runs without a token)`);
  if (value.length < MIN_CODEC_TOKEN_LENGTH)
    throw new CodecServerConfigError(`${source}: at least ${MIN_CODEC_TOKEN_LENGTH} characters (e.g. \`openssl rand -base64 24\`)`);
  return value;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const JsonPayload = z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() });
// protojson (the Temporal CLI, Go) omits empty repeated fields: `{}` is an empty list of payloads.
const Body = z.object({
  payloads: z
    .array(JsonPayload)
    .nullish()
    .transform((p) => p ?? []),
});
type JsonPayload = z.infer<typeof JsonPayload>;

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});
const toJson = (p: Payload): { metadata: Record<string, string>; data: string } => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

const NAMESPACE_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;
const sha256 = (s: string): Buffer => crypto.createHash('sha256').update(s, 'utf8').digest();

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function namespaceOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-namespace'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader ?? (req.params as { namespace?: string } | undefined)?.namespace;
}

/** The codec endpoints as a fastify plugin (encapsulated: its CORS, auth and logging apply to its routes only). */
export const codecRoutes: FastifyPluginAsync<CodecServerOptions> = async (app, opts) => {
  const env = opts.env ?? processEnv();
  const codec = opts.codec ?? (opts.keyProvider ? new AesGcmPayloadCodec(opts.keyProvider) : undefined);
  if (!codec) throw new CodecServerConfigError('codec server: give a codec or a keyProvider');
  const expected = sha256(resolveCodecToken(opts.token, env));
  const allowedOrigins =
    opts.allowedOrigins ??
    (env.BREACH_CODEC_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  const allowTokenInPath = opts.allowTokenInPath ?? true;
  const namespaces = opts.namespaces ? new Set(opts.namespaces) : undefined;
  const log = opts.accessLog ?? ((line: CodecAccessLogLine) => console.log(JSON.stringify(line)));
  const counts = new WeakMap<FastifyRequest, number>();
  const users = new WeakMap<FastifyRequest, string>();

  await app.register(cors, {
    origin: allowedOrigins.length > 0 ? allowedOrigins : false,
    methods: ['POST', 'OPTIONS'],
    allowedHeaders: ['x-namespace', 'content-type', 'authorization'],
    credentials: true,
    maxAge: 600,
  });

  app.addHook('onResponse', (req, reply, done) => {
    const ns = namespaceOf(req);
    const count = counts.get(req);
    log({
      at: new Date().toISOString(),
      component: 'codec-server',
      method: req.method,
      path: req.routeOptions.url ?? '(unknown path)',
      status: reply.statusCode,
      namespace: ns === undefined ? null : NAMESPACE_PATTERN.test(ns) ? ns : '(invalid)',
      durationMs: Math.round(reply.elapsedTime),
      ...(count !== undefined ? { payloads: count } : {}),
      from: req.ip,
      ...(users.get(req) ? { user: users.get(req) } : {}),
    });
    done();
  });

  // Authentication before the body is read: an unauthenticated caller gets nothing parsed or echoed.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'OPTIONS') return; // preflights carry no credentials (answered by @fastify/cors)
    const header = req.headers.authorization ?? '';
    const pathToken = allowTokenInPath ? (req.params as { token?: string } | undefined)?.token : undefined;
    const bearer = /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : undefined;
    const presented = bearer ?? pathToken ?? '';
    if (!crypto.timingSafeEqual(sha256(presented), expected)) {
      // A person's own token works in the header or, for the embedded UI that cannot send headers, in the
      // path of the endpoint that person set in their own browser (never the server's shared token).
      const personal = bearer ?? pathToken;
      const user = personal && opts.authenticateUser ? await opts.authenticateUser(personal) : undefined;
      if (!user) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="breach-engine codec server"')
          .send({ error: 'missing or invalid codec token (Authorization: Bearer <token>)' });
      }
      users.set(req, user);
    }
    const ns = namespaceOf(req);
    if (ns !== undefined && !NAMESPACE_PATTERN.test(ns))
      return reply.status(400).send({ error: 'x-namespace: letters, digits, . _ - only' });
    if (namespaces && (ns === undefined || !namespaces.has(ns)))
      return reply.status(403).send({ error: 'this codec server does not serve that namespace (send x-namespace)' });
    return undefined;
  });

  const handle = (direction: 'encode' | 'decode') => async (req: FastifyRequest) => {
    const parsed = Body.safeParse(req.body);
    if (!parsed.success)
      throw new HttpError(
        400,
        `invalid body: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    counts.set(req, parsed.data.payloads.length);
    const payloads = parsed.data.payloads.map(fromJson);
    const out = direction === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    return { payloads: out.map(toJson) };
  };
  for (const direction of ['encode', 'decode'] as const) {
    app.post(`/${direction}`, handle(direction));
    app.post(`/:namespace/${direction}`, handle(direction));
    if (allowTokenInPath) app.post(`/t/:token/${direction}`, handle(direction));
  }

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    // Messages that are safe to return: ours (field paths, key ids). Body-parser messages may quote the
    // body (payloads, in clear for /encode), and anything unexpected gets a generic answer.
    if (err instanceof HttpError) return reply.status(err.statusCode).send({ error: err.message });
    if (err instanceof PayloadDecryptionError || err instanceof UnknownKeyError || err instanceof KeyConfigError)
      return reply.status(422).send({ error: err.message });
    if (err.statusCode === 413) return reply.status(413).send({ error: 'request body too large' });
    if (err.statusCode === 415) return reply.status(415).send({ error: 'content-type must be application/json' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply.status(err.statusCode).send({ error: 'invalid request body (JSON expected)' });
    return reply.status(500).send({ error: 'codec error' });
  });
};

/** A fastify instance serving only the codec endpoints (call `.listen({ host, port })`). */
export async function buildCodecServer(opts: CodecServerOptions & { tls?: TlsFiles }): Promise<FastifyInstance> {
  const app = (opts.tls
    ? Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, https: opts.tls })
    : Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })) as unknown as FastifyInstance;
  // Decoded payloads are PHI: never cached; HSTS over TLS.
  protectResponses(app, { tls: Boolean(opts.tls), noStore: () => true });
  await app.register(codecRoutes, opts);
  return app;
}
