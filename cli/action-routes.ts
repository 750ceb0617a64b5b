/**
 * The HTTP method and path of each incident action, as the contract defines them
 * (contract/incident-actions.ts): the CLI's API client calls these, so a route is defined once.
 *
 * Evaluated at build time in the compiled CLI (scripts/build-cli.ts inlines it as a constant): the
 * contract module also holds the zod schemas and the workflow message definitions, which a CLI command
 * has no need to load.
 */
import { INCIDENT_ACTIONS, type IncidentActionName } from '../contract/incident-actions.js';

export type ActionName = IncidentActionName;

export const ACTION_ROUTES = Object.fromEntries(
  INCIDENT_ACTIONS.map((a) => [a.name, { method: a.http.method, path: a.http.path }]),
) as Record<ActionName, { method: 'GET' | 'POST'; path: string }>;
