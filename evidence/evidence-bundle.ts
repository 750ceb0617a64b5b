import crypto from 'node:crypto';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { BundleSignature } from '../security/evidence-signing.js';
import { DRILL_MARK } from '../notices/drill-mark.js';

/**
 * The evidence bundle legal keeps for six years (45 CFR 164.530(j)) to carry the burden of proof
 * (164.414): every recorded fact version, the assessment and recommendation, the decision and who made
 * it, every obligation with its deadline and confirmation, reminders and escalations, law-enforcement
 * statements — as entries chained by SHA-256, so that changing, removing or reordering any entry is
 * detectable by anyone holding the bundle (`verifyEvidenceBundle`).
 */
export const EVIDENCE_FORMAT = 'breach-engine/evidence-bundle@1';

export interface EvidenceEntry {
  seq: number;
  at: string;
  type: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  incidentRef: string;
  generatedAt: string;
  entries: EvidenceEntry[];
  /** Hash of the last entry: quote it in a letter or ticket and the whole chain is pinned. */
  headHash: string;
  /** Ed25519 signature over the head (164.312(c)); absent on bundles made before signing existed. */
  signature?: BundleSignature;
  /** A drill incident's bundle (issue 19): "DRILL — NOT A REAL BREACH NOTICE" (also its first chained entry). */
  drill?: string;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

const entryHash = (prevHash: string, e: Pick<EvidenceEntry, 'seq' | 'at' | 'type' | 'data'>) =>
  crypto
    .createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ seq: e.seq, at: e.at, type: e.type, data: e.data }))
    .digest('hex');

export function chainEntries(items: { at: string; type: string; data: unknown }[]): EvidenceEntry[] {
  const out: EvidenceEntry[] = [];
  let prev = GENESIS;
  items.forEach((item, i) => {
    const e = { seq: i + 1, at: item.at, type: item.type, data: item.data };
    const hash = entryHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  });
  return out;
}

/** Builds the bundle from the incident's recorded state (its workflow query or final result). */
export function buildEvidenceBundle(s: IncidentSnapshot, generatedAt: string, opts: { drill?: boolean } = {}): EvidenceBundle {
  const items: { at: string; type: string; data: unknown }[] = [];
  // A drill's bundle says so in its first entry, pinned by the chain and the signature.
  if (opts.drill) items.push({ at: s.openedAt, type: 'drill', data: { mark: DRILL_MARK } });
  items.push({ at: s.openedAt, type: 'incident_opened', data: { ref: s.ref, role: s.role, openedBy: s.openedBy, owner: s.owner } });
  for (const t of s.timeline) items.push({ at: t.at, type: `timeline:${t.action}`, data: t });
  for (const v of s.factsVersions ?? []) items.push({ at: v.at, type: 'facts_version', data: v });
  if (s.facts !== undefined) items.push({ at: generatedAt, type: 'facts_current', data: { version: s.factsVersion, facts: s.facts } });
  if (s.recommendation) items.push({ at: generatedAt, type: 'recommendation', data: s.recommendation });
  if (s.decision) items.push({ at: s.decision.at, type: 'decision', data: s.decision });
  for (const d of s.lawEnforcementDelays) items.push({ at: d.receivedAt, type: 'law_enforcement_statement', data: d });
  for (const o of s.obligations) items.push({ at: generatedAt, type: 'obligation', data: o });
  for (const r of s.rosters ?? []) items.push({ at: r.attachedAt, type: 'roster', data: r });
  for (const m of s.mailings ?? []) items.push({ at: m.finishedAt ?? m.startedAt, type: 'mailing', data: m });
  for (const c of s.ceNotices ?? []) items.push({ at: c.sentAt, type: 'ce_notice', data: c });
  if (s.closedAt) items.push({ at: s.closedAt, type: 'closed', data: { closure: s.closure } });
  const entries = chainEntries(items);
  return {
    format: EVIDENCE_FORMAT,
    incidentRef: s.ref,
    generatedAt,
    entries,
    headHash: entries.at(-1)?.hash ?? GENESIS,
    ...(opts.drill ? { drill: DRILL_MARK } : {}),
  };
}

export type VerifyResult =
  { ok: true; entries: number; headHash: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes the chain: any edited, removed, inserted or reordered entry breaks it. */
export function verifyEvidenceBundle(bundle: EvidenceBundle): VerifyResult {
  if (bundle.format !== EVIDENCE_FORMAT) return { ok: false, entries: 0, brokenAt: 0, reason: `unknown format ${String(bundle.format)}` };
  let prev = GENESIS;
  for (let i = 0; i < bundle.entries.length; i++) {
    const e = bundle.entries[i]!;
    if (e.seq !== i + 1)
      return { ok: false, entries: bundle.entries.length, brokenAt: i + 1, reason: `entry ${i + 1} has sequence number ${e.seq}` };
    if (e.prevHash !== prev)
      return { ok: false, entries: bundle.entries.length, brokenAt: e.seq, reason: `entry ${e.seq} does not link to the entry before it` };
    if (entryHash(prev, e) !== e.hash)
      return {
        ok: false,
        entries: bundle.entries.length,
        brokenAt: e.seq,
        reason: `entry ${e.seq} was modified (its hash does not match its content)`,
      };
    prev = e.hash;
  }
  if (prev !== bundle.headHash)
    return {
      ok: false,
      entries: bundle.entries.length,
      brokenAt: bundle.entries.length,
      reason: 'the head hash does not match the last entry (entries removed from the end?)',
    };
  return { ok: true, entries: bundle.entries.length, headHash: prev };
}
