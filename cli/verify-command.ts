import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { verifyEvidenceBundle, type EvidenceBundle } from '../evidence/evidence-bundle.js';
import {
  checkBundleSignature,
  loadEvidenceSigner,
  loadTrustedKeys,
  type EvidenceSigner,
  type SignatureCheck,
} from '../security/evidence-signing.js';
import { setting } from '../config/index.js';

const dataDir = () => path.resolve(setting('BREACH_DATA_DIR'));

/** The engine's signing key when this machine holds it (configured, or in the data directory); never created here. */
export function localEvidenceSigner(): EvidenceSigner | undefined {
  const configured = setting('BREACH_EVIDENCE_SIGNING_KEY_FILE');
  if (!configured && !fs.existsSync(path.join(dataDir(), 'evidence-signing-key.pem'))) return undefined;
  try {
    return loadEvidenceSigner(dataDir());
  } catch {
    return undefined;
  }
}

export interface EvidenceVerdict {
  ok: boolean;
  chain: ReturnType<typeof verifyEvidenceBundle>;
  signature: SignatureCheck;
  /** Where the trusted keys came from (file names only). */
  trustedKeys: string[];
}

/**
 * A bundle is accepted when its chain is intact AND its head is signed by a key the verifier trusts
 * (164.312(c)(2)). `allowUnsigned` accepts bundles made before signing existed (their chain only).
 */
export function verifyEvidence(bundle: EvidenceBundle, trustedKeyPaths: string[], allowUnsigned = false): EvidenceVerdict {
  const chain = verifyEvidenceBundle(bundle);
  const trusted = loadTrustedKeys(trustedKeyPaths);
  const signature = checkBundleSignature(bundle, trusted);
  const ok = chain.ok && (signature.status === 'valid' || (signature.status === 'unsigned' && allowUnsigned));
  return { ok, chain, signature, trustedKeys: trustedKeyPaths.map((p) => path.basename(p)) };
}

function describe(v: EvidenceVerdict): string {
  const lines: string[] = [];
  lines.push(
    v.chain.ok
      ? `chain intact: ${v.chain.entries} entries, head hash ${v.chain.headHash}`
      : `chain BROKEN at entry ${v.chain.brokenAt}: ${v.chain.reason}`,
  );
  const s = v.signature;
  if (s.status === 'valid') lines.push(`signature valid: Ed25519 key ${s.keyId}`);
  else if (s.status === 'unsigned')
    lines.push('signature: NONE (an unsigned bundle proves nothing on its own; --allow-unsigned only for bundles made before signing)');
  else if (s.status === 'untrusted')
    lines.push(`signature NOT TRUSTED: ${s.reason}; pass the engine's public key with --public-key (counsel's copy)`);
  else lines.push(`signature INVALID: ${s.reason}`);
  lines.push(v.ok ? 'verdict: intact and signed by a trusted key' : 'verdict: NOT VERIFIED');
  return lines.join('\n');
}

/** `breach verify <bundle.json>`: the SHA-256 chain and the Ed25519 signature (exit 0 verified, 5 not). */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'check an evidence bundle: its SHA-256 chain (any edited, removed or reordered entry) and its Ed25519 signature against a trusted key',
    )
    .argument('<bundle>', 'evidence bundle JSON (from the archive or GET /incidents/:ref/report?format=evidence)')
    .option('--public-key <file...>', "trusted public key(s) or a directory of them (default: the engine's <data dir>/evidence-keys)")
    .option('--allow-unsigned', 'accept a bundle with no signature (made before signing existed): chain only')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  breach verify bundle.json --public-key counsel/evidence-signing-key.pub.pem\n  breach verify old-bundle.json --allow-unsigned',
    )
    .action((file: string, o: { json?: boolean; publicKey?: string[]; allowUnsigned?: boolean }) => {
      let bundle: EvidenceBundle;
      try {
        bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as EvidenceBundle;
      } catch (err) {
        console.error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const localKeys = path.join(dataDir(), 'evidence-keys');
      const keyPaths = o.publicKey ?? (fs.existsSync(localKeys) ? [localKeys] : []);
      let verdict: EvidenceVerdict;
      try {
        verdict = verifyEvidence(bundle, keyPaths, o.allowUnsigned ?? false);
      } catch (err) {
        console.error(`--public-key: ${(err as Error).message}`);
        process.exitCode = 2;
        return;
      }
      console.log(o.json ? JSON.stringify(verdict) : describe(verdict));
      process.exitCode = verdict.ok ? 0 : 5;
    });
}
