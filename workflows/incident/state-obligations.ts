/**
 * The State obligations (issue 16 items 3–5), behind the 'state-obligations-issue-16' patch.
 *
 * - Planned with the federal notices (after a reportable decision, and again when the facts change): the
 *   planning activity (activities/state-law.ts) resolves them with the engine's law pack — the pack data
 *   never enters the workflow bundle — and the pack version is kept in the state (carried across
 *   continue-as-new). Each dated item whose clock controls its recipient runs as an obligation workflow
 *   like the federal ones (reminders, escalation up the chain, confirmation with evidence).
 * - Items anchored on a later event (5 business days after HHS is notified) are pending; when the HHS
 *   notice is confirmed the activity dates them (the State's business days and holidays) and they start.
 * - "Replan with current law": an update that shows the difference to the engine's current pack
 *   (preview), or applies it — added items start, removed ones are cancelled with the reason recorded,
 *   moved ones are rescheduled — and records who applied it and which pack.
 * - A facts change while the engine's pack is not the incident's: nothing State-side moves silently; the
 *   timeline says a replan with current law is needed.
 */
import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { startObligationChild, trackChild } from './children.js';
import { replanStateLawUpdate } from '../../contract/incident-messages.js';
import {
  ReplanStateLawRequest as ReplanSchema,
  STATE_NOTICE_KIND,
  type IncidentStateLawView,
  type ReplanStateLawAnswer,
  type ReplanStateLawRequest,
  type StateObligationItem,
} from '../../contract/state-obligations.js';
import type { IncidentObligationView } from '../../contract/incident-types.js';
import { confirmObligationSignal, rescheduleObligationSignal, withdrawObligationSignal } from '../../contract/obligation-messages.js';
import { withLawEnforcementDelays } from '../../contract/incident-rules.js';
import type { ComputedStateLaw } from '../../activities/state-law.js';
import { STATE_ITEM_RESTART_PATCH } from '../patches.js';
import type { TrackedObligation } from '../tracked-obligation.js';
import { planStateObligations } from './activities.js';
import { currentPolicy, nowIso, record, refuse, type IncidentContext } from './context.js';
import { defineEffect, withSchema } from './update-helper.js';

const childIdOf = (ctx: IncidentContext, id: string): string => `${ctx.wfId}/obligation/${id}`;
/** A new child id for an item started again after the engine withdrew it: `…/restart-<n>`, never the closed child's id. */
const restartIdOf = (ctx: IncidentContext, id: string, previous: string): string => {
  const n = Number(/\/restart-(\d+)$/.exec(previous)?.[1] ?? 0);
  return `${childIdOf(ctx, id)}/restart-${n + 1}`;
};
const isOpenView = (v: IncidentObligationView | undefined): v is IncidentObligationView =>
  !!v && v.status !== 'confirmed' && v.status !== 'withdrawn';

export const isStateObligation = (o: Pick<TrackedObligation, 'kind'>): boolean => o.kind === STATE_NOTICE_KIND;

/** A dated State item as the obligation workflow tracks it (the target is the legal date: no HIPAA-style target). */
function tracked(item: StateObligationItem): TrackedObligation {
  const due = item.deadline!;
  return {
    id: item.id,
    kind: STATE_NOTICE_KIND,
    label: item.label,
    recipient: item.recipient,
    jurisdiction: item.jurisdiction,
    count: item.count,
    citation: item.citation,
    deadline: { date: due.date, instant: due.instant },
    target: { date: due.date, instant: due.instant },
  };
}

async function planFor(ctx: IncidentContext, withRecorded: boolean): Promise<ComputedStateLaw> {
  const { s } = ctx;
  const policy = currentPolicy(ctx);
  return planStateObligations({
    facts: withLawEnforcementDelays(s.facts, s.lawEnforcementDelays),
    decision: {
      by: s.decision!.by,
      at: s.decision!.at,
      ...(s.decision!.justification ? { justification: s.decision!.justification } : {}),
    },
    now: nowIso(),
    targetDays: policy.targetDays,
    rulesVersion: ctx.rulesVersion,
    ...(policy.lawEnforcementDelayReading ? { tolling: policy.lawEnforcementDelayReading } : {}),
    events: s.stateLaw?.events ?? {},
    ...(withRecorded && s.stateLaw
      ? {
          recorded: {
            packVersion: s.stateLaw.packVersion,
            packFingerprint: s.stateLaw.packFingerprint,
            items: s.stateLaw.items,
            toReview: s.stateLaw.toReview,
          },
        }
      : {}),
  });
}

