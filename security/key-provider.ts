import fs from 'node:fs';
import { z } from 'zod';

/**
 * Where payload-encryption keys come from. A key set has several keys (so old histories stay readable
 * after a rotation) and names the current one (used for every new write). Implementations: environment
 * variable, file; a KMS-backed provider implements the same interface.
 */
export interface KeyProvider {
  /** The key id new payloads are encrypted with. */
  currentKeyId(): string;
  /** The 32-byte AES-256 key for an id; throws UnknownKeyError when it is not configured. */
  getKey(keyId: string): Promise<Uint8Array>;
}

export class UnknownKeyError extends Error {
  override name = 'UnknownKeyError';
}

const KeyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'key ids are 1-64 letters, digits, . _ -');
const Base64Key = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/=_-]+$/.test(s) && Buffer.from(s, 'base64').length === 32, { message: 'must be 32 bytes (256 bits), base64-encoded' });

export const KeySetSchema = z
  .object({
    current: KeyId,
    keys: z.record(KeyId, Base64Key).refine((k) => Object.keys(k).length > 0, { message: 'at least one key' }),
  })
  .strict()
  .refine((ks) => ks.keys[ks.current] !== undefined, { message: 'current must name one of the keys', path: ['current'] });
export type KeySet = z.infer<typeof KeySetSchema>;

export class StaticKeyProvider implements KeyProvider {
  private readonly keys: Map<string, Uint8Array>;
  private readonly current: string;

  constructor(keySet: KeySet) {
    this.current = keySet.current;
    this.keys = new Map(Object.entries(keySet.keys).map(([id, b64]) => [id, new Uint8Array(Buffer.from(b64, 'base64'))]));
  }

  currentKeyId(): string {
    return this.current;
  }

  getKey(keyId: string): Promise<Uint8Array> {
    const key = this.keys.get(keyId);
    if (!key) return Promise.reject(new UnknownKeyError(`payload key "${keyId}" is not configured (known: ${[...this.keys.keys()].join(', ')}); add it to the key set to read histories written with it`));
    return Promise.resolve(key);
  }
}

export function parseKeySet(json: string, source: string): KeySet {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const r = KeySetSchema.safeParse(raw);
  if (!r.success) throw new Error(`${source}: invalid key set: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/**
 * BREACH_PAYLOAD_KEYS (JSON) or BREACH_PAYLOAD_KEYS_FILE (path to the JSON), e.g.
 * {"current":"k2","keys":{"k1":"<base64 32 bytes>","k2":"<base64 32 bytes>"}}. Undefined when neither is set.
 */
export function keyProviderFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProvider | undefined {
  if (env.BREACH_PAYLOAD_KEYS) return new StaticKeyProvider(parseKeySet(env.BREACH_PAYLOAD_KEYS, 'BREACH_PAYLOAD_KEYS'));
  if (env.BREACH_PAYLOAD_KEYS_FILE) return keyProviderFromFile(env.BREACH_PAYLOAD_KEYS_FILE, 'BREACH_PAYLOAD_KEYS_FILE');
  return undefined;
}

export function keyProviderFromFile(file: string, source = file): KeyProvider {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${source}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return new StaticKeyProvider(parseKeySet(text, source));
}
