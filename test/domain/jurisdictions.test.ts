import { describe, expect, it } from 'vitest';
import {
  JURISDICTIONS,
  JURISDICTION_NAMES,
  STATES,
  TERRITORIES,
  jurisdictionCodeProblem,
  requiresMediaNotice,
} from '../../domain/index.js';

describe('jurisdictions (45 CFR 160.103 "State"; 164.406)', () => {
  it('50 States, DC and five territories, plus "unknown"', () => {
    expect(STATES).toHaveLength(50);
    expect([...TERRITORIES].sort()).toEqual(['AS', 'DC', 'GU', 'MP', 'PR', 'VI']);
    expect(JURISDICTIONS).toHaveLength(57);
    expect(new Set(JURISDICTIONS).size).toBe(57);
    for (const j of JURISDICTIONS) expect(JURISDICTION_NAMES[j]).toBeTruthy();
  });

  it.each([
    ['CA', 499, false],
    ['CA', 500, false], // 500 exactly is not "more than 500"
    ['CA', 501, true],
    ['DC', 501, true],
    ['GU', 501, true],
    ['unknown', 100_000, false], // a media notice needs residents of a State
  ] as const)('%s with %i residents → media notice: %s', (code, n, expected) => {
    expect(requiresMediaNotice(code, n)).toBe(expected);
  });

  it.each([
    ['CA', undefined],
    ['unknown', undefined],
    ['ca', /did you mean "CA"/],
    ['UNKNOWN', /lower case/],
    ['XX', /not a State or jurisdiction code/],
    ['Calif.', /not a State or jurisdiction code/],
    ['AA', /not a State or jurisdiction code/], // an Armed Forces postal code is not a State
  ])('code %s → %s', (code, problem) => {
    const p = jurisdictionCodeProblem(code);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toMatch(problem);
  });
});
