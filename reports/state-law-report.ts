/**
 * The state-law section of the counsel report and of GET /incidents/{ref}/state-law (issue 16).
 *
 * The record is what the incident planned: `IncidentSnapshot.stateLaw` (its pack version and fingerprint, each
 * item with its status, date, citation and verification, the review items, the events and the replans), with
 * each tracked item's obligation status (confirmed, met by the individual notice…). When this build's pack is
 * not the recorded one, a separate "current law would differ" part shows what "replan with current law" would
 * change (domain/state-law/diff.ts) — never presented as what was planned.
 *
 * Incidents planned before State obligations were tracked (no `stateLaw`) get a preview computed from the
 * recorded facts and decision with this build's pack, labelled as a preview; clocks anchored on the HHS notice
 * or on the individual notices take their dates from the recorded confirmations of those obligations.
 * Not legal advice: every item shows its citation and verification status.
 */
import { validateFacts, type Decision } from '../domain/index.js';
import {
  checkPackPin,
  currentPack,
  planWithStateLaw,
  type RecordedEvents,
  type StateLawPack,
  type StateLawPlan,
} from '../domain/state-law/index.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { IncidentStateLawView, StateLawDiffView, StateObligationItem } from '../contract/state-obligations.js';
import { withLawEnforcementDelays } from '../contract/incident-rules.js';
import { computeStateLaw } from '../activities/state-law.js';
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

/** Where a recorded item stands: its planned status, and for a tracked one what its obligation workflow reports. */
export type RecordedItemState =
  'tracked' | 'confirmed' | 'met_by_individual_notice' | 'withdrawn' | 'pending' | 'no_fixed_date' | 'controlled_elsewhere' | 'cancelled';

export interface RecordedStateItem extends StateObligationItem {
  state: RecordedItemState;
  /** A tracked item's obligation status (planned, open, overdue, confirmed, withdrawn…). */
  obligationStatus?: string;
  confirmedBy?: string;
}

export interface RecordedStateLaw extends Omit<IncidentStateLawView, 'items'> {
  items: RecordedStateItem[];
}

/** This build's pack is not the one the incident planned on: what a replan would change (not the plan). */
export interface CurrentLawDiffers {
  packVersion: string;
  packFingerprint: string;
  message: string;
  /** The difference "replan with current law" would apply; absent when it could not be computed (`notComputed`). */
  diff?: StateLawDiffView;
  notComputed?: string;
  hint: string;
}

export type StateLawSection =
  | { basis: 'recorded'; recorded: RecordedStateLaw; currentLaw?: CurrentLawDiffers }
  | { basis: 'preview'; plan: StateLawPlan }
  | { basis: 'none'; reason: string };

export const REPLAN_HINT =
  'To plan with current law: "replan with current law" — `breach replan-law <ref>` (or POST /incidents/{ref}/state-law/replan with preview: true) shows this difference; applying it (`--apply`) is for the roles that may decide, and is recorded.';

function itemState(s: IncidentSnapshot, i: StateObligationItem): Pick<RecordedStateItem, 'state' | 'obligationStatus' | 'confirmedBy'> {
  if (i.status !== 'tracked') return { state: i.status };
  const v = s.obligations.find((o) => o.obligation.id === i.id);
  if (!v) return { state: 'tracked' };
  const by = v.confirmedBy ? { confirmedBy: v.confirmedBy } : {};
  if (v.status === 'confirmed')
    return {
      state: v.confirmedBy === 'engine' && i.recipientKind === 'individuals' ? 'met_by_individual_notice' : 'confirmed',
      obligationStatus: v.status,
      ...by,
    };
  if (v.status === 'withdrawn') return { state: 'withdrawn', obligationStatus: v.status };
  return { state: 'tracked', obligationStatus: v.status };
}