interface Reconciled {
  started: string[];
  cancelled: string[];
  rescheduled: string[];
}

/**
 * Brings the State obligation workflows in line with a computed plan: starts what is newly tracked,
 * reschedules what moved, cancels (withdraws, with the reason recorded) what is no longer owed or no
 * longer controls its recipient. `only`: restrict to these ids (dating pending items under another pack).
 */
async function reconcile(
  ctx: IncidentContext,
  computed: ComputedStateLaw,
  by: string,
  why: string,
  only?: Set<string>,
): Promise<Reconciled> {
  const { s } = ctx;
  const view = s.stateLaw!;
  const done: Reconciled = { started: [], cancelled: [], rescheduled: [] };
  const next = new Map(computed.items.map((i) => [i.id, i]));
  const obligationView = (id: string) => s.obligations.find((o) => o.obligation.id === id);
  const withdraw = async (v: IncidentObligationView, reason: string) => {
    await getExternalWorkflowHandle(v.childWorkflowId).signal(withdrawObligationSignal, { by, reason });
    v.status = 'withdrawn';
    done.cancelled.push(v.obligation.id);
    record(ctx, {
      at: nowIso(),
      by,
      action: 'state_obligation_cancelled',
      detail: `${v.obligation.label} (${v.obligation.citation}): ${reason}`,
    });
  };

  const items: StateObligationItem[] = [];
  for (const old of view.items) {
    if (only && !only.has(old.id)) {
      items.push(old);
      continue;
    }
    if (next.has(old.id)) continue;
    if (old.status === 'cancelled') {
      // Still cancelled: kept as recorded (who cancelled it and why), not dropped from the record.
      items.push(old);
      continue;
    }
    const reason = `${why}: ${computed.diff?.changes.find((c) => c.id === old.id)?.reason ?? `no longer in the plan (pack ${computed.packVersion})`}`;
    const v = obligationView(old.id);
    if (isOpenView(v)) await withdraw(v, reason);
    else record(ctx, { at: nowIso(), by, action: 'state_obligation_cancelled', detail: `${old.label} (${old.citation}): ${reason}` });
    items.push({ ...old, status: 'cancelled', cancelledReason: reason });
  }
  for (const item of computed.items) {
    if (only && !only.has(item.id)) continue;
    const v = obligationView(item.id);
    if (item.status === 'tracked') {
      const o = tracked(item);
      // The engine withdrew this item earlier (a replan cancelled it, or an earlier clock controlled it) and this
      // plan tracks it again: it gets a new obligation workflow. A person's withdrawal (recorded item still
      // 'tracked') is left alone.
      const prior = view.items.find((i) => i.id === item.id);
      const restart = v?.status === 'withdrawn' && prior !== undefined && prior.status !== 'tracked' && patched(STATE_ITEM_RESTART_PATCH);
      if (!v || restart) {
        const childId = v && restart ? restartIdOf(ctx, o.id, v.childWorkflowId) : childIdOf(ctx, o.id);
        trackChild(ctx, await startObligationChild(ctx, childId, o));
        const started: IncidentObligationView = {
          obligation: o,
          status: 'planned',
          escalationLevel: 0,
          remindersSent: 0,
          childWorkflowId: childId,
        };
        if (v && restart) s.obligations[s.obligations.indexOf(v)] = started;
        else s.obligations.push(started);
        done.started.push(o.id);
        record(ctx, {
          at: nowIso(),
          by,
          action: 'state_obligation_planned',
          detail: `${o.label}: deadline ${o.deadline.date} (${o.citation}; ${item.verification}; pack ${item.packVersion})${
            v && restart
              ? `; started again (it was ${prior.status.replace(/_/g, ' ')}; the withdrawn workflow ${v.childWorkflowId} stays closed)`
              : ''
          }`,
        });
      } else if (isOpenView(v) && v.obligation.deadline.date !== o.deadline.date) {
        await getExternalWorkflowHandle(v.childWorkflowId).signal(rescheduleObligationSignal, { obligation: o, by, reason: why });
        done.rescheduled.push(o.id);
        record(ctx, {
          at: nowIso(),
          by,
          action: 'state_obligation_rescheduled',
          detail: `${o.label}: deadline ${v.obligation.deadline.date} → ${o.deadline.date} (${o.citation}; ${why})`,
        });
        v.obligation = o;
      }
    } else if (isOpenView(v)) {
      await withdraw(
        v,
        item.status === 'controlled_elsewhere' && item.controlledBy
          ? `an earlier clock controls this recipient: ${item.controlledBy.citation} (${item.controlledBy.date})`
          : `${why}: now ${item.status.replace(/_/g, ' ')}`,
      );
    }
    items.push(item);
  }
  view.items = items;
  if (!only) {
    view.packVersion = computed.packVersion;
    view.packFingerprint = computed.packFingerprint;
    view.disclaimer = computed.disclaimer;
    view.toReview = computed.toReview;
    view.recipientClocks = computed.recipientClocks;
  }
  view.plannedAt = nowIso();
  return done;
}

