import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorOf } from '../harness/error-of.js';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  cachingKeyProvider,
  KeyConfigError,
  keyProviderFromEnv,
  keyProviderFromFile,
  parseKeySet,
  StaticKeyProvider,
  UnknownKeyError,
  type KeyProvider,
} from '../../security/key-provider.js';
import {
  createDataConverter,
  FAILURE_CONVERTER_PATH,
  loadDataConverterFromEnv,
  loadKeyProvider,
  localKeyFile,
} from '../../security/data-converter.js';
import { ensureLocalKeyFile } from '../../security/dev-keys.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';

const k = (n: number) => Buffer.alloc(32, n).toString('base64');
const SECRET = Buffer.from('a-very-secret-key-material-32byt').toString('base64'); // 32 bytes
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-keys-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('key providers', () => {
  it('reads BREACH_PAYLOAD_KEYS (JSON) and serves every key, the current one for writes', async () => {
    const keys = keyProviderFromEnv({ BREACH_PAYLOAD_KEYS: JSON.stringify({ current: 'k2', keys: { k1: k(1), k2: k(2) } }) })!;
    expect(keys.currentKeyId()).toBe('k2');
    expect(Buffer.from(await keys.getKey('k1')).equals(Buffer.alloc(32, 1))).toBe(true);
    await expect(keys.getKey('k3')).rejects.toThrow(UnknownKeyError);
  });

  it('reads BREACH_PAYLOAD_KEYS_FILE; undefined when neither is set; an error when both are', () => {
    const file = path.join(scratch, 'keys.json');
    fs.writeFileSync(file, JSON.stringify({ current: 'f1', keys: { f1: k(5) } }), { mode: 0o600 });
    expect(keyProviderFromEnv({ BREACH_PAYLOAD_KEYS_FILE: file })!.currentKeyId()).toBe('f1');
    expect(keyProviderFromEnv({})).toBeUndefined();
    expect(() => keyProviderFromEnv({ BREACH_PAYLOAD_KEYS: '{}', BREACH_PAYLOAD_KEYS_FILE: file })).toThrow(/both set/);
    expect(() => keyProviderFromEnv({ BREACH_PAYLOAD_KEYS_FILE: path.join(scratch, 'missing.json') })).toThrow(
      /BREACH_PAYLOAD_KEYS_FILE: cannot read .*missing\.json \(ENOENT\)/,
    );
  });

  it('validation errors name the source and the field, and never quote key material', () => {
    const cases: [unknown, RegExp][] = [
      [{ current: 'k3', keys: { k1: k(1) } }, /current: current must name one of the keys/],
      [{ current: 'k1', keys: { k1: 'c2hvcnQ=' } }, /keys\.k1: must be 32 bytes/],
      [{ current: 'k1', keys: {} }, /keys: at least one key/],
      [{ current: 'k 1', keys: { 'k 1': k(1) } }, /current: key ids are 1-64 letters/],
      [{ current: 'k1', keys: { k1: k(1) }, extra: SECRET }, /Unrecognized key/],
      [{ keys: { k1: SECRET } }, /current: /],
    ];
    for (const [value, message] of cases) {
      const err = errorOf(() => parseKeySet(JSON.stringify(value), 'BREACH_PAYLOAD_KEYS'));
      expect(err).toBeInstanceOf(KeyConfigError);
      expect(err.message).toMatch(/^BREACH_PAYLOAD_KEYS: invalid key set: /);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain(SECRET.slice(0, 12));
    }
    // JSON.parse's own message quotes the input (the keys): ours does not.
    const broken = `{"current":"k1","keys":{"k1":"${SECRET}"`;
    const err = errorOf(() => parseKeySet(broken, 'BREACH_PAYLOAD_KEYS'));
    expect(err.message).toMatch(/^BREACH_PAYLOAD_KEYS: not valid JSON/);
    expect(err.message).not.toContain(SECRET.slice(0, 12));
    expect(JSON.stringify(err)).not.toContain(SECRET.slice(0, 12));
    expect((err as { cause?: unknown }).cause).toBeUndefined();
  });

  it('a KMS-style provider plugs in; cachingKeyProvider asks it once per key id and retries failures', async () => {
    let calls = 0;
    const kms: KeyProvider = {
      currentKeyId: () => 'kms-2026',
      getKey: (id) => {
        calls++;
        return id === 'kms-2026' ? Promise.resolve(new Uint8Array(32).fill(9)) : Promise.reject(new UnknownKeyError(id, `no ${id}`));
      },
    };
    let now = 0;
    const cached = cachingKeyProvider(kms, { ttlMs: 1000, now: () => now });
    const codec = new AesGcmPayloadCodec(cached);
    const enc = await codec.encode([defaultPayloadConverter.toPayload('a'), defaultPayloadConverter.toPayload('b')]);
    await codec.decode(enc);
    await codec.decode(enc);
    expect(calls).toBe(1);
    now = 2000;
    await codec.decode(enc);
    expect(calls).toBe(2);
    await expect(cached.getKey('gone')).rejects.toThrow(UnknownKeyError);
    await expect(cached.getKey('gone')).rejects.toThrow(UnknownKeyError);
    expect(calls).toBe(4);
  });
});

