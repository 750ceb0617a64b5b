/**
 * Roster and mailing commands of the `breach` CLI:
 * - `roster import <ref> <file.csv>`: the affected-individual roster, through the engine's HTTP API (the
 *   process that holds the roster database and its key), or, for an operator, straight into PostgreSQL with --direct;
 * - `notify <ref>`: send an individual-notice obligation to the roster (164.404);
 * - `mailing <ref>`: where a mailing stands, with a live progress bar (--watch);
 * - `notify-ce <ref>`: a business associate's notice to a covered entity (164.410), the roster attached
 *   encrypted (OpenPGP).
 * Exit codes as everywhere: 0 done, 1 failure, 2 invalid input, 3 no such incident, 4 refused.
 */
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { readObject, incidentCommand } from './incident-commands.js';
import { run, type EngineAccess, type MailingStatus } from './engine-access.js';
import { EXIT } from './exit-codes.js';
import { DRAFT_KINDS } from '../contract/vocabulary.js';
import type { RosterImportReport } from '../service/roster-import.js';
import type { BulkNotificationProgress } from '../contract/mailing-messages.js';
import type { CeNoticeRecord, MailingView } from '../contract/incident-types.js';
import type { NoticeDraft } from '../service/notice-drafts.js';
import type { RegulatorDraft } from '../notices/regulator-drafts.js';
import { IncidentError } from '../service/errors.js';

/** A regulator draft for a person: its status first (ready or not, what is missing, verification), then the text. */
export function formatRegulatorDraft(d: RegulatorDraft): string {
  return [
    `${d.regulator} draft for ${d.incidentRef} [${d.verificationMark}]: ${d.complete ? `every item of the content list of ${d.citation} is filled` : `NOT READY — ${d.missing.length} item(s) missing`}`,
    ...d.missing.map((m) => `  missing: ${m.element} (${m.citation}): ${m.problem}`),
    ...d.toAttach.map((m) => `  to attach: ${m.element} (${m.citation}): ${m.problem}`),
    '',
    d.text,
  ].join('\n');
}

function formatImport(r: RosterImportReport): string {
  const channels = Object.entries(r.byChannel)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const lines = [
    r.alreadyImported
      ? `roster ${r.rosterId}: this file was already imported (nothing changed)`
      : `roster ${r.rosterId}: ${r.recipients.toLocaleString('en-US')} recipient(s) attached to the incident`,
    ...(channels ? [`  by channel: ${channels}`] : []),
    ...(r.rejectedRows > 0
      ? [`  ${r.rejectedRows} row(s) rejected (fix them and import the corrected rows with --roster ${r.rosterId}):`]
      : []),
    ...r.problems.slice(0, 50).map((p) => `    line ${p.line}, ${p.field}: ${p.problem}`),
    ...(r.problems.length > 50 || r.problemsOmitted > 0 ? [`    … ${r.problems.length - 50 + r.problemsOmitted} more (use --json)`] : []),
  ];
  return lines.join('\n');
}

const n = (x: number) => x.toLocaleString('en-US');
function progressLine(m: MailingView, p?: BulkNotificationProgress): string {
  const c = p ?? (m.counts ? { ...m.counts, phase: 'done' as const } : undefined);
  if (!c) return `${m.obligationId}: ${m.status} (starting)`;
  return `sent ${n(c.sent)} · letters ${n(c.printed)} · bounced ${n(c.bounced)} · failed ${n(c.failed)} · unconfirmed ${n(c.unconfirmed)} · substitute ${n(c.substituteNeeded)} · pending ${n(c.pending)}`;
}
/** Issue 13 item 1: a failing relay is shown, never hidden in retries. */
function relayLine(m: MailingView, p?: BulkNotificationProgress): string[] {
  const since = p?.relayUnavailableSince ?? (m.status === 'running' ? m.relayUnavailableSince : undefined);
  if (!since) return [];
  const why = p?.relayProblem ?? m.relayProblem;
  return [
    `  relay unavailable since ${since}${why ? ` (${why})` : ''}: retrying with backoff${p?.relayOutageEscalated || m.relayEscalatedFor === since ? '; the owner and the next rung were told' : ''}`,
  ];
}
function formatMailing(r: { mailing: MailingView; progress?: BulkNotificationProgress }): string {
  const m = r.mailing;
  return [
    `${m.obligationId}: mailing ${m.status}${m.finishedAt ? ` at ${m.finishedAt}` : ''} (roster ${m.rosterId}, started by ${m.startedBy} at ${m.startedAt})`,
    `  ${progressLine(m, r.progress)}`,
    ...(m.substituteNoticeRequired && m.substituteNoticeRequired !== 'none'
      ? [`  substitute notice required: ${m.substituteNoticeRequired.replace(/_/g, ' ')} (45 CFR 164.404(d)(2))`]
      : []),
    ...(m.error ? [`  stopped: ${m.error}`] : []),
    ...relayLine(m, r.progress),
  ].join('\n');
}

