import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { createRedactingLogger, redactPhi, scrubText, TemporalRedactingLogger, PHI_FIELD_NAMES } from '../../security/redacting-logger.js';
import { PayloadDecryptionError } from '../../security/payload-codec.js';

function capture(level = 'trace') {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  const pinoLogger = createRedactingLogger({ destination, level });
  return { lines, raw, pinoLogger, logger: new TemporalRedactingLogger(pinoLogger) };
}

const PERSON = {
  name: 'Zelda Quartz',
  firstName: 'Zelda',
  lastName: 'Quartz',
  address: '1 Nowhere Rd',
  email: 'zelda@example.org',
  phone: '202-555-0143',
  ssn: '078-05-1120',
  dob: '1961-02-03',
  mrn: 'MRN-ZQ-77',
  description: 'Zelda lost a laptop',
};
const SECRETS = ['Zelda', 'Quartz', 'Nowhere', 'zelda@', '555-0143', '078-05-1120', '1961-02-03', 'MRN-ZQ-77'];

describe('redacting logger', () => {
  it('every known PHI field comes out as [REDACTED]; opaque ids and numbers stay', () => {
    const { lines, raw, logger } = capture();
    logger.warn('activity failed', { incidentRef: 'INC-1', workflowId: 'incident-INC-1', attempt: 3, ...PERSON });
    expect(lines[0]).toMatchObject({
      msg: 'activity failed',
      incidentRef: 'INC-1',
      workflowId: 'incident-INC-1',
      attempt: 3,
      level: 40,
      service: 'breach-engine',
    });
    for (const k of Object.keys(PERSON)) expect(lines[0]![k], k).toBe('[REDACTED]');
    for (const s of SECRETS) expect(raw.join(''), s).not.toContain(s);
  });

  it('at any depth, in arrays, whatever the spelling of the field name', () => {
    const { raw, lines, logger } = capture();
    logger.info('roster row', {
      batch: {
        rows: [
          {
            person: {
              contact: { deep: { Email: 'zelda@example.org', first_name: 'Zelda', 'LAST-NAME': 'Quartz', dateOfBirth: '1961-02-03' } },
            },
          },
        ],
      },
      activity: { input: { anything: 'Nowhere' } },
    });
    for (const s of SECRETS) expect(raw.join(''), s).not.toContain(s);
    expect(JSON.stringify(lines[0])).toContain('[REDACTED]');
    expect(
      (lines[0] as { batch: { rows: { person: { contact: { deep: Record<string, string> } } }[] } }).batch.rows[0]!.person.contact.deep
        .first_name,
    ).toBe('[REDACTED]');
  });

  it('errors: type, failure type and stack frames are kept; messages and details only when PHI-free', () => {
    const { raw, lines, logger } = capture();
    const appFailure = ApplicationFailure.create({ message: 'no record for Zelda Quartz', type: 'RecipientNotFound', details: [PERSON] });
    const activityFailure = new ActivityFailure(
      'Activity task failed',
      'sendNotice',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'worker-1',
      appFailure,
    );
    logger.warn('Activity failed', { error: activityFailure, durationMs: 12 });
    logger.error('codec', { err: new PayloadDecryptionError('cannot decrypt a payload with key "k1"', 'k1') });
    logger.error('plain', { error: new Error('Zelda Quartz 078-05-1120') });
    for (const s of SECRETS) expect(raw.join(''), s).not.toContain(s);
    const e0 = lines[0]!.error as Record<string, unknown>;
    expect(e0).toMatchObject({
      type: 'ActivityFailure',
      message: 'Activity task failed',
      cause: { type: 'ApplicationFailure', failureType: 'RecipientNotFound', message: '[REDACTED]' },
    });
    expect(String(e0.stack)).toMatch(/^\s+at /);
    expect(lines[1]!.err).toMatchObject({ type: 'PayloadDecryptionError', message: 'cannot decrypt a payload with key "k1"' });
    expect(lines[2]!.error).toMatchObject({ type: 'Error', message: '[REDACTED]' });
  });

  it('keepErrorMessages (developer machines) keeps messages but still masks PHI fields and shapes', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    });
    const logger = createRedactingLogger({ destination, keepErrorMessages: true });
    logger.error({ error: ApplicationFailure.create({ message: 'no row 42 for 078-05-1120', details: [PERSON] }) }, 'x');
    expect(lines[0]!.error).toMatchObject({ message: 'no row 42 for [REDACTED-SSN]' });
    expect(JSON.stringify(lines)).not.toContain('Zelda');
    // A ReferenceError (a bug: names an identifier of the code) keeps its message by default.
    const { lines: l2, logger: l } = capture();
    l.error('bug', { error: new ReferenceError('process is not defined') });
    expect(l2[0]!.error).toMatchObject({ type: 'ReferenceError', message: 'process is not defined' });
  });

  it('masks SSN-, e-mail- and phone-shaped text in messages, interpolations and string values', () => {
    const { raw, pinoLogger } = capture();
    pinoLogger.info({ context: 'call 202-555-0143 or zelda@example.org' }, 'lookup of 078-05-1120 for %s', 'zelda@example.org');
    pinoLogger.info('plain message 078-05-1120');
    const text = raw.join('');
    for (const s of ['078-05-1120', 'zelda@', '555-0143']) expect(text).not.toContain(s);
    expect(text).toContain('[REDACTED-SSN]');
    expect(text).toContain('[REDACTED-EMAIL]');
    expect(text).toContain('[REDACTED-PHONE]');
    // …but not dates, UUIDs, refs or durations.
    expect(scrubText('INC-2026-0042 at 2026-11-22T08:00:00Z id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 took 1234 ms')).toBe(
      'INC-2026-0042 at 2026-11-22T08:00:00Z id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 took 1234 ms',
    );
  });

  it('child logger bindings, the Temporal levels, circular and binary values', () => {
    const { raw, lines, pinoLogger } = capture('debug');
    pinoLogger.child({ patientName: 'Zelda Quartz', incidentRef: 'INC-9' }).info('bound');
    const logger = new TemporalRedactingLogger(pinoLogger);
    logger.trace('too low');
    logger.debug('d');
    logger.log('ERROR', 'e');
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    logger.info('c', { circular, bytes: new Uint8Array([90, 101, 108, 100, 97]) });
    expect(raw.join('')).not.toContain('Zelda');
    expect(lines[0]).toMatchObject({ incidentRef: 'INC-9', patientName: '[REDACTED]' });
    expect(lines.map((l) => l.msg)).toEqual(['bound', 'd', 'e', 'c']);
    expect(lines.map((l) => l.level)).toEqual([30, 20, 50, 30]);
    expect(lines[3]).toMatchObject({ circular: { a: 1, self: '[Circular]' }, bytes: '[binary 5 bytes]' });
  });

  it('covers the names the brief lists', () => {
    for (const f of ['name', 'firstName', 'lastName', 'address', 'email', 'phone', 'ssn', 'dob', 'mrn', 'description'])
      expect(PHI_FIELD_NAMES).toContain(f);
    expect(redactPhi({ ssn: null, name: undefined })).toEqual({ ssn: null, name: undefined });
  });
});