/** The recorded plan with each item's state (pure; the snapshot's record only). */
export function recordedStateLaw(s: IncidentSnapshot): RecordedStateLaw | undefined {
  if (!s.stateLaw) return undefined;
  return { ...s.stateLaw, items: s.stateLaw.items.map((i) => ({ ...i, ...itemState(s, i) })) };
}

/** The current pack against the record, computed with the same inputs the incident workflow's planning activity gets. */
function currentLawAgainst(s: IncidentSnapshot, sl: IncidentStateLawView, now: string, pack: StateLawPack): CurrentLawDiffers | undefined {
  const pin = checkPackPin(sl, pack);
  if (pin.pinned) return undefined;
  const base = { packVersion: pack.version, packFingerprint: pack.fingerprint, message: pin.message, hint: REPLAN_HINT };
  if (!s.decision) return { ...base, notComputed: 'no decision recorded' };
  try {
    const computed = computeStateLaw(
      {
        facts: withLawEnforcementDelays(s.facts ?? s.factsVersions?.at(-1)?.facts, s.lawEnforcementDelays),
        decision: {
          by: s.decision.by,
          at: s.decision.at,
          ...(s.decision.justification ? { justification: s.decision.justification } : {}),
        },
        now,
        targetDays: s.policy?.targetDays ?? 30,
        rulesVersion: s.rulesVersion ?? 1,
        ...(s.policy?.lawEnforcementDelayReading ? { tolling: s.policy.lawEnforcementDelayReading } : {}),
        events: sl.events,
        recorded: sl,
      },
      pack,
    );
    return computed.diff ? { ...base, diff: computed.diff } : { ...base, notComputed: 'no difference computed' };
  } catch {
    return { ...base, notComputed: 'the recorded facts no longer validate' };
  }
}

/** The state-law section: the record (and how current law would differ), or for an incident planned before State obligations, a preview. */
export function stateLawSection(s: IncidentSnapshot, now: string, pack: StateLawPack = currentPack()): StateLawSection {
  const recorded = recordedStateLaw(s);
  if (recorded) {
    const currentLaw = currentLawAgainst(s, s.stateLaw!, now, pack);
    return { basis: 'recorded', recorded, ...(currentLaw ? { currentLaw } : {}) };
  }
  const r = stateLawForSnapshot(s, now);
  return r.ok ? { basis: 'preview', plan: r.plan } : { basis: 'none', reason: r.reason };
}

const STATE_WORDS: Record<RecordedItemState, string> = {
  tracked: 'tracked',
  confirmed: 'confirmed',
  met_by_individual_notice: 'met by the individual notice',
  withdrawn: 'withdrawn',
  pending: 'pending',
  no_fixed_date: 'no fixed date',
  controlled_elsewhere: 'controlled by an earlier clock',
  cancelled: 'cancelled',
};

function recordedDue(i: StateObligationItem): string {
  if (i.deadline) return i.deadline.date;
  if (i.status === 'pending')
    return `after ${i.pendingOn?.replace('_', ' ')}${i.latestIfAnchorOnTime ? ` (latest ${i.latestIfAnchorOnTime})` : ''}`;
  return i.status === 'cancelled' ? '-' : 'no fixed date';
}

function recordedStatusText(i: RecordedStateItem): string {
  const parts = [STATE_WORDS[i.state]];
  if (i.state === 'tracked' && i.obligationStatus) parts.push(`(${i.obligationStatus})`);
  if (i.state === 'confirmed' && i.confirmedBy) parts.push(`by ${i.confirmedBy}`);
  if (i.controlledBy) parts.push(`: ${i.controlledBy.citation} ${i.controlledBy.date}`);
  if (i.cancelledReason) parts.push(`: ${i.cancelledReason}`);
  return parts.join(' ').replace(' :', ':');
}

