import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, PayloadDecryptionError } from '../../security/payload-codec.js';
import { StaticKeyProvider, UnknownKeyError, parseKeySet } from '../../security/key-provider.js';

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

  it('rejects a malformed key set naming the field', () => {
    expect(() => parseKeySet(JSON.stringify({ current: 'k3', keys: { k1: k(1) } }), 'BREACH_PAYLOAD_KEYS')).toThrow(/BREACH_PAYLOAD_KEYS: invalid key set: current: current must name one of the keys/);
    expect(() => parseKeySet(JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' } }), 'BREACH_PAYLOAD_KEYS')).toThrow(/keys\.k1: must be 32 bytes/);
  });
});
