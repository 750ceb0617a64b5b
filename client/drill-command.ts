/**
 * `breach drill` (issue 19): tabletop drills on the real engine. This first slice plays a scripted team:
 *
 *   breach drill run --scenario scenarios/laptop.yaml --script scenarios/teams/laptop.yaml [--out drill-reports]
 *
 * starts a separate drill engine (the time-skipping test server, its own data directory, mail to a drill
 * outbox only), runs the scenario's injects and the team's actions on their simulated days, and writes the
 * after-action report (Markdown) and the JSON score. `breach drill check` validates the files only.
 * Exit codes: 0 done, 1 failure, 2 invalid input (the file, field and rule are named).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { DrillInputError, loadScenario, loadTeamScript } from '../drill/scenario.js';
import { DrillIsolationError } from '../drill/drill-engine.js';

function fail(err: unknown): void {
  if (err instanceof DrillInputError || err instanceof DrillIsolationError) {
    process.stderr.write(`breach drill: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`breach drill: ${(err as Error).message ?? String(err)}\n`);
  process.exitCode = 1;
}

export function registerDrillCommand(program: Command): void {
  const drill = program.command('drill').description('tabletop drills on the real engine, on simulated time (DRILL: nothing real is sent)');
  drill
    .command('check')
    .description('validate a scenario (and a team script against it)')
    .requiredOption('--scenario <file>', 'scenario YAML')
    .option('--script <file>', 'team actions YAML')
    .action((o: { scenario: string; script?: string }) => {
      try {
        const scenario = loadScenario(o.scenario);
        if (o.script) loadTeamScript(o.script, scenario);
        process.stdout.write(`DRILL scenario ${scenario.id}: valid (${scenario.injects.length} inject(s), ends day ${scenario.endDay})${o.script ? '; script valid' : ''}\n`);
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
        const r = await runDrill({ scenario, script, dataDir, keepData: !!o.keepData || !!o.dataDir, ...(o.quiet ? {} : { onEvent: (l: string) => process.stderr.write(`${l}\n`) }) });
        fs.mkdirSync(o.out, { recursive: true });
        const base = path.join(o.out, `DRILL-${scenario.id}-${r.score.day0.replace(/[:.]/g, '-')}`);
        fs.writeFileSync(`${base}-after-action.md`, r.markdown);
        fs.writeFileSync(`${base}-score.json`, JSON.stringify(r.score, null, 2) + '\n');
        if (r.ignoredSettings.length) process.stderr.write(`DRILL: production settings ignored by the drill: ${r.ignoredSettings.join(', ')}\n`);
        process.stdout.write(`DRILL ${scenario.id}: score ${r.score.overall}/100; ${r.score.missed.length} item(s) missed; ${r.mails.length} message(s) in the drill outbox\n${base}-after-action.md\n${base}-score.json\n`);
      } catch (err) {
        fail(err);
      }
    });
}
