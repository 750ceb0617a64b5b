/**
 * The HTTP API for SIEMs, ticketing tools and the web console: the same actions as the CLI, with
 * zod-validated bodies, API tokens with roles, an access log without PHI, and an OpenAPI document at
 * GET /openapi.json.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { may, type Action, type Principal, type TokenStore } from '../security/api-tokens.js';
import { IncidentError, INCIDENT_REF_PATTERN, incidentWorkflowId, type IncidentService } from '../service/incident-service.js';
import { summarizeHistory } from '../service/incident-history.js';
import { readIncidentRecord } from '../evidence/incident-record.js';
import { depthExceeds } from '../domain/facts-validation.js';
import { OPAQUE_REF_RULE, opaqueRefProblem, opaqueTokenProblem } from '../security/opaque-id.js';
import { listIncidents, ListFilters } from '../service/incident-list.js';
import type { Client } from '@temporalio/client';
import { openApiDocument } from './openapi-document.js';
import { buildEvidenceBundle } from '../evidence/evidence-bundle.js';
import type { EvidenceSigner } from '../security/evidence-signing.js';
import { auditPurpose, type AuditLog } from '../security/audit-log.js';
import { protectResponses, type TlsFiles } from '../security/transport.js';
import { looksLikeJwt, verifyOidcToken, type OidcConfig } from '../security/oidc.js';
import { renderReportHtml, renderReportMarkdown, renderReportPdf } from '../reports/incident-report.js';
import { importRosterForIncident, type RosterImporter } from '../service/roster-import.js';
import { DRAFT_KINDS } from '../service/notice-drafts.js';
import { registerConsole } from '../console/register.js';

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
}

const Ref = z
  .string()
  .regex(INCIDENT_REF_PATTERN, OPAQUE_REF_RULE)
  .superRefine((v, ctx) => {
    const problem = opaqueRefProblem(v);
    if (problem && INCIDENT_REF_PATTERN.test(v)) ctx.addIssue({ code: 'custom', message: problem });
  });
const RequestId = z.string().min(1).max(200).optional();

export const OpenIncidentBody = z
  .object({
    ref: Ref,
    role: z.enum(['covered_entity', 'business_associate']),
    // A user id: it goes into a search attribute (in clear), so PHI-shaped values are refused.
    owner: z
      .string()
      .regex(/^[A-Za-z0-9._@-]{1,100}$/)
      .superRefine((v, ctx) => {
        const problem = opaqueTokenProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    facts: z.unknown().optional(),
    /** Open again a reference whose workflow was terminated or failed (a new run; the old one stays in history). */
    reopen: z.boolean().optional(),
  })
  .strict();
export const FactsBody = z.object({ facts: z.unknown(), reason: z.string().min(1).optional(), requestId: RequestId }).strict();
export const DecisionBody = z.object({ reportable: z.boolean(), justification: z.string().min(1).optional(), requestId: RequestId }).strict();
const iso = z.string().datetime({ offset: true, message: 'an ISO 8601 date-time with offset' });
export const HoldBody = z
  .object({
    statement: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('written'), official: z.string().min(1), agency: z.string().min(1), receivedAt: iso, endsAt: iso }).strict(),
      z.object({ kind: z.literal('oral'), official: z.string().min(1), agency: z.string().min(1), receivedAt: iso }).strict(),
    ]),
    requestId: RequestId,
  })
  .strict();
export const ReleaseBody = z.object({ endedAt: iso.optional(), note: z.string().optional(), requestId: RequestId }).strict();
export const ConfirmBody = z
  .object({
    evidence: z
      .object({
        method: z.enum(['first_class_mail', 'email', 'hhs_portal', 'press_release', 'web_posting', 'telephone', 'secure_transfer', 'other']),
        sentAt: iso.optional(),
        reference: z.string().max(500).optional(),
        note: z.string().max(4000).optional(),
      })
      .strict(),
    requestId: RequestId,
  })
  .strict();
export const MailingBody = z
  .object({
    rosterId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'an opaque roster id from the roster import'),
    /** The notice text (164.404(c)): notices/content.ts IncidentNoticeContent. */
    content: z.record(z.string(), z.unknown()),
    chunkSize: z.number().int().min(100).max(1000).optional(),
    concurrency: z.number().int().min(1).max(50).optional(),
    requestId: RequestId,
  })
  .strict();
export const CeNoticeBody = z
  .object({
    to: z.email('the covered entity\'s notice email address'),
    contactName: z.string().max(200).optional(),
    /** The facts the covered entity needs for its own notices (164.410(c)(2)): IncidentNoticeContent. */
    incident: z.record(z.string(), z.unknown()),
    pendingInformation: z.array(z.string().max(500)).optional(),
    rosterId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/).optional(),
    recipientPublicKey: z.string().max(100_000).optional(),
    passphraseChannel: z.string().max(200).optional(),
    identitiesExpectedBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').optional(),
    requestId: RequestId,
  })
  .strict();
