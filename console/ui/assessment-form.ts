/**
 * The guided assessment's logic (browser and node alike; pure): the questions in the rule's order —
 * encryption safe harbor, statutory exceptions, then the four factors of 45 CFR 164.402(2) — how answers
 * become the facts document, and the live recommendation from the same domain/ code the server runs
 * (the server recomputes on submit; this is only a preview).
 */
import { CURRENT_RULES_VERSION, determine, validateFacts, type Determination, type RulesVersion } from '../../domain/index.js';

export type AnswerValue = string;
export interface Question {
  /** Dotted path in the facts document. */
  path: string;
  label: string;
  help: string;
  options: { value: string; label: string }[];
  /** Answers that keep the presumption of breach when unknown. */
  unknownValue?: string;
}
export interface Section {
  id: string;
  title: string;
  citation: string;
  intro: string;
  questions: Question[];
}

const yn = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Unknown' },
];

export const SECTIONS: Section[] = [
  {
    id: 'safe-harbor',
    title: 'Encryption safe harbor',
    citation: '45 CFR 164.402 ("unsecured PHI"); HHS guidance, 74 FR 42740',
    intro:
      'Secured PHI (encrypted to HHS guidance with the key not compromised, or destroyed) is not unsecured PHI: no notification is required.',
    questions: [
      {
        path: 'security.encrypted',
        label: 'Was the PHI encrypted?',
        help: 'At rest or in transit, at the time of the incident.',
        options: yn,
        unknownValue: 'unknown',
      },
      {
        path: 'security.encryptionMeetsHhsGuidance',
        label: 'Does the encryption meet HHS guidance (NIST)?',
        help: 'E.g. NIST SP 800-111 for data at rest. Unknown keeps the presumption.',
        options: yn,
        unknownValue: 'unknown',
      },
      {
        path: 'security.keyCompromised',
        label: 'Was the key or password compromised?',
        help: 'A key kept with the device defeats the safe harbor.',
        options: yn,
        unknownValue: 'unknown',
      },
      {
        path: 'security.destroyed',
        label: 'Was the PHI destroyed (NIST SP 800-88) before the incident?',
        help: 'Paper shredded or media purged so PHI cannot be read or reconstructed.',
        options: yn,
        unknownValue: 'unknown',
      },
    ],
  },
  {
    id: 'exception',
    title: 'Statutory exceptions',
    citation: '45 CFR 164.402(1)(i)–(iii)',
    intro:
      'Three cases are not a breach: unintentional good-faith access by the workforce, inadvertent disclosure between authorized persons, and a recipient who could not have retained the PHI. Claiming one needs its conditions in the facts (edit the facts document).',
    questions: [],
  },
  {
    id: 'factor-1',
    title: 'Factor 1 — nature and extent of the PHI',
    citation: '45 CFR 164.402(2)(i)',
    intro: 'The types of identifiers and the likelihood of re-identification.',
    questions: [
      {
        path: 'assessment.natureAndExtent.reidentificationLikelihood',
        label: 'Likelihood of re-identification',
        help: 'Could the information be linked to the individuals?',
        options: [
          { value: 'low', label: 'Low' },
          { value: 'high', label: 'High' },
          { value: 'unknown', label: 'Unknown' },
        ],
        unknownValue: 'unknown',
      },
      {
        path: 'assessment.natureAndExtent.sensitiveInformation',
        label: 'Was sensitive clinical or financial detail involved?',
        help: 'Diagnoses, mental health, substance use, HIV, genetic or payment data.',
        options: yn,
        unknownValue: 'unknown',
      },
    ],
  },
  {
    id: 'factor-2',
    title: 'Factor 2 — the unauthorized person',
    citation: '45 CFR 164.402(2)(ii)',
    intro: 'Who used the PHI or to whom it was disclosed; is that person obliged to protect it?',
    questions: [
      {
        path: 'assessment.unauthorizedRecipient.kind',
        label: 'Who received or used the PHI?',
        help: 'Another HIPAA-covered entity or business associate is itself obliged to protect it.',
        options: [
          { value: 'own_workforce_member', label: 'Our own workforce member' },
          { value: 'hipaa_covered_entity_or_business_associate', label: 'A HIPAA covered entity or business associate' },
          { value: 'other_entity_obligated_by_law', label: 'Another entity obliged by law (e.g. federal agency)' },
          { value: 'other_known_party', label: 'Another known party' },
          { value: 'unknown_or_malicious', label: 'Unknown or malicious party' },
          { value: 'unknown', label: 'Unknown' },
        ],
        unknownValue: 'unknown',
      },
      {
        path: 'assessment.unauthorizedRecipient.obligatedToProtect',
        label: 'Is the recipient obliged to protect the PHI?',
        help: 'By HIPAA or other law (Privacy Act, FISMA).',
        options: yn,
        unknownValue: 'unknown',
      },
    ],
  },
  {
    id: 'factor-3',
    title: 'Factor 3 — acquired or viewed',
    citation: '45 CFR 164.402(2)(iii)',
    intro: 'Whether the PHI was actually acquired or viewed, or only exposed; record how it is known.',
    questions: [
      {
        path: 'assessment.acquiredOrViewed.finding',
        label: 'Was the PHI acquired or viewed?',
        help: "Forensic analysis, access logs or the recipient's attestation can show it was not.",
        options: [
          { value: 'not_acquired_or_viewed', label: 'Not acquired or viewed' },
          { value: 'viewed', label: 'Viewed' },
          { value: 'acquired', label: 'Acquired' },
          { value: 'unknown', label: 'Unknown' },
        ],
        unknownValue: 'unknown',
      },
    ],
  },
  {
    id: 'factor-4',
    title: 'Factor 4 — mitigation',
    citation: '45 CFR 164.402(2)(iv)',
    intro: 'The extent to which the risk to the PHI has been mitigated.',
    questions: [
      {
        path: 'assessment.mitigation.extent',
        label: 'How far has the risk been mitigated?',
        help: 'E.g. the recipient returned or destroyed the PHI and attested to it.',
        options: [
          { value: 'returned_or_destroyed_with_attestation', label: 'Returned or destroyed, with attestation' },
          { value: 'satisfactory_assurances', label: 'Satisfactory assurances obtained' },
          { value: 'partial', label: 'Partially' },
          { value: 'none', label: 'Not mitigated' },
          { value: 'unknown', label: 'Unknown' },
        ],
        unknownValue: 'unknown',
      },
    ],
  },
];

