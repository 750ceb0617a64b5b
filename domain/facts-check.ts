import { IncidentFactsSchema, totalAffected, type IncidentFacts } from './incident-facts.js';

/**
 * Validates incident facts: the schema (types, formats, enumerations) and then the rules across fields.
 * Every problem names its field path and the rule; nothing is guessed or silently corrected.
 */
export interface FactsIssue {
  path: string;
  message: string;
}
export type FactsCheck = { ok: true; facts: IncidentFacts } | { ok: false; issues: FactsIssue[] };

export function validateFacts(input: unknown, opts: { now: string }): FactsCheck {
  const parsed = IncidentFactsSchema.safeParse(input);
  if (!parsed.success) {
    const issues: FactsIssue[] = [];
    for (const i of parsed.error.issues) {
      const path = i.path.map(String).join('.') || '(root)';
      if (i.code === 'unrecognized_keys' && path === 'affected.byJurisdiction') {
        // Name each bad code, and the rule for codes (164.406 counts residents per State or jurisdiction).
        for (const k of i.keys) issues.push({ path: `${path}.${k}`, message: `unknown state or jurisdiction code "${k}": use a USPS state code, DC, PR, VI, GU, AS, MP, or UNKNOWN` });
      } else issues.push({ path, message: i.message });
    }
    return { ok: false, issues };
  }
  const f = parsed.data;
  const issues: FactsIssue[] = [];
  const t = (s: string) => Date.parse(s);
  const now = t(opts.now);

  // 164.404(a)(2): discovery is a fact that has happened — never a date in the future.
  if (t(f.dates.discoveredAt) > now) issues.push({ path: 'dates.discoveredAt', message: `is in the future (now is ${opts.now}); discovery is the first day the breach was known` });
  // Discovery may precede the occurrence end (or even a later-found start); a report to us cannot precede discovery.
  if (f.dates.reportedAt && t(f.dates.reportedAt) < t(f.dates.discoveredAt)) {
    issues.push({ path: 'dates.reportedAt', message: 'is before dates.discoveredAt: the breach cannot have been reported before it was known' });
  }
  if (f.dates.reportedAt && t(f.dates.reportedAt) > now) issues.push({ path: 'dates.reportedAt', message: 'is in the future' });
  if (f.dates.occurredAt && t(f.dates.occurredAt) > now) issues.push({ path: 'dates.occurredAt', message: 'is in the future' });
  if (f.dates.occurredAt && f.dates.occurredEndAt && t(f.dates.occurredEndAt) < t(f.dates.occurredAt)) {
    issues.push({ path: 'dates.occurredEndAt', message: 'is before dates.occurredAt' });
  }

  // 164.410: a business associate notifies the covered entity: there must be at least one.
  if (f.role === 'business_associate' && f.coveredEntities.length === 0) {
    issues.push({ path: 'coveredEntities', message: 'a business associate must name at least one covered entity to notify (164.410(a))' });
  }
  if (f.role === 'covered_entity' && f.coveredEntities.length > 0) {
    issues.push({ path: 'coveredEntities', message: 'only a business associate lists covered entities to notify' });
  }
  const ids = new Set<string>();
  f.coveredEntities.forEach((ce, i) => {
    if (ids.has(ce.id)) issues.push({ path: `coveredEntities.${i}.id`, message: `duplicate id "${ce.id}"` });
    ids.add(ce.id);
  });

  // Counts must be consistent with the total by jurisdiction.
  const total = totalAffected(f);
  const within = (path: string, n: number, what: string) => {
    if (n > total) issues.push({ path, message: `${n} ${what} is more than the ${total} affected individuals counted by jurisdiction` });
  };
  within('affected.insufficientContact', f.affected.insufficientContact, 'people with insufficient contact information');
  within('affected.deceased', f.affected.deceased, 'deceased people');
  within('affected.minors', f.affected.minors, 'minors');
  if (f.affected.deceasedWithNextOfKinAddress > f.affected.deceased) {
    issues.push({ path: 'affected.deceasedWithNextOfKinAddress', message: 'cannot exceed affected.deceased' });
  }
  if (f.phi.involved === 'no' && (f.phi.identifiers.length > 0 || f.phi.clinical || f.phi.financial)) {
    issues.push({ path: 'phi.involved', message: '"no" contradicts the PHI kinds recorded in phi.identifiers/clinical/financial' });
  }

  // An exception must match the facts it relies on (164.402(1)).
  const ex = f.exception;
  const recipient = f.assessment?.unauthorizedRecipient.kind;
  if (ex?.kind === 'good_faith_workforce' && recipient && recipient !== 'own_workforce_member') {
    issues.push({ path: 'exception.kind', message: `good_faith_workforce (164.402(1)(i)) requires the person to be a workforce member or acting under our authority, but assessment.unauthorizedRecipient.kind is ${recipient}` });
  }
  if (ex?.kind === 'inadvertent_internal' && recipient && recipient !== 'own_workforce_member' && recipient !== 'hipaa_covered_entity_or_business_associate') {
    issues.push({ path: 'exception.kind', message: `inadvertent_internal (164.402(1)(ii)) requires a disclosure between authorized persons at the same entity or OHCA, but assessment.unauthorizedRecipient.kind is ${recipient}` });
  }
  if (ex?.kind === 'could_not_retain' && f.assessment?.acquiredOrViewed.finding === 'acquired') {
    issues.push({ path: 'exception.kind', message: 'could_not_retain (164.402(1)(iii)) contradicts assessment.acquiredOrViewed.finding = acquired' });
  }

  // 164.412: statements must be coherent in time.
  f.lawEnforcementDelays.forEach((d, i) => {
    if (t(d.receivedAt) > now) issues.push({ path: `lawEnforcementDelays.${i}.receivedAt`, message: 'is in the future' });
    if (d.kind === 'written' && t(d.endsAt) <= t(d.receivedAt)) issues.push({ path: `lawEnforcementDelays.${i}.endsAt`, message: 'must be after receivedAt (a written statement specifies a period, 164.412(a))' });
    if (d.endedAt && t(d.endedAt) < t(d.receivedAt)) issues.push({ path: `lawEnforcementDelays.${i}.endedAt`, message: 'is before receivedAt' });
  });

  return issues.length ? { ok: false, issues } : { ok: true, facts: f };
}
