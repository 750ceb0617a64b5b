/**
 * `breach plan`: what the rule says for a set of facts, without starting or storing anything.
 *
 * Input (a file, or stdin when the file is `-` or omitted), JSON (or YAML):
 *   - the incident facts themselves (domain/facts.ts), or
 *   - `{ "facts": { … }, "decision": { "reportable", "decidedBy", "decidedAt", "justification"? } }`
 *     to plan on a recorded decision. Without a decision the plan is a PREVIEW that follows the engine's
 *     recommendation: the decision is the privacy officer's (45 CFR 164.414(b)).
 * Output: the determination and every obligation — a table by default, `--json` for machines.
 * Exit codes: 0 planned; 2 invalid input, with every problem listed as `field.path: reason`.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import YAML from 'yaml';
import {
  DEFAULT_TARGET_DAYS,
  determine,
  formatIssue,
  formatLegalDate,
  IsoInstant,
  JURISDICTION_NAMES,
  validateDecision,
  validateFacts,
  type Decision,
  type Jurisdiction,
  type Plan,
  type ValidationIssue,
} from '../domain/index.js';
import { planWithStateLaw, RecordedEvents, type PlanWithStateLaw, type StateLawPlan } from '../domain/state-law/index.js';
import { table } from '../reports/incident-format.js';
import { formatStateLaw } from '../reports/state-law-format.js';

export const PLAN_EXIT = { planned: 0, invalid: 2 } as const;

export interface PlanCommandOptions {
  /** File path, or '-' for stdin. */
  source: string;
  json?: boolean;
  /** Print each obligation's checklist, deadline basis and notes. */
  details?: boolean;
  /** ISO instant to evaluate as of (default: the current time). */
  now?: string;
  targetDays?: string | number;
  /** 45 CFR 164.412: 'postpone' (default) or 'extend' (an organization's explicit policy). */
  lawEnforcementDelayReading?: string;
  /** Text of stdin (for '-'); read from file descriptor 0 when not given. */
  stdin?: string;
}

export interface PlanCommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  plan?: Plan | PlanWithStateLaw;
}

