import { z } from 'zod';
import { IsoInstant, NonBlank } from '../schema-primitives.js';
import type { StateLawPack } from './pack.js';
import type { StateLawPlan, StateObligation } from './resolver.js';

/**
 * Pack-version pinning and "replan with current law" (issue 16 item 4), the pure part.
 *
 * An incident records, when it plans, the state-law pack it planned on (`RecordedStateLaw`, the plan
 * activity's `stateLaw` result). A later build may ship a newer pack; the incident keeps its recorded state
 * items (`checkPackPin` says whether the build's pack is the recorded one) until a person applies "replan
 * with current law", which first shows the difference — obligations added, removed, moved (date or status)
 * or changed (citation or verification), each with the rule and the reason — and then records who applied
 * it (`applyReplan`). Wiring this into the workflow (an update with a `patched()` gate) is not done here.
 */

/** What an incident's history records of its state-law plan (the shape of `planIncident(...).stateLaw`). */
export interface RecordedStateLaw {
  packVersion: string;
  packFingerprint: string;
  obligations: { id: string; citation: string; verification: string; status: string; deadline?: string; pendingOn?: string }[];
  toReview: string[];
}

/** The recorded form of a state-law plan: the pack, and each item's date and status. */
export function summarizeStateLaw(s: StateLawPlan): RecordedStateLaw {
  return {
    packVersion: s.packVersion,
    packFingerprint: s.packFingerprint,
    obligations: s.obligations.map((o) => ({
      id: o.id,
      citation: o.citation,
      verification: o.verification,
      status: o.status,
      ...(o.deadline ? { deadline: o.deadline.date } : {}),
      ...(o.pendingOn ? { pendingOn: o.pendingOn } : {}),
    })),
    toReview: s.toReview.map((r) => r.item),
  };
}

export interface StateLawChange {
  /** `state:<code>:<rule>`. */
  id: string;
  jurisdiction: string;
  /** The rule's id in its State's entry. */
  rule: string;
  /** added / removed; moved: the date or status changed; changed: same date, another citation or verification. */
  change: 'added' | 'removed' | 'moved' | 'changed';
  citation: string;
  from?: string;
  to?: string;
  verificationFrom?: string;
  verificationTo?: string;
  reason: string;
}

export interface StateLawDiff {
  fromPack: string;
  toPack: string;
  /** The two packs are the same data: nothing to apply. */
  samePack: boolean;
  changes: StateLawChange[];
  /** "state law to review" items that appear or disappear. */
  reviewAdded: string[];
  reviewRemoved: string[];
}

type Item = RecordedStateLaw['obligations'][number] & { latest?: string };
const when = (o: Item) =>
  o.deadline ?? (o.status === 'pending' ? `pending on ${o.pendingOn ?? '?'}${o.latest ? ` (latest ${o.latest})` : ''}` : 'no fixed date');
/** What a history records of an item's timing (a pending item's provisional latest date is not recorded, so it does not count as a move). */
const timing = (o: Item) => `${o.status}|${o.deadline ?? ''}|${o.pendingOn ?? ''}`;
const ruleOf = (id: string) => {
  const [, jurisdiction = '?', rule = id] = id.split(':');
  return { jurisdiction, rule };
};
const itemOf = (o: StateObligation): Item => ({
  id: o.id,
  citation: o.citation,
  verification: o.verification,
  status: o.status,
  ...(o.deadline ? { deadline: o.deadline.date } : {}),
  ...(o.pendingOn ? { pendingOn: o.pendingOn } : {}),
  ...(o.latestIfAnchorOnTime ? { latest: o.latestIfAnchorOnTime } : {}),
});

function diffItems(
  before: { pack: string; fingerprint: string; items: Item[]; review: string[]; basis?: Map<string, string> },
  after: StateLawPlan,
): StateLawDiff {
  const a = new Map(before.items.map((o) => [o.id, o]));
  const b = new Map(after.obligations.map((o) => [o.id, o]));
  const changes: StateLawChange[] = [];
  const whyNot = (id: string) =>
    after.notTriggered.find((n) => n.id === id)?.reason ??
    (after.satisfiedByHipaa.some((s) => s.id === id) ? 'deemed satisfied by the HIPAA notices' : 'not in this pack');
  const was = (id: string) => (before.basis?.get(id) ? ` (was: ${before.basis.get(id)})` : '');
  for (const [id, o] of b) {
    const now = itemOf(o);
    const old = a.get(id);
    const base = { id, ...ruleOf(id), citation: o.citation };
    if (!old)
      changes.push({
        ...base,
        change: 'added',
        to: when(now),
        verificationTo: o.verification,
        reason: `pack ${after.packVersion}: ${o.deadlineBasis}`,
      });
    else if (timing(old) !== timing(now))
      changes.push({
        ...base,
        change: 'moved',
        from: when(old),
        to: when(now),
        ...(old.verification !== o.verification ? { verificationFrom: old.verification, verificationTo: o.verification } : {}),
        reason: `pack ${after.packVersion}: ${o.deadlineBasis}${was(id)}`,
      });
    else if (old.citation !== o.citation || old.verification !== o.verification)
      changes.push({
        ...base,
        change: 'changed',
        from: when(old),
        to: when(now),
        verificationFrom: old.verification,
        verificationTo: o.verification,
        reason: `pack ${after.packVersion}: same date; ${old.citation !== o.citation ? `citation was ${old.citation}` : `verification was ${old.verification}, now ${o.verification}`}`,
      });
  }
  for (const [id, o] of a)
    if (!b.has(id))
      changes.push({
        id,
        ...ruleOf(id),
        change: 'removed',
        citation: o.citation,
        from: when(o),
        verificationFrom: o.verification,
        reason: `pack ${after.packVersion}: ${whyNot(id)}`,
      });
  const rb = new Set(after.toReview.map((r) => r.item));
  const ra = new Set(before.review);
  return {
    fromPack: `${before.pack} (${before.fingerprint})`,
    toPack: `${after.packVersion} (${after.packFingerprint})`,
    samePack: before.fingerprint === after.packFingerprint,
    changes: changes.sort((x, y) => x.id.localeCompare(y.id)),
    reviewAdded: [...rb].filter((c) => !ra.has(c)).sort(),
    reviewRemoved: [...ra].filter((c) => !rb.has(c)).sort(),
  };
}

