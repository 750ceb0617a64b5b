/**
 * The incident commands of the `breach` CLI: open, assess, correct, decide, hold, release, confirm, ack,
 * status, list. Every command takes --json; exit codes: 0 done, 2 invalid input, 3 no such incident,
 * 4 refused by the workflow (wrong stage, already decided, held…), 1 anything else (e.g. unreachable).
 */
import fs from 'node:fs';
import os from 'node:os';
import { Command, Option } from 'commander';
import YAML from 'yaml';
import { IncidentError, incidentWorkflowId } from '../service/incident-service.js';
import { EVIDENCE_METHODS, INCIDENT_ROLES, type IncidentRole } from '../contract/vocabulary.js';
import { summarizeHistory } from '../service/incident-history.js';
import { cliTimeoutMs, connectToEngine, withEngineDeadline } from '../service/engine-connection.js';
import { ListFilters, listIncidents } from '../service/incident-list.js';
import { readPolicyFile } from '../activities/load-policy.js';
import { formatIncident, formatIncidentList } from '../reports/incident-format.js';
import { buildEvidenceBundle } from '../evidence/evidence-bundle.js';
import { localEvidenceSigner } from './verify-command.js';
import { renderReportHtml, renderReportMarkdown, renderReportPdf } from '../reports/incident-report.js';

export const EXIT = { ok: 0, failure: 1, invalid: 2, notFound: 3, refused: 4 } as const;

export function readDocument(source: string): unknown {
  const text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(source, 'utf8');
  try {
    return source.endsWith('.json') || text.trimStart().startsWith('{') ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new IncidentError('invalid_input', `${source === '-' ? 'stdin' : source}: not valid JSON/YAML (${(err as Error).message})`);
  }
}

export const whoAmI = (opt?: string) => opt ?? process.env.BREACH_USER ?? os.userInfo().username;

/**
 * Runs one command against the engine. `deadline`: how long it may wait for answers — the CLI's timeout
 * (default), a longer one for an action whose activity legitimately takes minutes, or false for commands
 * that follow progress until done (`--watch`) or stream a large import.
 */
