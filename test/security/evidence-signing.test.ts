import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEvidenceBundle, chainEntries, type EvidenceBundle } from '../../evidence/evidence-bundle.js';
import { createArchiveActivities } from '../../activities/archive-evidence.js';
import { evidenceSigner, loadEvidenceSigner } from '../../security/evidence-signing.js';
import { verifyEvidence } from '../../cli/verify-command.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

const snapshot: IncidentSnapshot = {
  ref: 'INC-SIGNED-1',
  role: 'covered_entity',
  stage: 'closed',
  owner: 'incident-owner',
  openedBy: 'responder-1',
  openedAt: '2026-01-05T15:00:00.000Z',
  factsVersion: 1,
  facts: { note: 'synthetic facts only' },
  decision: { reportable: true, by: 'privacy-officer', at: '2026-01-08T15:00:00.000Z', recommendationWasReportable: true },
  obligations: [],
  lawEnforcementDelays: [],
  timeline: [
    { at: '2026-01-05T15:00:00.000Z', by: 'responder-1', action: 'opened' },
    { at: '2026-01-08T15:00:00.000Z', by: 'privacy-officer', action: 'decided' },
  ],
  answered: {},
  timeZone: 'America/New_York',
  closedAt: '2026-02-01T15:00:00.000Z',
  closure: 'every required notice confirmed',
};

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-key-'));
const clone = (b: EvidenceBundle) => JSON.parse(JSON.stringify(b)) as EvidenceBundle;

/** What a forger with the engine's code but not its key does: edit an entry, recompute the whole chain. */
function rechain(b: EvidenceBundle, edit: (e: EvidenceBundle['entries']) => void): EvidenceBundle {
  const forged = clone(b);
  edit(forged.entries);
  forged.entries = chainEntries(forged.entries.map((e) => ({ at: e.at, type: e.type, data: e.data })));
  forged.headHash = forged.entries.at(-1)!.hash;
  return forged;
}

describe('signed evidence bundles (164.312(c))', () => {
  const dir = tmpDir();
  const signer = loadEvidenceSigner(dir, {});
  const pub = path.join(dir, 'evidence-keys');
  const signed = signer.sign(buildEvidenceBundle(snapshot, '2026-02-01T16:00:00.000Z'));

  it('creates the key once, private 0600, and publishes the public key under its id', () => {
    expect(fs.statSync(path.join(dir, 'evidence-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(pub, `${signer.keyId}.pub.pem`))).toBe(true);
    expect(loadEvidenceSigner(dir, {}).keyId).toBe(signer.keyId);
  });

  it('verifies an untouched bundle against the trusted key', () => {
    const v = verifyEvidence(clone(signed), [pub]);
    expect(v).toMatchObject({ ok: true, chain: { ok: true }, signature: { status: 'valid', keyId: signer.keyId } });
  });

  it('a chain recomputed after an edit passes the chain check but fails the signature', () => {
    const forged = rechain(signed, (entries) => {
      (entries[1]!.data as { by: string }).by = 'someone-else';
    });
    const v = verifyEvidence(forged, [pub]);
    expect(v.chain.ok).toBe(true); // the unkeyed chain alone would have accepted it
    expect(v.ok).toBe(false);
    expect(v.signature.status).toBe('invalid');
  });

  it('a forgery re-signed with another key is untrusted', () => {
    const forged = rechain(signed, (entries) => entries.pop());
    const other = evidenceSigner(crypto.generateKeyPairSync('ed25519').privateKey).sign(forged);
    const v = verifyEvidence(other, [pub]);
    expect(v.ok).toBe(false);
    expect(v.signature.status).toBe('untrusted');
  });

  it('an unsigned bundle (or one with its signature stripped) is refused unless explicitly allowed', () => {
    const { signature: _s, ...stripped } = clone(signed);
    expect(verifyEvidence(stripped as EvidenceBundle, [pub])).toMatchObject({ ok: false, signature: { status: 'unsigned' } });
    expect(verifyEvidence(stripped as EvidenceBundle, [pub], true).ok).toBe(true);
  });

  it('a signed bundle with no trusted key at hand is not verified', () => {
    expect(verifyEvidence(clone(signed), []).signature.status).toBe('untrusted');
  });

  it('after a key rotation, bundles signed with the retired key still verify', () => {
    fs.renameSync(path.join(dir, 'evidence-signing-key.pem'), path.join(dir, 'retired-key.pem'));
    fs.rmSync(path.join(dir, 'evidence-signing-key.pub.pem'));
    const next = loadEvidenceSigner(dir, {});
    expect(next.keyId).not.toBe(signer.keyId);
    expect(verifyEvidence(clone(signed), [pub]).ok).toBe(true);
    expect(verifyEvidence(next.sign(buildEvidenceBundle(snapshot, '2026-03-01T00:00:00.000Z')), [pub]).ok).toBe(true);
  });

  it('the archive activity writes signed bundles', async () => {
    const d = tmpDir();
    const s = loadEvidenceSigner(d, {});
    const archive = createArchiveActivities({ archiveDir: path.join(d, 'archive'), signer: () => s });
    const r = await archive.archiveEvidence({ snapshot, generatedAt: '2026-02-01T16:00:00.000Z' });
    const written = JSON.parse(fs.readFileSync(r.path, 'utf8')) as EvidenceBundle;
    expect(verifyEvidence(written, [path.join(d, 'evidence-keys')]).ok).toBe(true);
  });

  it('a configured key file that cannot be read is named without its content', () => {
    expect(() => loadEvidenceSigner(tmpDir(), { BREACH_EVIDENCE_SIGNING_KEY_FILE: '/nonexistent/key.pem' })).toThrow(
      /BREACH_EVIDENCE_SIGNING_KEY_FILE: cannot be read \(ENOENT\)/,
    );
  });
});
