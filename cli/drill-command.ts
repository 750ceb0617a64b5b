/**
 * `breach drill` (issue 19): tabletop drills on the real engine. This first slice plays a scripted team:
 *
 *   breach drill run --scenario scenarios/laptop.yaml --script scenarios/teams/laptop.yaml [--out drill-reports]
 *
 * starts a separate drill engine (the time-skipping test server, its own data directory, mail to a drill
 * outbox only), runs the scenario's injects and the team's actions on their simulated days, and writes the
 * after-action report (Markdown) and the JSON score. `breach drill check` validates the files only.
 *
 * Interactive (one foreground process holds the drill; the others talk to it through a session file):
 *   breach drill start --scenario scenarios/laptop.yaml      # prints how to point the CLI/API at the drill
 *   breach drill advance 5d | breach drill advance day 45 | breach drill advance next
 *   breach drill act '{"do":"decide","reportable":true}'   # or the usual CLI with the printed environment
 *   breach drill status | breach drill end                  # end writes the report and score
 * Exit codes: 0 done, 1 failure, 2 invalid input (the file, field and rule are named).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { DrillInputError, loadScenario, loadTeamScript } from '../drill/scenario.js';

function fail(err: unknown): void {
  // By name: drill-engine.ts (the Temporal worker and test server) is loaded only by the commands that run one.
  if (err instanceof DrillInputError || (err instanceof Error && err.name === 'DrillIsolationError')) {
    process.stderr.write(`breach drill: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`breach drill: ${(err as Error).message ?? String(err)}\n`);
  process.exitCode = 1;
}

const SESSION_DEFAULT = '.breach-drill-session.json';

async function control(o: { session: string }, method: 'GET' | 'POST', route: string, body?: unknown): Promise<void> {
  const { readSessionFile, drillRequest } = await import('../drill/drill-control.js');
  const r = await drillRequest(readSessionFile(o.session), method, route, body);
  process.stdout.write(JSON.stringify(r.body, null, 2) + '\n');
  process.exitCode = r.status < 300 ? 0 : r.status === 409 ? 4 : r.status < 500 ? 2 : 1;
}

export function registerDrillCommand(program: Command): void {
  const drill = program.command('drill').description('tabletop drills on the real engine, on simulated time (DRILL: nothing real is sent)');
  drill
    .command('start')
    .description("start a drill engine with the scenario's incident at day 0 and keep it running (Ctrl-C or `breach drill end` stops it)")
    .requiredOption('--scenario <file>', 'scenario YAML')
    .option('--team <name>', 'the team, for the report', 'drill team')
    .option('--out <dir>', 'where `end` writes the report and score', 'drill-reports')
    .option('--data-dir <dir>', "the drill's data directory (default: a new temporary directory; never the production one)")
    .option('--session <file>', 'session file for the other drill commands', SESSION_DEFAULT)
    .action(async (o: { scenario: string; team: string; out: string; dataDir?: string; session: string }) => {
      try {
        const scenario = loadScenario(o.scenario);
        const { startDrillEngine } = await import('../drill/drill-engine.js');
        const { DrillSession } = await import('../drill/run-drill.js');
        const { serveDrillControl, writeSessionFile } = await import('../drill/drill-control.js');
        const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `breach-drill-${scenario.id}-`));
        const engine = await startDrillEngine({ dataDir });
        const session = await DrillSession.open(engine, scenario);
        const ctl = await serveDrillControl(session, scenario, { outDir: o.out, team: o.team });
        // The same API and web console, pointed at the drill (DRILL banner; the facilitator's controls for the admin token).
        const { serveDrillApi } = await import('../drill/drill-api.js');
        const api = await serveDrillApi(engine, session, { team: o.team });
        writeSessionFile(o.session, { url: ctl.url, token: ctl.token, ref: session.ref, scenario: scenario.id, pid: process.pid });
        const stop = async () => {
          await api.close();
          await ctl.close();
          await engine.stop({ keepData: !!o.dataDir });
          fs.rmSync(o.session, { force: true });
        };
        process.once('SIGINT', () => void stop().then(() => process.exit(130)));
        process.stdout.write(
          [
            `DRILL ${scenario.id} running: incident ${session.ref} opened on day 0 (${scenario.title}).`,
            `Facilitator: breach drill advance 5d | breach drill advance day 45 | breach drill advance next | breach drill status | breach drill end`,
            `Team, the usual CLI pointed at the drill (never the production engine):`,
            `  export TEMPORAL_ADDRESS=${engine.env.address} TEMPORAL_NAMESPACE=${engine.env.namespace ?? 'default'} BREACH_TASK_QUEUE=${engine.taskQueue} BREACH_PAYLOAD_KEYS_FILE=${engine.payloadKeysFile}`,
            `  breach status ${session.ref}`,
            `Web console of the drill: ${api.consoleUrl}`,
            `  facilitator (admin: clock, injects, score): ${api.tokens.facilitator}`,
            `  team (privacy officer): ${api.tokens.team}`,
            ...(engine.ignoredSettings.length ? [`Production settings ignored by the drill: ${engine.ignoredSettings.join(', ')}`] : []),
            '',
          ].join('\n'),
        );
        const files = await ctl.ended;
        process.stdout.write(`DRILL ended: ${files.markdownFile}\n${files.htmlFile}\n${files.pdfFile}\n${files.scoreFile}\n`);
        await stop();
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('advance')
    .description('move the drill clock: 5d | 12h | day 45 | next (the next target, legal deadline or decision due date)')
    .argument('<when...>', '5d, 12h, day 45 or next')
    .option('--session <file>', 'session file', SESSION_DEFAULT)
    .action(async (when: string[], o: { session: string }) => {
      try {
        const { parseAdvanceWords } = await import('../drill/drill-control.js');
        await control(o, 'POST', '/advance', parseAdvanceWords(when));
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('status')
    .description("the drill's day, injects and obligations")
    .option('--session <file>', 'session file', SESSION_DEFAULT)
    .action(async (o: { session: string }) => {
      try {
        await control(o, 'GET', '/status');
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('act')
    .description('a team action now, as in a script without its day, e.g. \'{"do":"record_inject","inject":"backup-recount"}\'')
    .argument('<action>', 'JSON or YAML of one action')
    .option('--session <file>', 'session file', SESSION_DEFAULT)
    .action(async (text: string, o: { session: string }) => {
      try {
        const { default: YAML } = await import('yaml');
        let action: unknown;
        try {
          action = YAML.parse(text);
        } catch {
          throw new DrillInputError('action: not valid JSON or YAML');
        }
        await control(o, 'POST', '/act', action);
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('end')
    .description('score the drill, write the after-action report and JSON score, and stop the drill engine')
    .option('--session <file>', 'session file', SESSION_DEFAULT)
    .action(async (o: { session: string }) => {
      try {
        await control(o, 'POST', '/end');
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('check')
    .description('validate a scenario (and a team script against it)')
    .requiredOption('--scenario <file>', 'scenario YAML')
    .option('--script <file>', 'team actions YAML')
    .action((o: { scenario: string; script?: string }) => {
      try {
        const scenario = loadScenario(o.scenario);
        if (o.script) loadTeamScript(o.script, scenario);
        process.stdout.write(
          `DRILL scenario ${scenario.id}: valid (${scenario.injects.length} inject(s), ends day ${scenario.endDay})${o.script ? '; script valid' : ''}\n`,
        );
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('report')
    .description(
      "the after-action report again from a drill's JSON score and its scenario, as Markdown, HTML or PDF (every page marked DRILL)",
    )
    .requiredOption('--score <file>', 'the JSON score a drill wrote (DRILL-<scenario>-<day 0>-score.json)')
    .requiredOption('--scenario <file>', 'the scenario YAML the drill played')
    .option('--format <format>', 'md, html or pdf', 'pdf')
    .option('--out <file>', 'where to write it (default: beside the score)')
    .action(async (o: { score: string; scenario: string; format: string; out?: string }) => {
      try {
        if (!['md', 'html', 'pdf'].includes(o.format)) throw new DrillInputError(`--format: "${o.format}" is not md, html or pdf`);
        const scenario = loadScenario(o.scenario);
        const { readScoreFile } = await import('../drill/score-file.js');
        const score = readScoreFile(o.score, scenario);
        const { afterActionMarkdown } = await import('../drill/score.js');
        const markdown = afterActionMarkdown(score, scenario);
        const title = `${scenario.title}: after-action report`;
        const out = o.out ?? o.score.replace(/-score\.json$|\.json$/, '') + `-after-action.${o.format}`;
        if (o.format === 'md') fs.writeFileSync(out, markdown);
        else if (o.format === 'html') fs.writeFileSync(out, (await import('../drill/report-html.js')).afterActionHtml(markdown, title));
        else fs.writeFileSync(out, await (await import('../drill/report-pdf.js')).afterActionPdf(markdown, title));
        process.stdout.write(`${out}\n`);
      } catch (err) {
        fail(err);
      }
    });
  drill
    .command('run')
    .description('play a scripted team against a scenario on a separate drill engine and write the after-action report and score')
    .requiredOption('--scenario <file>', 'scenario YAML (see scenarios/)')
    .requiredOption('--script <file>', 'team actions at given days (see scenarios/teams/)')
    .option('--out <dir>', 'where the report and score go', 'drill-reports')
    .option('--data-dir <dir>', "the drill's data directory (default: a new temporary directory; never the production one)")
    .option('--keep-data', "keep the drill's data directory (outbox, evidence) afterwards")
    .option('--quiet', 'no progress lines')
    .action(async (o: { scenario: string; script: string; out: string; dataDir?: string; keepData?: boolean; quiet?: boolean }) => {
      try {
        const scenario = loadScenario(o.scenario);
        const script = loadTeamScript(o.script, scenario);
        const { runDrill } = await import('../drill/run-drill.js'); // loads Temporal only when a drill runs
        const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `breach-drill-${scenario.id}-`));
        const r = await runDrill({
          scenario,
          script,
          dataDir,
          keepData: !!o.keepData || !!o.dataDir,
          ...(o.quiet ? {} : { onEvent: (l: string) => process.stderr.write(`${l}\n`) }),
        });
        fs.mkdirSync(o.out, { recursive: true });
        const base = path.join(o.out, `DRILL-${scenario.id}-${r.score.day0.replace(/[:.]/g, '-')}`);
        fs.writeFileSync(`${base}-after-action.md`, r.markdown);
        fs.writeFileSync(`${base}-score.json`, JSON.stringify(r.score, null, 2) + '\n');
        const { afterActionHtml } = await import('../drill/report-html.js');
        fs.writeFileSync(`${base}-after-action.html`, afterActionHtml(r.markdown, `${scenario.title}: after-action report`));
        const { afterActionPdf } = await import('../drill/report-pdf.js');
        fs.writeFileSync(`${base}-after-action.pdf`, await afterActionPdf(r.markdown, `${scenario.title}: after-action report`));
        if (r.ignoredSettings.length)
          process.stderr.write(`DRILL: production settings ignored by the drill: ${r.ignoredSettings.join(', ')}\n`);
        process.stdout.write(
          `DRILL ${scenario.id}: score ${r.score.overall}/100; ${r.score.missed.length} item(s) missed; ${r.mails.length} message(s) in the drill outbox\n${base}-after-action.md\n${base}-after-action.html\n${base}-after-action.pdf\n${base}-score.json\n`,
        );
      } catch (err) {
        fail(err);
      }
    });
}
