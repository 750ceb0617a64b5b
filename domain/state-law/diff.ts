import type { StateLawPlan, StateObligation } from './resolver.js';

/**
 * "Replan with current law": what a newer pack changes in an incident's state obligations — added,
 * removed, moved (deadline or status changed) — each with the rule and the reason, so the person who
 * applies it sees the difference first. Pure.
 */
export interface StateLawChange {
  id: string;
  change: 'added' | 'removed' | 'moved';
  citation: string;
  from?: string;
  to?: string;
  reason: string;
}

export interface StateLawDiff {
  fromPack: string;
  toPack: string;
  changes: StateLawChange[];
  /** Jurisdictions that moved into or out of "state law to review". */
  reviewAdded: string[];
  reviewRemoved: string[];
}

const when = (o: StateObligation) => (o.deadline ? o.deadline.date : o.status === 'pending' ? `pending on ${o.pendingOn ?? '?'}${o.latestIfAnchorOnTime ? ` (latest ${o.latestIfAnchorOnTime})` : ''}` : 'no fixed date');

export function diffStateLaw(before: StateLawPlan, after: StateLawPlan): StateLawDiff {
  const a = new Map(before.obligations.map((o) => [o.id, o]));
  const b = new Map(after.obligations.map((o) => [o.id, o]));
  const changes: StateLawChange[] = [];
  const whyNot = (plan: StateLawPlan, id: string) => plan.notTriggered.find((n) => n.id === id)?.reason ?? (plan.satisfiedByHipaa.some((s) => s.id === id) ? 'deemed satisfied by the HIPAA notices' : 'not in this pack');
  for (const [id, o] of b) {
    const old = a.get(id);
    if (!old) changes.push({ id, change: 'added', citation: o.citation, to: when(o), reason: `pack ${after.packVersion}: ${o.deadlineBasis}; before: ${whyNot(before, id)}` });
    else if (when(old) !== when(o) || old.citation !== o.citation) changes.push({ id, change: 'moved', citation: o.citation, from: when(old), to: when(o), reason: `pack ${after.packVersion}: ${o.deadlineBasis} (was: ${old.deadlineBasis})` });
  }
  for (const [id, o] of a) if (!b.has(id)) changes.push({ id, change: 'removed', citation: o.citation, from: when(o), reason: `pack ${after.packVersion}: ${whyNot(after, id)}` });
  const ra = new Set(before.toReview.map((r) => r.jurisdiction));
  const rb = new Set(after.toReview.map((r) => r.jurisdiction));
  return {
    fromPack: `${before.packVersion} (${before.packFingerprint})`,
    toPack: `${after.packVersion} (${after.packFingerprint})`,
    changes: changes.sort((x, y) => x.id.localeCompare(y.id)),
    reviewAdded: [...rb].filter((c) => !ra.has(c)).sort(),
    reviewRemoved: [...ra].filter((c) => !rb.has(c)).sort(),
  };
}