/** After the federal plan (a reportable decision, changed facts): plan or re-plan the State items. */
export async function planStateLaw(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  if (!s.stateLaw) {
    const computed = await planFor(ctx, false);
    s.stateLaw = {
      packVersion: computed.packVersion,
      packFingerprint: computed.packFingerprint,
      disclaimer: computed.disclaimer,
      plannedAt: nowIso(),
      items: [],
      toReview: computed.toReview,
      recipientClocks: computed.recipientClocks,
      events: {},
      replans: [],
    };
    const counts = countBy(computed.items);
    record(ctx, {
      at: nowIso(),
      by: 'engine',
      action: 'state_law_planned',
      detail: `state-law pack ${computed.packVersion} (${computed.packFingerprint}): ${counts}${computed.toReview.length ? `; ${computed.toReview.map((t) => t.item).join('; ')}` : ''}`,
    });
    await reconcile(ctx, computed, 'engine', 'planned');
    return;
  }
  await refresh(ctx, 'the facts changed');
}

/** An anchoring event was recorded (or the facts changed): re-compute with the incident's pack. */
export async function refreshStateLaw(ctx: IncidentContext): Promise<void> {
  if (ctx.s.stateLaw) await refresh(ctx, 'anchoring event recorded');
}

async function refresh(ctx: IncidentContext, why: string): Promise<void> {
  const view = ctx.s.stateLaw!;
  const computed = await planFor(ctx, true);
  if (computed.packFingerprint === view.packFingerprint) {
    await reconcile(ctx, computed, 'engine', why);
    return;
  }
  // The engine's pack is not the one the incident planned on: the recorded items stand. Only pending items
  // are dated (their rule is the one recorded: same id and citation), and the timeline says what to do.
  const dated = new Set(
    view.items
      .filter((old) => old.status === 'pending')
      .filter((old) => {
        const now = computed.items.find((i) => i.id === old.id);
        return now && now.citation === old.citation && now.status !== 'pending';
      })
      .map((o) => o.id),
  );
  if (dated.size) await reconcile(ctx, computed, 'engine', `${why} (dated with pack ${computed.packVersion})`, dated);
  record(ctx, {
    at: nowIso(),
    by: 'engine',
    action: 'state_law_pack_differs',
    detail: `${why}: the engine has state-law pack ${computed.packVersion} (${computed.packFingerprint}); this incident planned on ${view.packVersion} (${view.packFingerprint}). The recorded State items stand; "replan with current law" shows and applies the difference.`,
  });
}

function countBy(items: StateObligationItem[]): string {
  const n = (st: StateObligationItem['status']) => items.filter((i) => i.status === st).length;
  return `${n('tracked')} tracked, ${n('pending')} pending, ${n('no_fixed_date')} without a fixed date, ${n('controlled_elsewhere')} controlled by an earlier clock`;
}

/** The confirm action's hook: a confirmed HHS or individual notice is an event State clocks run from. */
export function noteStateLawEvent(ctx: IncidentContext, view: IncidentObligationView, sentAt: string | undefined): void {
  const sl = ctx.s.stateLaw;
  if (!sl) return;
  const at = sentAt ?? nowIso();
  const kind = view.obligation.kind;
  if ((kind === 'hhs_notice' || kind === 'hhs_annual_log') && !sl.events.hhsNotifiedAt) sl.events.hhsNotifiedAt = at;
  else if (kind === 'individual_notice' && !sl.events.individualsNotifiedAt) sl.events.individualsNotifiedAt = at;
  else return;
  if (sl.items.some((i) => i.status === 'pending')) ctx.stateLawRefreshRequested = true;
}

