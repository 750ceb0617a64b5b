import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactingLogger, TemporalRedactingLogger } from '../../security/redacting-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: new TemporalRedactingLogger(createRedactingLogger({ destination, level: 'trace' })) };
}

describe('redacting logger', () => {
  it('redacts PHI fields at any of the first three levels, keeps opaque ids', () => {
    const { lines, logger } = capture();
    logger.warn('activity failed', { incidentRef: 'INC-1', ssn: '000-11-2222', patient: { name: 'Synthetic Person', address: '1 Nowhere Rd' }, activity: { input: { note: 'x' } } });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('000-11-2222');
    expect(line).not.toContain('Synthetic Person');
    expect(line).not.toContain('1 Nowhere Rd');
    expect(lines[0]).toMatchObject({ msg: 'activity failed', incidentRef: 'INC-1', ssn: '[REDACTED]', level: 40 });
  });
});
