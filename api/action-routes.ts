/**
 * The HTTP routes of the incident actions, registered from the contract (contract/incident-actions.ts):
 * one generic handler per route — the caller is authenticated (the onRequest hook of api/http-api.ts),
 * authorized by the action's roles BEFORE anything is parsed or looked up (an unauthorized caller cannot
 * tell which references exist), its path, query and body parsed with the action's schemas, then the
 * service called. What each action does is the small function in HANDLERS; the compiler insists there is
 * one for every action.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { INCIDENT_ACTIONS, pathParams, permissionsOf, type IncidentAction, type IncidentActionName } from '../contract/incident-actions.js';
import { DraftKind, ObligationId, RegulatorId } from '../contract/incident-requests.js';
import { OpaqueRef } from '../contract/vocabulary.js';
import { incidentWorkflowId } from '../contract/incident-ids.js';
import type { Principal } from '../security/api-tokens.js';
import type { IncidentService } from '../service/incident-service.js';
import { listIncidents, type IncidentListItem, type ListFilters } from '../service/incident-list.js';
import { summarizeHistory } from '../service/incident-history.js';
import { importRosterForIncident, type RosterImporter } from '../service/roster-import.js';
import { buildEvidenceBundle } from '../evidence/evidence-bundle.js';
import { readIncidentRecord } from '../evidence/incident-record.js';
import type { EvidenceSigner } from '../security/evidence-signing.js';
import { renderReportHtml, renderReportMarkdown, renderReportPdf } from '../reports/incident-report.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Parses with a schema; every problem by path (`body.reportable`, `path.ref`, `query.limit`), never a stack. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
    throw new HttpError(400, `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return r.data;
}

export const principalOf = (req: FastifyRequest): Principal | undefined => (req as FastifyRequest & { principal?: Principal }).principal;

export interface ActionRouteOptions {
  service: IncidentService;
  client: Client;
  rosters?: RosterImporter;
  rosterBodyLimit?: number;
  evidenceSigner?: EvidenceSigner;
  timeZone?: string;
  idleLogoffMinutes?: number;
  /** The API serves a drill (issue 19): the evidence bundle and the counsel report are marked DRILL. */
  drill?: boolean;
  /** In a drill, the board's list comes from the session (the time-skipping server has no visibility queries). */
  listIncidents?: (filters: ListFilters) => Promise<IncidentListItem[]>;
}

type Action<N extends IncidentActionName> = Extract<(typeof INCIDENT_ACTIONS)[number], { name: N }>;
type BodyOf<N extends IncidentActionName> = Action<N>['http'] extends { body: 'csv' }
  ? Buffer
  : Action<N>['http'] extends { body: infer B extends z.ZodType }
    ? z.output<B>
    : undefined;
type QueryOf<N extends IncidentActionName> = Action<N>['http'] extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;

interface Call<N extends IncidentActionName> {
  principal: Principal;
  /** The path parameters the action's path names (parsed: ref opaque, kind one of the draft kinds). */
  ref: string;
  obligationId: string;
  kind: z.output<typeof DraftKind>;
  regulator: string;
  query: QueryOf<N>;
  body: BodyOf<N>;
  reply: FastifyReply;
}
type Handlers = { [N in IncidentActionName]: (c: Call<N>, o: ActionRouteOptions) => unknown };

const withBy = <T extends object>(body: T, p: Principal) => ({ ...body, by: p.userId });

