/**
 * The errors every caller of the incident service can act on. The service translates Temporal failures
 * into these codes; the CLI maps them to exit codes and the HTTP API to statuses.
 */
import type { ValidationIssue } from '../domain/validation-issues.js';

export type IncidentErrorCode = 'invalid_input' | 'not_found' | 'refused' | 'conflict';

/** An error a caller can act on: what was wrong, by field and rule; maps to an exit code / HTTP status. */
export class IncidentError extends Error {
  override name = 'IncidentError';
  constructor(
    readonly code: IncidentErrorCode,
    message: string,
    /** For invalid input: every problem, by field path and rule. */
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
  }
}
