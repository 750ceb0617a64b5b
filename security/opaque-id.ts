/**
 * Identifiers that Temporal stores and shows in clear — workflow ids, search-attribute values, task
 * queues, failure types — are built here, from opaque references only. The payload codec encrypts
 * payloads; it cannot encrypt an id, so a patient's name or SSN must never be able to reach one.
 *
 * Pure (no Node builtins, no I/O): importable from workflow code as well as from clients.
 *
 * An opaque reference is what a ticket system hands out — `INC-2026-0042`, `SEC-81723`, a UUID:
 * 3-64 characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit, and containing at
 * least one digit (names and other words have none). It must not have the shape of an SSN (123-45-6789,
 * 123456789) or a North-American phone number (555-123-4567, 5551234567). Spaces and `@` are outside the
 * alphabet, so full names and e-mail addresses are rejected by construction.
 *
 * Rejections never repeat the rejected value: it may be exactly the PHI we are keeping out.
 */

export const OPAQUE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
/** Ids the engine generates (roster ids): the reference alphabet; no digit needed. */
export const OPAQUE_ID_PATTERN = OPAQUE_REF_PATTERN;
export const OPAQUE_ID_RULE = 'an opaque id: 3-64 letters, digits, . _ - starting with a letter or digit';
/** Staff user ids as tokens and identity providers give them (the owner search attribute narrows this further). */
export const OPAQUE_USER_ID_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;
/** Search-attribute keyword values and id parts: stage names, obligation kinds, staff user ids. */
export const OPAQUE_TOKEN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const SSN_SHAPE = /(?<![0-9])\d{3}[-._]?\d{2}[-._]?\d{4}(?![0-9])/;
const PHONE_SHAPE = /(?<![0-9])(?:1[-._]?)?\d{3}[-._]?\d{3}[-._]?\d{4}(?![0-9])/;
// A birth date: a 19xx year with month and day, either order (tickets carry this year's date, not 1980's).
const BIRTH_DATE_SHAPE =
  /(?<![0-9])(?:19\d{2}[-._]?(?:0[1-9]|1[0-2])[-._]?(?:0[1-9]|[12]\d|3[01])|(?:0?[1-9]|1[0-2])[-._](?:0?[1-9]|[12]\d|3[01])[-._]19\d{2})(?![0-9])/;
// Labels of patient identifiers (45 CFR 164.514(b)(2)): a medical record, member or account number, a DOB.
const PATIENT_LABEL = /(?:^|[^A-Za-z])(?:MRN|DOB|SSN|PATIENT|MEMBER|BENEFICIARY|MEDREC)(?:[^A-Za-z]|$)/i;
// A person's name: two capitalised words in a row (Jane.Doe, John_Smith-1); ticket prefixes are upper case.
const NAME_SHAPE = /(?:^|[._-])[A-Z][a-z]+[._-][A-Z][a-z]+(?:[._-]|$)/;

export const OPAQUE_REF_RULE =
  '3-64 letters, digits, . _ - with at least one digit, starting with a letter or digit; an opaque reference such as a ticket number, never a name, SSN, phone number or e-mail address';

export class OpaqueIdError extends Error {
  override name = 'OpaqueIdError';
  /** The message names the field and the rule, never the value: safe to log. */
  readonly phiFree = true;
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** Why a value is not an opaque reference, or undefined when it is one. */
export function opaqueRefProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!OPAQUE_REF_PATTERN.test(value)) return OPAQUE_REF_RULE;
  if (!/\d/.test(value)) return 'must contain a digit (an opaque reference, not a name or word)';
  if (SSN_SHAPE.test(value)) return 'has the shape of a Social Security number; use an opaque reference';
  if (PHONE_SHAPE.test(value)) return 'has the shape of a phone number; use an opaque reference';
  return (
    labelProblem(value) ??
    (NAME_SHAPE.test(value) ? "has the shape of a person's name (two capitalised words); use an opaque reference" : undefined)
  );
}

