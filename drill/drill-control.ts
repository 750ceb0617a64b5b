/**
 * An interactive drill across CLI calls: `breach drill start` keeps the drill engine and its session in
 * one foreground process and serves a small control endpoint on 127.0.0.1 (a random bearer token, kept
 * with the address in a session file readable by its owner only); `breach drill advance 5d | day 45 |
 * next`, `status`, `act` and `end` talk to it. The team also reaches the drill's incident with the usual
 * CLI and API pointed at the drill's server (the environment lines `start` prints).
 */
import crypto from 'node:crypto';
import { filterListItems, listItemOf } from './drill-list.js';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { DAY_MS, DRILL_BANNER, parseAdvance } from './drill-engine.js';
import { DrillInputError, TeamAction, type Scenario } from './scenario.js';
import { afterActionMarkdown } from './score.js';
import { afterActionHtml } from './report-html.js';
import { afterActionPdf } from './report-pdf.js';
import type { DrillSession } from './run-drill.js';
import type { DrillApi, DrillView } from '../api/drill-routes.js';

export const SessionFile = z
  .object({ url: z.string().url(), token: z.string().min(16), ref: z.string(), scenario: z.string(), pid: z.number().int() })
  .strict();
export type SessionFile = z.infer<typeof SessionFile>;

export const AdvanceRequest = z.union([
  z.object({ by: z.string().min(1) }).strict(),
  z.object({ toDay: z.number().min(0).max(400) }).strict(),
  z.object({ next: z.literal(true) }).strict(),
]);

/** "5d" / "day 45" / "next": the facilitator's words, as a request. */
export function parseAdvanceWords(words: string[]): z.infer<typeof AdvanceRequest> {
  const text = words.join(' ').trim().toLowerCase();
  if (text === 'next' || text === 'next deadline' || text === 'to the next deadline') return { next: true };
  const day = /^(?:to\s+)?day\s+(\d+(?:\.\d+)?)$/.exec(text);
  if (day) return { toDay: Number(day[1]) };
  parseAdvance(text); // throws the rule when it is not a duration either
  return { by: text };
}

/** What the control endpoint and the API's GET /drill answer (api/drill-routes.ts). */
export type DrillStatus = DrillView;

export async function drillStatus(session: DrillSession): Promise<DrillStatus> {
  const now = await session.engine.now();
  const s = await session.engine.service.status(session.ref);
  const dayOf = (iso: string) => Math.round(session.dayOf(Date.parse(iso)) * 10) / 10;
  return {
    drill: true,
    banner: DRILL_BANNER,
    scenario: session.scenario.id,
    title: session.scenario.title,
    ref: session.ref,
    day: Math.round(session.dayOf(now) * 10) / 10,
    now: new Date(now).toISOString(),
    stage: s.stage,
    injects: session.scenario.injects.map((i) => ({
      id: i.id,
      kind: i.kind,
      day: i.day,
      message: i.message,
      arrived: session.day0 + i.day * DAY_MS <= now,
      recorded: i.id in session.injectsRecorded,
    })),
    obligations: s.obligations.map((o) => ({
      id: o.obligation.id,
      label: o.obligation.label,
      status: o.status,
      targetDay: dayOf(o.obligation.target.instant),
      deadlineDay: dayOf(o.obligation.deadline.instant),
      ...(o.obligation.heldUntil ? { heldUntilDay: dayOf(o.obligation.heldUntil) } : {}),
    })),
    ...(!s.decision && s.decisionDue ? { decisionDueDay: dayOf(s.decisionDue.dates.deadline.instant) } : {}),
  };
}

/** The facilitator's clock on one session: by a duration, to a day, or to the next deadline. */
export async function advanceSession(
  session: DrillSession,
  req: z.infer<typeof AdvanceRequest>,
): Promise<{ reached?: { what: string; at: string } | 'no deadline ahead'; status: DrillStatus }> {
  let reached: { what: string; at: string } | 'no deadline ahead' | undefined;
  if ('by' in req) await session.advanceBy(parseAdvance(req.by));
  else if ('toDay' in req) await session.advanceToDay(req.toDay);
  else reached = (await session.advanceToNextDeadline()) ?? 'no deadline ahead';
  return { ...(reached ? { reached } : {}), status: await drillStatus(session) };
}

/** Why an inject cannot be recorded now (unknown to the scenario, or not arrived yet), or undefined. */
export function injectProblem(session: DrillSession, id: string, nowMs: number): string | undefined {
  const inj = session.scenario.injects.find((i) => i.id === id);
  if (!inj) return `inject: "${id}" is not an inject of scenario ${session.scenario.id}`;
  if (session.day0 + inj.day * DAY_MS > nowMs) return `inject: "${id}" has not arrived yet (day ${inj.day})`;
  return undefined;
}

/**
 * Records an inject in the engine for the team (the console's facilitator controls): the one named, or the
 * earliest that has arrived and is not recorded yet. The same checks and the same session action as
 * `breach drill act '{"do":"record_inject",…}'`; refused with the field and the rule.
 */
export async function recordInjectFor(
  session: DrillSession,
  req: { inject?: string | undefined },
  by: string,
): Promise<{ ok: true; inject: { id: string; kind: string; day: number } } | { ok: false; status: 400 | 409; error: string }> {
  const now = await session.engine.now();
  let id = req.inject;
  if (id === undefined) {
    const next = session.scenario.injects
      .filter((i) => !(i.id in session.injectsRecorded) && session.day0 + i.day * DAY_MS <= now)
      .sort((a, b) => a.day - b.day)[0];
    if (!next) return { ok: false, status: 400, error: 'inject: no inject has arrived that is not recorded yet' };
    id = next.id;
  }
  const problem = injectProblem(session, id, now);
  if (problem) return { ok: false, status: 400, error: problem };
  const r = await session.act({ do: 'record_inject', inject: id, day: Math.max(0, session.dayOf(now)), by });
  if (!r.ok) return { ok: false, status: 409, error: r.message ?? 'refused by the engine' };
  const inj = session.scenario.injects.find((i) => i.id === id)!;
  return { ok: true, inject: { id: inj.id, kind: inj.kind, day: inj.day } };
}

