import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { buildCodecServer } from '../../client/codec-server.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';
import { FAILURE_CONVERTER_PATH } from '../../security/data-converter.js';
import { testKeyProvider } from '../harness/test-keys.js';

const TOKEN = 'codec-test-token-0123456789';
const UI = 'http://127.0.0.1:8233';
let app: FastifyInstance;
const lines: Record<string, unknown>[] = [];
const codec = new AesGcmPayloadCodec(testKeyProvider);

beforeAll(async () => {
  app = await buildCodecServer({ codec, token: TOKEN, allowedOrigins: [UI], accessLog: (l) => lines.push(l) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

const json = (p: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

describe('codec server', () => {
  it('decodes what the codec encoded, for a caller with the token', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload({ note: 'ZQX-synthetic' })]);
    const res = await app.inject({ method: 'POST', url: '/decode', headers: { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'default' }, payload: { payloads: [json(enc!)] } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ payloads: { data: string }[] }>();
    expect(Buffer.from(body.payloads[0]!.data, 'base64').toString()).toContain('ZQX-synthetic');
    // The token may also travel in the path, for the embedded Web UI.
    const viaPath = await app.inject({ method: 'POST', url: `/t/${TOKEN}/decode`, payload: { payloads: [json(enc!)] } });
    expect(viaPath.statusCode).toBe(200);
  });

  it('rejects requests without a token or with a wrong one (401), and logs them without contents', async () => {
    const [enc] = await codec.encode([defaultPayloadConverter.toPayload({ note: 'ZQX-synthetic' })]);
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }]) {
      const res = await app.inject({ method: 'POST', url: '/decode', headers, payload: { payloads: [json(enc!)] } });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('ZQX');
    }
    expect((await app.inject({ method: 'POST', url: '/t/wrong/decode', payload: { payloads: [] } })).statusCode).toBe(401);
    expect(lines.some((l) => l.status === 401 && l.path === '/decode')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('ZQX');
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('answers the Web UI CORS preflight for its origin only', async () => {
    const ok = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-namespace,content-type,authorization' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(UI);
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/x-namespace/);
    const other = await app.inject({ method: 'OPTIONS', url: '/decode', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('failure converter', () => {
  it('moves failure messages and stack traces into the encoded (encrypted) attributes', async () => {
    const { failureConverter } = (await import(FAILURE_CONVERTER_PATH)) as { failureConverter: { errorToFailure(e: unknown, pc: unknown): { message?: string; stackTrace?: string; encodedAttributes?: unknown } } };
    const failure = failureConverter.errorToFailure(ApplicationFailure.create({ message: 'patient ZQX-synthetic not found' }), defaultPayloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace ?? '').not.toContain('ZQX');
    expect(failure.encodedAttributes).toBeDefined();
  });
});
