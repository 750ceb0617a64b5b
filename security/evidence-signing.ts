import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processEnv } from '../config/index.js';

/**
 * Integrity of the evidence bundle (45 CFR 164.312(c)(1)-(2): protect ePHI-bearing records from improper
 * alteration, and a mechanism to corroborate that they were not altered). The SHA-256 chain alone is
 * unkeyed: anyone can edit entries and recompute it with the engine's own function. So the engine signs
 * the chain's head with an Ed25519 key only it holds; counsel keeps the public key (or its fingerprint)
 * and `breach verify --public-key` accepts a bundle only when the signature verifies against a key they
 * trust. A recomputed chain then fails: the old signature no longer matches, and a new one needs the key.
 *
 * Key: BREACH_EVIDENCE_SIGNING_KEY_FILE (PKCS#8 PEM), else `<data dir>/evidence-signing-key.pem`,
 * created on first use with mode 0600. Its public key is written beside it (`evidence-signing-key.pub.pem`)
 * and into `<data dir>/evidence-keys/<key id>.pub.pem`, where retired keys stay so that bundles signed
 * before a rotation keep verifying (docs/evidence.md: rotation).
 */
export const SIGNATURE_ALG = 'Ed25519';

export interface BundleSignature {
  alg: typeof SIGNATURE_ALG;
  /** SHA-256 of the public key (SPKI DER), hex: what counsel compares when no key file is at hand. */
  keyId: string;
  /** The signer's public key, SPKI PEM. Informational: trust comes from a key counsel holds, not this one. */
  publicKey: string;
  /** Base64 signature over `signedContent(bundle)`. */
  value: string;
}

/** What is signed: the head hash pins every entry; format, reference, time and length pin the frame. */
export interface SignableBundle {
  format: string;
  incidentRef: string;
  generatedAt: string;
  headHash: string;
  entries: readonly unknown[];
  signature?: BundleSignature;
}

export function signedContent(b: SignableBundle): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: b.format,
      incidentRef: b.incidentRef,
      generatedAt: b.generatedAt,
      headHash: b.headHash,
      entries: b.entries.length,
    }),
    'utf8',
  );
}

export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto
    .createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export interface EvidenceSigner {
  keyId: string;
  publicKeyPem: string;
  sign<B extends SignableBundle>(bundle: B): B & { signature: BundleSignature };
}

export function evidenceSigner(privateKey: crypto.KeyObject): EvidenceSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('evidence signing key: an Ed25519 private key is required');
  const publicKey = crypto.createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKeyPem,
    sign(bundle) {
      const { signature: _old, ...unsigned } = bundle;
      const value = crypto.sign(null, signedContent(unsigned), privateKey).toString('base64');
      return { ...bundle, signature: { alg: SIGNATURE_ALG, keyId, publicKey: publicKeyPem, value } };
    },
  };
}

function writeNew(file: string, content: string, mode: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  try {
    fs.linkSync(tmp, file); // fails if another process created it first: theirs wins, ours is dropped
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The engine's signing key: from BREACH_EVIDENCE_SIGNING_KEY_FILE, else created once in the data directory. */
export function loadEvidenceSigner(dataDir: string, env: NodeJS.ProcessEnv = processEnv()): EvidenceSigner {
  const configured = env.BREACH_EVIDENCE_SIGNING_KEY_FILE;
  const file = configured || path.join(dataDir, 'evidence-signing-key.pem');
  if (!configured && !fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    writeNew(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  }
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `evidence signing key ${configured ? 'BREACH_EVIDENCE_SIGNING_KEY_FILE' : file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: err },
    );
  }
  const signer = evidenceSigner(crypto.createPrivateKey(pem));
  if (!configured) {
    const pub = path.join(dataDir, 'evidence-keys', `${signer.keyId}.pub.pem`);
    if (!fs.existsSync(pub)) writeNew(pub, signer.publicKeyPem, 0o644);
    const beside = path.join(dataDir, 'evidence-signing-key.pub.pem');
    if (!fs.existsSync(beside)) writeNew(beside, signer.publicKeyPem, 0o644);
  }
  return signer;
}

/** Public keys a verifier trusts: PEM files, or directories of them (e.g. `<data dir>/evidence-keys`). */
export function loadTrustedKeys(paths: readonly string[]): Map<string, crypto.KeyObject> {
  const out = new Map<string, crypto.KeyObject>();
  const add = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    const key = text.includes('PRIVATE KEY') ? crypto.createPublicKey(crypto.createPrivateKey(text)) : crypto.createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: not an Ed25519 public key`);
    out.set(keyIdOf(key), key);
  };
  for (const p of paths) {
    if (fs.statSync(p).isDirectory()) {
      for (const f of fs
        .readdirSync(p)
        .filter((n) => n.endsWith('.pem'))
        .sort())
        add(path.join(p, f));
    } else add(p);
  }
  return out;
}

export type SignatureCheck =
  | { status: 'valid'; keyId: string }
  | { status: 'unsigned' }
  | { status: 'invalid'; keyId?: string; reason: string }
  | { status: 'untrusted'; keyId: string; reason: string };

/**
 * Checks the signature against the trusted keys only. A bundle carrying a valid signature by a key no one
 * trusts is `untrusted`: that is exactly what a forger who re-chains and re-signs with their own key gets.
 */
export function checkBundleSignature(bundle: SignableBundle, trusted: ReadonlyMap<string, crypto.KeyObject>): SignatureCheck {
  const sig = bundle.signature;
  if (!sig) return { status: 'unsigned' };
  if (sig.alg !== SIGNATURE_ALG || typeof sig.value !== 'string' || typeof sig.keyId !== 'string') {
    return { status: 'invalid', reason: `signature: unsupported algorithm or malformed (expected ${SIGNATURE_ALG})` };
  }
  const { signature: _s, ...unsigned } = bundle;
  const key = trusted.get(sig.keyId);
  if (!key) {
    return {
      status: 'untrusted',
      keyId: sig.keyId,
      reason: `signed by key ${sig.keyId.slice(0, 16)}…, which is not among the trusted public keys`,
    };
  }
  let ok: boolean;
  try {
    ok = crypto.verify(null, signedContent(unsigned), key, Buffer.from(sig.value, 'base64'));
  } catch {
    ok = false;
  }
  return ok
    ? { status: 'valid', keyId: sig.keyId }
    : {
        status: 'invalid',
        keyId: sig.keyId,
        reason: 'the signature does not match the bundle (content or head hash changed after signing)',
      };
}
