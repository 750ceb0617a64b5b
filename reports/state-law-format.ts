/**
 * The state-law overlay as text for a person (issue 16): the plan's state section, `breach law coverage`
 * and `breach law show <code>`. Every item carries its citation, the pack version and its verification
 * status; anything not verified against statute text is marked in capitals.
 */
import { JURISDICTION_NAMES, STATES, TERRITORIES, type State } from '../domain/index.js';
import {
  entryVerification,
  STATE_LAW_DISCLAIMER,
  type Source,
  type StateLawEntry,
  type StateLawPack,
  type StateLawPlan,
  type Verification,
} from '../domain/state-law/index.js';
import { table } from './text-table.js';

export const VERIFICATION_MARK: Record<Verification, string> = {
  verified: 'verified',
  secondary_sources: 'SECONDARY',
  unverified: 'UNVERIFIED',
};

export function formatStateLaw(s: StateLawPlan, opts: { details?: boolean } = {}): string {
  const out: string[] = [`State law — pack ${s.packVersion} (${s.packFingerprint}). ${s.disclaimer}`];
  out.push(`  determination date ${s.determinationDate}: ${s.determinationBasis}`);
  out.push(
    `  data elements: ${s.dataElements.elements.join(', ') || 'none'}${s.dataElements.recorded ? '' : ' (derived from the HIPAA facts — record facts.stateLaw.dataElements to confirm)'}`,
  );
  if (s.obligations.length) {
    out.push('', `State obligations (${s.obligations.length}; ${s.unverifiedCount} not verified against statute text):`);
    out.push(
      table(
        ['id', 'recipient', 'due', 'status', 'verification', 'rule'],
        s.obligations.map((o) => [
          o.id,
          o.recipient,
          o.deadline
            ? o.deadline.date
            : o.status === 'pending'
              ? `after ${o.pendingOn?.replace('_', ' ')}${o.latestIfAnchorOnTime ? ` (≤ ${o.latestIfAnchorOnTime})` : ''}`
              : 'no fixed date',
          `${o.status}${o.controlledBy ? ` (earlier: ${o.controlledBy.id} ${o.controlledBy.date})` : ''}`,
          VERIFICATION_MARK[o.verification],
          o.citation,
        ]),
      ),
    );
    for (const o of s.obligations) {
      out.push(`  ${o.id}: ${o.deadlineBasis}`);
      if (opts.details) {
        out.push(
          `    HIPAA interplay: ${o.hipaa.interplay.replace('_', ' ')} — ${o.hipaa.note}${o.hipaa.citation ? ` (${o.hipaa.citation})` : ''}`,
          `    methods: ${o.methods.join('; ')}`,
        );
        for (const c of o.content) out.push(`    [ ] ${c.item} — ${c.citation}`);
        for (const src of o.sources) out.push(`    source: ${src}`);
      }
      for (const n of o.notes) out.push(`    - ${n}`);
    }
  } else out.push('', 'State obligations: none planned.');
  if (s.recipientClocks.length) out.push('', 'Where clocks overlap, the earliest controls:', ...s.recipientClocks.map((r) => `  ${r.why}`));
  if (s.satisfiedByHipaa.length)
    out.push(
      '',
      'Deemed satisfied by the HIPAA notices (if they comply):',
      ...s.satisfiedByHipaa.map((x) => `  ${x.id} (${x.citation}, ${VERIFICATION_MARK[x.verification]}): ${x.note}`),
    );
  if (s.toReview.length)
    out.push(
      '',
      'For counsel:',
      ...s.toReview.map((r) => `  ! ${r.item} (${r.residents.toLocaleString('en-US')} resident(s)) — ${r.reason}`),
    );
  if (opts.details && s.notTriggered.length)
    out.push('', 'Rules that do not apply to these facts:', ...s.notTriggered.map((n) => `  ${n.id} (${n.citation}): ${n.reason}`));
  if (s.warnings.length) out.push('', 'State-law warnings:', ...s.warnings.map((w) => `  ! ${w}`));
  return out.join('\n');
}

export interface CoverageRow {
  jurisdiction: State;
  name: string;
  status: 'encoded' | 'not_encoded';
  verification: Verification | 'not_encoded';
  rules: number;
  verified: number;
  secondary: number;
  unverified: number;
}

export function coverage(pack: StateLawPack): CoverageRow[] {
  return [...STATES, ...TERRITORIES].map((code) => {
    const e = pack.entries.get(code);
    const v = (k: Verification) => e?.obligations.filter((o) => o.verification === k).length ?? 0;
    return {
      jurisdiction: code,
      name: JURISDICTION_NAMES[code],
      status: e?.status ?? 'not_encoded',
      verification: e ? entryVerification(e) : 'not_encoded',
      rules: e?.obligations.length ?? 0,
      verified: v('verified'),
      secondary: v('secondary_sources'),
      unverified: v('unverified'),
    };
  });
}