/** Two full plans (a preview: the same facts under two packs). */
export function diffStateLaw(before: StateLawPlan, after: StateLawPlan): StateLawDiff {
  return diffItems(
    {
      pack: before.packVersion,
      fingerprint: before.packFingerprint,
      items: before.obligations.map(itemOf),
      review: before.toReview.map((r) => r.item),
      basis: new Map(before.obligations.map((o) => [o.id, o.deadlineBasis])),
    },
    after,
  );
}

/** What the incident recorded against a plan with the current pack: what "replan with current law" would change. */
export function diffRecordedStateLaw(recorded: RecordedStateLaw, current: StateLawPlan): StateLawDiff {
  return diffItems(
    { pack: recorded.packVersion, fingerprint: recorded.packFingerprint, items: recorded.obligations, review: recorded.toReview },
    current,
  );
}

/** Whether this build's pack is the one the incident planned on; if not, its recorded state items stand until a replan is applied. */
export function checkPackPin(
  recorded: Pick<RecordedStateLaw, 'packVersion' | 'packFingerprint'>,
  pack: Pick<StateLawPack, 'version' | 'fingerprint'>,
): { pinned: true } | { pinned: false; message: string } {
  if (recorded.packFingerprint === pack.fingerprint) return { pinned: true };
  const sameLabel =
    recorded.packVersion === pack.version ? ` — the same version label with other data: the pack was changed without a version bump` : '';
  return {
    pinned: false,
    message: `planned on state-law pack ${recorded.packVersion} (${recorded.packFingerprint}); this build has ${pack.version} (${pack.fingerprint})${sameLabel}. The recorded state items stand until someone applies "replan with current law" after reviewing its difference.`,
  };
}

/** Who applies a replan, and when (validated: a person's name or address, an instant with its offset). */
export const ReplanRequest = z
  .object({
    appliedBy: NonBlank(200),
    appliedAt: IsoInstant,
    /** Why now (e.g. "pack 2026.12.03-2 verifies the Vermont holiday list"). */
    note: NonBlank(500).optional(),
  })
  .strict();
export type ReplanRequest = z.infer<typeof ReplanRequest>;

export interface ReplanRecord {
  fromPack: string;
  toPack: string;
  appliedBy: string;
  appliedAt: string;
  note?: string;
  changes: StateLawChange[];
  reviewAdded: string[];
  reviewRemoved: string[];
  /** The new recorded state-law plan the incident continues with. */
  stateLaw: RecordedStateLaw;
}

/**
 * Applies "replan with current law": validates who and when, refuses a replan that changes nothing, and
 * returns what the incident records — the difference shown, who applied it, and the new recorded plan.
 */
export function applyReplan(
  recorded: RecordedStateLaw,
  current: StateLawPlan,
  request: unknown,
): { ok: true; record: ReplanRecord } | { ok: false; problems: string[] } {
  const r = ReplanRequest.safeParse(request);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`) };
  const diff = diffRecordedStateLaw(recorded, current);
  if (diff.samePack && !diff.changes.length && !diff.reviewAdded.length && !diff.reviewRemoved.length)
    return { ok: false, problems: [`nothing to replan: the incident already uses state-law pack ${diff.toPack}`] };
  return {
    ok: true,
    record: {
      fromPack: diff.fromPack,
      toPack: diff.toPack,
      appliedBy: r.data.appliedBy,
      appliedAt: r.data.appliedAt,
      ...(r.data.note ? { note: r.data.note } : {}),
      changes: diff.changes,
      reviewAdded: diff.reviewAdded,
      reviewRemoved: diff.reviewRemoved,
      stateLaw: summarizeStateLaw(current),
    },
  };
}
