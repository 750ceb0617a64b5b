/**
 * The incident commands of the `breach` CLI: open, assess, correct, decide, hold, release, confirm, ack,
 * status, report, list, whoami. Each is one call of the engine's HTTP API with the caller's own
 * credential (cli/engine-access.ts): the user is whoever the credential says. Every command takes --json;
 * exit codes (cli/exit-codes.ts): 0 done, 1 failure (unreachable, bad credential), 2 invalid input, 3 no
 * such incident, 4 refused (by the workflow, or the role may not).
 *
 * Start-up cost matters (`breach --help` must answer at once): this module imports nothing heavy; the
 * formatters and the YAML parser are loaded by the commands that use them.
 */
import type { ReplanStateLawAnswer } from '../contract/state-obligations.js';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { IncidentError } from '../service/errors.js';
import { addAccessOptions, run, type AccessOptions, type HoldStatement } from './engine-access.js';
import { EVIDENCE_METHODS, INCIDENT_ROLES, type IncidentRole } from '../contract/vocabulary.js';

export { EXIT } from './exit-codes.js';

/** A JSON or YAML document from a file or stdin (-). */
export async function readDocument(source: string): Promise<unknown> {
  let text: string;
  try {
    text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(source, 'utf8');
  } catch (err) {
    throw new IncidentError(
      'invalid_input',
      `${source}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  try {
    if (source.endsWith('.json') || text.trimStart().startsWith('{')) return JSON.parse(text) as unknown;
    const YAML = await import('yaml');
    return YAML.parse(text) as unknown;
  } catch (err) {
    throw new IncidentError('invalid_input', `${source === '-' ? 'stdin' : source}: not valid JSON/YAML (${(err as Error).message})`);
  }
}

/** A JSON/YAML document that must be an object (notice content). */
export async function readObject(source: string): Promise<Record<string, unknown>> {
  const doc = await readDocument(source);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new IncidentError('invalid_input', `${source}: the notice content must be an object`);
  return doc as Record<string, unknown>;
}

const reqId = (o: { requestId?: string }) => (o.requestId ? { requestId: o.requestId } : {});
type Common = AccessOptions & { json?: boolean; requestId?: string };

/** `command` with the access options (--api-url, --direct, --json). */
export const incidentCommand = (program: Command, name: string, opts?: { direct?: boolean }) =>
  addAccessOptions(program.command(name), opts);

export function registerIncidentCommands(program: Command): void {
  incidentCommand(program, 'whoami', { direct: false })
    .description('who your credential stands for, and its role (the API decides; there is no --as)')
    .action((o: Common) =>
      run(
        o,
        (e) => e.whoAmI(),
        (r) => `${r.userId} (${r.role})`,
      ),
    );

  incidentCommand(program, 'open')
    .description('open an incident (idempotent: the same --ref again returns the existing incident)')
    .requiredOption('--ref <ref>', 'opaque reference: ticket or SIEM id (never a name or other PHI)')
    .addOption(new Option('--role <role>', 'who we are in this incident').choices([...INCIDENT_ROLES]).makeOptionMandatory())
    .option('--owner <userId>', 'responsible person (default: first rung of the escalation chain)')
    .option('--facts <file>', 'initial facts as JSON/YAML (- for stdin)')
    .option('--reopen', 'open again a reference whose workflow was terminated or failed (a new run; the old one stays in history)')
    .addHelpText('after', '\nExample:\n  breach open --ref INC-2026-0042 --role covered_entity --facts incident.json')
    .action((o: Common & { ref: string; role: IncidentRole; owner?: string; facts?: string; reopen?: boolean }) =>
      run(
        o,
        async (e) =>
          e.open({
            ref: o.ref,
            role: o.role,
            ...(o.owner ? { owner: o.owner } : {}),
            ...(o.facts ? { facts: await readDocument(o.facts) } : {}),
            ...(o.reopen ? { reopen: true } : {}),
          }),
        (x) => {
          if (x.reopened) return `reopened incident ${x.ref} (the earlier run, ${x.previousRun}, stays in the history)`;
          if (x.created) return `opened incident ${x.ref}`;
          if (x.previousRun)
            return `incident ${x.ref} exists and its workflow ended ${x.previousRun}: nothing changed (open it again deliberately with --reopen)`;
          return `incident ${x.ref} was already open (nothing changed)`;
        },
      ),
    );

  const factsCommand = (name: string, description: string, needsReason: boolean) =>
    incidentCommand(program, name)
      .description(description)
      .argument('<ref>', 'incident reference')
      .requiredOption('--facts <file>', 'facts and four-factor assessment as JSON/YAML (- for stdin)')
      .addOption(
        needsReason
          ? new Option('--reason <text>', 'why the facts changed (recorded)').makeOptionMandatory()
          : new Option('--reason <text>', 'why (recorded)'),
      )
      .option('--request-id <id>', 'idempotency key: the same id again is a no-op')
      .action((ref: string, o: Common & { facts: string; reason?: string }) =>
        run(
          o,
          async (e) => e.recordFacts(ref, { facts: await readDocument(o.facts), ...(o.reason ? { reason: o.reason } : {}), ...reqId(o) }),
          (rec) =>
            [
              `recommendation: ${rec.reportable ? 'REPORTABLE' : 'not reportable'} (${rec.outcome})`,
              ...rec.rationale.map((l) => `  - ${l}`),
            ].join('\n'),
        ),
      );
  factsCommand('assess', 'record the facts and the four-factor risk assessment; prints the recommendation', false);
  factsCommand('correct', 'correct the facts after the decision (deadlines are recomputed); --reason is required', true);

  incidentCommand(program, 'decide')
    .description("record the privacy officer's decision")
    .argument('<ref>', 'incident reference')
    .addOption(new Option('--reportable', 'a reportable breach').conflicts('notReportable'))
    .addOption(new Option('--not-reportable', 'not a reportable breach (documented)').conflicts('reportable'))
    .option('--justification <text>', 'required when the decision differs from the recommendation')
    .option('--request-id <id>', 'idempotency key')
    .action((ref: string, o: Common & { reportable?: boolean; notReportable?: boolean; justification?: string }) =>
      run(
        o,
        (e) => {
          if (!o.reportable && !o.notReportable) throw new IncidentError('invalid_input', 'give --reportable or --not-reportable');
          return e.decide(ref, { reportable: !!o.reportable, ...(o.justification ? { justification: o.justification } : {}), ...reqId(o) });
        },
        () => `decided: ${o.reportable ? 'reportable breach' : 'not a reportable breach'}`,
      ),
    );

  incidentCommand(program, 'hold')
    .description('record a law-enforcement delay statement (45 CFR 164.412): notices are held')
    .argument('<ref>', 'incident reference')
    .addOption(
      new Option('--kind <kind>', 'written (with --until) or oral (30 days at most)').choices(['written', 'oral']).makeOptionMandatory(),
    )
    .requiredOption('--official <name>', "the official's identity (documented, 164.412(b))")
    .requiredOption('--agency <agency>', 'the agency')
    .requiredOption('--received <iso>', 'when the statement was received (ISO date-time)')
    .option('--until <iso>', 'end of the period a written statement specifies')
    .option('--request-id <id>', 'idempotency key')
    .action((ref: string, o: Common & { kind: 'written' | 'oral'; official: string; agency: string; received: string; until?: string }) =>
      run(
        o,
        (e) => {
          if (o.kind === 'written' && !o.until)
            throw new IncidentError('invalid_input', '--until: a written statement must specify the period (164.412(a))');
          const statement: HoldStatement =
            o.kind === 'written'
              ? { kind: 'written', official: o.official, agency: o.agency, receivedAt: o.received, endsAt: o.until! }
              : { kind: 'oral', official: o.official, agency: o.agency, receivedAt: o.received };
          return e.hold(ref, { statement, ...reqId(o) });
        },
        () => 'law-enforcement delay recorded; deadlines recomputed',
      ),
    );

  incidentCommand(program, 'release')
    .description('end the law-enforcement delay')
    .argument('<ref>', 'incident reference')
    .option('--ended-at <iso>', 'when the delay ended (default: now)')
    .option('--note <text>', 'note for the record')
    .option('--request-id <id>', 'idempotency key')
    .action((ref: string, o: Common & { endedAt?: string; note?: string }) =>
      run(
        o,
        (e) => e.release(ref, { ...(o.endedAt ? { endedAt: o.endedAt } : {}), ...(o.note ? { note: o.note } : {}), ...reqId(o) }),
        () => 'law-enforcement delay ended',
      ),
    );

  incidentCommand(program, 'confirm')
    .description('confirm a notice was made, with evidence (164.414: the burden of proof is ours)')
    .argument('<ref>', 'incident reference')
    .requiredOption('--obligation <id>', 'obligation id, as `breach status` lists it (e.g. hhs_notice, media_notice:CA)')
    .addOption(new Option('--method <method>', 'how it was made').choices([...EVIDENCE_METHODS]).makeOptionMandatory())
    .option('--reference <text>', 'e.g. the HHS portal transaction number, the outlet')
    .option('--sent-at <iso>', 'when it was made (default: now)')
    .option('--note <text>', 'note for the record')
    .option('--request-id <id>', 'idempotency key')
    .addHelpText('after', '\nExample:\n  breach confirm INC-2026-0042 --obligation hhs_notice --method hhs_portal --reference 2026-000123')
    .action((ref: string, o: Common & { obligation: string; method: string; reference?: string; sentAt?: string; note?: string }) =>
      run(
        o,
        (e) =>
          e.confirm(ref, o.obligation, {
            evidence: {
              method: o.method,
              ...(o.reference ? { reference: o.reference } : {}),
              ...(o.sentAt ? { sentAt: o.sentAt } : {}),
              ...(o.note ? { note: o.note } : {}),
            },
            ...reqId(o),
          }),
        () => `confirmed ${o.obligation}`,
      ),
    );

  incidentCommand(program, 'ack')
    .description('acknowledge a reminder (stops escalation by silence)')
    .argument('<ref>', 'incident reference')
    .option('--obligation <id>', "an obligation's reminders (default: the decision-due reminders)")
    .action((ref: string, o: Common & { obligation?: string }) =>
      run(
        o,
        (e) => e.acknowledge(ref, o.obligation ? { obligationId: o.obligation } : {}),
        () => 'acknowledged',
      ),
    );

  incidentCommand(program, 'replan-law')
    .description(
      'replan with current law (issue 16): show the difference between the state-law pack the incident planned on and the current one; --apply applies it (recorded)',
    )
    .argument('<ref>', 'incident reference')
    .option('--apply', 'apply the difference (default: preview only, nothing changes)')
    .option('--expect-pack <fingerprint>', 'refuse if the current pack is not the one previewed')
    .option('--note <text>', 'why now (recorded with the replan)')
    .option('--request-id <id>', 'idempotency key')
    .action((ref: string, o: Common & { apply?: boolean; expectPack?: string; note?: string }) =>
      run(
        o,
        (e) =>
          e.replanStateLaw(ref, {
            preview: !o.apply,
            ...(o.expectPack ? { expectPack: o.expectPack } : {}),
            ...(o.note ? { note: o.note } : {}),
            ...reqId(o),
          }),
        (r) => formatReplan(r),
      ),
    );

  incidentCommand(program, 'status')
    .description('the whole current state of an incident')
    .argument('<ref>', 'incident reference')
    .action((ref: string, o: Common) =>
      run(
        o,
        async (e) => {
          const state = await e.status(ref);
          if (o.json) return state;
          const { formatIncident } = await import('../reports/incident-format.js');
          return formatIncident(state);
        },
        String,
      ),
    );

  incidentCommand(program, 'report')
    .description('the history report for legal (md, html, pdf) or the signed, hash-chained evidence bundle (evidence)')
    .argument('<ref>', 'incident reference')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'html', 'pdf', 'evidence']).default('md'))
    .option('--out <file>', 'write to a file (required for pdf)')
    .addHelpText(
      'after',
      '\nExamples:\n  breach report INC-2026-0042 --format pdf --out INC-2026-0042.pdf\n  breach report INC-2026-0042 --format evidence --out bundle.json && breach verify bundle.json',
    )
    .action((ref: string, o: Common & { format: 'md' | 'html' | 'pdf' | 'evidence'; out?: string }) =>
      run(
        { ...o, json: false },
        async (e) => {
          if (o.format === 'pdf' && !o.out) throw new IncidentError('invalid_input', '--out: a PDF must be written to a file');
          const content = await e.report(ref, o.format);
          if (!o.out) return content.toString('utf8');
          fs.writeFileSync(o.out, content, { mode: 0o600 });
          const head = o.format === 'evidence' ? (JSON.parse(content.toString('utf8')) as { headHash?: string }).headHash : undefined;
          return `wrote ${o.out}${head ? ` (evidence head hash ${head})` : ''}`;
        },
        String,
      ),
    );

  incidentCommand(program, 'list')
    .description('list incidents (Temporal visibility)')
    .option('--stage <stage>', 'intake | assessment | notification | closing (evidence pending) | closed')
    .option('--reportable <bool>', 'true | false')
    .option('--role <role>', 'covered_entity | business_associate')
    .option('--owner <userId>', 'owner')
    .option('--overdue', 'only incidents with an overdue deadline')
    .option('--due-within <days>', 'next deadline within N days')
    .option('--limit <n>', 'at most N', '200')
    .addHelpText('after', '\nExample:\n  breach list --due-within 7')
    .action(
      (
        o: Common & {
          stage?: string;
          reportable?: string;
          role?: string;
          owner?: string;
          overdue?: boolean;
          dueWithin?: string;
          limit: string;
        },
      ) =>
        run(
          o,
          async (e) => {
            const filters: Record<string, string> = {
              ...(o.stage ? { stage: o.stage } : {}),
              ...(o.reportable ? { reportable: o.reportable } : {}),
              ...(o.role ? { role: o.role } : {}),
              ...(o.owner ? { owner: o.owner } : {}),
              ...(o.overdue ? { overdue: 'true' } : {}),
              ...(o.dueWithin ? { dueWithinDays: o.dueWithin } : {}),
              limit: o.limit,
            };
            const items = await e.list(filters).catch((err: unknown) => {
              // The API names its query fields; say them as the options they came from.
              if (err instanceof IncidentError && err.issues) {
                const flag = (p: string) => `--${p.split('.')[0] === 'dueWithinDays' ? 'due-within' : p.split('.')[0]!}`;
                throw new IncidentError(err.code, err.issues.map((i) => `${flag(i.path)}: ${i.message}`).join('; '));
              }
              throw err;
            });
            if (o.json) return items;
            const { formatIncidentList } = await import('../reports/incident-format.js');
            return formatIncidentList(items);
          },
          String,
        ),
    );
}

/** The difference "replan with current law" shows (and, applied, what it did). */
export function formatReplan(r: ReplanStateLawAnswer): string {
  const d = r.diff;
  const out = [`${r.applied ? 'APPLIED' : 'preview (nothing changed; --apply to apply)'}: state-law pack ${d.fromPack} → ${d.toPack}`];
  if (!d.changes.length && !d.reviewAdded.length && !d.reviewRemoved.length) out.push('  no difference');
  for (const c of d.changes)
    out.push(
      `  ${c.change.padEnd(7)} ${c.id}  ${c.from ?? ''}${c.from && c.to ? ' → ' : ''}${c.to ?? ''}  (${c.citation}${c.verificationTo ? `; ${c.verificationTo}` : ''})`,
      `          ${c.reason}`,
    );
  for (const x of d.reviewAdded) out.push(`  + ${x}`);
  for (const x of d.reviewRemoved) out.push(`  - ${x}`);
  if (r.applied)
    out.push(
      `started: ${r.started?.join(', ') || 'none'}; cancelled: ${r.cancelled?.join(', ') || 'none'}; rescheduled: ${r.rescheduled?.join(', ') || 'none'}`,
    );
  return out.join('\n');
}