export function formatCoverage(pack: StateLawPack): string {
  const rows = coverage(pack);
  const encoded = rows.filter((r) => r.status === 'encoded');
  return [
    `State-law pack ${pack.version} (${pack.fingerprint}): ${encoded.length} of ${rows.length} jurisdictions encoded; ${rows.reduce((a, r) => a + r.verified, 0)} rule(s) verified against statute text, ${rows.reduce((a, r) => a + r.secondary, 0)} from secondary sources only, ${rows.reduce((a, r) => a + r.unverified, 0)} unverified.`,
    STATE_LAW_DISCLAIMER,
    '',
    table(
      ['code', 'jurisdiction', 'status', 'weakest', 'rules', 'verified', 'secondary', 'unverified'],
      rows.map((r) => [
        r.jurisdiction,
        r.name,
        r.status === 'encoded' ? 'encoded' : 'NOT ENCODED (state law to review)',
        r.verification === 'not_encoded' ? '-' : VERIFICATION_MARK[r.verification],
        String(r.rules),
        String(r.verified),
        String(r.secondary),
        String(r.unverified),
      ]),
    ),
  ].join('\n');
}

const threshold = (t: { atLeast?: number | undefined; moreThan?: number | undefined }) =>
  t.atLeast !== undefined ? `at least ${t.atLeast.toLocaleString('en-US')}` : `more than ${(t.moreThan ?? 0).toLocaleString('en-US')}`;

const sourceLine = (s: Source) => `  source:     ${s.title}${s.url ? ` <${s.url}>` : ''} (${s.kind}, checked ${s.checked})`;

export function formatEntry(e: StateLawEntry, pack: StateLawPack): string {
  const code = e.jurisdiction;
  const out = [`${JURISDICTION_NAMES[code]} (${code}) — state-law pack ${pack.version}; reviewed ${e.reviewedOn}`, STATE_LAW_DISCLAIMER];
  if (e.status === 'not_encoded') {
    out.push(
      '',
      `NOT ENCODED: a plan with residents of ${JURISDICTION_NAMES[code]} lists "state law to review: ${JURISDICTION_NAMES[code]}" for counsel.`,
      ...e.notes.map((n) => `  - ${n}`),
    );
    return out.join('\n');
  }
  out.push(
    `Statute: ${e.statute ?? '-'} (${e.statuteVerification ? VERIFICATION_MARK[e.statuteVerification] : '-'})`,
    ...e.notes.map((n) => `  - ${n}`),
  );
  for (const o of e.obligations) {
    const clock =
      o.clock.type === 'expedient'
        ? `${o.clock.words} (no number)`
        : `${o.clock.amount === 0 ? 'no later than' : `${o.clock.amount} ${o.clock.unit === 'business_days' ? 'business' : 'calendar'} day(s) after`} ${o.clock.anchor.replace('_', ' ')}`;
    out.push(
      '',
      `[${VERIFICATION_MARK[o.verification]}] ${o.id} — ${o.label}`,
      `  rule:       ${o.citation}`,
      `  recipient:  ${o.recipient} (${o.recipientKind.replace(/_/g, ' ')})`,
      `  trigger:    ${threshold(o.trigger.residents)} resident(s); entity: ${o.trigger.entity.replace(/_/g, ' ')}${o.trigger.dataElements ? `; data elements: ${o.trigger.dataElements.join(', ')}` : ''}`,
      `  clock:      ${clock}`,
      `  in force:   ${o.effectiveFrom}${o.effectiveTo ? ` to ${o.effectiveTo}` : ' onward'}`,
      `  HIPAA:      ${o.hipaa.interplay.replace('_', ' ')} — ${o.hipaa.note}${o.hipaa.citation ? ` (${o.hipaa.citation})` : ''}`,
      `  methods:    ${o.methods.join('; ')}`,
      ...o.content.map((c) => `  [ ] ${c.item} — ${c.citation}`),
      ...o.sources.map(sourceLine),
      ...o.notes.map((n) => `  - ${n}`),
    );
  }
  if (e.holidays)
    out.push(
      '',
      `Holidays for business days: ${e.holidays.citation} [${VERIFICATION_MARK[e.holidays.verification]}] — ${e.holidays.rules.map((r) => r.name).join(', ')}`,
      ...e.holidays.sources.map(sourceLine),
      ...e.holidays.notes.map((n) => `  - ${n}`),
    );
  return out.join('\n');
}