const invalid = (problems: ValidationIssue[], json: boolean): PlanCommandResult => ({
  exitCode: PLAN_EXIT.invalid,
  stdout: '',
  stderr: json
    ? JSON.stringify({ error: 'invalid input', issues: problems, problems }, null, 2)
    : [`invalid input: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, ...problems.map((p) => `  ${formatIssue(p)}`)].join(
        '\n',
      ),
});

function parseDocument(text: string, source: string): { ok: true; value: unknown } | { ok: false; problem: ValidationIssue } {
  const where = source === '-' ? 'stdin' : source;
  if (text.trim() === '') return { ok: false, problem: { path: '(input)', message: `${where} is empty: expected incident facts as JSON` } };
  try {
    const value: unknown = text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? JSON.parse(text) : YAML.parse(text);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, problem: { path: '(input)', message: `${where} is not valid JSON or YAML (${(err as Error).message})` } };
  }
}

/** The command's logic, without the process: returns what to print and the exit code. */
export function runPlanCommand(o: PlanCommandOptions, clock: () => string = () => new Date().toISOString()): PlanCommandResult {
  const json = !!o.json;
  const optionProblems: ValidationIssue[] = [];
  const now = o.now ?? clock();
  if (o.now !== undefined && !IsoInstant.safeParse(o.now).success)
    optionProblems.push({ path: '--now', message: 'must be an ISO 8601 date-time with a UTC offset, e.g. 2026-11-22T12:00:00Z' });
  const targetDays = o.targetDays === undefined ? DEFAULT_TARGET_DAYS : Number(o.targetDays);
  if (!Number.isInteger(targetDays) || targetDays < 0)
    optionProblems.push({ path: '--target-days', message: 'must be a whole number of days ≥ 0' });
  const tolling = o.lawEnforcementDelayReading ?? 'postpone';
  if (tolling !== 'postpone' && tolling !== 'extend')
    optionProblems.push({
      path: '--law-enforcement-delay-reading',
      message:
        'must be "postpone" (the default: the deadline is the later of the undelayed deadline and the end of the delay) or "extend" (the delay stops the clock; an organization policy), 45 CFR 164.412',
    });
  if (optionProblems.length) return invalid(optionProblems, json);

  let text: string;
  try {
    text = o.source === '-' ? (o.stdin ?? fs.readFileSync(0, 'utf8')) : fs.readFileSync(o.source, 'utf8');
  } catch (err) {
    return invalid([{ path: '(input)', message: `cannot read ${o.source === '-' ? 'stdin' : o.source}: ${(err as Error).message}` }], json);
  }
  const doc = parseDocument(text, o.source);
  if (!doc.ok) return invalid([doc.problem], json);

  // A document with a top-level "facts" key is the { facts, decision } envelope; anything else is facts.
  const envelope = doc.value !== null && typeof doc.value === 'object' && !Array.isArray(doc.value) && 'facts' in doc.value;
  const raw = envelope ? (doc.value as Record<string, unknown>) : undefined;
  const problems: ValidationIssue[] = [];
  if (raw) {
    for (const k of Object.keys(raw))
      if (k !== 'facts' && k !== 'decision' && k !== 'events')
        problems.push({ path: k, message: 'is not a field of the plan input (expected "facts" and optionally "decision" and "events")' });
  }
  const checked = validateFacts(raw ? raw.facts : doc.value, { now });
  if (!checked.ok)
    problems.push(
      ...checked.issues.map((i) => (raw ? { path: i.path === '(root)' ? 'facts' : `facts.${i.path}`, message: i.message } : i)),
    );

  let decision: Decision | undefined;
  if (raw && raw.decision !== undefined && checked.ok) {
    const d = validateDecision(raw.decision, {
      determination: determine(checked.facts),
      discoveredAt: checked.facts.dates.discoveredAt,
      now,
      pathPrefix: 'decision',
    });
    if (d.ok) decision = d.decision;
    else problems.push(...d.issues);
  }
  // Recorded events that pending state clocks run from: { "hhsNotifiedAt", "individualsNotifiedAt" } (issue 16).
  let events: RecordedEvents | undefined;
  if (raw && raw.events !== undefined) {
    const e = RecordedEvents.safeParse(raw.events);
    if (e.success) events = e.data;
    else
      problems.push(
        ...e.error.issues.map((i) => ({
          path: ['events', ...i.path.map(String)].join('.'),
          message:
            i.code === 'unrecognized_keys'
              ? `is not a recorded event (expected hhsNotifiedAt, individualsNotifiedAt): ${i.keys.join(', ')}`
              : i.message,
        })),
      );
  }
  if (problems.length || !checked.ok) return invalid(problems, json);

  const plan = planWithStateLaw(checked.facts, decision ?? null, {
    now,
    targetDays,
    tolling: tolling === 'extend' ? 'extend' : 'postpone',
    ...(events ? { events } : {}),
  });
  return {
    exitCode: PLAN_EXIT.planned,
    stdout: json ? JSON.stringify(plan, null, 2) : formatPlan(plan, { details: !!o.details }),
    stderr: '',
    plan,
  };
}

const n = (x: number) => x.toLocaleString('en-US');
const PRIVACY_RULE_TEXT = {
  permitted: 'PERMITTED (not a breach)',
  incidental: 'INCIDENTAL to a permitted use (not a breach)',
  not_permitted: 'not permitted',
  unknown: 'unknown — not answered; the presumption of breach stands',
} as const;

/** The plan as text for a person: determination, decision, obligations table, warnings, documentation. */
export function formatPlan(plan: Plan & { stateLaw?: StateLawPlan }, opts: { details?: boolean } = {}): string {
  const d = plan.determination;
  const counts = Object.entries(plan.byJurisdiction)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, c]) => `${code === 'unknown' ? 'State unknown' : code} ${n(c)}`)
    .join(', ');
  const out: string[] = [
    `Breach plan — ${plan.organization} (${plan.role.replace('_', ' ')})${plan.status === 'preview' ? '   [PREVIEW: no decision recorded]' : ''}`,
    `Discovery: ${plan.discoveryDate} in ${plan.timeZone} (day 0; from ${plan.discoveredAt})`,
    `Affected:  ${n(plan.totalAffected)}${counts ? ` — ${counts}` : ''}`,
    `Permitted by the Privacy Rule? ${PRIVACY_RULE_TEXT[plan.privacyRule.finding]}${plan.privacyRule.basis ? ` — basis: ${plan.privacyRule.basis}` : ''} (45 CFR 164.402 "breach")`,
    ...plan.coveredEntities.map(
      (ce) =>
        `Covered entity ${ce.name} (${ce.id}): we act as its agent — ${ce.actingAsAgent}${ce.actingAsAgent === 'unknown' ? ' (not answered: planned as if yes)' : ''} (45 CFR 164.404(a)(2))`,
    ),
    `Rules: edition ${plan.rulesVersion}; law-enforcement delays ${plan.tolling === 'postpone' ? 'postpone notices (the deadline is never extended)' : 'EXTEND deadlines (organization policy)'} (45 CFR 164.412)`,
    '',
    `Recommendation: ${d.recommendation.reportable ? 'REPORTABLE' : 'NOT REPORTABLE'} (${d.outcome.replace(/_/g, ' ')}) — ${d.recommendation.summary}`,
    ...d.rationale.map((r, i) => `  ${String(i + 1).padStart(2)}. ${r}`),
    '',
  ];
  const dec = plan.decision;
  out.push(
    dec
      ? `Decision: ${dec.reportable ? 'REPORTABLE' : 'NOT REPORTABLE'} by ${dec.decidedBy} at ${dec.decidedAt}${dec.agreesWithRecommendation ? ' (agrees with the recommendation)' : ` (DIFFERS from the recommendation${dec.justification ? `: ${dec.justification}` : ''})`}`
      : `Decision: none recorded — planned as the recommendation says (${plan.reportable ? 'reportable' : 'not reportable'}); the decision is the privacy officer's.`,
    '',
  );

  if (plan.obligations.length === 0) {
    out.push('Obligations: none — no notice is required. Keep the record below (45 CFR 164.414(b), 164.530(j)).');
  } else {
    out.push(
      `Obligations (${plan.obligations.length}) — dates are local dates in ${plan.timeZone}. Deadline: the OUTER LIMIT the law sets, to the end of that day — not a goal: notice is due without unreasonable delay (45 CFR 164.404(b)). Target: the day to aim for (${plan.targetDays} days after discovery; never after the deadline — a later one is clipped, see the warnings)`,
    );
    out.push(
      table(
        ['id', 'recipient', 'deadline', 'target', 'law-enforcement hold', 'rule'],
        plan.obligations.map((o) => [
          o.id,
          o.recipient,
          o.deadline.date,
          o.target.date,
          o.lawEnforcementHold.heldUntil
            ? `${o.lawEnforcementHold.status === 'in_force' ? 'IN FORCE' : 'ended'}, until ${o.lawEnforcementHold.heldUntil}`
            : '',
          o.citation,
        ]),
      ),
    );
    const notes = plan.obligations.flatMap((o) => o.notes.map((x) => `  ${o.id}: ${x}`));
    if (notes.length) out.push('', 'Notes:', ...notes);
    if (opts.details) {
      for (const o of plan.obligations) {
        out.push(
          '',
          `${o.id} — ${o.label}`,
          `  deadline (outer limit) ${formatLegalDate(o.deadline.date, plan.timeZone)}: ${o.deadlineBasis}`,
          `  target   ${formatLegalDate(o.target.date, plan.timeZone)}`,
          `  methods  ${o.methods.join(', ')}${o.keepActiveDays ? `; keep active ${o.keepActiveDays} days` : ''}`,
          '  must contain / satisfy:',
        );
        for (const c of o.checklist) out.push(`    [ ] ${c.item} — ${c.citation}`);
      }
    }
  }
  if (plan.lawEnforcementHolds.length) {
    out.push('', 'Law-enforcement delays (45 CFR 164.412):', ...plan.lawEnforcementHolds.map((h) => `  ${h.start} → ${h.end}: ${h.basis}`));
  }
  if (plan.notes.length) out.push('', ...plan.notes);
  if (plan.warnings.length) out.push('', 'Warnings:', ...plan.warnings.map((w) => `  ! ${w}`));
  if (plan.stateLaw) out.push('', formatStateLaw(plan.stateLaw, { details: !!opts.details }));
  const doc = plan.documentation;
  out.push(
    '',
    `Documentation — keep until at least ${doc.retention.retainUntil} (${doc.retention.citation}; ${doc.retention.note}):`,
    ...doc.keep.map((k) => `  - ${k.item} (${k.citation})`),
  );
  return out.join('\n');
}

/** Adds `breach plan` to a commander program. */
export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('determination and obligations for a set of incident facts (nothing is started or stored)')
    .argument('[file]', 'incident facts as JSON (or YAML), or {"facts", "decision"}; - or omitted: stdin', '-')
    .option('--json', 'print the plan as JSON for machines')
    .option('--details', "print each obligation's deadline basis, methods and content checklist")
    .option('--now <iso>', 'plan as of this instant (default: now)')
    .option(
      '--target-days <n>',
      `target date ("without unreasonable delay") in days after discovery (default ${DEFAULT_TARGET_DAYS}); a target after a deadline is clipped to that deadline, and the plan warns`,
    )
    .option(
      '--law-enforcement-delay-reading <reading>',
      "postpone (default: a delay postpones notice, the deadline is the later of the undelayed deadline and the end of the delay) or extend (the delay stops the clock: only as the organization's documented policy), 45 CFR 164.412",
    )
    .addHelpText(
      'after',
      [
        '',
        'Jurisdiction codes: USPS codes of the 50 States and ' +
          (['DC', 'PR', 'VI', 'GU', 'AS', 'MP'] as Jurisdiction[]).map((c) => `${c} (${JURISDICTION_NAMES[c]})`).join(', ') +
          ', or "unknown".',
        'Exit codes: 0 planned, 2 invalid input (every problem listed as field.path: reason).',
        '',
        'Examples:',
        '  breach plan examples/incidents/ce-two-states.json',
        '  cat facts.json | breach plan --json',
      ].join('\n'),
    )
    .action(
      (file: string, o: { json?: boolean; details?: boolean; now?: string; targetDays?: string; lawEnforcementDelayReading?: string }) => {
        if (file === '-' && process.stdin.isTTY) {
          console.error('no input: give a file, or pipe incident facts as JSON to stdin (breach plan --help)');
          process.exitCode = PLAN_EXIT.invalid;
          return;
        }
        const r = runPlanCommand({
          source: file,
          json: !!o.json,
          details: !!o.details,
          ...(o.now !== undefined ? { now: o.now } : {}),
          ...(o.targetDays !== undefined ? { targetDays: o.targetDays } : {}),
          ...(o.lawEnforcementDelayReading !== undefined ? { lawEnforcementDelayReading: o.lawEnforcementDelayReading } : {}),
        });
        if (r.stdout) process.stdout.write(`${r.stdout}\n`);
        if (r.stderr) process.stderr.write(`${r.stderr}\n`);
        process.exitCode = r.exitCode;
      },
    );
}

/** The modular registration hook: each command file exports `register(program)`. */
export const register = registerPlanCommand;