/** Polls the mailing until the incident has settled it; a progress bar on a terminal, a line every 5 s otherwise. */
async function watchMailing(engine: EngineAccess, ref: string, obligationId: string): Promise<MailingStatus> {
  const tty = process.stderr.isTTY;
  const cliProgress = tty ? (await import('cli-progress')).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        {
          format: `${obligationId} [{bar}] {percentage}% | {value}/{total} | {line} | ETA {eta_formatted}`,
          hideCursor: true,
          stream: process.stderr,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  let lastLine = 0;
  try {
    for (;;) {
      const r = await engine.mailingProgress(ref, obligationId);
      const p = r.progress;
      const total = p?.recipients ?? r.mailing.counts?.recipients ?? 0;
      const done = p ? total - p.pending : total;
      if (bar) {
        if (!started && total > 0) {
          bar.start(total, done, { line: progressLine(r.mailing, p) });
          started = true;
        } else if (started) bar.update(done, { line: progressLine(r.mailing, p) });
      } else if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        console.error(`${obligationId}: ${n(done)}/${n(total)} · ${progressLine(r.mailing, p)}`);
      }
      if (r.mailing.status !== 'running' && r.mailing.settled) return r;
      await new Promise((res) => setTimeout(res, 1000));
    }
  } finally {
    bar?.stop();
  }
}

type Common = { apiUrl?: string; direct?: boolean; json?: boolean; requestId?: string };
const reqId = (o: { requestId?: string }) => (o.requestId ? { requestId: o.requestId } : {});

