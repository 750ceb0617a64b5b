import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { buildCodecServer, codecRoutes, CodecServerConfigError, type CodecAccessLogLine } from '../../security/codec-server.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';
import { StaticKeyProvider } from '../../security/key-provider.js';
import { FAILURE_CONVERTER_PATH } from '../../security/data-converter.js';
import { testKeyProvider } from '../harness/test-keys.js';

const TOKEN = 'codec-test-token-0123456789';
const UI = 'http://127.0.0.1:8233';
const MARKER = 'ZQX-synthetic-Quillfeather';
let app: FastifyInstance;
const lines: CodecAccessLogLine[] = [];
const codec = new AesGcmPayloadCodec(testKeyProvider);

beforeAll(async () => {
  app = await buildCodecServer({ codec, token: TOKEN, allowedOrigins: [UI], accessLog: (l) => lines.push(l) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

const json = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const fromJson = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
  data: new Uint8Array(Buffer.from(p.data, 'base64')),
});
const auth = { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'default' };
const encrypted = async () => (await codec.encode([defaultPayloadConverter.toPayload({ note: MARKER })]))[0]!;

describe('codec server', () => {
  it('decodes what the codec encoded, for a caller with the token (header, namespace path, token path)', async () => {
    const enc = await encrypted();
    for (const [url, headers] of [
      ['/decode', auth],
      ['/default/decode', { authorization: `Bearer ${TOKEN}` }],
      [`/t/${TOKEN}/decode`, {}],
    ] as const) {
      const res = await app.inject({ method: 'POST', url, headers, payload: { payloads: [json(enc)] } });
      expect(res.statusCode, url).toBe(200);
      const body = res.json<{ payloads: { metadata: Record<string, string>; data: string }[] }>();
      expect(defaultPayloadConverter.fromPayload(fromJson(body.payloads[0]!))).toEqual({ note: MARKER });
    }
  });

  it('encodes for the UI (e.g. a signal typed in the Web UI) so that the workers can decrypt it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/encode',
      headers: auth,
      payload: { payloads: [json(defaultPayloadConverter.toPayload({ note: MARKER }))] },
    });
    expect(res.statusCode).toBe(200);
    const [out] = res.json<{ payloads: { metadata: Record<string, string>; data: string }[] }>().payloads;
    expect(Buffer.from(out!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(res.body).not.toContain(Buffer.from(MARKER).toString('base64').slice(0, 12));
    const [back] = await codec.decode([fromJson(out!)]);
    expect(defaultPayloadConverter.fromPayload(back!)).toEqual({ note: MARKER });
  });

  it('an empty list, as protojson sends it (`{}`), is an empty answer', async () => {
    const res = await app.inject({ method: 'POST', url: '/decode', headers: auth, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ payloads: [] });
  });

  it('passes through payloads it did not encrypt (e.g. search-attribute values)', async () => {
    const plain = defaultPayloadConverter.toPayload('closed');
    const res = await app.inject({ method: 'POST', url: '/decode', headers: auth, payload: { payloads: [json(plain)] } });
    expect(res.json<{ payloads: unknown[] }>().payloads).toEqual([json(plain)]);
  });

  it('rejects requests without a token or with a wrong one (401), before reading the body, and logs them without contents', async () => {
    const enc = await encrypted();
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
      const res = await app.inject({ method: 'POST', url: '/decode', headers, payload: { payloads: [json(enc)] } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('ZQX');
    }
    const garbage = await app.inject({
      method: 'POST',
      url: '/decode',
      headers: { 'content-type': 'application/json' },
      payload: `{"payloads": [${MARKER}`,
    });
    expect(garbage.statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/t/wrong-token-0123456789/decode', payload: { payloads: [] } })).statusCode).toBe(401);
    expect(lines.some((l) => l.status === 401 && l.path === '/decode')).toBe(true);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('ZQX');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('wrong-token');
  });

  it('logs one line per request: method, route, status, namespace, duration, payload count', async () => {
    lines.length = 0;
    const enc = await encrypted();
    await app.inject({ method: 'POST', url: '/decode', headers: auth, payload: { payloads: [json(enc), json(enc)] } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      component: 'codec-server',
      method: 'POST',
      path: '/decode',
      status: 200,
      namespace: 'default',
      payloads: 2,
    });
    expect(typeof lines[0]!.durationMs).toBe('number');
    await app.inject({ method: 'POST', url: `/t/${TOKEN}/decode`, payload: { payloads: [] } });
    expect(lines[1]).toMatchObject({ path: '/t/:token/decode', status: 200, namespace: null });
  });

  it('answers the Web UI CORS preflight for its origin only', async () => {
    const ok = await app.inject({
      method: 'OPTIONS',
      url: '/decode',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-namespace,content-type,authorization',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(UI);
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/x-namespace/);
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/authorization/);
    expect(String(ok.headers['access-control-allow-methods'])).toMatch(/POST/);
    const other = await app.inject({
      method: 'OPTIONS',
      url: '/decode',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // The actual request from the UI carries the CORS header too.
    const enc = await encrypted();
    const res = await app.inject({ method: 'POST', url: '/decode', headers: { ...auth, origin: UI }, payload: { payloads: [json(enc)] } });
    expect(res.headers['access-control-allow-origin']).toBe(UI);
  });

  it('a payload it cannot decrypt: 422 naming the key id only; bad bodies: 400 without echoing the body', async () => {
    const [foreign] = await new AesGcmPayloadCodec(
      new StaticKeyProvider({ current: 'other-key', keys: { 'other-key': Buffer.alloc(32, 7).toString('base64') } }),
    ).encode([defaultPayloadConverter.toPayload(MARKER)]);
    const unknown = await app.inject({ method: 'POST', url: '/decode', headers: auth, payload: { payloads: [json(foreign!)] } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ error: string }>().error).toMatch(/payload key "other-key" is not configured/);
    const enc = await encrypted();
    const tampered = { ...json(enc), data: Buffer.from(Uint8Array.from(enc.data!, (b, i) => (i === 30 ? b ^ 1 : b))).toString('base64') };
    const altered = await app.inject({ method: 'POST', url: '/decode', headers: auth, payload: { payloads: [tampered] } });
    expect(altered.statusCode).toBe(422);
    expect(altered.json<{ error: string }>().error).toMatch(/key "test-2": the configured key is wrong or the data was altered/);
    for (const payload of [
      `{"payloads": [${MARKER}`,
      JSON.stringify({ payloads: [{ data: `not base64 ${MARKER}` }] }),
      JSON.stringify({ payloads: MARKER }),
    ]) {
      const res = await app.inject({ method: 'POST', url: '/encode', headers: { ...auth, 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('ZQX');
    }
  });

  it('can be limited to namespaces; a hostile x-namespace is refused and not logged', async () => {
    const limited = await buildCodecServer({
      codec,
      token: TOKEN,
      allowedOrigins: [],
      namespaces: ['breach-prod'],
      allowTokenInPath: false,
      accessLog: (l) => lines.push(l),
    });
    try {
      const ok = await limited.inject({
        method: 'POST',
        url: '/decode',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'breach-prod' },
        payload: { payloads: [] },
      });
      expect(ok.statusCode).toBe(200);
      expect((await limited.inject({ method: 'POST', url: '/decode', headers: auth, payload: { payloads: [] } })).statusCode).toBe(403);
      expect(
        (await limited.inject({ method: 'POST', url: '/decode', headers: { authorization: `Bearer ${TOKEN}` }, payload: { payloads: [] } }))
          .statusCode,
      ).toBe(403);
      const hostile = await limited.inject({
        method: 'POST',
        url: '/decode',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-namespace': `x\n${MARKER}` },
        payload: { payloads: [] },
      });
      expect(hostile.statusCode).toBe(400);
      expect(JSON.stringify(lines)).not.toContain('ZQX');
      expect((await limited.inject({ method: 'POST', url: `/t/${TOKEN}/decode`, payload: { payloads: [] } })).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });

  it('takes its token from BREACH_CODEC_TOKEN, refuses to start without one or with a short one, and mounts under a prefix', async () => {
    await expect(buildCodecServer({ codec, env: {} })).rejects.toThrow(/BREACH_CODEC_TOKEN: required/);
    await expect(buildCodecServer({ codec, env: { BREACH_CODEC_TOKEN: 'short' } })).rejects.toThrow(CodecServerConfigError);
    await expect(buildCodecServer({ env: { BREACH_CODEC_TOKEN: TOKEN } })).rejects.toThrow(/give a codec or a keyProvider/);
    const api = Fastify();
    await api.register(codecRoutes, {
      prefix: '/codec',
      keyProvider: testKeyProvider,
      env: { BREACH_CODEC_TOKEN: TOKEN, BREACH_CODEC_CORS_ORIGINS: `${UI}, http://localhost:8233` },
      accessLog: () => undefined,
    });
    api.get('/healthz', () => 'ok');
    try {
      const enc = await encrypted();
      const res = await api.inject({ method: 'POST', url: '/codec/decode', headers: auth, payload: { payloads: [json(enc)] } });
      expect(res.statusCode).toBe(200);
      // The codec's auth does not leak onto the host's other routes.
      expect((await api.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const pre = await api.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: { origin: 'http://localhost:8233', 'access-control-request-method': 'POST' },
      });
      expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    } finally {
      await api.close();
    }
  });
});

describe('failure converter', () => {
  it('moves failure messages and stack traces into the encoded (encrypted) attributes, for causes too', async () => {
    const { failureConverter } = (await import(FAILURE_CONVERTER_PATH)) as {
      failureConverter: {
        errorToFailure(
          e: unknown,
          pc: unknown,
        ): {
          message?: string;
          stackTrace?: string;
          encodedAttributes?: unknown;
          cause?: { message?: string; encodedAttributes?: unknown };
        };
      };
    };
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.create({ message: `patient ${MARKER} not found`, cause: new Error(`lookup of ${MARKER}`) }),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace ?? '').not.toContain('ZQX');
    expect(failure.encodedAttributes).toBeDefined();
    expect(failure.cause?.message).toBe('Encoded failure');
    expect(JSON.stringify(failure)).not.toContain('ZQX-synthetic');
  });
});

describe('codec server: per-user access (164.312(a), (b))', () => {
  it("accepts a user's own token when the engine says that user may read, and logs who decoded", async () => {
    const log: CodecAccessLogLine[] = [];
    const perUser = await buildCodecServer({
      codec,
      token: TOKEN,
      allowTokenInPath: false,
      accessLog: (l) => log.push(l),
      authenticateUser: (bearer) => Promise.resolve(bearer === 'tok-privacy-officer-0123456789' ? 'pat.privacy' : undefined),
    });
    const post = (token: string) =>
      perUser.inject({
        method: 'POST',
        url: '/decode',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { payloads: [] },
      });
    expect((await post('tok-privacy-officer-0123456789')).statusCode).toBe(200);
    expect((await post('tok-someone-else-0123456789')).statusCode).toBe(401);
    expect((await post(TOKEN)).statusCode).toBe(200);
    expect(log.map((l) => [l.status, l.user])).toEqual([
      [200, 'pat.privacy'],
      [401, undefined],
      [200, undefined],
    ]);
    await perUser.close();
  });

  it("the embedded UI's per-browser endpoint /t/<the user's own token>/decode works for that user and is logged with the route, not the token", async () => {
    const log: CodecAccessLogLine[] = [];
    const perUser = await buildCodecServer({
      codec,
      token: TOKEN,
      accessLog: (l) => log.push(l),
      authenticateUser: (bearer) => Promise.resolve(bearer === 'tok-privacy-officer-0123456789' ? 'pat.privacy' : undefined),
    });
    const post = (token: string) =>
      perUser.inject({
        method: 'POST',
        url: `/t/${token}/decode`,
        headers: { 'content-type': 'application/json' },
        payload: { payloads: [] },
      });
    expect((await post('tok-privacy-officer-0123456789')).statusCode).toBe(200);
    expect((await post('tok-responder-not-allowed-0123')).statusCode).toBe(401);
    expect(log.map((l) => [l.status, l.user, l.path])).toEqual([
      [200, 'pat.privacy', '/t/:token/decode'],
      [401, undefined, '/t/:token/decode'],
    ]);
    expect(JSON.stringify(log)).not.toContain('tok-');
    await perUser.close();
  });
});
