/**
 * Issue 18 §3: start mailing fills the notice's dates from the incident's recorded facts (164.404(c)(1)(A): the
 * date of the breach and of its discovery). The service may take them from its last read of the incident
 * instead of a fresh query; this key names what those dates are computed from — the recorded facts' raw dates,
 * the organization's zone and the incident's rule edition — and the workflow refuses a mailing whose key is not
 * its own (the facts changed since the read). No PHI: instants, a zone name and a number. Pure (the sandbox uses it).
 */
export function recordedDatesKey(facts: unknown, rulesVersion: number | undefined): string {
  const f = (typeof facts === 'object' && facts !== null ? facts : {}) as { dates?: unknown; organization?: unknown };
  const d = (typeof f.dates === 'object' && f.dates !== null ? f.dates : {}) as Record<string, unknown>;
  const o = (typeof f.organization === 'object' && f.organization !== null ? f.organization : {}) as Record<string, unknown>;
  return JSON.stringify([d.discoveredAt ?? null, d.occurredAt ?? null, d.occurredEndAt ?? null, o.timeZone ?? null, rulesVersion ?? 1]);
}

/** The refusal's text when the key is stale (the service reads the incident again and retries once). */
export const RECORDED_DATES_CHANGED =
  "recordedDatesKey: the incident's recorded facts changed since the notice's dates were read; read the incident again";
