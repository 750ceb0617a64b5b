/**
 * Size limits at the boundary (issue 13 item 3). Temporal refuses a payload over 2 MB (and warns from
 * 256 KB); the incident's state travels whole in its query answer, its continue-as-new carry and the
 * evidence activity's input, and it holds the current facts plus every recorded version of them. These
 * limits keep all of those well under 2 MB, and under the SDK's 512 KiB warning, whatever the incident:
 * facts ≤ 96 KiB, all recorded versions together ≤ 320 KiB, so the state stays near 420 KiB plus its
 * timeline. The covered-entity
 * list is bounded by what one incident can run: one obligation workflow per covered entity (164.410), and
 * Temporal allows at most 2,000 pending child workflows per execution.
 *
 * These are engine limits, not law. Pure (used by the workflow, the service and the API): no clock, no I/O.
 * Documented in docs/reliability.md.
 */
export const FACTS_MAX_BYTES = 96 * 1024;
export const FACTS_VERSIONS_MAX_BYTES = 320 * 1024;
export const COVERED_ENTITIES_MAX = 300;
/** Any other action's request (notice text, a CE notice, a roster attachment's counts). */
export const REQUEST_MAX_BYTES = 256 * 1024;

/** UTF-8 length of a string, without TextEncoder (the workflow sandbox stays minimal). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as JSON; undefined when it cannot be serialized (a cycle, a BigInt), Infinity then. */
export function jsonBytes(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 0 : utf8Bytes(text);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

/** Problems as `field: rule` (empty when within the limits). Checked before the facts' own validation. */
export function factsSizeProblems(facts: unknown): string[] {
  const problems: string[] = [];
  const bytes = jsonBytes(facts);
  if (bytes > FACTS_MAX_BYTES) {
    problems.push(
      `facts: ${Number.isFinite(bytes) ? `${bytes} bytes as JSON` : 'cannot be serialized as JSON'}; the limit is ${FACTS_MAX_BYTES} bytes (${kib(FACTS_MAX_BYTES)}) per facts document (docs/reliability.md)`,
    );
  }
  const ces = typeof facts === 'object' && facts !== null ? (facts as { coveredEntities?: unknown }).coveredEntities : undefined;
  if (Array.isArray(ces) && ces.length > COVERED_ENTITIES_MAX) {
    problems.push(
      `coveredEntities: ${ces.length} covered entities; the limit is ${COVERED_ENTITIES_MAX} per incident (one notice obligation each, 164.410): open one incident per group of at most ${COVERED_ENTITIES_MAX} covered entities (docs/reliability.md)`,
    );
  }
  return problems;
}

/** The recorded versions plus a new one stay within FACTS_VERSIONS_MAX_BYTES. */
export function factsVersionsProblem(recordedBytes: number, nextFacts: unknown): string | undefined {
  const next = jsonBytes(nextFacts);
  if (recordedBytes + next <= FACTS_VERSIONS_MAX_BYTES) return undefined;
  return `facts: this incident already records ${kib(recordedBytes)} of facts versions; with this one (${kib(next)}) it would pass the limit of ${kib(FACTS_VERSIONS_MAX_BYTES)} (docs/reliability.md): record smaller facts`;
}

/** A whole update request (other than facts) within REQUEST_MAX_BYTES. */
export function requestSizeProblem(request: unknown): string | undefined {
  const bytes = jsonBytes(request);
  if (bytes <= REQUEST_MAX_BYTES) return undefined;
  return `request: ${Number.isFinite(bytes) ? `${bytes} bytes as JSON` : 'cannot be serialized as JSON'}; the limit is ${REQUEST_MAX_BYTES} bytes (${kib(REQUEST_MAX_BYTES)}) per action (docs/reliability.md)`;
}
