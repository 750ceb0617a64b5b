import { z } from 'zod';
import { INCIDENT_ACTIONS, pathParams, type IncidentAction, type PathParam } from '../contract/incident-actions.js';
import { DRAFT_KINDS } from '../contract/vocabulary.js';
import { OPAQUE_REF_PATTERN } from '../security/opaque-id.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
const componentName = (a: IncidentAction) => a.name[0]!.toUpperCase() + a.name.slice(1);

const ERRORS: Record<string, { description: string }> = {
  '400': { description: 'invalid input: `issues` lists every problem by field path' },
  '401': { description: 'missing or invalid API token' },
  '403': { description: "the token's role may not take this action" },
  '404': { description: 'no such incident' },
  '409': { description: 'the workflow refused the action (wrong stage, already decided, held by law enforcement, …)' },
};

const PARAMETERS: Record<PathParam, Record<string, unknown>> = {
  ref: { name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: OPAQUE_REF_PATTERN.source } },
  obligationId: { name: 'obligationId', in: 'path', required: true, schema: { type: 'string' } },
  kind: { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...DRAFT_KINDS] } },
  regulator: { name: 'regulator', in: 'path', required: true, schema: { type: 'string', example: 'TX-AG' } },
};

function operation(a: IncidentAction): Record<string, unknown> {
  const query = a.http.query ? (schema(a.http.query).properties as Record<string, Record<string, unknown>>) : {};
  const required = new Set((a.http.query ? (schema(a.http.query).required as string[] | undefined) : undefined) ?? []);
  const parameters = [
    ...pathParams(a).map((p) => PARAMETERS[p]),
    ...Object.entries(query).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s })),
  ];
  const roles = `Roles: ${a.roles.join(', ')}${a.afterDecision ? `; after the decision (${a.afterDecision.name}): ${a.afterDecision.roles.join(', ')}` : ''}${a.apply ? `; to apply (${a.apply.name}): ${a.apply.roles.join(', ')}` : ''}.`;
  const body = a.http.body;
  const requestBody =
    body === 'csv'
      ? { required: true, content: { 'text/csv': { schema: { type: 'string' } } } }
      : body
        ? { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${componentName(a)}` } } } }
        : undefined;
  const ok = a.http.responses ?? { '200': a.update ? 'done (a repeated requestId returns the first answer)' : 'the answer' };
  const errors =
    a.name === 'me'
      ? { '401': ERRORS['401'] }
      : { ...ERRORS, ...Object.fromEntries(Object.entries(a.http.extraErrors ?? {}).map(([k, d]) => [k, { description: d }])) };
  return {
    operationId: a.name,
    summary: a.http.summary,
    description: a.http.description ? `${roles} ${a.http.description}` : roles,
    ...(a.cli ? { 'x-cli-command': `breach ${a.cli}` } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { ...Object.fromEntries(Object.entries(ok).map(([k, d]) => [k, { description: d }])), ...errors },
  };
}

/**
 * The OpenAPI 3.1 description of the HTTP API, generated from the incident actions
 * (contract/incident-actions.ts): the same zod schemas validate the requests, the same roles are checked.
 */
export function openApiDocument(): Record<string, unknown> {
  const actions = INCIDENT_ACTIONS as readonly IncidentAction[];
  const paths: Record<string, Record<string, unknown>> = {};
  for (const a of actions) (paths[a.http.path] ??= {})[a.http.method.toLowerCase()] = operation(a);
  const schemas = Object.fromEntries(
    actions.flatMap((a) => (a.http.body && a.http.body !== 'csv' ? [[componentName(a), schema(a.http.body)]] : [])),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'breach-engine HTTP API',
      version: '1',
      description: 'HIPAA breach-notification incidents (45 CFR 164.400-414). Authorization: Bearer <API token>.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    security: [{ bearer: [] }],
    paths,
  };
}
