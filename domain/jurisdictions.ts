/**
 * States and jurisdictions for counting affected residents.
 *
 * 45 CFR 164.406(a): media notice when a breach involves "more than 500 residents of a State or
 * jurisdiction", counted per State. "State" (45 CFR 160.103, paragraph (2)) means any of the several
 * States, the District of Columbia, the Commonwealth of Puerto Rico, the Virgin Islands and Guam — it does
 * NOT name American Samoa or the Northern Mariana Islands. We count those two as a "jurisdiction" of
 * 164.406(a) (and 42 U.S.C. 17932(e)(2), "State or jurisdiction"): U.S. territories whose residents a
 * media notice can reach. That is OUR READING, unverified by counsel or OCR guidance; it can only add a
 * media notice, never remove one.
 * A sub-state "jurisdiction" (a county, a city) can never have more residents than its State, so counting
 * per State finds every media obligation; the outlets chosen may still serve only the affected area.
 *
 * `unknown` holds people whose State of residence is not known (or who live outside these
 * jurisdictions): they count toward the total (164.408: 500 or more → HHS now) but never toward any
 * State's media threshold — a media notice needs residents of a State.
 */
export const STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
] as const;
/** DC and the territories that 45 CFR 160.103 includes in "State". */
export const STATE_TERRITORIES = ['DC', 'PR', 'VI', 'GU'] as const;
/** Territories counted as a "jurisdiction" of 45 CFR 164.406(a), not a 160.103 "State" (our reading, unverified). */
export const OTHER_JURISDICTIONS = ['AS', 'MP'] as const;
export const TERRITORIES = [...STATE_TERRITORIES, ...OTHER_JURISDICTIONS] as const;
/** The citation for counting residents of `code` per 164.406(a). */
export const jurisdictionCitation = (code: string): string =>
  (OTHER_JURISDICTIONS as readonly string[]).includes(code)
    ? '45 CFR 164.406(a) "jurisdiction"; 42 U.S.C. 17932(e)(2) (not a 160.103 "State"; our reading, unverified)'
    : '45 CFR 164.406(a); 160.103 "State"';
export const UNKNOWN_JURISDICTION = 'unknown' as const;
export const JURISDICTIONS = [...STATES, ...TERRITORIES, UNKNOWN_JURISDICTION] as const;

export type State = (typeof STATES)[number] | (typeof TERRITORIES)[number];
export type Jurisdiction = (typeof JURISDICTIONS)[number];

const SET: ReadonlySet<string> = new Set(JURISDICTIONS);
export const isJurisdiction = (code: string): code is Jurisdiction => SET.has(code);
export const isState = (code: string): code is State => code !== UNKNOWN_JURISDICTION && SET.has(code);

export const JURISDICTION_NAMES: Record<Jurisdiction, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  DC: 'District of Columbia',
  PR: 'Puerto Rico',
  VI: 'U.S. Virgin Islands',
  GU: 'Guam',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
  unknown: 'State of residence unknown',
};

/** Why `code` is not accepted, phrased for an error message; undefined when it is accepted. */
export function jurisdictionCodeProblem(code: string): string | undefined {
  if (isJurisdiction(code)) return undefined;
  if (isJurisdiction(code.toUpperCase()) && code.toUpperCase() !== 'UNKNOWN')
    return `"${code}" is not a jurisdiction code: codes are upper-case USPS codes (did you mean "${code.toUpperCase()}"?)`;
  if (code.toLowerCase() === UNKNOWN_JURISDICTION)
    return `"${code}" is not a jurisdiction code: write "unknown" in lower case for people whose State is not known`;
  return `"${code}" is not a State or jurisdiction code: use a USPS code of the 50 States, DC, PR, VI or GU (45 CFR 160.103 "State"), AS or MP (a "jurisdiction" of 45 CFR 164.406(a)), or "unknown"`;
}

/**
 * 45 CFR 164.406(a): more than 500 residents of a State or jurisdiction → media notice there.
 * Strictly more: 500 exactly is not. `unknown` never qualifies.
 */
export const MEDIA_THRESHOLD_EXCLUSIVE = 500;
export function requiresMediaNotice(code: Jurisdiction, residents: number): boolean {
  return code !== UNKNOWN_JURISDICTION && residents > MEDIA_THRESHOLD_EXCLUSIVE; // 45 CFR 164.406(a)
}