/**
 * The individual notices are one act for every affected person: once the HIPAA individual notice is
 * confirmed (by a person or by a finished mailing), a State's own individual-notice obligation is met by
 * the same notice — confirmed with that as its evidence (recorded, with a pointer to the State's content
 * rules) — and the State clocks anchored on the individual notices run from then.
 */
export async function settleStateIndividualNotices(ctx: IncidentContext): Promise<void> {
  const { s } = ctx;
  const sl = s.stateLaw;
  if (!sl) return;
  const federal = s.obligations.find((o) => o.obligation.id === 'individual_notice');
  if (federal?.status !== 'confirmed') return;
  if (!sl.events.individualsNotifiedAt) {
    sl.events.individualsNotifiedAt = nowIso();
    if (sl.items.some((i) => i.status === 'pending' && i.pendingOn === 'individual_notice')) ctx.stateLawRefreshRequested = true;
  }
  for (const item of sl.items) {
    if (item.recipientKind !== 'individuals' || item.status !== 'tracked') continue;
    const v = s.obligations.find((o) => o.obligation.id === item.id);
    if (!isOpenView(v)) continue;
    const evidence = {
      method: 'other' as const,
      reference: 'individual_notice',
      sentAt: sl.events.individualsNotifiedAt,
      note: `made by the individual notice confirmed for every affected person (45 CFR 164.404); counsel to check ${item.citation}'s content rules`,
    };
    // Marked before the signal (as markConfirmed does): a person's confirmation arriving meanwhile is refused, not doubled.
    v.status = 'confirmed';
    v.confirmedBy = 'engine';
    await getExternalWorkflowHandle(v.childWorkflowId).signal(confirmObligationSignal, { by: 'engine', evidence });
    record(ctx, {
      at: nowIso(),
      by: 'engine',
      action: 'obligation_confirmed',
      detail: `${v.obligation.label}: other ref individual_notice (the individual notice confirmed ${federal.confirmedBy ? `by ${federal.confirmedBy}` : ''})`,
    });
  }
}

export function registerStateObligations(ctx: IncidentContext): void {
  const { s } = ctx;
  defineEffect(
    ctx,
    replanStateLawUpdate,
    async (req): Promise<ReplanStateLawAnswer> => {
      const computed = await planFor(ctx, true);
      const diff = computed.diff!;
      if (req.expectPack && req.expectPack !== computed.packFingerprint)
        refuse(
          `expectPack: the engine's state-law pack is now ${computed.packVersion} (${computed.packFingerprint}), not the one reviewed (${req.expectPack}): preview again`,
        );
      if (req.preview) return { applied: false, diff };
      if (diff.samePack && !diff.changes.length && !diff.reviewAdded.length && !diff.reviewRemoved.length)
        refuse(`nothing to replan: the incident already uses state-law pack ${diff.toPack} and nothing changes`);
      const fromPack = diff.fromPack;
      const why = `replan with current law by ${req.by} (pack ${s.stateLaw!.packVersion} → ${computed.packVersion})`;
      const done = await reconcile(ctx, computed, req.by, why);
      const applied = {
        ...diff,
        appliedBy: req.by,
        appliedAt: nowIso(),
        requestId: req.requestId,
        ...(req.note ? { note: req.note } : {}),
      };
      s.stateLaw!.replans.push(applied);
      const n = (c: string) => diff.changes.filter((x) => x.change === c).length;
      record(ctx, {
        at: applied.appliedAt,
        by: req.by,
        action: 'state_law_replanned',
        detail: `${fromPack} → ${diff.toPack}: ${n('added')} added, ${n('removed')} removed, ${n('moved')} moved, ${n('changed')} changed${req.note ? `; ${req.note}` : ''}`,
        requestId: req.requestId,
      });
      return { applied: true, diff, ...done };
    },
    {
      check: withSchema<ReplanStateLawRequest>(ReplanSchema),
      validate: () => {
        if (s.stage !== 'notification')
          refuse(`the incident is in ${s.stage}: state law is replanned while notices are being made (after a reportable decision)`);
        if (!s.stateLaw) refuse('no state obligations were planned for this incident (planned before issue 16, or not yet planned)');
      },
    },
  );
}

export type { IncidentStateLawView };