export const QUESTIONS: Question[] = SECTIONS.flatMap((s) => s.questions);

const getPath = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

/** The answers already in a facts document (blank where it has none). */
export function answersFromFacts(facts: unknown): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const q of QUESTIONS) {
    const v = getPath(facts, q.path);
    out[q.path] = typeof v === 'string' ? v : '';
  }
  return out;
}

/** The facts document with the answers applied (a deep copy; blank answers leave the field as it was). */
export function applyAnswers(facts: unknown, answers: Record<string, AnswerValue>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(facts ?? {})) as Record<string, unknown>;
  for (const [path, value] of Object.entries(answers)) {
    if (value === '') continue;
    const keys = path.split('.');
    let o = copy;
    for (const k of keys.slice(0, -1)) {
      if (!o[k] || typeof o[k] !== 'object') o[k] = {};
      o = o[k] as Record<string, unknown>;
    }
    o[keys[keys.length - 1]!] = value;
  }
  return copy;
}

/** Questions answered "unknown" (or left blank): each keeps the presumption of breach (164.402(2)). */
export function unknownAnswers(answers: Record<string, AnswerValue>): Question[] {
  return QUESTIONS.filter((q) => {
    const v = answers[q.path] ?? '';
    return v === '' || v === q.unknownValue;
  });
}

export type Preview =
  { ok: true; determination: Determination; pushesToReportable: Question[] } | { ok: false; issues: { path: string; message: string }[] };

/**
 * The live recommendation: validate the facts with the answers applied, then determine (the server does
 * the same, with the incident's rule edition: pass the snapshot's `rulesVersion`, absent = 1).
 */
export function preview(
  facts: unknown,
  answers: Record<string, AnswerValue>,
  now: string,
  rulesVersion: RulesVersion = CURRENT_RULES_VERSION,
): Preview {
  const checked = validateFacts(applyAnswers(facts, answers), { now, rulesVersion });
  if (!checked.ok) return { ok: false, issues: checked.issues.map((i) => ({ path: i.path, message: i.message })) };
  return { ok: true, determination: determine(checked.facts, { rulesVersion }), pushesToReportable: unknownAnswers(answers) };
}

/** The privacy officer must justify a decision that differs from the recommendation (164.402(2), 164.414(b)). */
export function justificationRequired(recommendedReportable: boolean | undefined, decidedReportable: boolean): boolean {
  return recommendedReportable !== undefined && recommendedReportable !== decidedReportable;
}

export type Urgency = 'overdue' | 'within-3-days' | 'within-14-days' | 'later' | 'none';
/** Colour band of a deadline countdown. */
export function urgency(deadline: string | null | undefined, nowMs: number): Urgency {
  if (!deadline) return 'none';
  const days = (Date.parse(deadline) - nowMs) / 86_400_000;
  if (days < 0) return 'overdue';
  if (days <= 3) return 'within-3-days';
  if (days <= 14) return 'within-14-days';
  return 'later';
}

export function countdown(deadline: string | null | undefined, nowMs: number): string {
  if (!deadline) return '—';
  const ms = Date.parse(deadline) - nowMs;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const text = d > 0 ? `${d} d ${h} h` : `${h} h ${Math.floor((abs % 3_600_000) / 60_000)} min`;
  return ms < 0 ? `overdue by ${text}` : `in ${text}`;
}
