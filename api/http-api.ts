/**
 * The HTTP API for SIEMs, ticketing tools and the web console: the same actions as the CLI, with
 * zod-validated bodies, API tokens with roles, an access log without PHI, and an OpenAPI document at
 * GET /openapi.json.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ListFilters } from '../service/incident-list.js';
import type { Principal, TokenStore } from '../security/api-tokens.js';
import { IncidentError, type IncidentService } from '../service/incident-service.js';
import { depthExceeds } from '../domain/facts-validation.js';
import { isOpaqueRef } from '../security/opaque-id.js';
import type { Client } from '@temporalio/client';
import { openApiDocument } from './openapi-document.js';
import { HttpError, registerActionRoutes } from './action-routes.js';
import type { EvidenceSigner } from '../security/evidence-signing.js';
import { auditPurpose, type AuditLog } from '../security/audit-log.js';
import { protectResponses, type TlsFiles } from '../security/transport.js';
import { looksLikeJwt, verifyOidcToken, type OidcConfig } from '../security/oidc.js';
import type { RosterImporter } from '../service/roster-import.js';
import { registerConsole } from '../console/register.js';
import { registerDrillRoutes, type DrillApi } from './drill-routes.js';

export interface HttpApiOptions {
  service: IncidentService;
  client: Client;
  tokens: TokenStore;
  /** The roster database (affected-individual CSV import); without it POST /incidents/:ref/rosters answers 501. */
  rosters?: RosterImporter;
  /** Largest roster CSV accepted in one request (default 512 MiB). */
  rosterBodyLimit?: number;
  /** One line per request (method, route, status, user, ms) — never bodies, never PHI. */
  accessLog?: (line: Record<string, unknown>) => void;
  /** Serve the web console under /console/ (default true). */
  console?: boolean;
  /** Signs evidence bundles served by the report route (164.312(c)); unsigned without it. */
  evidenceSigner?: EvidenceSigner;
  /** The organization's time zone (the policy's): list deadlines are shown as legal dates in it. */
  timeZone?: string;
  /** Console automatic logoff after this many idle minutes (default 15; BREACH_CONSOLE_IDLE_MINUTES). */
  idleLogoffMinutes?: number;
  /** Single sign-on: OIDC JWTs verified against the IdP's JWKS (security/oidc.ts); API tokens only without it. */
  oidc?: OidcConfig;
  /** Called on every use of a break-glass credential (emergency access, 164.312(a)(2)(ii)): tell the privacy officer. */
  onEmergencyAccess?: (e: { userId: string; action: string; incident?: string; reason: string; at: string }) => void;
  /** TLS certificate and key (164.312(e)); clear HTTP without (loopback, or behind a TLS proxy). */
  tls?: TlsFiles;
  /** The keyed, chained audit trail (164.312(b)): every API call but static assets, with the incident it touched. */
  audit?: AuditLog;
  /** This API serves a drill (issue 19): GET /drill, the facilitator's routes, DRILL marks on reports (api/drill-routes.ts). */
  drill?: DrillApi;
}

const MAX_BODY_DEPTH = 64;

const STATUS: Record<IncidentError['code'], number> = { invalid_input: 400, not_found: 404, refused: 409, conflict: 409 };

