import { z } from 'zod';
import { AckBody, CeNoticeBody, ConfirmBody, DecisionBody, FactsBody, HoldBody, MailingBody, OpenIncidentBody, ReleaseBody } from './http-api.js';
import { ListFilters } from '../service/incident-list.js';

/** The OpenAPI 3.1 description of the HTTP API, generated from the same zod schemas that validate it. */
export function openApiDocument(): Record<string, unknown> {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
  const errors = {
    '400': { description: 'invalid input: `issues` lists every problem by field path' },
    '401': { description: 'missing or invalid API token' },
    '403': { description: 'the token\'s role may not take this action' },
    '404': { description: 'no such incident' },
    '409': { description: 'the workflow refused the action (wrong stage, already decided, held by law enforcement, …)' },
  };
  const ref = { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' } };
  const action = (summary: string, bodyName: string, roles: string) => ({
    summary,
    description: `Roles: ${roles}.`,
    parameters: [ref],
    requestBody: body(bodyName),
    responses: { '200': { description: 'done (a repeated requestId returns the first answer)' }, ...errors },
  });
  const listParams = Object.keys(ListFilters.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  return {
    openapi: '3.1.0',
    info: { title: 'breach-engine HTTP API', version: '1', description: 'HIPAA breach-notification incidents (45 CFR 164.400-414). Authorization: Bearer <API token>.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        OpenIncident: schema(OpenIncidentBody),
        Facts: schema(FactsBody),
        Decision: schema(DecisionBody),
        Hold: schema(HoldBody),
        Release: schema(ReleaseBody),
        Confirm: schema(ConfirmBody),
        Acknowledge: schema(AckBody),
        Mailing: schema(MailingBody),
        CeNotice: schema(CeNoticeBody),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/incidents': {
        post: { summary: 'Open an incident (idempotent on ref: a retried webhook opens one incident)', requestBody: body('OpenIncident'), responses: { '201': { description: 'opened' }, '200': { description: 'already open: the existing incident' }, ...errors } },
        get: { summary: 'List incidents', parameters: listParams, responses: { '200': { description: 'incidents' }, ...errors } },
      },
      '/me': { get: { summary: 'Who the token stands for: { userId, role } (the web console uses it to show only the actions the role may take)', responses: { '200': { description: 'the principal' }, '401': errors['401'] } } },
      '/incidents/{ref}': { get: { summary: 'The whole current state of an incident', parameters: [ref], responses: { '200': { description: 'state' }, ...errors } } },
      '/incidents/{ref}/facts': { post: action('Record facts and the four-factor assessment (after the decision: a correction with a reason)', 'Facts', 'responder, privacy_officer (corrections), admin') },
      '/incidents/{ref}/decision': { post: action("The privacy officer's decision", 'Decision', 'privacy_officer, admin') },
      '/incidents/{ref}/law-enforcement-delays': { post: action('Record a law-enforcement delay statement (164.412)', 'Hold', 'privacy_officer, admin') },
      '/incidents/{ref}/law-enforcement-delays/end': { post: action('End the law-enforcement delay', 'Release', 'privacy_officer, admin') },
      '/incidents/{ref}/obligations/{obligationId}/confirm': {
        post: { ...action('Confirm a notice was made, with evidence', 'Confirm', 'responder, privacy_officer, admin'), parameters: [ref, { name: 'obligationId', in: 'path', required: true, schema: { type: 'string' } }] },
      },
      '/incidents/{ref}/report': {
        get: {
          summary: 'History report for legal (html, md, pdf) or the hash-chained evidence bundle (evidence)',
          description: 'Roles: legal, privacy_officer, admin.',
          parameters: [ref, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['html', 'md', 'pdf', 'evidence'] } }],
          responses: { '200': { description: 'the report' }, ...errors },
        },
      },
      '/incidents/{ref}/rosters': {
        post: {
          summary: 'Import the affected-individual roster (CSV; personal columns stored encrypted, never in workflow history); bad rows are reported by line and field, good rows kept',
          description: 'Roles: responder, privacy_officer, admin. `?rosterId=` appends a corrected file to an existing roster; the same file again is a no-op (200).',
          parameters: [ref, { name: 'rosterId', in: 'query', required: false, schema: { type: 'string' } }, { name: 'requestId', in: 'query', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: { '201': { description: 'imported and attached: roster id, counts by channel and State, row problems' }, '200': { description: 'this file was already imported' }, '415': { description: 'not text/csv' }, '501': { description: 'no roster database configured' }, ...errors },
        },
      },
      '/incidents/{ref}/obligations/{obligationId}/mailings': {
        post: {
          ...action('Send an individual-notice obligation to everyone on a roster (email, print-ready letters, substitute notice for the unreachable; 164.404)', 'Mailing', 'privacy_officer, admin'),
          parameters: [ref, { name: 'obligationId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '202': { description: 'mailing started' }, ...errors },
        },
      },
      '/incidents/{ref}/obligations/{obligationId}/ce-notice': {
        post: {
          ...action("A business associate's notice to a covered entity (164.410): emailed, with the roster as an OpenPGP-encrypted attachment (to the CE's public key, or with a passphrase given by telephone); confirms the obligation when the roster went with it", 'CeNotice', 'privacy_officer, admin'),
          parameters: [ref, { name: 'obligationId', in: 'path', required: true, schema: { type: 'string' } }],
        },
      },
      '/incidents/{ref}/drafts/{kind}': {
        post: {
          summary: 'A notice draft pre-filled from the facts and the organization profile, checked against the rule: hhs_portal (164.408, JSON + printable), media (164.406, ?state=CA), substitute (164.404(d)(2)), individual (164.404(c))',
          description: 'Roles: any (changes nothing). Body: { content } — the incident-level notice text, with optional hhs / media / substitute sections.',
          parameters: [ref, { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['hhs_portal', 'media', 'substitute', 'individual'] } }, { name: 'state', in: 'query', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { content: { type: 'object' } }, required: ['content'] } } } },
          responses: { '200': { description: 'the draft: subject, text, portal JSON, prefilled fields' }, ...errors },
        },
      },
      '/incidents/{ref}/obligations/{obligationId}/mailing': {
        get: { summary: 'The latest mailing of an obligation and its live progress', parameters: [ref, { name: 'obligationId', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'mailing and progress' }, ...errors } },
      },
      '/incidents/{ref}/acknowledge': { post: action('Acknowledge a reminder (stops escalation by silence)', 'Acknowledge', 'responder, privacy_officer, admin') },
    },
  };
}
