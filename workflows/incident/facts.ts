/** Facts and assessment: intake, the recordFacts update, and the facts parsed once per version. */
import { RecordFactsRequest as RecordFactsSchema } from '../../contract/incident-requests.js';
import { patched } from '@temporalio/workflow';
import { recordFactsUpdate } from '../../contract/incident-messages.js';
import type { RecordFactsRequest } from '../../contract/incident-types.js';
import { checkFacts, withLawEnforcementDelays, type CheckedFacts } from '../../contract/incident-rules.js';
import { factsSizeProblems, factsVersionsProblem } from '../../contract/payload-limits.js';
import { factsBytesRecorded } from './carry.js';
import { FACTS_SIZE_LIMITS_PATCH } from '../patches.js';
import { isOpen, nowIso, optionalText, record, refuse, refuseFacts, requireText, type IncidentContext } from './context.js';
import { withSchema, defineAction, type RequestCheck } from './update-helper.js';
import * as t from './transitions.js';

type Parsed = Extract<CheckedFacts, { ok: true }>;

/** New facts checked with the incident's law-enforcement statements merged in; refused with every issue named. */
export function acceptFacts(ctx: IncidentContext, facts: unknown): Parsed {
  const checked = checkFacts(withLawEnforcementDelays(facts, ctx.s.lawEnforcementDelays), nowIso(), ctx.rulesVersion);
  if (!checked.ok) refuseFacts('invalid facts', checked.issues);
  return checked;
}

/** Records a version of the facts and keeps them parsed (the one place `s.facts` changes). */
export function applyFacts(ctx: IncidentContext, req: Parameters<typeof t.recordFacts>[1], checked: Parsed, detailReason?: string): void {
  const tr = t.recordFacts(ctx.s, req, checked, ctx.rulesVersion, nowIso(), detailReason);
  ctx.parsed = checked;
  record(ctx, ...tr.entries);
  if (tr.replan) ctx.replanRequested = true;
  if (tr.decisionDueChanged) ctx.slaRescheduleRequested = true;
}

/** Facts given at the start; a carried run parses the facts it carries once. */
export function intakeFacts(ctx: IncidentContext): void {
  const { input, s } = ctx;
  if (input.carried) {
    if (s.facts !== undefined) {
      const checked = checkFacts(s.facts, nowIso(), ctx.rulesVersion);
      if (checked.ok) ctx.parsed = checked;
    }
    return;
  }
  if (input.facts === undefined) return;
  // Issue 13 item 3: facts over the size limits are not kept (the service refuses them before the start;
  // a raw start is recorded as rejected). The marker appears only in histories with such facts.
  const oversized = factsSizeProblems(input.facts);
  if (oversized.length > 0 && patched(FACTS_SIZE_LIMITS_PATCH)) {
    record(ctx, { at: nowIso(), by: input.openedBy, action: 'facts_rejected_at_intake', detail: oversized.join('; ') });
    return;
  }
  const checked = checkFacts(input.facts, nowIso(), ctx.rulesVersion);
  if (checked.ok) {
    applyFacts(ctx, { facts: input.facts, by: input.openedBy }, checked);
    // Intake: the decision service level is computed anyway on the first loop (slaRescheduleRequested).
  } else {
    record(ctx, { at: nowIso(), by: input.openedBy, action: 'facts_rejected_at_intake', detail: checked.problems.join('; ') });
  }
}

export function registerFacts(ctx: IncidentContext, check?: RequestCheck<RecordFactsRequest>): void {
  const { s } = ctx;
  defineAction(
    ctx,
    recordFactsUpdate,
    (req) => {
      applyFacts(ctx, req, acceptFacts(ctx, req.facts));
      return s.recommendation!;
    },
    {
      check: check ?? withSchema(RecordFactsSchema, (req) => optionalText(req.reason, 'reason')),
      validate: (req) => {
        if (!isOpen(s)) refuse(`the incident is closed (${s.closure ?? 'closed'}); facts can no longer change`);
        if (s.decision) requireText(req.reason, 'reason', 'a correction after the decision must say why (it is recorded in the history)');
        // Issue 13 item 3 (validator only: never re-run on replay, so recorded histories are unaffected).
        const oversized = factsSizeProblems(req.facts);
        if (oversized.length > 0) refuse(oversized.join('; '));
        const tooMany = factsVersionsProblem(factsBytesRecorded(s), req.facts);
        if (tooMany) refuse(tooMany);
        acceptFacts(ctx, req.facts);
      },
    },
  );
}
