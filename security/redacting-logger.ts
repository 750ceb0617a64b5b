import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Logger, LogLevel, LogMetadata } from '@temporalio/common';

/**
 * Structured logging (JSON lines, pino) that redacts fields which may hold PHI, wherever they appear in a
 * log record's metadata (top level or one/two levels down). Identifiers the engine logs on purpose —
 * incident refs, workflow ids, obligation ids, user ids — are opaque by construction.
 */
export const PHI_FIELD_NAMES = [
  'name', 'firstName', 'lastName', 'fullName', 'patientName', 'address', 'street', 'email', 'phone', 'telephone',
  'ssn', 'dob', 'dateOfBirth', 'mrn', 'medicalRecordNumber', 'diagnosis', 'description', 'facts', 'roster',
  'recipient', 'recipients', 'payload', 'payloads', 'args', 'result', 'input',
];
const REDACT_PATHS = PHI_FIELD_NAMES.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export function createRedactingLogger(opts: { level?: string; destination?: DestinationStream } = {}): PinoLogger {
  return pino({ level: opts.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[REDACTED]' }, base: { service: 'breach-engine' } }, opts.destination);
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** Adapts the redacting logger to Temporal's Logger interface, for Runtime.install({ logger }). */
export class TemporalRedactingLogger implements Logger {
  constructor(private readonly logger: PinoLogger) {}
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.logger[LEVELS[level]](meta ?? {}, message);
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