export function buildHttpApi(opts: HttpApiOptions): FastifyInstance {
  const app = (opts.tls
    ? Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, https: opts.tls })
    : Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 })) as unknown as FastifyInstance;
  // Incident data, identities and reports are never cached (browser, proxy); HSTS over TLS.
  protectResponses(app, {
    tls: Boolean(opts.tls),
    noStore: (url) => url.startsWith('/incidents') || url.startsWith('/me') || url.startsWith('/drill'),
  });
  const log = opts.accessLog ?? ((line) => console.log(JSON.stringify(line)));

  app.addHook('onResponse', (req, reply, done) => {
    log({
      at: new Date().toISOString(),
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      user: (req as FastifyRequest & { principal?: Principal }).principal?.userId ?? null,
      ms: Math.round(reply.elapsedTime),
    });
    const route = req.routeOptions.url ?? 'unmatched';
    if (opts.audit && !route.startsWith('/console') && route !== '/openapi.json' && route !== '/healthz') {
      const params = (req.params ?? {}) as Record<string, unknown>;
      const ref = isOpaqueRef(params.ref) ? params.ref : undefined;
      const obj = typeof params.obligationId === 'string' && /^[a-z_]{1,40}$/.test(params.obligationId) ? params.obligationId : undefined;
      const purpose = (req as FastifyRequest & { principal?: Principal }).principal?.emergency
        ? 'break_glass'
        : auditPurpose(req.headers['x-access-purpose']);
      opts.audit.append({
        actor: (req as FastifyRequest & { principal?: Principal }).principal?.userId ?? null,
        action: `${req.method} ${route}`,
        ...(ref ? { incident: ref } : {}),
        ...(obj ? { object: obj } : {}),
        from: req.ip,
        ...(purpose ? { purpose } : {}),
        outcome: reply.statusCode,
      });
    }
    done();
  });

  app.setErrorHandler((err: unknown, _req, reply) => {
    if (err instanceof HttpError)
      return reply.status(err.status).send({ error: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    if (err instanceof IncidentError)
      return reply.status(STATUS[err.code]).send({ error: err.message, code: err.code, ...(err.issues ? { issues: err.issues } : {}) });
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: e.message });
    // Never echo internal errors: they may carry payload fragments.
    return reply.status(500).send({ error: 'internal error (see the engine log)' });
  });

  // A body nested deeper than any of the API's schemas is refused before anything reads it (45 levels of
  // facts never occur; 5,000 would overflow recursive code further on).
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && depthExceeds(req.body, MAX_BODY_DEPTH)) {
      done(
        new HttpError(400, `body: nested more than ${MAX_BODY_DEPTH} levels deep (no request of this API is)`, [
          { path: 'body', message: `is nested more than ${MAX_BODY_DEPTH} levels deep` },
        ]),
      );
      return;
    }
    done();
  });

  // Authentication comes first, before any body is read or any incident looked up (164.312(d)): an
  // unauthenticated caller learns nothing (same 401 for real and unknown references) and cannot make the
  // server read a large upload. Public: the OpenAPI document, the health check, the console's static files.
  const isPublic = (route: string | undefined) =>
    route === '/openapi.json' || route === '/healthz' || route === '/' || (route?.startsWith('/console') ?? false);
  app.addHook('onRequest', async (req) => {
    if (isPublic(req.routeOptions.url)) return;
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const checked = token && opts.oidc && looksLikeJwt(token) ? await verifyOidcToken(opts.oidc, token) : opts.tokens.check(token);
    if ('problem' in checked) throw new HttpError(401, checked.problem);
    const principal = checked.principal;
    (req as FastifyRequest & { principal?: Principal }).principal = principal;
    if (principal.emergency) {
      const reason = req.headers['x-break-glass-reason'];
      const text = (Array.isArray(reason) ? reason[0] : reason)?.trim() ?? '';
      if (text.length < 15)
        throw new HttpError(
          403,
          'emergency access: state why in the x-break-glass-reason header (at least 15 characters); every use is audited and reported to the privacy officer',
        );
      const ref = (req.params as { ref?: unknown } | undefined)?.ref;
      opts.onEmergencyAccess?.({
        userId: principal.userId,
        action: `${req.method} ${req.routeOptions.url ?? 'unmatched'}`,
        ...(isOpaqueRef(ref) ? { incident: ref } : {}),
        reason: text.slice(0, 500),
        at: new Date().toISOString(),
      });
    }
  });

  app.get('/openapi.json', (_req, reply) => reply.send(openApiDocument()));
  app.get('/healthz', (_req, reply) => reply.send({ ok: true }));
  if (opts.console !== false) registerConsole(app, opts.drill ? { drill: true } : {});
  // Every incident action (GET /me among them: who the token stands for, the actions it may take, and the
  // console's automatic logoff, 164.312(a)(2)(iii)), with its role check, from contract/incident-actions.ts.
  registerActionRoutes(app, {
    ...opts,
    drill: Boolean(opts.drill),
    ...(opts.drill ? { listIncidents: (f: ListFilters) => opts.drill!.incidents(f) } : {}),
  });
  if (opts.drill) registerDrillRoutes(app, opts.drill);

  return app;
}
