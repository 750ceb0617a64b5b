import { describe, expect, it } from 'vitest';
import { NoticeRenderer } from '../../notices/render.js';
import { withoutReference } from '../../notices/checklist.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from './synthetic-notice.js';

// Issue 13 item 9: the incident reference is quoted in every notice ("Please give the reference …"); it is
// an opaque id, not prose, so a reference that happens to contain "PHI" must not fail the plain-language check.
const renderer = new NoticeRenderer({ org: SYNTHETIC_ORG });
const person = {
  fullName: 'Alex Sample',
  email: 'alex.sample@example.invalid',
  postal: { line1: '12 Test Lane', city: 'Testville', state: 'IL', postalCode: '62702' },
};

describe('the incident reference is not notice text (plain-language check)', () => {
  for (const ref of ['INC-PHI-0042', 'PHI-2026-7', 'SIEM.ePHI.12']) {
    it(`${ref}: the individual notice renders and passes every check`, () => {
      const n = renderer.individual({ ...SYNTHETIC_INCIDENT, incidentRef: ref }, person, 'email');
      expect(n.text).toContain(ref);
      expect(() => renderer.prepareIndividual({ ...SYNTHETIC_INCIDENT, incidentRef: ref })).not.toThrow();
    });
  }

  it('"PHI" in the notice text itself is still jargon', () => {
    expect(() =>
      renderer.individual(
        { ...SYNTHETIC_INCIDENT, incidentRef: 'INC-PHI-0042', whatHappened: 'Someone saw PHI in one staff email account. We locked it.' },
        person,
        'email',
      ),
    ).toThrow(/PHI/);
  });

  it('withoutReference replaces whole occurrences only', () => {
    expect(withoutReference('Give INC-PHI-1 when you call. INC-PHI-10 is another.', 'INC-PHI-1')).toBe(
      'Give reference when you call. INC-PHI-10 is another.',
    );
    expect(withoutReference('(INC-PHI-1).', 'INC-PHI-1')).toBe('(reference).');
  });
});
