/**
 * `breach plan`: what the rule says for a set of facts, without starting anything. Reads incident facts
 * as JSON/YAML from a file or stdin, validates them, and prints the determination and every obligation
 * with its deadline — a table by default, `--json` for machines. Exit 0 when planned, 2 on invalid input
 * (every problem listed as `field.path: reason`).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import YAML from 'yaml';
import { planObligations, validateFacts, type Plan } from '../domain/rules.js';
import { table } from './incident-format.js';

export function formatPlan(plan: Plan): string {
  const d = plan.determination;
  const out = [
    `Determination: ${d.recommendation.reportable ? 'REPORTABLE breach' : 'not a reportable breach'} (${d.outcome})`,
    ...d.rationale.map((r) => `  - ${r}`),
    '',
    `Discovery date: ${plan.discoveryDate} (${plan.timeZone}); affected: ${plan.totalAffected}`,
    `Decision assumed: ${plan.reportable ? 'reportable' : 'not reportable'}`,
    '',
  ];
  if (plan.obligations.length === 0) out.push('Obligations: none (document the assessment and decision: 164.414(b), 164.530(j))');
  else {
    out.push('Obligations:');
    out.push(
      table(
        ['id', 'recipient', 'deadline', 'target', 'rule', 'notes'],
        plan.obligations.map((o) => [o.id, o.recipient, o.deadline.date, o.target.date, o.citation, [o.heldUntil ? `held until ${o.heldUntil}` : '', ...o.notes].filter(Boolean).join('; ')]),
      ),
    );
  }
  out.push('', 'Keep:', ...plan.documentation.map((x) => `  - ${x}`));
  return out.join('\n');
}

export function runPlan(opts: { source: string; json: boolean; decision?: 'reportable' | 'not-reportable'; targetDays?: number; now?: string }): { exitCode: number; stdout: string; stderr: string } {
  let text: string;
  try {
    text = opts.source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(opts.source, 'utf8');
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `cannot read ${opts.source}: ${(err as Error).message}` };
  }
  let input: unknown;
  try {
    input = text.trimStart().startsWith('{') ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    return { exitCode: 2, stdout: '', stderr: `(root): not valid JSON/YAML (${(err as Error).message})` };
  }
  const now = opts.now ?? new Date().toISOString();
  const checked = validateFacts(input, { now });
  if (!checked.ok) {
    const lines = checked.issues.map((i) => `${i.path}: ${i.message}`);
    return { exitCode: 2, stdout: '', stderr: opts.json ? JSON.stringify({ error: 'invalid facts', issues: checked.issues }, null, 2) : ['invalid facts:', ...lines.map((l) => `  ${l}`)].join('\n') };
  }
  const provisional = planObligations(checked.facts, { reportable: false, decidedBy: 'plan', decidedAt: now }, { now });
  const reportable = opts.decision ? opts.decision === 'reportable' : provisional.determination.recommendation.reportable;
  const plan = planObligations(checked.facts, { reportable, decidedBy: 'plan (what-if)', decidedAt: now }, { now, ...(opts.targetDays ? { targetDays: opts.targetDays } : {}) });
  return { exitCode: 0, stdout: opts.json ? JSON.stringify(plan, null, 2) : formatPlan(plan), stderr: '' };
}

export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description('determination and obligations for a set of incident facts (nothing is started or stored)')
    .argument('[file]', 'facts as JSON/YAML; - or omitted for stdin', '-')
    .option('--json', 'machine-readable output')
    .option('--decision <decision>', 'what-if: reportable | not-reportable (default: follow the recommendation)')
    .option('--target-days <n>', 'target ("without unreasonable delay") in days after discovery', '30')
    .option('--now <iso>', 'evaluate as of this instant (default: now)')
    .addHelpText('after', '\nExamples:\n  breach plan examples/incidents/ce-two-states.json\n  cat facts.json | breach plan --json')
    .action((file: string, o: { json?: boolean; decision?: string; targetDays?: string; now?: string }) => {
      if (o.decision && o.decision !== 'reportable' && o.decision !== 'not-reportable') {
        console.error('--decision: must be reportable or not-reportable');
        process.exitCode = 2;
        return;
      }
      const r = runPlan({
        source: file,
        json: !!o.json,
        ...(o.decision ? { decision: o.decision as 'reportable' | 'not-reportable' } : {}),
        ...(o.targetDays ? { targetDays: Number(o.targetDays) } : {}),
        ...(o.now ? { now: o.now } : {}),
      });
      if (r.stdout) console.log(r.stdout);
      if (r.stderr) console.error(r.stderr);
      process.exitCode = r.exitCode;
    });
}
