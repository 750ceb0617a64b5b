/** Law-enforcement delays (164.412): a statement holds the notices; its end lets them go. */
import { EndLawEnforcementDelayRequest as EndSchema, LawEnforcementDelayRequest as StartSchema } from '../../contract/incident-requests.js';
import { endLawEnforcementDelayUpdate, startLawEnforcementDelayUpdate } from '../../contract/incident-messages.js';
import type { EndLawEnforcementDelayRequest, LawEnforcementDelayRequest } from '../../contract/incident-types.js';
import { checkFacts, withLawEnforcementDelays } from '../../contract/incident-rules.js';
import { isOpen, nowIso, optionalText, record, refuse, refuseFacts, requireText, type IncidentContext } from './context.js';
import { withSchema, defineAction, type RequestCheck } from './update-helper.js';
import * as t from './transitions.js';

const statementShape: RequestCheck<LawEnforcementDelayRequest> = (req) => {
  const st = req.statement;
  if (!st || (st.kind !== 'written' && st.kind !== 'oral')) refuse('statement.kind: must be "written" or "oral" (164.412(a)/(b))');
  requireText(st.official, 'statement.official', "the official's identity must be documented (164.412(b))");
  requireText(st.agency, 'statement.agency', 'the agency must be documented');
  for (const f of ['receivedAt', 'endsAt'] as const) optionalText((st as Partial<Record<typeof f, unknown>>)[f], `statement.${f}`);
  if (Number.isNaN(Date.parse(st.receivedAt))) refuse('statement.receivedAt: must be an ISO date-time');
  if (st.kind === 'written') {
    if (Number.isNaN(Date.parse(st.endsAt))) refuse('statement.endsAt: a written statement must specify the period (164.412(a))');
    if (Date.parse(st.endsAt) <= Date.parse(st.receivedAt)) refuse('statement.endsAt: must be after receivedAt');
  }
};

const endShape: RequestCheck<EndLawEnforcementDelayRequest> = (req) => {
  optionalText(req.endedAt, 'endedAt');
  optionalText(req.note, 'note');
  if (req.endedAt && Number.isNaN(Date.parse(req.endedAt))) refuse('endedAt: must be an ISO date-time');
};

export function registerLawEnforcement(
  ctx: IncidentContext,
  checks: { start?: RequestCheck<LawEnforcementDelayRequest>; end?: RequestCheck<EndLawEnforcementDelayRequest> } = {},
): void {
  const { s } = ctx;
  defineAction(
    ctx,
    startLawEnforcementDelayUpdate,
    (req) => {
      const tr = t.startLawEnforcementDelay(s, req, nowIso());
      record(ctx, ...tr.entries);
      if (tr.replan) ctx.replanRequested = true;
      return { delays: s.lawEnforcementDelays.length };
    },
    {
      check: checks.start ?? withSchema(StartSchema, statementShape),
      validate: (req) => {
        if (!isOpen(s)) refuse('the incident is closed');
        if (Date.parse(req.statement.receivedAt) > Date.now()) refuse('statement.receivedAt: cannot be in the future');
        const candidate = [...s.lawEnforcementDelays, { ...req.statement, recordedBy: req.by }];
        if (s.facts !== undefined) {
          const checked = checkFacts(withLawEnforcementDelays(s.facts, candidate), nowIso(), ctx.rulesVersion);
          if (!checked.ok) refuseFacts('invalid law-enforcement statement', checked.issues);
        }
      },
    },
  );
  defineAction(
    ctx,
    endLawEnforcementDelayUpdate,
    (req) => {
      const tr = t.endLawEnforcementDelay(s, req, nowIso());
      record(ctx, ...tr.entries);
      if (tr.replan) ctx.replanRequested = true;
      return { delays: s.lawEnforcementDelays.length };
    },
    {
      check: checks.end ?? withSchema(EndSchema, endShape),
      validate: () => {
        if (!s.lawEnforcementDelays.some((d) => !d.endedAt)) refuse('no law-enforcement delay is in force');
      },
    },
  );
}
