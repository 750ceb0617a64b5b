/**
 * The CLI's exit codes and the one place errors become them, whichever way a command reached the engine
 * (the HTTP API or, for an operator, Temporal directly): 0 done, 1 failure (unreachable, bad credential),
 * 2 invalid input, 3 no such incident, 4 refused (by the workflow: wrong stage, already decided, held… or
 * by the caller's role).
 */
import { IncidentError, type IncidentErrorCode } from '../service/errors.js';

export const EXIT = { ok: 0, failure: 1, invalid: 2, notFound: 3, refused: 4 } as const;

const BY_CODE: Record<IncidentErrorCode, number> = {
  invalid_input: EXIT.invalid,
  not_found: EXIT.notFound,
  refused: EXIT.refused,
  conflict: EXIT.refused,
};

/** A credential the engine does not accept (HTTP 401): exit 1, like an unreachable engine. */
export class CredentialError extends Error {
  override name = 'CredentialError';
}

/** The role of the caller's credential may not take this action (HTTP 403): exit 4, refused. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof IncidentError) return BY_CODE[err.code];
  if (err instanceof ForbiddenError) return EXIT.refused;
  return EXIT.failure;
}

/** The HTTP API's answer as the service's error (the inverse of the API's status table). */
export function errorFromHttp(
  status: number,
  body: { error?: string; code?: string; issues?: { path: string; message: string }[] },
): Error {
  const message = body.error ?? `HTTP ${status}`;
  const issues = body.issues?.map((i) => ({ path: i.path.replace(/^(body|path|query)\./, ''), message: i.message }));
  const code: IncidentErrorCode | undefined =
    body.code === 'invalid_input' || body.code === 'not_found' || body.code === 'refused' || body.code === 'conflict'
      ? body.code
      : status === 400 || status === 413 || status === 415
        ? 'invalid_input'
        : status === 404
          ? 'not_found'
          : status === 409
            ? 'refused'
            : undefined;
  if (code) return new IncidentError(code, message, issues);
  if (status === 401)
    return new CredentialError(
      `${message} (the credential comes from BREACH_API_TOKEN, BREACH_API_TOKEN_FILE or the engine's data directory)`,
    );
  if (status === 403) return new ForbiddenError(message);
  return new Error(`the engine's API answered ${status}: ${message}`);
}

/** Prints the error (JSON with --json) and sets the exit code. Messages never carry a stack trace. */
export function reportError(err: unknown, json: boolean): void {
  const message = err instanceof Error ? err.message : String(err);
  const issues = err instanceof IncidentError ? err.issues : undefined;
  const code =
    err instanceof IncidentError
      ? err.code
      : err instanceof ForbiddenError
        ? 'forbidden'
        : err instanceof CredentialError
          ? 'unauthenticated'
          : 'failure';
  if (json) console.error(JSON.stringify({ error: message, code, ...(issues ? { issues } : {}) }));
  else if (issues?.length)
    console.error(
      [
        `error: invalid input: ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
        ...issues.map((i) => `  ${i.path}: ${i.message}`),
      ].join('\n'),
    );
  else console.error(`error: ${message}`);
  process.exitCode = exitCodeOf(err);
}
