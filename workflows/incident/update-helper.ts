/**
 * The one way the incident registers an update (issue 14 item 2): every action carries a request id
 * (the same id again is a no-op that returns the first answer), and its request is checked in two steps,
 * each a function so either can be swapped (`check`: the request's shape, e.g. a contract zod schema;
 * `validate`: what the incident's state allows). An action with an effect outside the workflow (an email,
 * a signal, a child started) runs under the incident's mutex: the mutex is taken synchronously when the
 * handler starts, before its first await, so a second update with another request id is refused by its
 * validator (nothing recorded, nothing sent) and the same request id again waits for the first answer.
 * An effect that answers before its delivery (ctx.settling: a confirmation, issue 18 §3) holds the mutex
 * until delivered; an update arriving then is not refused but waits for the delivery, then runs.
 *
 * A validator or handler can never fail a workflow task on what a client sent: an error thrown while
 * checking the request (say a TypeError on a value of an unexpected shape) becomes a refusal, and one
 * thrown by the handler becomes a failed update, not a failed activation retried for ever. The error's
 * kind is named, never its text (it could quote the value).
 */
import { condition, patched, setHandler, TemporalFailure } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { ONE_EFFECT_AT_A_TIME_PATCH } from '../patches.js';
import { refuse, requireText, type IncidentContext } from './context.js';

const MAX_ANSWERED = 500;

/** What every update request carries (contract/incident-requests.ts: requestFields). */
interface RequestBase {
  requestId: string;
  by: string;
}

/** Checks a request's shape; throws (through `refuse`) naming the field and the rule. */
export type RequestCheck<Req> = (req: Req) => void;

/**
 * A request check from the contract's zod schema (contract/incident-requests.ts), after the update's own
 * checks (which name the rule and its citation): a request the schema refuses is refused with each
 * field's path and the schema's rule, never the value.
 */