export async function run(json: boolean, fn: (svc: Awaited<ReturnType<typeof connectToEngine>>) => Promise<unknown>, human?: (r: unknown) => string, deadline?: { timeoutMs: number | false }): Promise<void> {
  let engine: Awaited<ReturnType<typeof connectToEngine>> | undefined;
  try {
    const timeoutMs = deadline ? deadline.timeoutMs : cliTimeoutMs();
    engine = await connectToEngine({ timeoutMs: Math.min(timeoutMs || 5000, 5000) });
    const connected = engine;
    const result = timeoutMs === false ? await fn(connected) : await withEngineDeadline(connected.connection, timeoutMs, () => fn(connected));
    console.log(json || !human ? JSON.stringify(result, null, 2) : human(result));
    process.exitCode = EXIT.ok;
  } catch (err) {
    const code = err instanceof IncidentError ? { invalid_input: EXIT.invalid, not_found: EXIT.notFound, refused: EXIT.refused, conflict: EXIT.refused }[err.code] : EXIT.failure;
    const message = err instanceof Error ? err.message : String(err);
    const issues = err instanceof IncidentError ? err.issues : undefined;
    if (json) console.error(JSON.stringify({ error: message, code: err instanceof IncidentError ? err.code : 'failure', ...(issues ? { issues } : {}) }));
    else if (issues?.length) console.error([`error: invalid input: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'));
    else console.error(`error: ${message}`);
    process.exitCode = code;
  } finally {
    // A server that does not answer must not hold the CLI open either.
    await Promise.race([engine?.close(), new Promise((r) => setTimeout(r, 1000).unref())]).catch(() => undefined);
  }
}

export function registerIncidentCommands(program: Command): void {
  const asOpt = () => new Option('--as <userId>', 'who is acting (default: $BREACH_USER or your login)');
  const jsonOpt = () => new Option('--json', 'machine-readable output');

  program
    .command('open')
    .description('open an incident (idempotent: the same --ref again returns the existing incident)')
    .requiredOption('--ref <ref>', 'opaque reference: ticket or SIEM id (never a name or other PHI)')
    .addOption(new Option('--role <role>', 'who we are in this incident').choices([...INCIDENT_ROLES]).makeOptionMandatory())
    .option('--owner <userId>', 'responsible person (default: first rung of the escalation chain)')
    .option('--facts <file>', 'initial facts as JSON/YAML (- for stdin)')
    .option('--reopen', 'open again a reference whose workflow was terminated or failed (a new run; the old one stays in history)')
    .addOption(asOpt())
    .addOption(jsonOpt())
    .addHelpText('after', '\nExample:\n  breach open --ref INC-2026-0042 --role covered_entity --facts incident.json')
    .action((o: { ref: string; role: IncidentRole; owner?: string; facts?: string; reopen?: boolean; as?: string; json?: boolean }) =>
      run(!!o.json, ({ service }) =>
        service.open({ ref: o.ref, role: o.role, openedBy: whoAmI(o.as), ...(o.owner ? { owner: o.owner } : {}), ...(o.facts ? { facts: readDocument(o.facts) } : {}), ...(o.reopen ? { reopen: true } : {}) }),
        (r) => {
          const x = r as { ref: string; created: boolean; reopened?: boolean; previousRun?: string };
          if (x.reopened) return `reopened incident ${x.ref} (the earlier run, ${x.previousRun}, stays in the history)`;
          if (x.created) return `opened incident ${x.ref}`;
          if (x.previousRun) return `incident ${x.ref} exists and its workflow ended ${x.previousRun}: nothing changed (open it again deliberately with --reopen)`;
          return `incident ${x.ref} was already open (nothing changed)`;
        },
      ),
    );

  const factsCommand = (name: string, description: string, needsReason: boolean) =>
    program
      .command(name)
      .description(description)
      .argument('<ref>', 'incident reference')
      .requiredOption('--facts <file>', 'facts and four-factor assessment as JSON/YAML (- for stdin)')
      .addOption(needsReason ? new Option('--reason <text>', 'why the facts changed (recorded)').makeOptionMandatory() : new Option('--reason <text>', 'why (recorded)'))
      .option('--request-id <id>', 'idempotency key: the same id again is a no-op')
      .addOption(asOpt())
      .addOption(jsonOpt())
      .action((ref: string, o: { facts: string; reason?: string; requestId?: string; as?: string; json?: boolean }) =>
        run(!!o.json, ({ service }) =>
          service.recordFacts(ref, { facts: readDocument(o.facts), by: whoAmI(o.as), ...(o.reason ? { reason: o.reason } : {}), ...(o.requestId ? { requestId: o.requestId } : {}) }),
          (r) => {
            const rec = r as { reportable: boolean; outcome: string; rationale: string[] };
            return [`recommendation: ${rec.reportable ? 'REPORTABLE' : 'not reportable'} (${rec.outcome})`, ...rec.rationale.map((l) => `  - ${l}`)].join('\n');
          },
        ),
      );
  factsCommand('assess', 'record the facts and the four-factor risk assessment; prints the recommendation', false);
  factsCommand('correct', 'correct the facts after the decision (deadlines are recomputed); --reason is required', true);

  program
    .command('decide')
    .description("record the privacy officer's decision")
    .argument('<ref>', 'incident reference')
    .addOption(new Option('--reportable', 'a reportable breach').conflicts('notReportable'))
    .addOption(new Option('--not-reportable', 'not a reportable breach (documented)').conflicts('reportable'))
    .option('--justification <text>', 'required when the decision differs from the recommendation')
    .option('--request-id <id>', 'idempotency key')
    .addOption(asOpt())
    .addOption(jsonOpt())
    .action((ref: string, o: { reportable?: boolean; notReportable?: boolean; justification?: string; requestId?: string; as?: string; json?: boolean }) =>
      run(!!o.json, async ({ service }) => {
        if (!o.reportable && !o.notReportable) throw new IncidentError('invalid_input', 'give --reportable or --not-reportable');
        return service.decide(ref, { reportable: !!o.reportable, by: whoAmI(o.as), ...(o.justification ? { justification: o.justification } : {}), ...(o.requestId ? { requestId: o.requestId } : {}) });
      }, (r) => `decided: ${(r as { reportable: boolean }).reportable ? 'reportable breach' : 'not a reportable breach'}`),
    );

  program
    .command('hold')
    .description('record a law-enforcement delay statement (45 CFR 164.412): notices are held')
    .argument('<ref>', 'incident reference')
    .addOption(new Option('--kind <kind>', 'written (with --until) or oral (30 days at most)').choices(['written', 'oral']).makeOptionMandatory())
    .requiredOption('--official <name>', "the official's identity (documented, 164.412(b))")
    .requiredOption('--agency <agency>', 'the agency')
    .requiredOption('--received <iso>', 'when the statement was received (ISO date-time)')
    .option('--until <iso>', 'end of the period a written statement specifies')
    .option('--request-id <id>', 'idempotency key')
    .addOption(asOpt())
    .addOption(jsonOpt())
    .action((ref: string, o: { kind: 'written' | 'oral'; official: string; agency: string; received: string; until?: string; requestId?: string; as?: string; json?: boolean }) =>
      run(!!o.json, async ({ service }) => {
        if (o.kind === 'written' && !o.until) throw new IncidentError('invalid_input', '--until: a written statement must specify the period (164.412(a))');
        const statement = o.kind === 'written'
          ? { kind: 'written' as const, official: o.official, agency: o.agency, receivedAt: o.received, endsAt: o.until! }
          : { kind: 'oral' as const, official: o.official, agency: o.agency, receivedAt: o.received };
        return service.hold(ref, { statement, by: whoAmI(o.as), ...(o.requestId ? { requestId: o.requestId } : {}) });
      }, () => 'law-enforcement delay recorded; deadlines recomputed'),
    );

  program
    .command('release')
    .description('end the law-enforcement delay')
    .argument('<ref>', 'incident reference')
    .option('--ended-at <iso>', 'when the delay ended (default: now)')
    .option('--note <text>', 'note for the record')
    .option('--request-id <id>', 'idempotency key')
    .addOption(asOpt())
    .addOption(jsonOpt())
    .action((ref: string, o: { endedAt?: string; note?: string; requestId?: string; as?: string; json?: boolean }) =>
      run(!!o.json, ({ service }) => service.release(ref, { by: whoAmI(o.as), ...(o.endedAt ? { endedAt: o.endedAt } : {}), ...(o.note ? { note: o.note } : {}), ...(o.requestId ? { requestId: o.requestId } : {}) }), () => 'law-enforcement delay ended'),
    );

  program
    .command('confirm')
    .description('confirm a notice was made, with evidence (164.414: the burden of proof is ours)')
    .argument('<ref>', 'incident reference')
    .requiredOption('--obligation <id>', 'obligation id, as `breach status` lists it (e.g. hhs_notice, media_notice:CA)')
    .addOption(new Option('--method <method>', 'how it was made').choices([...EVIDENCE_METHODS]).makeOptionMandatory())
    .option('--reference <text>', 'e.g. the HHS portal transaction number, the outlet')
    .option('--sent-at <iso>', 'when it was made (default: now)')
    .option('--note <text>', 'note for the record')
    .option('--request-id <id>', 'idempotency key')
    .addOption(asOpt())
    .addOption(jsonOpt())
    .addHelpText('after', '\nExample:\n  breach confirm INC-2026-0042 --obligation hhs_notice --method hhs_portal --reference 2026-000123')
    .action((ref: string, o: { obligation: string; method: 'email'; reference?: string; sentAt?: string; note?: string; requestId?: string; as?: string; json?: boolean }) =>
      run(!!o.json, ({ service }) =>
        service.confirm(ref, {
          obligationId: o.obligation,
          by: whoAmI(o.as),
          evidence: { method: o.method, ...(o.reference ? { reference: o.reference } : {}), ...(o.sentAt ? { sentAt: o.sentAt } : {}), ...(o.note ? { note: o.note } : {}) },
          ...(o.requestId ? { requestId: o.requestId } : {}),
        }),
        () => `confirmed ${o.obligation}`,
      ),
    );

  program
    .command('ack')
    .description('acknowledge a reminder (stops escalation by silence)')
    .argument('<ref>', 'incident reference')
    .option('--obligation <id>', "an obligation's reminders (default: the decision-due reminders)")
    .addOption(asOpt())
    .addOption(jsonOpt())
    .action((ref: string, o: { obligation?: string; as?: string; json?: boolean }) =>
      run(!!o.json, ({ service }) => service.acknowledge(ref, { by: whoAmI(o.as), ...(o.obligation ? { obligationId: o.obligation } : {}) }), () => 'acknowledged'),
    );

  program
    .command('status')
    .description('the whole current state of an incident')
    .argument('<ref>', 'incident reference')
    .addOption(jsonOpt())
    .action((ref: string, o: { json?: boolean }) => run(!!o.json, ({ service }) => service.status(ref), (r) => formatIncident(r as never)));

  program
    .command('report')
    .description('the history report for legal (md, html, pdf) or the hash-chained evidence bundle (evidence)')
    .argument('<ref>', 'incident reference')
    .option('--format <format>', 'md | html | pdf | evidence', 'md')
    .option('--out <file>', 'write to a file (required for pdf)')
    .addHelpText('after', '\nExamples:\n  breach report INC-2026-0042 --format pdf --out INC-2026-0042.pdf\n  breach report INC-2026-0042 --format evidence --out bundle.json && breach verify bundle.json')
    .action((ref: string, o: { format: string; out?: string }) =>
      run(false, async ({ service, client }) => {
        if (!['md', 'html', 'pdf', 'evidence'].includes(o.format)) throw new IncidentError('invalid_input', '--format: md, html, pdf or evidence');
        if (o.format === 'pdf' && !o.out) throw new IncidentError('invalid_input', '--out: a PDF must be written to a file');
        const state = await service.status(ref);
        const built = buildEvidenceBundle(state, new Date().toISOString());
        const signer = localEvidenceSigner();
        if (!signer && o.format === 'evidence') console.error('note: no evidence signing key here (BREACH_EVIDENCE_SIGNING_KEY_FILE or the engine data directory): this bundle is unsigned; GET /incidents/:ref/report?format=evidence from the API gives a signed one');
        const bundle = signer ? signer.sign(built) : built;
        const history = o.format === 'evidence' ? undefined : await summarizeHistory(client, incidentWorkflowId(ref));
        const content =
          o.format === 'pdf' ? await renderReportPdf(state, bundle, history)
          : o.format === 'html' ? renderReportHtml(state, bundle, history)
          : o.format === 'evidence' ? JSON.stringify(bundle, null, 2)
          : renderReportMarkdown(state, bundle, history);
        if (o.out) {
          fs.writeFileSync(o.out, content, { mode: 0o600 });
          return `wrote ${o.out} (evidence head hash ${bundle.headHash})`;
        }
        return content.toString();
      }, (r) => String(r)),
    );

  program
    .command('list')
    .description('list incidents (Temporal visibility)')
    .option('--stage <stage>', 'intake | assessment | notification | closing (evidence pending) | closed')
    .option('--reportable <bool>', 'true | false')
    .option('--role <role>', 'covered_entity | business_associate')
    .option('--owner <userId>', 'owner')
    .option('--overdue', 'only incidents with an overdue deadline')
    .option('--due-within <days>', 'next deadline within N days')
    .option('--limit <n>', 'at most N', '200')
    .addOption(jsonOpt())
    .addHelpText('after', '\nExample:\n  breach list --due-within 7')
    .action((o: { stage?: string; reportable?: string; role?: string; owner?: string; overdue?: boolean; dueWithin?: string; limit?: string; json?: boolean }) =>
      run(!!o.json, async ({ client }) => {
        const parsed = ListFilters.safeParse({
          ...(o.stage ? { stage: o.stage } : {}),
          ...(o.reportable ? { reportable: o.reportable } : {}),
          ...(o.role ? { role: o.role } : {}),
          ...(o.owner ? { owner: o.owner } : {}),
          ...(o.overdue ? { overdue: true } : {}),
          ...(o.dueWithin ? { dueWithinDays: o.dueWithin } : {}),
          limit: o.limit,
        });
        if (!parsed.success) throw new IncidentError('invalid_input', parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
        return listIncidents(client, parsed.data, { timeZone: readPolicyFile(process.env.BREACH_POLICY_FILE).timeZone });
      }, (r) => formatIncidentList(r as never)),
    );
}
