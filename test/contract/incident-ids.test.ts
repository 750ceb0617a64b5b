import { describe, expect, it } from 'vitest';
import {
  OpaqueIdError,
  bulkWorkflowId,
  incidentRefFromWorkflowId,
  incidentWorkflowId,
  mailingWorkflowId,
  obligationWorkflowId,
} from '../../contract/incident-ids.js';
import { errorOf } from '../harness/error-of.js';

describe('contract/incident-ids: the ids of an incident and its children, built in one place', () => {
  it('builds the ids the incident workflow has always used (so running incidents keep their ids)', () => {
    expect(incidentWorkflowId('INC-2026-0042')).toBe('incident-INC-2026-0042');
    expect(obligationWorkflowId('INC-2026-0042', 'individual_notice:CA')).toBe('incident-INC-2026-0042/obligation/individual_notice:CA');
    const m = mailingWorkflowId('INC-2026-0042', 'individual_notice', 2);
    expect(m).toBe('incident-INC-2026-0042/mailing/individual_notice/2');
    expect(bulkWorkflowId(m)).toBe('incident-INC-2026-0042/mailing/individual_notice/2/bulk');
    expect(incidentRefFromWorkflowId(m.split('/')[0]!)).toBe('INC-2026-0042');
  });

  it('refuses PHI-shaped parts, naming the field and the rule, never the value', () => {
    for (const [fn, value] of [
      [() => mailingWorkflowId('123-45-6789', 'individual_notice', 1), '123-45-6789'],
      [() => mailingWorkflowId('INC-2026-0042', 'Jane Doe', 1), 'Jane Doe'],
      [() => obligationWorkflowId('INC-2026-0042', 'MRN-12345'), 'MRN-12345'],
      [() => bulkWorkflowId('incident-Jane.Doe-7/mailing/individual_notice/1'), 'Jane.Doe'],
    ] as const) {
      const err = errorOf(fn);
      expect(err).toBeInstanceOf(OpaqueIdError);
      expect(err.message).not.toContain(value);
    }
    expect(errorOf(() => mailingWorkflowId('INC-2026-0042', 'individual_notice', 0))).toBeInstanceOf(OpaqueIdError);
    expect(errorOf(() => bulkWorkflowId('something-else'))).toBeInstanceOf(OpaqueIdError);
  });
});
