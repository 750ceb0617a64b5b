/**
 * The state-law section of the counsel report (issue 16): computed from the incident's recorded facts and
 * decision with this build's pack, at the report's time. Clocks anchored on the HHS notice or on the
 * individual notices take their dates from the recorded confirmations of those obligations.
 * Not legal advice: every item shows its citation and verification status.
 */
import { validateFacts, type Decision } from '../domain/index.js';
import { planWithStateLaw, type RecordedEvents, type StateLawPlan } from '../domain/state-law/index.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import { VERIFICATION_MARK } from './state-law-format.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** When a confirmed obligation was made: the "sent" instant of its confirmation if recorded, else the confirmation time. */
function confirmedAt(s: IncidentSnapshot, ids: string[]): string | undefined {
  for (const id of ids) {
    const view = s.obligations.find((o) => o.obligation.id === id && o.status === 'confirmed');
    if (!view) continue;
    const entry = [...s.timeline]
      .reverse()
      .find((t) => t.action === 'obligation_confirmed' && (t.detail ?? '').startsWith(`${view.obligation.label}:`));
    const sent = entry?.detail?.match(/ sent (\S+)/)?.[1];
    if (sent && !Number.isNaN(Date.parse(sent))) return sent;
    if (entry) return entry.at;
  }
  return undefined;
}

export function recordedEvents(s: IncidentSnapshot): RecordedEvents {
  const hhs = confirmedAt(s, ['hhs_notice', 'hhs_annual_log']);
  const individuals = confirmedAt(s, ['individual_notice']);
  return { ...(hhs ? { hhsNotifiedAt: hhs } : {}), ...(individuals ? { individualsNotifiedAt: individuals } : {}) };
}

/** The state overlay for a recorded incident, or why it cannot be computed. */
export function stateLawForSnapshot(s: IncidentSnapshot, now: string): { ok: true; plan: StateLawPlan } | { ok: false; reason: string } {
  const facts = s.facts ?? s.factsVersions?.at(-1)?.facts;
  if (facts === undefined) return { ok: false, reason: 'no facts recorded' };
  if (!s.decision) return { ok: false, reason: 'no decision recorded yet' };
  const checked = validateFacts(facts, { now });
  if (!checked.ok) return { ok: false, reason: `the recorded facts no longer validate (${checked.issues.length} problem(s))` };
  const decision: Decision = {
    reportable: s.decision.reportable,
    decidedBy: s.decision.by,
    decidedAt: s.decision.at,
    ...(s.decision.justification ? { justification: s.decision.justification } : {}),
  };
  return { ok: true, plan: planWithStateLaw(checked.facts, decision, { now, events: recordedEvents(s) }).stateLaw };
}

export function stateLawMarkdown(s: IncidentSnapshot, now: string): string[] {
  const L = ['## State law (preview: computed for this report)', ''];
  const r = stateLawForSnapshot(s, now);
  if (!r.ok) return [...L, `Not computed: ${r.reason}.`, ''];
  const p = r.plan;
  L.push(`State-law pack ${p.packVersion} (\`${p.packFingerprint}\`), computed ${now}. ${p.disclaimer}`, '');
  if (p.obligations.length) {
    L.push('| state obligation | recipient | rule | due | status | verification |', '|---|---|---|---|---|---|');
    for (const o of p.obligations) {
      const due = o.deadline
        ? o.deadline.date
        : o.status === 'pending'
          ? `after ${o.pendingOn?.replace('_', ' ')}${o.latestIfAnchorOnTime ? ` (latest ${o.latestIfAnchorOnTime})` : ''}`
          : 'no fixed date';
      L.push(
        `| ${esc(o.label)} (\`${o.id}\`) | ${esc(o.recipient)} | ${o.citation} | ${due} | ${o.status}${o.controlledBy ? `; earlier clock: ${o.controlledBy.id}` : ''} | ${VERIFICATION_MARK[o.verification]} |`,
      );
    }
    L.push('');
  } else L.push('No state obligation planned.', '');
  for (const c of p.recipientClocks) L.push(`- ${esc(c.why)}`);
  for (const x of p.satisfiedByHipaa)
    L.push(`- Deemed satisfied by the HIPAA notices: \`${x.id}\` (${x.citation}, ${VERIFICATION_MARK[x.verification]})`);
  for (const t of p.toReview) L.push(`- **${t.item}** (${t.residents} resident(s)): ${esc(t.reason)}`);
  for (const w of p.warnings) L.push(`- Warning: ${esc(w)}`);
  L.push('');
  return L;
}

/** A compact state-law block for `breach incident status` (same computation as the report). */
export function stateLawStatusLines(s: IncidentSnapshot, now: string): string[] {
  if (!s.decision?.reportable) return [];
  if (s.stateLaw) return recordedStateLawLines(s, s.stateLaw);
  const r = stateLawForSnapshot(s, now);
  if (!r.ok) return ['', `State law: not computed (${r.reason}).`];
  const p = r.plan;
  const out = [
    '',
    `State law (pack ${p.packVersion}; not legal advice — ${p.unverifiedCount} of ${p.obligations.length} item(s) not verified against statute text):`,
  ];
  for (const o of p.obligations) {
    const due = o.deadline
      ? o.deadline.date
      : o.status === 'pending'
        ? `after ${o.pendingOn?.replace('_', ' ')}${o.latestIfAnchorOnTime ? ` (≤ ${o.latestIfAnchorOnTime})` : ''}`
        : 'no fixed date';
    out.push(`  ${o.id.padEnd(34)} ${due.padEnd(32)} ${VERIFICATION_MARK[o.verification].padEnd(10)} ${o.citation}`);
  }
  for (const t of p.toReview) out.push(`  ! ${t.item} (${t.residents} resident(s))`);
  return out;
}

/** Issue 16: what the incident itself tracks (its recorded pack, each item's status and its obligation workflow's). */
function recordedStateLawLines(s: IncidentSnapshot, sl: NonNullable<IncidentSnapshot['stateLaw']>): string[] {
  const unverified = sl.items.filter((i) => i.status !== 'cancelled' && i.verification !== 'verified').length;
  const out = [
    '',
    `State law (pack ${sl.packVersion}; not legal advice — ${unverified} item(s) not verified against statute text; as recorded when the incident planned):`,
  ];
  for (const i of sl.items) {
    const tracked = s.obligations.find((o) => o.obligation.id === i.id);
    const due = i.deadline
      ? i.deadline.date
      : i.status === 'pending'
        ? `after ${i.pendingOn?.replace('_', ' ')}${i.latestIfAnchorOnTime ? ` (≤ ${i.latestIfAnchorOnTime})` : ''}`
        : i.status === 'cancelled'
          ? 'cancelled'
          : 'no fixed date';
    const status = tracked
      ? tracked.status
      : i.status === 'controlled_elsewhere'
        ? `earlier clock: ${i.controlledBy?.id ?? '?'}`
        : i.status;
    out.push(`  ${i.id.padEnd(34)} ${due.padEnd(32)} ${VERIFICATION_MARK[i.verification].padEnd(10)} ${i.citation}  [${status}]`);
  }
  for (const t of sl.toReview) out.push(`  ! ${t.item} (${t.residents} resident(s))`);
  for (const r of sl.replans)
    out.push(`  replanned ${r.appliedAt} by ${r.appliedBy}: ${r.fromPack} → ${r.toPack} (${r.changes.length} change(s))`);
  return out;
}
