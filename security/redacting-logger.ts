import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Logger, LogLevel, LogMetadata } from '@temporalio/common';

/**
 * Structured logging (JSON lines, pino) that keeps PHI out of log files, in three layers:
 * 1. Fields whose name says they may hold PHI (name, address, ssn, dob, description, facts, payloads,
 *    …) are replaced by "[REDACTED]" at any depth, whatever their spelling (`firstName`, `first_name`,
 *    `FIRST-NAME`); pino's own `redact` does the same for the top levels.
 * 2. Errors are logged as type, failure type, code and stack frames; their *message* only when the error
 *    is known to be PHI-free (`phiFree: true`, or one of the SDK's framework errors): an activity's
 *    ApplicationFailure may quote the data it choked on.
 * 3. Text that has the shape of an SSN, an e-mail address or a phone number is masked in messages and
 *    string values.
 * Identifiers the engine logs on purpose — incident refs, workflow ids, obligation ids, user ids — are
 * opaque by construction (security/opaque-id.ts).
 */
export const REDACTED = '[REDACTED]';

export const PHI_FIELD_NAMES = [
  // people
  'name',
  'firstName',
  'lastName',
  'middleName',
  'fullName',
  'maidenName',
  'preferredName',
  'patientName',
  'patient',
  'address',
  'addressLine1',
  'addressLine2',
  'street',
  'streetAddress',
  'city',
  'zip',
  'zipCode',
  'postalCode',
  'email',
  'emailAddress',
  'phone',
  'phoneNumber',
  'telephone',
  'mobile',
  'fax',
  'ssn',
  'socialSecurityNumber',
  'dob',
  'dateOfBirth',
  'birthDate',
  'birthday',
  'mrn',
  'medicalRecordNumber',
  'healthPlanNumber',
  'memberId',
  'accountNumber',
  'licenseNumber',
  'diagnosis',
  'treatment',
  'medication',
  // free text and data blobs of the engine that may quote any of the above
  'description',
  'facts',
  'note',
  'notes',
  'comment',
  'comments',
  'justification',
  'statement',
  'narrative',
  'roster',
  'recipient',
  'recipients',
  'body',
  'html',
  'text',
  'content',
  // Temporal payloads and failure details
  'payload',
  'payloads',
  'args',
  'arguments',
  'input',
  'result',
  'details',
  'memo',
  'heartbeatDetails',
];

const normalize = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const PHI_KEYS = new Set(PHI_FIELD_NAMES.map(normalize));
export const isPhiField = (key: string): boolean => PHI_KEYS.has(normalize(key));

/** Errors whose messages are written by the framework, not from data: kept in logs. */
const PHI_FREE_ERROR_NAMES = new Set([
  'ActivityFailure',
  'ChildWorkflowFailure',
  'TimeoutFailure',
  'ServerFailure',
  'WorkflowFailedError',
  'WorkflowUpdateFailedError',
  'ServiceError',
  'TransportError',
  'IllegalStateError',
  'WorkflowNotFoundError',
  'WorkflowExecutionAlreadyStartedError',
  'DeterminismViolationError',
  'ShutdownError',
  'UnexpectedError',
  'GracefulShutdownPeriodExpiredError',
  'AbortError',
  // JavaScript's own: its messages name identifiers of the code, not data (unlike TypeError/SyntaxError,
  // which can quote values or the JSON being parsed).
  'ReferenceError',
]);

const SSN_TEXT = /\b\d{3}-\d{2}-\d{4}\b/g;
const EMAIL_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_TEXT = /(?:\+?1[-. ]?)?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b/g;

/** Masks SSN-, e-mail- and phone-shaped text. */
export function scrubText(text: string): string {
  return text.replace(SSN_TEXT, '[REDACTED-SSN]').replace(EMAIL_TEXT, '[REDACTED-EMAIL]').replace(PHONE_TEXT, '[REDACTED-PHONE]');
}

function isPhiFreeError(err: Error): boolean {
  return (err as { phiFree?: unknown }).phiFree === true || PHI_FREE_ERROR_NAMES.has(err.name);
}

const MAX_DEPTH = 8;

interface RedactOptions {
  keepErrorMessages?: boolean;
}

function sanitizeError(err: Error, depth: number, seen: WeakSet<object>, opts: RedactOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name };
  const { type, code } = err as { type?: unknown; code?: unknown };
  // ApplicationFailure types are constants of the code ('IncidentActionRefused'); anything else is not logged.
  if (typeof type === 'string') out.failureType = /^[A-Za-z0-9_.:-]{1,100}$/.test(type) ? type : REDACTED;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  out.message = opts.keepErrorMessages || isPhiFreeError(err) ? scrubText(err.message) : REDACTED;
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  if (frames.length > 0) out.stack = frames.join('\n');
  if (err.cause !== undefined) out.cause = redactPhi(err.cause, depth + 1, seen, opts);
  return out;
}

/** A copy of `value` with PHI fields redacted, errors reduced to PHI-free fields and PHI-shaped text masked. */
export function redactPhi(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet(), opts: RedactOptions = {}): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[TRUNCATED]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) return sanitizeError(value, depth, seen, opts);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redactPhi(v, depth + 1, seen, opts));
  if (value instanceof Map) return redactPhi(Object.fromEntries(value), depth, new WeakSet(), opts);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isPhiField(k) && v !== undefined && v !== null ? REDACTED : redactPhi(v, depth + 1, seen, opts);
  }
  return out;
}

// pino's path-based redaction for the first levels (fast, and a second net when the formatter is bypassed).
const REDACT_PATHS = PHI_FIELD_NAMES.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface RedactingLoggerOptions {
  level?: string;
  destination?: DestinationStream;
  /** Added to every line (default { service: 'breach-engine' }). */
  base?: Record<string, unknown>;
  /**
   * Keep every error's message (PHI fields and PHI-shaped text are still redacted). Off by default: an
   * error message may quote the data it failed on. For a developer's machine with synthetic data only.
   */
  keepErrorMessages?: boolean;
}

export function createRedactingLogger(opts: RedactingLoggerOptions = {}): PinoLogger {
  const redactOpts: RedactOptions = { keepErrorMessages: opts.keepErrorMessages === true };
  return pino(
    {
      level: opts.level ?? 'info',
      base: opts.base ?? { service: 'breach-engine' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        log: (obj) => redactPhi(obj, 0, new WeakSet(), redactOpts) as Record<string, unknown>,
        bindings: (bindings) => redactPhi(bindings, 0, new WeakSet(), redactOpts) as Record<string, unknown>,
      },
      // The formatter has already reduced errors to PHI-free fields; pino's serializer would re-add none, but keep it out.
      serializers: { err: (e: unknown) => e, error: (e: unknown) => e },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a: unknown) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    opts.destination,
  );
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Adapts the redacting logger to Temporal's Logger interface, so the SDK's own logs (worker, workflow
 * `log`, activity `log`, core) go through it: `Runtime.install({ logger: new TemporalRedactingLogger(…) })`.
 */
export class TemporalRedactingLogger implements Logger {
  constructor(private readonly logger: PinoLogger = createRedactingLogger()) {}
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[LEVELS[level] ?? 'info'](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** `new TemporalRedactingLogger(createRedactingLogger(opts))`. */
export const createTemporalLogger = (opts: RedactingLoggerOptions = {}): TemporalRedactingLogger =>
  new TemporalRedactingLogger(createRedactingLogger(opts));
