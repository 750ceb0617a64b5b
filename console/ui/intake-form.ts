/**
 * Opening an incident from the console (pure; browser and node): the intake fields a responder knows on
 * day one become the first facts document — organization, our role, discovery (164.404(a)(2)), the PHI
 * involved, the affected individuals by State — checked with the server's own domain/ rules before it is
 * sent, so each problem shows next to its field. Everything not yet known (encryption, the four factors)
 * starts as "unknown", which keeps the presumption of breach (164.402(2)) until the assessment.
 */
import { HIPAA_IDENTIFIERS, validateFacts } from '../../domain/index.js';
import { opaqueRefProblem } from '../../security/opaque-id.js';
import type { IncidentRole } from '../../contract/vocabulary.js';

export interface IntakeForm {
  ref: string;
  role: IncidentRole;
  owner: string;
  orgName: string;
  entityType: string;
  timeZone: string;
  /** For a business associate: the covered entity whose PHI it was. */
  coveredEntityName: string;
  /** `datetime-local` values (the browser's time). */
  discoveredAt: string;
  occurredAt: string;
  /** "CA 700, NV 500" or one State per line; `unknown` for residents of no known State. */
  affected: string;
  phiInvolved: 'yes' | 'no' | 'unknown';
  identifiers: string[];
  clinical: boolean;
  financial: boolean;
  /** 164.402 "breach": was the use or disclosure one the Privacy Rule does not permit? ("unknown" keeps the presumption.) */
  privacyRule: 'unknown' | 'not_permitted' | 'permitted' | 'incidental';
  /** The provision relied on, required for permitted / incidental (164.414(b)). */
  privacyRuleBasis: string;
  /** For a business associate: do we act as the covered entity's agent? (164.404(a)(2)) */
  actingAsAgent: 'unknown' | 'yes' | 'no';
}

export const IDENTIFIER_CHOICES: readonly string[] = HIPAA_IDENTIFIERS;

export const emptyIntake = (timeZone: string): IntakeForm => ({
  ref: '',
  role: 'covered_entity',
  owner: '',
  orgName: '',
  entityType: 'health_care_provider',
  timeZone,
  coveredEntityName: '',
  discoveredAt: '',
  occurredAt: '',
  affected: '',
  phiInvolved: 'yes',
  identifiers: [],
  clinical: false,
  financial: false,
  privacyRule: 'unknown',
  privacyRuleBasis: '',
  actingAsAgent: 'unknown',
});

/** Which form field a facts path belongs to (for errors next to the field). */
export function fieldOf(path: string): keyof IntakeForm | 'form' {
  if (path.startsWith('organization.name')) return 'orgName';
  if (path.startsWith('organization.timeZone')) return 'timeZone';
  if (path.startsWith('organization.entityType')) return 'entityType';
  if (path.startsWith('coveredEntities') && path.endsWith('actingAsAgent')) return 'actingAsAgent';
  if (path.startsWith('coveredEntities')) return 'coveredEntityName';
  if (path.startsWith('privacyRule.basis')) return 'privacyRuleBasis';
  if (path.startsWith('privacyRule')) return 'privacyRule';
  if (path.startsWith('dates.discoveredAt')) return 'discoveredAt';
  if (path.startsWith('dates.occurredAt')) return 'occurredAt';
  if (path.startsWith('affected')) return 'affected';
  if (path.startsWith('phi.identifiers')) return 'identifiers';
  if (path.startsWith('phi')) return 'phiInvolved';
  return 'form';
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'covered-entity';
const instant = (local: string) => (local && !Number.isNaN(Date.parse(local)) ? new Date(local).toISOString() : local);

export type IntakeResult =
  | { ok: true; body: { ref: string; role: IntakeForm['role']; owner?: string; facts: Record<string, unknown> } }
  | { ok: false; errors: { field: keyof IntakeForm | 'form'; message: string }[] };

export function intakeToRequest(f: IntakeForm, now: string): IntakeResult {
  const errors: { field: keyof IntakeForm | 'form'; message: string }[] = [];
  // The server's own rule (security/opaque-id.ts): the message names the rule, never the value.
  const refProblem = opaqueRefProblem(f.ref);
  if (refProblem) errors.push({ field: 'ref', message: refProblem });
  const byJurisdiction: Record<string, number> = {};
  const rest = f.affected.replace(/([A-Za-z]{2}|unknown)\s*[:=]?\s*(\d[\d,]*)/g, (_m, st: string, n: string) => {
    const key = st.toLowerCase() === 'unknown' ? 'unknown' : st.toUpperCase();
    byJurisdiction[key] = (byJurisdiction[key] ?? 0) + Number(n.replace(/,/g, ''));
    return '';
  });
  if (/[^\s,;]/.test(rest))
    errors.push({
      field: 'affected',
      message: 'write each State and its count, e.g. "CA 700, NV 500" (use "unknown" for residents of no known State)',
    });
  if (Object.keys(byJurisdiction).length === 0 && !errors.some((e) => e.field === 'affected'))
    errors.push({ field: 'affected', message: 'how many people, by State of residence (164.406 counts residents per State)' });
  if (f.role === 'business_associate' && !f.coveredEntityName.trim())
    errors.push({ field: 'coveredEntityName', message: 'the covered entity whose PHI it was (164.410)' });
  const facts: Record<string, unknown> = {
    organization: { name: f.orgName.trim(), entityType: f.entityType, timeZone: f.timeZone.trim() },
    role: f.role,
    ...(f.role === 'business_associate'
      ? {
          coveredEntities: [
            {
              id: slug(f.coveredEntityName),
              name: f.coveredEntityName.trim(),
              ...(f.actingAsAgent !== 'unknown' ? { actingAsAgent: f.actingAsAgent } : {}),
            },
          ],
        }
      : {}),
    // Left out when unknown: the same as not answered (the presumption of breach stands, 164.402).
    ...(f.privacyRule !== 'unknown'
      ? { privacyRule: { finding: f.privacyRule, ...(f.privacyRuleBasis.trim() ? { basis: f.privacyRuleBasis.trim() } : {}) } }
      : {}),
    dates: { discoveredAt: instant(f.discoveredAt), ...(f.occurredAt ? { occurredAt: instant(f.occurredAt) } : {}) },
    phi: { involved: f.phiInvolved, identifiers: f.identifiers, clinical: f.clinical, financial: f.financial },
    // Not known at intake: unknown keeps the presumption of breach until the assessment (164.402).
    security: { encrypted: 'unknown' },
    affected: { byJurisdiction },
  };
  const checked = validateFacts(facts, { now });
  if (!checked.ok) for (const i of checked.issues) errors.push({ field: fieldOf(i.path), message: `${i.message} (${i.path})` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, body: { ref: f.ref, role: f.role, ...(f.owner.trim() ? { owner: f.owner.trim() } : {}), facts } };
}