describe('data converter', () => {
  it('createDataConverter: the AES-GCM codec and the failure converter that encodes messages', () => {
    const dc = createDataConverter(new StaticKeyProvider({ current: 'k1', keys: { k1: k(1) } }));
    expect(dc.payloadCodecs).toHaveLength(1);
    expect(dc.payloadCodecs![0]).toBeInstanceOf(AesGcmPayloadCodec);
    expect(dc.failureConverterPath).toBe(FAILURE_CONVERTER_PATH);
    expect(fs.existsSync(FAILURE_CONVERTER_PATH)).toBe(true);
  });

  it('loadDataConverterFromEnv: env keys, else the data directory key file, else a loud error', () => {
    expect(
      loadDataConverterFromEnv({ BREACH_PAYLOAD_KEYS: JSON.stringify({ current: 'k1', keys: { k1: k(1) } }) }).payloadCodecs,
    ).toHaveLength(1);
    const dataDir = path.join(scratch, 'no-keys');
    expect(() => loadDataConverterFromEnv({ BREACH_DATA_DIR: dataDir })).toThrow(
      /No payload-encryption keys: set BREACH_PAYLOAD_KEYS or BREACH_PAYLOAD_KEYS_FILE/,
    );
    ensureLocalKeyFile(dataDir);
    expect(loadKeyProvider({ BREACH_DATA_DIR: dataDir }).currentKeyId()).toMatch(/^local-\d{4}-\d{2}-\d{2}$/);
  });
});

describe('local key file (embedded engine)', () => {
  it('is created once, mode 0600, in a new 0700 directory, and never overwritten', () => {
    const dataDir = path.join(scratch, 'data', 'nested');
    const first = ensureLocalKeyFile(dataDir, new Date('2026-03-04T05:06:07Z'));
    expect(first).toEqual({ file: localKeyFile(dataDir), created: true });
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o077).toBe(0);
    const before = fs.readFileSync(first.file, 'utf8');
    const keySet = parseKeySet(before, first.file);
    expect(keySet.current).toBe('local-2026-03-04');
    expect(Buffer.from(keySet.keys['local-2026-03-04']!, 'base64')).toHaveLength(32);
    expect(ensureLocalKeyFile(dataDir)).toEqual({ file: first.file, created: false });
    expect(fs.readFileSync(first.file, 'utf8')).toBe(before);
    expect(keyProviderFromFile(first.file).currentKeyId()).toBe('local-2026-03-04');
    // Two data directories never share a key.
    const other = ensureLocalKeyFile(path.join(scratch, 'data2'));
    expect(parseKeySet(fs.readFileSync(other.file, 'utf8'), other.file).keys).not.toEqual(keySet.keys);
  });
});
