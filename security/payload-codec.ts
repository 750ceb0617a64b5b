import crypto from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

const { temporal } = proto; // CommonJS module: named ESM imports are not detectable under plain Node
import type { KeyProvider } from './key-provider.js';

/**
 * AES-256-GCM encryption of every payload the engine hands to Temporal (workflow and activity inputs and
 * results, signals, updates, queries, memos, failure details), so that the cluster — self-hosted or
 * Temporal Cloud — stores only ciphertext. The whole original payload (metadata and data) is encrypted;
 * the outer payload carries only `encoding: binary/encrypted` and the key id, so keys can rotate: new
 * writes use the current key, old histories decrypt with the key they name.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const enc = new TextEncoder();
const dec = new TextDecoder();

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: KeyProvider) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keys.currentKeyId();
    const key = await this.keys.getKey(keyId);
    return payloads.map((p) => {
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated too: a payload cannot be relabelled to another key.
      cipher.setAAD(enc.encode(keyId));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: enc.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: enc.encode(keyId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (p) => {
        const encoding = p.metadata?.encoding ? dec.decode(p.metadata.encoding) : undefined;
        if (encoding !== ENCRYPTED_ENCODING) return p; // written before encryption was enabled
        const keyIdBytes = p.metadata?.[KEY_ID_METADATA];
        if (!keyIdBytes) throw new PayloadDecryptionError('encrypted payload without a key id');
        const keyId = dec.decode(keyIdBytes);
        const key = await this.keys.getKey(keyId);
        const data = Buffer.from(p.data ?? new Uint8Array());
        if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload (key "${keyId}") is truncated`);
        try {
          const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
          decipher.setAAD(enc.encode(keyId));
          decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
          const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
          return temporal.api.common.v1.Payload.decode(plain);
        } catch {
          // Never include payload bytes in the message.
          throw new PayloadDecryptionError(`cannot decrypt a payload with key "${keyId}": the configured key is wrong or the data was altered`);
        }
      }),
    );
  }
}