/** The difference part, in words (shared by the report and `breach status`). */
export function currentLawLines(c: CurrentLawDiffers): string[] {
  const L = [c.message];
  if (c.notComputed) L.push(`The difference was not computed: ${c.notComputed}.`);
  else if (c.diff) {
    const d = c.diff;
    if (!d.changes.length && !d.reviewAdded.length && !d.reviewRemoved.length)
      L.push('For this incident the obligations would not change.');
    for (const x of d.changes)
      L.push(
        `${x.change}: ${x.id} (${x.citation})${x.from ? ` from ${x.from}` : ''}${x.to ? ` to ${x.to}` : ''}${x.verificationFrom && x.verificationTo && x.verificationFrom !== x.verificationTo ? `; verification ${x.verificationFrom} → ${x.verificationTo}` : ''} — ${x.reason}`,
      );
    for (const r of d.reviewAdded) L.push(`added for counsel: ${r}`);
    for (const r of d.reviewRemoved) L.push(`no longer for counsel: ${r}`);
  }
  L.push(c.hint);
  return L;
}

function recordedMarkdown(r: RecordedStateLaw, currentLaw: CurrentLawDiffers | undefined): string[] {
  const L = ["## State law (as recorded: the incident's own plan)", ''];
  L.push(`Planned on state-law pack ${r.packVersion} (\`${r.packFingerprint}\`), last planned ${r.plannedAt}. ${r.disclaimer}`, '');
  if (r.items.length) {
    L.push('| state obligation | recipient | rule | due | status | verification |', '|---|---|---|---|---|---|');
    for (const i of r.items)
      L.push(
        `| ${esc(i.label)} (\`${i.id}\`) | ${esc(i.recipient)} | ${i.citation} | ${recordedDue(i)} | ${esc(recordedStatusText(i))} | ${VERIFICATION_MARK[i.verification]} |`,
      );
    L.push('');
  } else L.push('No state obligation planned.', '');
  for (const c of r.recipientClocks) L.push(`- ${esc(c.why)}`);
  for (const t of r.toReview) L.push(`- **${t.item}** (${t.residents} resident(s)): ${esc(t.reason)}`);
  for (const x of r.replans)
    L.push(
      `- Replanned with current law ${x.appliedAt} by ${x.appliedBy}: ${x.fromPack} → ${x.toPack} (${x.changes.length} change(s))${x.note ? ` — ${esc(x.note)}` : ''}`,
    );
  L.push('');
  if (currentLaw) {
    L.push(`### Current law would differ (not the plan: this build's pack ${currentLaw.packVersion})`, '');
    for (const l of currentLawLines(currentLaw)) L.push(`- ${esc(l)}`);
    L.push('');
  } else L.push(`This build's state-law pack is the one the incident planned on.`, '');
  return L;
}

export function stateLawMarkdown(s: IncidentSnapshot, now: string, pack?: StateLawPack): string[] {
  const section = stateLawSection(s, now, pack);
  if (section.basis === 'recorded') return recordedMarkdown(section.recorded, section.currentLaw);
  const L = [
    '## State law (preview: computed for this report — this incident planned before State obligations were recorded; not a record)',
    '',
  ];
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
export function stateLawStatusLines(s: IncidentSnapshot, now: string, pack?: StateLawPack): string[] {
  if (!s.decision?.reportable) return [];
  if (s.stateLaw) {
    const differs = currentLawAgainst(s, s.stateLaw, now, pack ?? currentPack());
    const n = differs?.diff ? differs.diff.changes.length + differs.diff.reviewAdded.length + differs.diff.reviewRemoved.length : undefined;
    return [
      ...recordedStateLawLines(s, s.stateLaw),
      ...(differs
        ? [
            `  current law would differ (not the plan): this build has pack ${differs.packVersion}${n !== undefined ? ` — ${n} change(s)` : ''}; \`breach replan-law ${s.ref}\` shows them`,
          ]
        : []),
    ];
  }
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
      ? tracked.status === 'confirmed' && tracked.confirmedBy === 'engine' && i.recipientKind === 'individuals'
        ? 'met by the individual notice'
        : tracked.status
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