export function withSchema<Req>(schema: z.ZodType, own?: RequestCheck<Req>): RequestCheck<Req> {
  return (req) => {
    own?.(req);
    const r = schema.safeParse(req);
    if (!r.success) refuse(r.error.issues.map((i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`).join('; '));
  };
}

interface ActionOptions<Req> {
  /** The request's shape (switchable to the contract's schema); runs after the request id is checked. */
  check?: RequestCheck<Req>;
  /** What the incident's state allows now (stage, obligation, law-enforcement hold…). */
  validate: (req: Req) => void;
}

function register<Ret, Req>(
  def: UpdateDefinition<Ret, [Req]>,
  handler: (req: Req) => Ret | Promise<Ret>,
  validator: (req: Req) => void,
): void {
  const malformed = (err: unknown, when: string): never => {
    if (err instanceof TemporalFailure) throw err;
    refuse(
      `the request is malformed (${err instanceof Error ? err.name : 'error'} while ${when} ${def.name}): check each field against the API's schema`,
    );
  };
  setHandler(
    def,
    // A synchronous handler stays synchronous (no extra await): the commands a history recorded keep their order.
    (req: Req): Ret | Promise<Ret> => {
      try {
        const r = handler(req);
        return r instanceof Promise ? r.catch((err: unknown) => malformed(err, 'carrying out')) : r;
      } catch (err) {
        return malformed(err, 'carrying out');
      }
    },
    {
      validator: (req: Req) => {
        try {
          validator(req);
        } catch (err) {
          malformed(err, 'checking');
        }
      },
    },
  );
}

/**
 * Resolves at the SDK's next pass over blocked conditions, which it makes only once the activation's queued microtasks
 * have all run: by then every update this activation answered without awaiting a command (an action, the early
 * confirmation answer) has had its completion sent. The first evaluation (eager, when registered) is false, the next
 * one true; no command, no timer. Issue 18 (task nde): the main loop waits for it once woken (EARLY_CONFIRM_ANSWER_3_PATCH),
 * so its commands follow those completions whether the activation's signal or its update came first (the order
 * differs between live and replay on the time-skipping server).
 */
export function nextConditionPass(): Promise<void> {
  let evaluated = false;
  return condition(() => {
    if (evaluated) return true;
    evaluated = true;
    return false;
  });
}

/** The request-id bookkeeping of one incident. */
export function answeredBefore<T>(ctx: IncidentContext, requestId: string): T | undefined {
  return ctx.s.answered[requestId] as T | undefined;
}

function remember<T>(ctx: IncidentContext, requestId: string, answer: T): T {
  ctx.s.answered[requestId] = answer;
  const keys = Object.keys(ctx.s.answered);
  if (keys.length > MAX_ANSWERED) delete ctx.s.answered[keys[0]!];
  return answer;
}

/** Every action's common checks; true when this request id was answered before (a retry: a no-op). */
function seenRequest(ctx: IncidentContext, req: RequestBase): boolean {
  requireText(req.requestId, 'requestId', 'every action carries a request id');
  requireText(req.by, 'by', 'every action names who took it');
  return Boolean(ctx.s.answered[req.requestId]);
}

function refuseWhileBusy(ctx: IncidentContext, req: { requestId: string }): void {
  const busy = ctx.effectInFlight;
  // An effect already answered and only delivering (issue 18 §3) is not refused against: the next one waits for it.
  if (busy && busy.requestId !== req.requestId && !busy.answered) {
    refuse(
      `another action is in progress on this incident (${busy.action}, request ${busy.requestId}): nothing was done; try again when it has finished`,
    );
  }
}

/**
 * An action that changes only the workflow's state: carried out synchronously (no await), recorded
 * under its request id.
 */
export function defineAction<Ret, Req extends RequestBase>(
  ctx: IncidentContext,
  def: UpdateDefinition<Ret, [Req]>,
  apply: (req: Req) => Ret,
  opts: ActionOptions<Req>,
): void {
  register(
    def,
    (req) => {
      if (ctx.s.answered[req.requestId]) return ctx.s.answered[req.requestId] as Ret;
      const answer = apply(req);
      ctx.dirty = true;
      return remember(ctx, req.requestId, answer);
    },
    (req) => {
      if (seenRequest(ctx, req)) return;
      opts.check?.(req);
      opts.validate(req);
    },
  );
}

/**
 * An action with an effect outside the workflow, one at a time per incident (issue 13 item 4; histories
 * from before the 'one-effect-at-a-time' patch keep running without the mutex). `run` must record its
 * effect in the state before it awaits anything that a second request could race.
 */
export function defineEffect<Ret, Req extends RequestBase>(
  ctx: IncidentContext,
  def: UpdateDefinition<Ret, [Req]>,
  run: (req: Req) => Promise<Ret>,
  opts: ActionOptions<Req>,
): void {
  const action = def.name;
  const once = async (req: Req): Promise<Ret> => {
    if (ctx.s.answered[req.requestId]) return ctx.s.answered[req.requestId] as Ret;
    const answer = await run(req);
    ctx.dirty = true;
    return remember(ctx, req.requestId, answer);
  };
  register(
    def,
    async (req) => {
      if (!patched(ONE_EFFECT_AT_A_TIME_PATCH)) return once(req);
      while (ctx.effectInFlight) {
        refuseWhileBusy(ctx, req);
        const current = ctx.effectInFlight;
        await condition(() => ctx.effectInFlight !== current);
      }
      // The same request id that waited: the first attempt's answer (a failed first attempt is tried again).
      if (ctx.s.answered[req.requestId] !== undefined) return ctx.s.answered[req.requestId] as Ret;
      const busy = { requestId: req.requestId, action };
      ctx.effectInFlight = busy;
      // An effect that answered before its delivery (ctx.settling, issue 18 §3) keeps the mutex until it settles.
      let settling: Promise<void> | undefined;
      try {
        const answer = await once(req);
        settling = ctx.settling;
        return answer;
      } finally {
        ctx.settling = undefined;
        if (!settling) ctx.effectInFlight = undefined;
        else {
          ctx.effectInFlight = { ...busy, answered: true };
          const delivering = ctx.effectInFlight;
          void settling.finally(() => ctx.effectInFlight === delivering && (ctx.effectInFlight = undefined));
        }
      }
    },
    (req) => {
      if (seenRequest(ctx, req)) return;
      refuseWhileBusy(ctx, req);
      opts.check?.(req);
      opts.validate(req);
    },
  );
}