export function registerRosterCommands(program: Command): void {
  const roster = program
    .command('roster')
    .description('the affected-individual roster of an incident (stored encrypted, outside workflow history)');
  incidentCommand(roster, 'import')
    .description(
      'import a roster CSV for an incident: bad rows are reported by line and field, good rows are kept; the same file again is a no-op',
    )
    .argument('<ref>', 'incident reference')
    .argument(
      '<csv>',
      'CSV with a header row: full_name (or first_name,last_name), email, email_consent, address_line1, address_line2, city, state, postal_code, phone, deceased, representative_*',
    )
    .option('--roster <rosterId>', 'append to an existing roster of the incident (e.g. the corrected rejected rows)')
    .option('--request-id <id>', 'idempotency key')
    .addHelpText(
      'after',
      '\nWith --direct (operators): straight into the roster database (needs DATABASE_URL and BREACH_ROSTER_KEY shared with the workers).\n\nExamples:\n  breach roster import INC-2026-0042 affected.csv\n  breach roster import INC-2026-0042 fixed-rows.csv --roster ros_1f2e3d4c5b6a79880a1b',
    )
    .action(async (ref: string, file: string, o: Common & { roster?: string }) => {
      if (!fs.existsSync(file)) {
        console.error(`error: ${file}: no such file`);
        process.exitCode = EXIT.invalid;
        return;
      }
      await run(
        o,
        (e) => e.importRoster(ref, fs.readFileSync(file), { ...(o.roster ? { rosterId: o.roster } : {}), ...reqId(o) }),
        formatImport,
      );
    });

  incidentCommand(program, 'notify')
    .description(
      'send an individual-notice obligation to everyone on the roster: email with consent, print-ready letters, substitute notice for the unreachable (45 CFR 164.404)',
    )
    .argument('<ref>', 'incident reference')
    .requiredOption('--roster <rosterId>', 'the roster (from `breach roster import`)')
    .requiredOption(
      '--content <file>',
      'the notice text as JSON/YAML: whatHappened, breach/discovery dates, phiTypes, individualSteps, entityActions (164.404(c))',
    )
    .option('--obligation <id>', 'the obligation', 'individual_notice')
    .option('--chunk <n>', 'recipients per chunk activity (100-1000)', (v) => Number.parseInt(v, 10))
    .option('--concurrency <n>', 'chunks in flight (1-50)', (v) => Number.parseInt(v, 10))
    .option('--watch', 'show progress until the mailing is finished')
    .option('--request-id <id>', 'idempotency key')
    .addHelpText(
      'after',
      '\nExample:\n  breach notify INC-2026-0042 --roster ros_1f2e3d4c5b6a79880a1b --content examples/notices/individual-notice.yaml --watch',
    )
    .action(
      (
        ref: string,
        o: Common & { roster: string; content: string; obligation: string; chunk?: number; concurrency?: number; watch?: boolean },
      ) =>
        run(
          o,
          async (e): Promise<MailingStatus> => {
            const content = await readObject(o.content);
            const started = await e.startMailing(ref, o.obligation, {
              rosterId: o.roster,
              content,
              ...(o.chunk ? { chunkSize: o.chunk } : {}),
              ...(o.concurrency ? { concurrency: o.concurrency } : {}),
              ...reqId(o),
            });
            return o.watch ? watchMailing(e, ref, o.obligation) : { mailing: started };
          },
          formatMailing,
        ),
    );

  incidentCommand(program, 'notify-ce')
    .description(
      "a business associate's notice to a covered entity (45 CFR 164.410): emailed, with the roster as an OpenPGP-encrypted attachment, never in the body",
    )
    .argument('<ref>', 'incident reference')
    .requiredOption('--obligation <id>', 'the ce_notice obligation, e.g. ce_notice:lakeside-health (see `breach status`)')
    .requiredOption('--to <email>', "the covered entity's notice address")
    .requiredOption('--content <file>', 'the facts the covered entity needs as JSON/YAML (the same fields as the individual notice text)')
    .option(
      '--roster <rosterId>',
      'attach this roster, encrypted; without it the notice says identities follow and the obligation stays open',
    )
    .option(
      '--recipient-key <file>',
      "the covered entity's armored OpenPGP public key (otherwise a passphrase is generated for the telephone)",
    )
    .option('--passphrase-channel <text>', 'how the passphrase reaches the covered entity (printed in the notice)')
    .option('--contact-name <name>', "the covered entity's contact person")
    .option('--request-id <id>', 'idempotency key')
    .addHelpText(
      'after',
      '\nExample:\n  breach notify-ce INC-2026-0042 --obligation ce_notice:lakeside-health --to privacy@lakeside.example \\\n    --content examples/notices/individual-notice.yaml --roster ros_1f2e3d4c5b6a79880a1b --recipient-key lakeside.asc',
    )
    .action(
      (
        ref: string,
        o: Common & {
          obligation: string;
          to: string;
          content: string;
          roster?: string;
          recipientKey?: string;
          passphraseChannel?: string;
          contactName?: string;
        },
      ) =>
        run(
          o,
          async (e) =>
            e.sendCeNotice(ref, o.obligation, {
              to: o.to,
              incident: await readObject(o.content),
              ...(o.roster ? { rosterId: o.roster } : {}),
              ...(o.recipientKey ? { recipientPublicKey: fs.readFileSync(o.recipientKey, 'utf8') } : {}),
              ...(o.passphraseChannel ? { passphraseChannel: o.passphraseChannel } : {}),
              ...(o.contactName ? { contactName: o.contactName } : {}),
              ...reqId(o),
            }),
          (x: CeNoticeRecord) => {
            const a = x.attachment;
            return a
              ? `sent to ${x.to} (message ${x.messageId}) with ${a.fileName}: ${a.rows} individual(s), ${a.encryption === 'openpgp_public_key' ? "encrypted to the covered entity's public key" : "encrypted with a passphrase: read it from the engine's data directory (ce-notices/) and give it by telephone"}; sha256 ${a.sha256}`
              : `sent to ${x.to} (message ${x.messageId}); identities to follow: send again with --roster`;
          },
        ),
    );

  incidentCommand(program, 'draft')
    .description(
      "a notice draft pre-filled from the recorded facts and the organization profile, checked against the rule (nothing is sent); --regulator: a State regulator's notice checked against the state-law pack's content list",
    )
    .argument('<ref>', 'incident reference')
    .addOption(
      new Option('--kind <kind>', 'hhs_portal (164.408), media (164.406), substitute (164.404(d)(2)), individual (164.404(c))').choices([
        ...DRAFT_KINDS,
      ]),
    )
    .option(
      '--regulator <id>',
      'a State regulator instead of --kind: TX-AG, CA-AG, CA-CDPH, <State>-AG / -REG / -HEALTH, or state:TX:ag_notice',
    )
    .option(
      '--content <file>',
      'the incident-level notice text as JSON/YAML, with optional hhs:, media:, substitute: sections (required with --kind)',
    )
    .option('--answers <file>', 'with --regulator: answers by element id (JSON/YAML), e.g. law_enforcement: "No"')
    .option('--state <XX>', 'for --kind media: the State')
    .option('--out <file>', 'write the text there (and <file>.json with the portal fields for hhs_portal)')
    .addHelpText(
      'after',
      '\nExamples:\n  breach draft INC-2026-0042 --kind hhs_portal --content notice.yaml --out hhs-worksheet.txt\n  breach draft INC-2026-0042 --kind media --state CA --content notice.yaml\n  breach draft INC-2026-0042 --regulator TX-AG --content notice.yaml --answers tx-answers.yaml',
    )
    .action(
      (
        ref: string,
        o: Common & { kind?: string; regulator?: string; content?: string; answers?: string; state?: string; out?: string },
      ) => {
        if (o.regulator !== undefined) {
          const regulator = o.regulator;
          return run(
            o,
            async (e) => {
              if (o.kind) throw new IncidentError('invalid_input', '--kind: give either --kind or --regulator, not both');
              const d = await e.regulatorDraft(ref, regulator.startsWith('state:') ? regulator : regulator.toUpperCase(), {
                ...(o.content ? { content: await readObject(o.content) } : {}),
                ...(o.answers ? { answers: (await readObject(o.answers)) as Record<string, string> } : {}),
              });
              if (o.out) fs.writeFileSync(o.out, `${d.text}\n`, { mode: 0o600 });
              return d;
            },
            formatRegulatorDraft,
          );
        }
        return run(
          o,
          async (e) => {
            if (!o.kind) throw new IncidentError('invalid_input', '--kind: required (or --regulator for a State regulator notice)');
            if (!o.content) throw new IncidentError('invalid_input', '--content: required with --kind (the incident-level notice text)');
            const d = await e.draft(ref, o.kind, { content: await readObject(o.content) }, o.state?.toUpperCase());
            if (o.out) {
              fs.writeFileSync(
                o.out,
                `${d.subject}\n\n${d.text}\n${d.secondText ? `\n---\n${d.secondText.title}\n\n${d.secondText.text}\n` : ''}`,
                { mode: 0o600 },
              );
              if (d.json) fs.writeFileSync(`${o.out}.json`, JSON.stringify(d.json, null, 2), { mode: 0o600 });
            }
            return d;
          },
          (d: NoticeDraft) =>
            [
              `${d.kind} draft for ${d.incidentRef}: checklist of ${d.citation} satisfied`,
              `prefilled: ${d.prefilled.join('; ')}`,
              '',
              d.subject,
              '',
              d.text,
              ...(d.secondText ? ['', '---', d.secondText.title, '', d.secondText.text] : []),
            ].join('\n'),
        );
      },
    );

  incidentCommand(program, 'mailing')
    .description('where the latest mailing of an obligation stands: sent, letters, bounced, failed, substitute-needed, pending')
    .argument('<ref>', 'incident reference')
    .option('--obligation <id>', 'the obligation', 'individual_notice')
    .option('--watch', 'a live progress bar until the mailing is finished')
    .action((ref: string, o: Common & { obligation: string; watch?: boolean }) =>
      run(o, (e) => (o.watch ? watchMailing(e, ref, o.obligation) : e.mailingProgress(ref, o.obligation)), formatMailing),
    );
}
