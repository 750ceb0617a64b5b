import crypto from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { KEY_ID_PATTERN, safeKeyId, type KeyProvider } from './key-provider.js';

const { temporal } = proto; // CommonJS module: named ESM imports are not detectable under plain Node

/**
 * AES-256-GCM encryption of every payload the engine hands to Temporal (workflow and activity inputs and
 * results, signals, updates and their results, queries, memos, user metadata, failure details and the
 * failure messages the failure converter moves into payloads), so that the cluster — self-hosted or
 * Temporal Cloud — stores only ciphertext.
 *
 * Format of an encrypted payload:
 *   metadata.encoding            = "binary/encrypted"
 *   metadata["encryption-key-id"] = the key id (clear; authenticated as AAD, so it cannot be relabelled)
 *   data                          = IV (12 random bytes) ‖ ciphertext ‖ GCM tag (16 bytes)
 * The plaintext is the whole original Payload message (its metadata — encoding, message type — and
 * data), so nothing about the content's shape leaks either.
 *
 * Rotation: new writes use `keys.currentKeyId()`; decoding uses the key the payload names, so histories
 * written with an older key decrypt as long as that key stays in the key set.
 *
 * The codec runs in the worker's and clients' data converter, outside the workflow sandbox: it may use
 * randomness and node:crypto freely without affecting determinism.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** A payload that cannot be decrypted (wrong key, altered data) or a key that cannot be used. Names the key id, never contents. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  readonly phiFree = true;
  constructor(
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
  }
}

export class AesGcmPayloadCodec implements PayloadCodec {
  /** `onDecryptFailure` sees every decode error before it is thrown (the worker logs key problems: security/key-check.ts). */
  constructor(
    private readonly keys: KeyProvider,
    private readonly onDecryptFailure?: (err: unknown) => void,
  ) {}

  private async key(keyId: string, purpose: 'encrypt' | 'decrypt'): Promise<Uint8Array> {
    const key = await this.keys.getKey(keyId);
    if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
      throw new PayloadDecryptionError(`payload key "${safeKeyId(keyId)}" is not a 32-byte AES-256 key; cannot ${purpose}`, keyId);
    }
    return key;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const keyId = this.keys.currentKeyId();
    if (!KEY_ID_PATTERN.test(keyId))
      throw new PayloadDecryptionError('the current payload key id is malformed (1-64 letters, digits, . _ -)');
    const key = await this.key(keyId, 'encrypt');
    const aad = enc.encode(keyId);
    return payloads.map((p) => {
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
      // The key id is authenticated too: a payload cannot be relabelled to another key.
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: enc.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: enc.encode(keyId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    try {
      return await Promise.all(payloads.map((p) => this.decodeOne(p)));
    } catch (err) {
      this.onDecryptFailure?.(err);
      throw err;
    }
  }

  private async decodeOne(p: Payload): Promise<Payload> {
    const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : undefined;
    // Not ours: e.g. search-attribute values, which the server must index and are never encrypted.
    if (encoding !== ENCRYPTED_ENCODING) return p;
    const keyIdBytes = p.metadata?.[KEY_ID_METADATA];
    if (!keyIdBytes || keyIdBytes.length === 0) throw new PayloadDecryptionError(`encrypted payload without an ${KEY_ID_METADATA}`);
    const keyId = dec.decode(keyIdBytes);
    if (!KEY_ID_PATTERN.test(keyId)) throw new PayloadDecryptionError('encrypted payload with a malformed key id');
    const key = await this.key(keyId, 'decrypt');
    const data = Buffer.from(p.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload (key "${keyId}") is truncated`, keyId);
    let plain: Buffer;
    try {
      const decipher = crypto.createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(enc.encode(keyId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // Never include payload bytes in the message.
      throw new PayloadDecryptionError(
        `cannot decrypt a payload with key "${keyId}": the configured key is wrong or the data was altered`,
        keyId,
      );
    }
    try {
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadDecryptionError(`a payload decrypted with key "${keyId}" is not a Temporal payload`, keyId);
    }
  }
}