/** The drill as the API serves it (GET /drill, the facilitator's advance, inject and score): the same session. */
export function drillApi(session: DrillSession, opts: { team?: string } = {}): DrillApi {
  return {
    view: () => drillStatus(session),
    advance: async (req) => {
      const r = await session.exclusive(() => advanceSession(session, req));
      return { ...(r.reached ? { reached: r.reached } : {}), view: r.status };
    },
    recordInject: (req, by) =>
      session.exclusive(async () => {
        const r = await recordInjectFor(session, req, by);
        return r.ok ? { recorded: r.inject, view: await drillStatus(session) } : r;
      }),
    score: () => session.score(opts.team ?? 'drill team'),
    incidents: async (filters) => {
      const [state, now] = await Promise.all([session.engine.service.status(session.ref), session.engine.now()]);
      return filterListItems([listItemOf(state)], filters, now);
    },
  };
}

export interface DrillControl {
  url: string;
  token: string;
  /** Resolves when the facilitator ends the drill (the report is written by then). */
  ended: Promise<{ markdownFile: string; htmlFile: string; pdfFile: string; scoreFile: string }>;
  close(): Promise<void>;
}

/** Serves the control endpoint for one session; `end` writes the after-action report and score to outDir. */
export async function serveDrillControl(
  session: DrillSession,
  scenario: Scenario,
  opts: { outDir: string; team?: string; port?: number },
): Promise<DrillControl> {
  const token = crypto.randomBytes(24).toString('base64url');
  type Files = { markdownFile: string; htmlFile: string; pdfFile: string; scoreFile: string };
  let endResolve!: (v: Files) => void;
  const ended = new Promise<Files>((r) => (endResolve = r));
  const handle = async (method: string, url: string, body: unknown): Promise<[number, unknown]> => {
    if (method === 'GET' && url === '/status') return [200, await drillStatus(session)];
    if (method === 'POST' && url === '/advance') {
      const req = AdvanceRequest.safeParse(body);
      if (!req.success) return [400, { error: 'body: one of { "by": "5d" }, { "toDay": 45 }, { "next": true }' }];
      return [200, await advanceSession(session, req.data)];
    }
    if (method === 'POST' && url === '/act') {
      const now = await session.engine.now();
      const parsed = TeamAction.safeParse({ ...(body as object), day: Math.max(0, session.dayOf(now)) });
      if (!parsed.success)
        return [400, { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(action)'}: ${i.message}`).join('; ') }];
      const a = parsed.data;
      if (a.do === 'record_inject') {
        const problem = injectProblem(session, a.inject, now);
        if (problem) return [400, { error: problem }];
      }
      const r = await session.act(a);
      return [r.ok ? 200 : 409, r];
    }
    if (method === 'POST' && url === '/end') {
      const score = await session.score(opts.team ?? 'drill team');
      fs.mkdirSync(opts.outDir, { recursive: true });
      const base = path.join(opts.outDir, `DRILL-${scenario.id}-${score.day0.replace(/[:.]/g, '-')}`);
      const files: Files = {
        markdownFile: `${base}-after-action.md`,
        htmlFile: `${base}-after-action.html`,
        pdfFile: `${base}-after-action.pdf`,
        scoreFile: `${base}-score.json`,
      };
      const markdown = afterActionMarkdown(score, scenario);
      fs.writeFileSync(files.markdownFile, markdown);
      fs.writeFileSync(files.htmlFile, afterActionHtml(markdown, `${scenario.title}: after-action report`));
      fs.writeFileSync(files.pdfFile, await afterActionPdf(markdown, `${scenario.title}: after-action report`));
      fs.writeFileSync(files.scoreFile, JSON.stringify(score, null, 2) + '\n');
      setImmediate(() => endResolve(files));
      return [200, { ...files, overall: score.overall, missed: score.missed }];
    }
    return [404, { error: `no such drill control: ${method} ${url}` }];
  };
  const server = http.createServer((req, res) => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const given = req.headers.authorization ?? '';
    const expected = `Bearer ${token}`;
    if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
      return reply(401, { error: 'authorization: the drill session token is required' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let body: unknown = {};
      try {
        if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { error: 'body: not valid JSON' });
      }
      // One control at a time: the clock and the team's actions never interleave.
      void session.exclusive(async () => {
        try {
          const [code, out] = await handle(req.method ?? 'GET', req.url ?? '/', body);
          reply(code, out);
        } catch (err) {
          reply(err instanceof DrillInputError ? 400 : 500, { error: (err as Error).message });
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, token, ended, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A control request from another process (the CLI), with the session file's address and token. */
export async function drillRequest(
  session: SessionFile,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(`${session.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new DrillInputError(`no drill is running at ${session.url} (start one with: breach drill start --scenario <file>)`);
  }
  return { status: res.status, body: await res.json() };
}

export function readSessionFile(file: string): SessionFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new DrillInputError(`${file}: no drill session here (start one with: breach drill start --scenario <file>)`);
  }
  const r = SessionFile.safeParse(raw);
  if (!r.success) throw new DrillInputError(`${file}: not a drill session file`);
  return r.data;
}

export function writeSessionFile(file: string, s: SessionFile): void {
  fs.writeFileSync(file, JSON.stringify(s, null, 2) + '\n', { mode: 0o600 });
}
