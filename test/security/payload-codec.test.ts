import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, PayloadDecryptionError } from '../../security/payload-codec.js';
import { StaticKeyProvider, UnknownKeyError, parseKeySet, type KeyProvider } from '../../security/key-provider.js';

const k = (n: number) => Buffer.alloc(32, n).toString('base64');
const MARKER = 'SYNTH-PATIENT-Zelda-Quartz-000-00-1234';
const payload = () => defaultPayloadConverter.toPayload({ name: MARKER, diagnosis: 'synthetic' });
const text = (u?: Uint8Array | null) => Buffer.from(u ?? new Uint8Array()).toString('latin1');

describe('AES-256-GCM payload codec', () => {
  it('encrypts: neither data nor original metadata is readable; decodes back to the same payload', async () => {
    const codec = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const [enc] = await codec.encode([payload()]);
    expect(text(enc!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(enc!.metadata!['encryption-key-id'])).toBe('k1');
    expect(text(enc!.data)).not.toContain('Zelda');
    expect(text(enc!.data)).not.toContain('json/plain');
    const [dec] = await codec.decode([enc!]);
    expect(defaultPayloadConverter.fromPayload(dec!)).toEqual({ name: MARKER, diagnosis: 'synthetic' });
    // A fresh IV each time: the same payload never encrypts to the same bytes.
    const [again] = await codec.encode([payload()]);
    expect(Buffer.from(again!.data!).equals(Buffer.from(enc!.data!))).toBe(false);
  });

  it('rotation: history written with k1 still decrypts after k2 becomes current; new writes use k2', async () => {
    const old = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const [written] = await old.encode([payload()]);
    const rotated = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k2', keys: { k1: k(1), k2: k(2) } }));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!)).toMatchObject({ name: MARKER });
    const [fresh] = await rotated.encode([payload()]);
    expect(text(fresh!.metadata!['encryption-key-id'])).toBe('k2');
  });

  it('fails loudly with a missing key or a wrong key, naming the key id but no contents', async () => {
    const [written] = await new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } })).encode([payload()]);
    const missing = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k9', keys: { k9: k(9) } }));
    await expect(missing.decode([written!])).rejects.toThrow(UnknownKeyError);
    await expect(missing.decode([written!])).rejects.toThrow(/payload key "k1" is not configured/);
    const wrong = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(7) } }));
    const err = (await wrong.decode([written!]).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PayloadDecryptionError);
    expect(err.message).toMatch(/key "k1": the configured key is wrong or the data was altered/);
    expect(err.message).not.toContain('Zelda');
  });

  it('detects tampering, including relabelling a payload to another key', async () => {
    const keys = new StaticKeyProvider({ current: 'k1', keys: { k1: k(1), k2: k(1) } });
    const codec = new AesGcmPayloadCodec(keys);
    const [enc] = await codec.encode([payload()]);
    const flipped = { ...enc!, data: Uint8Array.from(enc!.data!, (b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([flipped])).rejects.toThrow(PayloadDecryptionError);
    const relabelled = { ...enc!, metadata: { ...enc!.metadata, 'encryption-key-id': new TextEncoder().encode('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(PayloadDecryptionError);
  });

  it('passes through payloads written before encryption was enabled', async () => {
    const codec = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const plain = payload();
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('round-trips many payloads of every shape in one batch, each with its own IV', async () => {
    const codec = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const values = [null, 0, 'x', { nested: [1, 'two', { three: MARKER }] }, 'ü'.repeat(10_000), new Uint8Array([0, 1, 2, 255])];
    const plain = values.map((v) => defaultPayloadConverter.toPayload(v));
    const enc = await codec.encode(plain);
    expect(new Set(enc.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex'))).size).toBe(values.length);
    const dec = await codec.decode(enc);
    expect(dec.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(values);
    expect(await codec.encode([])).toEqual([]);
  });

  it('a key that is not 32 bytes (e.g. from a misconfigured KMS provider) fails loudly, naming the key id', async () => {
    const shortKey: KeyProvider = { currentKeyId: () => 'kms-1', getKey: () => Promise.resolve(new Uint8Array(16)) };
    await expect(new AesGcmPayloadCodec(shortKey).encode([payload()])).rejects.toThrow(/payload key "kms-1" is not a 32-byte AES-256 key/);
  });

  it('rejects truncated ciphertext and payloads without or with a malformed key id, without echoing data', async () => {
    const codec = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const [enc] = await codec.encode([payload()]);
    await expect(codec.decode([{ ...enc!, data: enc!.data!.subarray(0, 20) }])).rejects.toThrow(/key "k1"\) is truncated/);
    await expect(codec.decode([{ ...enc!, metadata: { encoding: enc!.metadata!.encoding! } }])).rejects.toThrow(
      /without an encryption-key-id/,
    );
    const bad = { ...enc!, metadata: { ...enc!.metadata, 'encryption-key-id': new TextEncoder().encode(`k1 ${MARKER}`) } };
    const err = (await codec.decode([bad]).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(PayloadDecryptionError);
    expect(err.message).not.toContain('Zelda');
  });

  it('an unknown key id is reported by id only; a hostile id in metadata is not echoed', async () => {
    const codec = new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    const [enc] = await new AesGcmPayloadCodec(new StaticKeyProvider({ current: 'old-2019', keys: { 'old-2019': k(3) } })).encode([
      payload(),
    ]);
    const err = (await codec.decode([enc!]).catch((e: unknown) => e)) as UnknownKeyError;
    expect(err).toBeInstanceOf(UnknownKeyError);
    expect(err.keyId).toBe('old-2019');
    expect(err.message).toContain('"old-2019" is not configured (known: k1)');
    expect(err.message).not.toContain(k(1));
  });

  it('rejects a malformed key set naming the field', () => {
    expect(() => parseKeySet(JSON.stringify({ current: 'k3', keys: { k1: k(1) } }), 'BREACH_PAYLOAD_KEYS')).toThrow(
      /BREACH_PAYLOAD_KEYS: invalid key set: current: current must name one of the keys/,
    );
    expect(() => parseKeySet(JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' } }), 'BREACH_PAYLOAD_KEYS')).toThrow(
      /keys\.k1: must be 32 bytes/,
    );
  });
});
