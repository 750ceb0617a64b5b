/**
 * The drill routes (issue 19 item 1): when the API serves a drill (the drill engine starts the same API
 * and console pointed at the drill's own server), `GET /drill` tells every signed-in user it is a drill
 * (the console then shows its DRILL banner on every screen), and the facilitator — the admin role —
 * moves the clock (`POST /drill/advance`), records an inject for the team (`POST /drill/inject`) and reads
 * the score (`GET /drill/score`). Every call is
 * authenticated by the API's onRequest hook and written to the audit log by its onResponse hook like any
 * other route. On a production API these routes do not exist (404).
 */
import type { FastifyInstance } from 'fastify';
import type { IncidentListItem, ListFilters } from '../service/incident-list.js';
import { z } from 'zod';
import { authorize, HttpError, parse, principalOf } from './action-routes.js';
import type { UserRole } from '../contract/vocabulary.js';

/** What the console shows of a drill (drill/drill-control.ts builds it). */
export interface DrillView {
  drill: true;
  banner: string;
  scenario: string;
  title: string;
  ref: string;
  /** The simulated day (day 0: discovery). */
  day: number;
  /** The drill's simulated "now" (ISO instant): the time-skipping server's clock, which the console's countdowns use. */
  now: string;
  stage: string;
  injects: { id: string; kind: string; day: number; message: string; arrived: boolean; recorded: boolean }[];
  obligations: { id: string; label: string; status: string; targetDay: number; deadlineDay: number; heldUntilDay?: number }[];
  decisionDueDay?: number;
  /** Whether the signed-in user may facilitate (the console shows the controls from this, it keeps no role table). */
  facilitator?: boolean;
}

/** The facilitator's clock: by a duration ("5d"), to a day, or to the next target/deadline/decision due date. */
export const DrillAdvanceBody = z.union(
  [
    z.object({ by: z.string().regex(/^\d+(\.\d+)?\s*[dhm]$/, 'a duration like 5d, 12h or 90m') }).strict(),
    z.object({ toDay: z.number({ error: 'a day number' }).min(0, 'day 0 or later').max(400, 'at most day 400') }).strict(),
    z.object({ next: z.literal(true) }).strict(),
  ],
  { error: 'one of { "by": "5d" }, { "toDay": 45 }, { "next": true }' },
);
export type DrillAdvanceBody = z.infer<typeof DrillAdvanceBody>;

/** The facilitator records an inject for the team: the one named, or (no body field) the earliest arrived and not yet recorded. */
export const DrillInjectBody = z
  .object({
    inject: z
      .string({ error: 'an inject id (text)' })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an inject id of the scenario (lower-case letters, digits and - only)')
      .optional(),
  })
  .strict();
export type DrillInjectBody = z.infer<typeof DrillInjectBody>;

export type DrillInjectResult =
  { recorded: { id: string; kind: string; day: number }; view: DrillView } | { ok: false; status: 400 | 409; error: string };

export interface DrillScoreView {
  overall: number;
  endDay: number;
  obligations: {
    id: string;
    label: string;
    citation?: string;
    /** 'state': a State item (issue 16), with its jurisdiction and verification status. */
    law?: 'federal' | 'state';
    jurisdiction?: string;
    verification?: 'verified' | 'secondary_sources' | 'unverified';
    /** A covered-entity notice's 60-day outer limit (164.410(b)) and whether it was met. */
    outerLimit?: { date: string; day: number; citation: string; met?: boolean };
    outcome: string;
    confirmedDay?: number;
    targetDay: number;
    deadlineDay: number;
    points?: number;
  }[];
  missed: string[];
}

export interface DrillApi {
  view(): Promise<DrillView>;
  advance(req: DrillAdvanceBody): Promise<{ reached?: { what: string; at: string } | 'no deadline ahead'; view: DrillView }>;
  /** Records an inject in the engine for the team, as `by` (the facilitator's user id). */
  recordInject(req: DrillInjectBody, by: string): Promise<DrillInjectResult>;
  score(): Promise<DrillScoreView>;
  /** The board's list in a drill: the session's incidents with the list's filters (no visibility on the test server). */
  incidents(filters: ListFilters): Promise<IncidentListItem[]>;
}

const FACILITATOR: { name: string; roles: readonly UserRole[] } = { name: 'facilitate the drill', roles: ['admin'] };

export function registerDrillRoutes(app: FastifyInstance, drill: DrillApi): void {
  app.get('/drill', async (req) => {
    const p = principalOf(req);
    if (!p) throw new HttpError(401, 'missing or invalid API token (Authorization: Bearer <token>)');
    return { ...(await drill.view()), facilitator: FACILITATOR.roles.includes(p.role) };
  });
  app.post('/drill/advance', async (req) => {
    authorize(principalOf(req), FACILITATOR);
    const body = parse(DrillAdvanceBody, req.body, 'body');
    const r = await drill.advance(body); // one step at a time (the session serializes)
    return { ...r, view: { ...r.view, facilitator: true } };
  });
  app.post('/drill/inject', async (req) => {
    const p = authorize(principalOf(req), FACILITATOR);
    const body = parse(DrillInjectBody, req.body, 'body');
    const r = await drill.recordInject(body, p.userId);
    if ('error' in r) throw new HttpError(r.status, r.error);
    return { ...r, view: { ...r.view, facilitator: true } };
  });
  app.get('/drill/score', async (req) => {
    authorize(principalOf(req), FACILITATOR);
    return drill.score();
  });
}