export const AckBody = z.object({ obligationId: z.string().min(1).optional(), requestId: RequestId }).strict();

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
    throw new HttpError(400, `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return r.data;
}

const MAX_BODY_DEPTH = 64;

const STATUS: Record<IncidentError['code'], number> = { invalid_input: 400, not_found: 404, refused: 409, conflict: 409 };

export function buildHttpApi(opts: HttpApiOptions): FastifyInstance {
  const app = (opts.tls ? Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, https: opts.tls }) : Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 })) as unknown as FastifyInstance;
  // Incident data, identities and reports are never cached (browser, proxy); HSTS over TLS.
  protectResponses(app, { tls: Boolean(opts.tls), noStore: (url) => url.startsWith('/incidents') || url.startsWith('/me') });
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
      const ref = typeof params.ref === 'string' && INCIDENT_REF_PATTERN.test(params.ref) && !opaqueRefProblem(params.ref) ? params.ref : undefined;
      const obj = typeof params.obligationId === 'string' && /^[a-z_]{1,40}$/.test(params.obligationId) ? params.obligationId : undefined;
      const purpose = (req as FastifyRequest & { principal?: Principal }).principal?.emergency ? 'break_glass' : auditPurpose(req.headers['x-access-purpose']);
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
    if (err instanceof HttpError) return reply.status(err.status).send({ error: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    if (err instanceof IncidentError) return reply.status(STATUS[err.code]).send({ error: err.message, code: err.code, ...(err.issues ? { issues: err.issues } : {}) });
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode && e.statusCode < 500) return reply.status(e.statusCode).send({ error: e.message });
    // Never echo internal errors: they may carry payload fragments.
    return reply.status(500).send({ error: 'internal error (see the engine log)' });
  });

  // A body nested deeper than any of the API's schemas is refused before anything reads it (45 levels of
  // facts never occur; 5,000 would overflow recursive code further on).
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) && depthExceeds(req.body, MAX_BODY_DEPTH)) {
      done(new HttpError(400, `body: nested more than ${MAX_BODY_DEPTH} levels deep (no request of this API is)`, [{ path: 'body', message: `is nested more than ${MAX_BODY_DEPTH} levels deep` }]));
      return;
    }
    done();
  });

  // Authentication comes first, before any body is read or any incident looked up (164.312(d)): an
  // unauthenticated caller learns nothing (same 401 for real and unknown references) and cannot make the
  // server read a large upload. Public: the OpenAPI document, the health check, the console's static files.
  const isPublic = (route: string | undefined) => route === '/openapi.json' || route === '/healthz' || route === '/' || (route?.startsWith('/console') ?? false);
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
      if (text.length < 15) throw new HttpError(403, 'emergency access: state why in the x-break-glass-reason header (at least 15 characters); every use is audited and reported to the privacy officer');
      const ref = (req.params as { ref?: unknown } | undefined)?.ref;
      opts.onEmergencyAccess?.({ userId: principal.userId, action: `${req.method} ${req.routeOptions.url ?? 'unmatched'}`, ...(typeof ref === 'string' && INCIDENT_REF_PATTERN.test(ref) ? { incident: ref } : {}), reason: text.slice(0, 500), at: new Date().toISOString() });
    }
  });

  const authorize = (req: FastifyRequest, action: Action): Principal => {
    const principal = (req as FastifyRequest & { principal?: Principal }).principal;
    if (!principal) throw new HttpError(401, 'missing or invalid API token (Authorization: Bearer <token>)');
    if (!may(principal.role, action)) throw new HttpError(403, `role ${principal.role} may not ${action.replace('_', ' ')}`);
    return principal;
  };
  const refOf = (req: FastifyRequest) => parse(z.object({ ref: Ref }).passthrough(), req.params, 'path').ref;
  const obligationOf = (req: FastifyRequest) => parse(z.object({ obligationId: z.string().min(1) }).passthrough(), req.params, 'path').obligationId;

  app.get('/openapi.json', (_req, reply) => reply.send(openApiDocument()));
  app.get('/healthz', (_req, reply) => reply.send({ ok: true }));
  // Who the token stands for (the web console's sign-in).
  // Automatic logoff (164.312(a)(2)(iii)): the console signs out after this many idle minutes.
  app.get('/me', (req) => ({ ...authorize(req, 'read'), idleLogoffMinutes: opts.idleLogoffMinutes ?? 15 }));
  if (opts.console !== false) registerConsole(app);

  app.post('/incidents', async (req, reply: FastifyReply) => {
    const p = authorize(req, 'open');
    const body = parse(OpenIncidentBody, req.body, 'body');
    const r = await opts.service.open({ ...body, openedBy: p.userId });
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.get('/incidents', async (req) => {
    authorize(req, 'read');
    const filters = parse(ListFilters, req.query, 'query');
    return { incidents: await listIncidents(opts.client, filters, opts.timeZone ? { timeZone: opts.timeZone } : {}) };
  });

  app.get('/incidents/:ref', async (req) => {
    authorize(req, 'read');
    return opts.service.status(refOf(req));
  });

  app.post('/incidents/:ref/facts', async (req) => {
    const ref = refOf(req);
    const body = parse(FactsBody, req.body, 'body');
    // Before the decision this is the assessment (responders); after it, a correction (privacy officer).
    const state = await opts.service.status(ref);
    const p = authorize(req, state.decision ? 'correct' : 'record_facts');
    return opts.service.recordFacts(ref, { ...body, by: p.userId });
  });

  app.post('/incidents/:ref/decision', async (req) => {
    const p = authorize(req, 'decide');
    return opts.service.decide(refOf(req), { ...parse(DecisionBody, req.body, 'body'), by: p.userId });
  });

  app.post('/incidents/:ref/law-enforcement-delays', async (req) => {
    const p = authorize(req, 'hold');
    return opts.service.hold(refOf(req), { ...parse(HoldBody, req.body, 'body'), by: p.userId });
  });

  app.post('/incidents/:ref/law-enforcement-delays/end', async (req) => {
    const p = authorize(req, 'hold');
    return opts.service.release(refOf(req), { ...parse(ReleaseBody, req.body, 'body'), by: p.userId });
  });

  app.post('/incidents/:ref/obligations/:obligationId/confirm', async (req) => {
    const p = authorize(req, 'confirm');
    const obligationId = obligationOf(req);
    return opts.service.confirm(refOf(req), { ...parse(ConfirmBody, req.body, 'body'), obligationId, by: p.userId });
  });

  app.post('/incidents/:ref/acknowledge', async (req) => {
    const p = authorize(req, 'acknowledge');
    return opts.service.acknowledge(refOf(req), { ...parse(AckBody, req.body, 'body'), by: p.userId });
  });

  // The roster is a CSV body (text/csv), kept as bytes: it goes straight to the encrypted roster store.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: opts.rosterBodyLimit ?? 512 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  app.post('/incidents/:ref/rosters', async (req, reply) => {
    const p = authorize(req, 'import_roster');
    const ref = refOf(req);
    if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'body: send the roster as CSV with Content-Type: text/csv');
    const { rosterId, requestId } = parse(z.object({ rosterId: z.string().optional(), requestId: z.string().min(1).max(200).optional() }).strict(), req.query, 'query');
    if (!opts.rosters) throw new HttpError(501, 'roster import is not configured on this server');
    const report = await importRosterForIncident({ service: opts.service, importer: opts.rosters, ref, csv: req.body, by: p.userId, ...(rosterId ? { rosterId } : {}), ...(requestId ? { requestId } : {}) });
    return reply.status(report.alreadyImported ? 200 : 201).send(report);
  });

  app.post('/incidents/:ref/obligations/:obligationId/mailings', async (req, reply) => {
    const p = authorize(req, 'notify');
    const obligationId = obligationOf(req);
    const body = parse(MailingBody, req.body, 'body');
    const view = await opts.service.startMailing(refOf(req), { ...body, obligationId, by: p.userId });
    return reply.status(202).send(view);
  });

  app.post('/incidents/:ref/obligations/:obligationId/ce-notice', async (req) => {
    const p = authorize(req, 'notify');
    const obligationId = obligationOf(req);
    return opts.service.sendCeNotice(refOf(req), { ...parse(CeNoticeBody, req.body, 'body'), obligationId, by: p.userId });
  });

  // Drafts change nothing: anyone who may read the incident may draft (POST only because the text is a body).
  app.post('/incidents/:ref/drafts/:kind', async (req) => {
    authorize(req, 'read');
    const { kind } = parse(z.object({ kind: z.enum(DRAFT_KINDS) }).passthrough(), req.params, 'path');
    const { state } = parse(z.object({ state: z.string().regex(/^[A-Z]{2}$/, 'a two-letter State code').optional() }).strict(), req.query, 'query');
    const body = parse(z.object({ content: z.record(z.string(), z.unknown()) }).strict(), req.body, 'body');
    return opts.service.draft(refOf(req), { kind, content: body.content, ...(state ? { state } : {}) });
  });

  app.get('/incidents/:ref/obligations/:obligationId/mailing', async (req) => {
    authorize(req, 'read');
    const obligationId = obligationOf(req);
    return opts.service.mailingProgress(refOf(req), obligationId);
  });

  app.get('/incidents/:ref/report', async (req, reply) => {
    authorize(req, 'report');
    const { format } = parse(z.object({ format: z.enum(['html', 'md', 'pdf', 'evidence']).default('html') }).strict(), req.query, 'query');
    const ref = refOf(req);
    // The full record, also of an incident that continued-as-new with a bounded carry (issue 14).
    const state = await readIncidentRecord(opts.client, incidentWorkflowId(ref), await opts.service.status(ref));
    const built = buildEvidenceBundle(state, new Date().toISOString());
    const bundle = opts.evidenceSigner ? opts.evidenceSigner.sign(built) : built;
    reply.header('cache-control', 'no-store');
    if (format === 'evidence') return reply.header('content-disposition', `attachment; filename="${ref}-evidence.json"`).send(bundle);
    const history = await summarizeHistory(opts.client, incidentWorkflowId(ref));
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderReportMarkdown(state, bundle, history));
    if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', `attachment; filename="${ref}-report.pdf"`).send(await renderReportPdf(state, bundle, history));
    return reply.type('text/html; charset=utf-8').send(renderReportHtml(state, bundle, history));
  });

  return app;
}
