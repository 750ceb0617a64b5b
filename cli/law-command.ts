/**
 * `breach law coverage` and `breach law show <code>`: the state-law pack (issue 16) — which jurisdictions
 * are encoded, how each rule was verified, and one entry with its citations. Nothing is started or stored.
 * Exit codes: 0 printed; 2 invalid input (an unknown jurisdiction code).
 */
import type { Command } from 'commander';
import { jurisdictionCodeProblem, UNKNOWN_JURISDICTION, type State } from '../domain/index.js';
import { currentPack, type StateLawPack } from '../domain/state-law/index.js';
import { coverage, formatCoverage, formatEntry } from '../reports/state-law-format.js';

export const LAW_EXIT = { ok: 0, invalid: 2 } as const;

export interface LawCommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function runLawCoverage(o: { json?: boolean }, pack: StateLawPack = currentPack()): LawCommandResult {
  return {
    exitCode: LAW_EXIT.ok,
    stdout: o.json
      ? JSON.stringify({ packVersion: pack.version, packFingerprint: pack.fingerprint, jurisdictions: coverage(pack) }, null, 2)
      : formatCoverage(pack),
    stderr: '',
  };
}

export function runLawShow(code: string, o: { json?: boolean }, pack: StateLawPack = currentPack()): LawCommandResult {
  const problem =
    code === UNKNOWN_JURISDICTION ? '"unknown" has no law entry: give a State or territory code such as TX' : jurisdictionCodeProblem(code);
  if (problem)
    return {
      exitCode: LAW_EXIT.invalid,
      stdout: '',
      stderr: o.json
        ? JSON.stringify({ error: 'invalid input', problems: [{ path: 'jurisdiction', message: problem }] }, null, 2)
        : `invalid input: jurisdiction: ${problem}`,
    };
  const e = pack.entries.get(code as State);
  if (!e)
    return {
      exitCode: LAW_EXIT.invalid,
      stdout: '',
      stderr: `invalid input: jurisdiction: no entry for ${code} in state-law pack ${pack.version}`,
    };
  return {
    exitCode: LAW_EXIT.ok,
    stdout: o.json
      ? JSON.stringify({ packVersion: pack.version, packFingerprint: pack.fingerprint, entry: e }, null, 2)
      : formatEntry(e, pack),
    stderr: '',
  };
}

export function registerLawCommands(program: Command): void {
  const law = program
    .command('law')
    .description("the state-law pack: coverage, and one jurisdiction's rules with citations (not legal advice)");
  const emit = (r: LawCommandResult) => {
    if (r.stdout) process.stdout.write(`${r.stdout}\n`);
    if (r.stderr) process.stderr.write(`${r.stderr}\n`);
    process.exitCode = r.exitCode;
  };
  law
    .command('coverage')
    .description('encoded / verified / unverified per jurisdiction')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) => emit(runLawCoverage(o)));
  law
    .command('show')
    .description("one jurisdiction's entry with its citations, e.g. breach law show TX")
    .argument('<code>', 'USPS code: a State, DC, PR, VI, GU, AS or MP')
    .option('--json', 'as JSON')
    .action((code: string, o: { json?: boolean }) => emit(runLawShow(code, o)));
}

export const register = registerLawCommands;
