import { STATES, TERRITORIES, type State } from '../jurisdictions.js';
import { RAW_ENTRIES } from './raw-entries.js';
import { StateLawEntry, type StateLawEntryInput, type Verification } from './schema.js';

/**
 * The state-law pack: every jurisdiction's entry, validated by zod when it loads, with a version and a
 * content fingerprint. A plan records both, so a running incident can tell which law it was planned on.
 * Bump PACK_VERSION with every change to a jurisdiction file (the test checks the fingerprint).
 */
export const PACK_VERSION = '2026.12.03-6';
/** The fingerprint of the data of PACK_VERSION; a test fails when the data changes without a version bump. */
export const PACK_FINGERPRINT = 'fnv1a32:ede89412';

export const STATE_LAW_DISCLAIMER =
  'State law overlay: not legal advice. Entries marked UNVERIFIED or SECONDARY were not checked against statute text; counsel must review every state item.';

export interface StateLawPack {
  version: string;
  fingerprint: string;
  entries: ReadonlyMap<State, StateLawEntry>;
}

export class StateLawPackError extends Error {
  constructor(readonly problems: string[]) {
    super(`state-law pack invalid: ${problems.length} problem(s): ${problems.join('; ')}`);
    this.name = 'StateLawPackError';
  }
}

/** FNV-1a 32-bit over a canonical JSON text: a cheap, pure content fingerprint (not a security hash). */
export function fingerprintOf(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `fnv1a32:${h.toString(16).padStart(8, '0')}`;
}

/** Validates every entry; throws StateLawPackError naming each jurisdiction, field and rule that fails. */
export function loadPack(raw: readonly unknown[] = RAW_ENTRIES, version = PACK_VERSION): StateLawPack {
  const problems: string[] = [];
  const entries = new Map<State, StateLawEntry>();
  raw.forEach((r, i) => {
    const parsed = StateLawEntry.safeParse(r);
    const code = typeof r === 'object' && r && 'jurisdiction' in r ? String(r.jurisdiction) : `#${i}`;
    if (!parsed.success) {
      for (const iss of parsed.error.issues) problems.push(`${code}.${iss.path.join('.') || '(entry)'}: ${iss.message}`);
      return;
    }
    const e = parsed.data;
    if (entries.has(e.jurisdiction)) problems.push(`${code}: two entries for the same jurisdiction`);
    entries.set(e.jurisdiction, e);
  });
  for (const code of [...STATES, ...TERRITORIES])
    if (!entries.has(code)) problems.push(`${code}: no entry (every State, DC and territory needs one, even "not_encoded")`);
  if (problems.length) throw new StateLawPackError(problems);
  const sorted = [...entries.values()].sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction));
  return { version, fingerprint: fingerprintOf(sorted), entries: new Map(sorted.map((e) => [e.jurisdiction, e])) };
}

let current: StateLawPack | undefined;
/** The pack of this build, loaded and validated once. */
export function currentPack(): StateLawPack {
  current ??= loadPack();
  return current;
}

/** The weakest verification among an entry's rules (what a summary must show). */
export function entryVerification(e: StateLawEntry): Verification | 'not_encoded' {
  if (e.status === 'not_encoded') return 'not_encoded';
  const v = e.obligations.map((o) => o.verification);
  return v.includes('unverified') ? 'unverified' : v.includes('secondary_sources') ? 'secondary_sources' : 'verified';
}

export type { StateLawEntryInput };
export { RAW_ENTRIES };