const HANDLERS: Handlers = {
  open: async ({ body, principal, reply }, o) => {
    const r = await o.service.open({ ...body, openedBy: principal.userId });
    return reply.status(r.created ? 201 : 200).send(r);
  },
  list: async ({ query }, o) => ({
    incidents: o.listIncidents
      ? await o.listIncidents(query)
      : await listIncidents(o.client, query, o.timeZone ? { timeZone: o.timeZone } : {}),
  }),
  me: ({ principal }, o) => ({ ...principal, idleLogoffMinutes: o.idleLogoffMinutes ?? 15, actions: permissionsOf(principal.role) }),
  status: ({ ref }, o) => o.service.status(ref),
  recordFacts: async ({ ref, body, principal }, o) => {
    // Before the decision this is the assessment; after it, a correction, which fewer roles may make.
    const state = await o.service.status(ref);
    if (state.decision) authorize(principal, FACTS_CORRECTION);
    return o.service.recordFacts(ref, withBy(body, principal));
  },
  decide: ({ ref, body, principal }, o) => o.service.decide(ref, withBy(body, principal)),
  startLawEnforcementDelay: ({ ref, body, principal }, o) => o.service.hold(ref, withBy(body, principal)),
  endLawEnforcementDelay: ({ ref, body, principal }, o) => o.service.release(ref, withBy(body, principal)),
  confirmObligation: ({ ref, obligationId, body, principal }, o) => o.service.confirm(ref, { ...withBy(body, principal), obligationId }),
  acknowledge: ({ ref, body, principal }, o) => o.service.acknowledge(ref, withBy(body, principal)),
  replanStateLaw: ({ ref, body, principal }, o) => {
    // A preview is open to the action's roles; applying changes the plan: only the roles that may decide.
    if (!body.preview && !STATE_LAW_APPLY.roles.includes(principal.role))
      throw new HttpError(
        403,
        `role ${principal.role} may preview a replan with current law (preview: true) but not apply it: ${STATE_LAW_APPLY.rule} (allowed: ${STATE_LAW_APPLY.roles.join(', ')})`,
      );
    return o.service.replanStateLaw(ref, withBy(body, principal));
  },
  attachRoster: async ({ ref, body, query, principal, reply }, o) => {
    if (!o.rosters) throw new HttpError(501, 'roster import is not configured on this server');
    const { rosterId, requestId } = query;
    const report = await importRosterForIncident({
      service: o.service,
      importer: o.rosters,
      ref,
      csv: body,
      by: principal.userId,
      ...(rosterId ? { rosterId } : {}),
      ...(requestId ? { requestId } : {}),
    });
    return reply.status(report.alreadyImported ? 200 : 201).send(report);
  },
  startMailing: async ({ ref, obligationId, body, principal, reply }, o) =>
    reply.status(202).send(await o.service.startMailing(ref, { ...withBy(body, principal), obligationId })),
  sendCeNotice: ({ ref, obligationId, body, principal }, o) => o.service.sendCeNotice(ref, { ...withBy(body, principal), obligationId }),
  draft: ({ ref, kind, query, body }, o) =>
    o.service.draft(ref, { kind, content: body.content, ...(query.state ? { state: query.state } : {}) }),
  mailingProgress: ({ ref, obligationId }, o) => o.service.mailingProgress(ref, obligationId),
  report: async ({ ref, query, reply }, o) => {
    // The full record, also of an incident that continued-as-new with a bounded carry (issue 14).
    const state = await readIncidentRecord(o.client, incidentWorkflowId(ref), await o.service.status(ref));
    const built = buildEvidenceBundle(state, new Date().toISOString(), { drill: o.drill ?? false });
    const bundle = o.evidenceSigner ? o.evidenceSigner.sign(built) : built;
    reply.header('cache-control', 'no-store');
    if (query.format === 'evidence') return reply.header('content-disposition', `attachment; filename="${ref}-evidence.json"`).send(bundle);
    const history = await summarizeHistory(o.client, incidentWorkflowId(ref));
    if (query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderReportMarkdown(state, bundle, history));
    if (query.format === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${ref}-report.pdf"`)
        .send(await renderReportPdf(state, bundle, history));
    return reply.type('text/html; charset=utf-8').send(renderReportHtml(state, bundle, history));
  },
  stateLaw: ({ ref }, o) => o.service.stateLaw(ref),
  regulatorDraft: ({ ref, regulator, body }, o) => o.service.regulatorDraft(ref, regulator, body),
};

const FACTS_CORRECTION = (() => {
  const a = (INCIDENT_ACTIONS as readonly IncidentAction[]).find((x) => x.afterDecision)!;
  return { name: a.afterDecision!.name, roles: a.afterDecision!.roles };
})();

const STATE_LAW_APPLY = (INCIDENT_ACTIONS as readonly IncidentAction[]).find((x) => x.name === 'replanStateLaw')!.apply!;

/** 401 without a principal; 403 naming the role, the action and who may take it. */
export function authorize(principal: Principal | undefined, action: Pick<IncidentAction, 'name' | 'roles'>): Principal {
  if (!principal) throw new HttpError(401, 'missing or invalid API token (Authorization: Bearer <token>)');
  if (!action.roles.includes(principal.role))
    throw new HttpError(403, `role ${principal.role} may not ${action.name} (allowed: ${action.roles.join(', ')})`);
  return principal;
}

const PARAM_SCHEMAS = { ref: OpaqueRef, obligationId: ObligationId, kind: DraftKind, regulator: RegulatorId } as const;

/** Fastify's form of an OpenAPI path: `/incidents/{ref}` → `/incidents/:ref`. */
export const routePath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

/** Registers every incident action's route. */
export function registerActionRoutes(app: FastifyInstance, o: ActionRouteOptions): void {
  // The roster is a CSV body (text/csv), kept as bytes: it goes straight to the encrypted roster store.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: o.rosterBodyLimit ?? 512 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  for (const action of INCIDENT_ACTIONS as readonly IncidentAction[]) {
    const params = pathParams(action);
    const paramSchema = z.object(Object.fromEntries(params.map((p) => [p, PARAM_SCHEMAS[p]]))).passthrough();
    const handler = HANDLERS[action.name as IncidentActionName] as (c: Call<IncidentActionName>, o: ActionRouteOptions) => unknown;
    app.route({
      method: action.http.method,
      url: routePath(action.http.path),
      handler: async (req, reply) => {
        // Authorize first: before the path, the body or any incident is read.
        const principal = authorize(principalOf(req), action);
        const path = parse(paramSchema, req.params, 'path') as Record<string, unknown>;
        const query = action.http.query ? parse(action.http.query, req.query, 'query') : undefined;
        let body: unknown;
        if (action.http.body === 'csv') {
          if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'body: send the roster as CSV with Content-Type: text/csv');
          body = req.body;
        } else if (action.http.body) body = parse(action.http.body, req.body, 'body');
        return handler({ principal, ...path, query, body, reply } as Call<IncidentActionName>, o);
      },
    });
  }
}
