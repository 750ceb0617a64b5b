import { describe, expect, it } from 'vitest';
import { errorOf } from '../harness/error-of.js';
import {
  incidentRefFromWorkflowId,
  incidentWorkflowId,
  isOpaqueRef,
  obligationWorkflowId,
  opaqueKeyword,
  opaqueRef,
  opaqueWorkflowId,
  OpaqueIdError,
} from '../../security/opaque-id.js';

describe('opaque ids', () => {
  it('accepts ticket-style references', () => {
    for (const ref of [
      'INC-2026-0042',
      'SEC-81723',
      'inc_7',
      'a1b',
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      'INC.2026.11.22-01',
      'INC-PHI-1732281234567',
    ]) {
      expect(isOpaqueRef(ref), ref).toBe(true);
    }
    expect(incidentWorkflowId('INC-2026-0042')).toBe('incident-INC-2026-0042');
    expect(incidentRefFromWorkflowId('incident-INC-2026-0042')).toBe('INC-2026-0042');
    expect(incidentRefFromWorkflowId('digest-2026-01-01')).toBeUndefined();
    expect(obligationWorkflowId('INC-7', 'individual_notice:CA')).toBe('incident-INC-7/obligation/individual_notice:CA');
    expect(opaqueWorkflowId('digest', '2026-11-22')).toBe('digest-2026-11-22');
    expect(opaqueKeyword('privacy-officer', 'owner')).toBe('privacy-officer');
  });

  it('rejects anything that looks like PHI: names, e-mail, SSN, phone, spaces', () => {
    const phiLike = [
      'Jane Doe', // space
      'jane.doe', // a name: no digit
      'JaneDoe',
      'jane.doe@example.org',
      '123-45-6789', // SSN
      'INC-123-45-6789',
      '123456789',
      'ssn123456789',
      '555-123-4567', // phone
      '555.123.4567',
      '5551234567',
      '1-555-123-4567',
      'Jane.Doe.1980-04-12', // a name and a birth date
      'John_Smith-7',
      'MRN-00123456', // a medical record number
      'dob-19800412',
      'INC-04-12-1980',
      'patient.4411',
      'x', // too short
      '-INC-1', // leading separator
      'a'.repeat(65) + '1',
      '',
    ];
    for (const value of phiLike) expect(isOpaqueRef(value), value).toBe(false);
    for (const value of [42, null, undefined, { ref: 'INC-1' }]) expect(isOpaqueRef(value)).toBe(false);
    for (const value of ['Jane Doe', '123-45-6789', 'a@b.co', '555-123-4567', 'MRN-00123456', 'owner-1980-04-12'])
      expect(() => opaqueKeyword(value, 'owner')).toThrow(OpaqueIdError);
  });

  it('errors name the field and the rule, never the rejected value', () => {
    for (const value of ['Zelda Quartz', '078-05-1120', 'zelda@example.org', '202-555-0143']) {
      const err = errorOf(() => incidentWorkflowId(value));
      expect(err).toBeInstanceOf(OpaqueIdError);
      expect(err.message).toMatch(/^ref: /);
      expect(err.message).not.toContain(value);
      expect(err.message).not.toMatch(/Zelda|078-05|zelda@|0143/);
    }
    expect(errorOf(() => opaqueRef('Zelda Quartz', 'incidentRef')).message).toMatch(/^incidentRef: /);
    expect(errorOf(() => obligationWorkflowId('INC-1', 'notice for Zelda')).message).toMatch(/^obligationId: /);
  });
});
