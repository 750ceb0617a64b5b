/**
 * What changed between two versions of an incident's facts, field by field (for counsel: "the discovery
 * date moved from … to …"). Paths are dotted (`affected.byJurisdiction.CA`); arrays compare by index.
 */
export interface FactChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix, Array.isArray(value) ? [] : {});
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (value !== undefined) out.set(prefix, value);
}

export function diffFacts(before: unknown, after: unknown): FactChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FactChange[] = [];
  for (const p of paths) {
    const x = a.get(p);
    const y = b.get(p);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ path: p, ...(a.has(p) ? { before: x } : {}), ...(b.has(p) ? { after: y } : {}) });
  }
  return changes;
}
