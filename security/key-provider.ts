import fs from 'node:fs';
import { z } from 'zod';
import { processEnv } from '../config/index.js';

/**
 * Where payload-encryption keys come from. A key set has several keys (so old histories stay readable
 * after a rotation) and names the current one (used for every new write).
 *
 * Implementations here: a static key set from the environment (BREACH_PAYLOAD_KEYS) or a file
 * (BREACH_PAYLOAD_KEYS_FILE). A KMS-backed provider implements the same two methods — typically by
 * unwrapping data keys with the KMS — and is passed to `createDataConverter(provider)`; wrap it in
 * `cachingKeyProvider` so that the KMS is not asked once per payload.
 */
export interface KeyProvider {
  /** The key id new payloads are encrypted with (1-64 letters, digits, . _ -; stored in clear in payload metadata). */
  currentKeyId(): string;
  /** The 32-byte AES-256 key for an id; rejects with UnknownKeyError when it is not configured. */
  getKey(keyId: string): Promise<Uint8Array>;
}

/** A key id the provider does not have: old history written with a key that was dropped, or a wrong key set. */
export class UnknownKeyError extends Error {
  override name = 'UnknownKeyError';
  readonly phiFree = true;
  constructor(
    readonly keyId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A key configuration that cannot be used. The message names the variable/file and the field, never key material. */
export class KeyConfigError extends Error {
  override name = 'KeyConfigError';
  readonly phiFree = true;
}

export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const KeyId = z.string().regex(KEY_ID_PATTERN, 'key ids are 1-64 letters, digits, . _ -');
const Base64Key = z.string().refine((s) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(s.trim()) && Buffer.from(s.trim(), 'base64').length === 32, {
  message: 'must be 32 bytes (256 bits), base64-encoded (e.g. `openssl rand -base64 32`)',
});

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
    const parsed = KeySetSchema.safeParse(keySet);
    if (!parsed.success) throw new KeyConfigError(`invalid key set: ${describeIssues(parsed.error)}`);
    this.current = parsed.data.current;
    this.keys = new Map(Object.entries(parsed.data.keys).map(([id, b64]) => [id, new Uint8Array(Buffer.from(b64.trim(), 'base64'))]));
  }

  currentKeyId(): string {
    return this.current;
  }

  /** Every configured key id (for diagnostics; ids are not secret). */
  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  getKey(keyId: string): Promise<Uint8Array> {
    const key = this.keys.get(keyId);
    if (!key) {
      return Promise.reject(
        new UnknownKeyError(
          keyId,
          `payload key "${safeKeyId(keyId)}" is not configured (known: ${this.keyIds().join(', ')}); add it to the key set to read histories written with it`,
        ),
      );
    }
    return Promise.resolve(key);
  }
}

/** A key id as it may appear in a message: ids come from payload metadata, which anyone can write. */
export const safeKeyId = (keyId: string): string => (KEY_ID_PATTERN.test(keyId) ? keyId : '<malformed key id>');

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Parses and validates a key set. `source` names where it came from (a variable or file) in errors;
 * errors never contain the text itself (JSON parser messages quote the input, which holds keys).
 */
export function parseKeySet(json: string, source: string): KeySet {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new KeyConfigError(`${source}: not valid JSON (expected {"current":"<key id>","keys":{"<key id>":"<base64 of 32 bytes>"}})`);
  }
  const r = KeySetSchema.safeParse(raw);
  if (!r.success) throw new KeyConfigError(`${source}: invalid key set: ${describeIssues(r.error)}`);
  return r.data;
}

/**
 * BREACH_PAYLOAD_KEYS (JSON) or BREACH_PAYLOAD_KEYS_FILE (path to the JSON), e.g.
 * {"current":"k2","keys":{"k1":"<base64 32 bytes>","k2":"<base64 32 bytes>"}}. Undefined when neither
 * is set; an error when both are (which one wins would be a guess).
 */
export function keyProviderFromEnv(env: NodeJS.ProcessEnv = processEnv()): StaticKeyProvider | undefined {
  const inline = env.BREACH_PAYLOAD_KEYS?.trim();
  const file = env.BREACH_PAYLOAD_KEYS_FILE?.trim();
  if (inline && file) throw new KeyConfigError('BREACH_PAYLOAD_KEYS and BREACH_PAYLOAD_KEYS_FILE are both set: set only one');
  if (inline) return new StaticKeyProvider(parseKeySet(inline, 'BREACH_PAYLOAD_KEYS'));
  if (file) return keyProviderFromFile(file, 'BREACH_PAYLOAD_KEYS_FILE');
  return undefined;
}

export function keyProviderFromFile(file: string, source = file): StaticKeyProvider {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new KeyConfigError(`${source}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  return new StaticKeyProvider(parseKeySet(text, source === file ? file : `${source} (${file})`));
}

/**
 * Remembers keys a slow provider (a KMS) returned, for `ttlMs` (default 10 minutes). Unknown-key
 * failures are not cached, so a key added during a rotation is picked up at once.
 */
export function cachingKeyProvider(inner: KeyProvider, opts: { ttlMs?: number; now?: () => number } = {}): KeyProvider {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; key: Promise<Uint8Array> }>();
  return {
    currentKeyId: () => inner.currentKeyId(),
    getKey(keyId) {
      const hit = cache.get(keyId);
      if (hit && now() - hit.at < ttl) return hit.key;
      const key = inner.getKey(keyId);
      cache.set(keyId, { at: now(), key });
      key.catch(() => {
        if (cache.get(keyId)?.key === key) cache.delete(keyId);
      });
      return key;
    },
  };
}