function labelProblem(value: string): string | undefined {
  if (BIRTH_DATE_SHAPE.test(value)) return 'has the shape of a date of birth; use an opaque reference';
  if (PATIENT_LABEL.test(value)) return 'names a patient identifier (MRN, DOB, SSN, patient, member, beneficiary); use an opaque reference';
  return undefined;
}

export const isOpaqueRef = (value: unknown): value is string => opaqueRefProblem(value) === undefined;

/** The value, when it is an opaque reference; otherwise an OpaqueIdError naming `field` (not the value). */
export function opaqueRef(value: unknown, field = 'ref'): string {
  const problem = opaqueRefProblem(value);
  if (problem) throw new OpaqueIdError(field, problem);
  return value as string;
}

/** Why a value may not be a search-attribute keyword or id part, or undefined when it may. */
export function opaqueTokenProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!OPAQUE_TOKEN_PATTERN.test(value)) return '1-100 letters, digits, . _ : - starting with a letter or digit (no spaces, no @)';
  if (SSN_SHAPE.test(value)) return 'has the shape of a Social Security number';
  if (PHONE_SHAPE.test(value)) return 'has the shape of a phone number';
  return labelProblem(value);
}

/**
 * A value for a KEYWORD search attribute (or any other clear-text label: stage, obligation kind, staff
 * user id). Search attributes are indexed by the server and therefore never encrypted.
 */
export function opaqueKeyword(value: unknown, field: string): string {
  const problem = opaqueTokenProblem(value);
  if (problem) throw new OpaqueIdError(field, problem);
  return value as string;
}

export const INCIDENT_WORKFLOW_ID_PREFIX = 'incident-';

/** `incident-<ref>`: the id of an incident's workflow. */
export const incidentWorkflowId = (ref: unknown): string => `${INCIDENT_WORKFLOW_ID_PREFIX}${opaqueRef(ref, 'ref')}`;

/** The ref back from an incident workflow id; undefined for any other id. */
export function incidentRefFromWorkflowId(workflowId: string): string | undefined {
  if (!workflowId.startsWith(INCIDENT_WORKFLOW_ID_PREFIX)) return undefined;
  const ref = workflowId.slice(INCIDENT_WORKFLOW_ID_PREFIX.length);
  return isOpaqueRef(ref) ? ref : undefined;
}

/** `incident-<ref>/obligation/<obligationId>`: a child workflow of an incident (obligation id e.g. `individual_notice:CA`). */
export function obligationWorkflowId(incidentRef: unknown, obligationId: unknown): string {
  return `${incidentWorkflowId(incidentRef)}/obligation/${opaqueKeyword(obligationId, 'obligationId')}`;
}

/** `incident-<ref>/mailing/<obligationId>/<n>`: the n-th mailing of an individual-notice obligation (164.404). */
export function mailingWorkflowId(incidentRef: unknown, obligationId: unknown, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new OpaqueIdError('mailing number', 'a positive integer');
  return `${incidentWorkflowId(incidentRef)}/mailing/${opaqueKeyword(obligationId, 'obligationId')}/${n}`;
}

/** `<mailing workflow id>/bulk`: the fan-out workflow under a mailing. */
export function bulkWorkflowId(mailingId: string): string {
  const m = /^incident-(.+)\/mailing\/([^/]+)\/(\d+)$/.exec(mailingId);
  if (!m) throw new OpaqueIdError('mailingWorkflowId', 'a mailing workflow id (incident-<ref>/mailing/<obligationId>/<n>)');
  return `${mailingWorkflowId(m[1], m[2], Number(m[3]))}/bulk`;
}

/**
 * Any other workflow id: `<kind>-<part>-<part>…`, every part an opaque token (a date, a ref, a counter).
 * `kind` is a constant of the code (`digest`, `annual-log`).
 */
export function opaqueWorkflowId(kind: string, ...parts: unknown[]): string {
  opaqueKeyword(kind, 'kind');
  return [kind, ...parts.map((p, i) => opaqueKeyword(p, `part ${i + 1}`))].join('-');
}
