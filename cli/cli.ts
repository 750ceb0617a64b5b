/**
 * `breach` — the command line for responders, privacy officers and counsel.
 *
 * Incident commands act through the engine's HTTP API with the caller's own credential (cli/engine-access.ts:
 * BREACH_API_URL, default the local engine's; BREACH_API_TOKEN, BREACH_API_TOKEN_FILE or the token
 * `npm start` writes in the data directory). `--direct` (operators only) talks to Temporal with its usual
 * settings (TEMPORAL_ADDRESS, namespace, TLS, API key, profile) and BREACH_TASK_QUEUE.
 *
 * Start-up (issue 14 item 8): this file is compiled with the rest of cli/ into dist/cli/breach.mjs on
 * install. Commands whose modules load the pure domain, the state-law pack, zod or YAML (plan, law, token,
 * drill) are registered from their modules only when the command line names them; otherwise a one-line
 * entry stands for them in `breach --help`. Heavy libraries (Temporal, PDF, the roster database) are
 * imported inside the actions that use them.
 */
import { Command } from 'commander';
import { registerIncidentCommands } from './incident-commands.js';
import { registerRosterCommands } from './roster-commands.js';
import { registerVerifyCommand } from './verify-command.js';
import { registerAuditCommands } from './audit-command.js';

type Register = (program: Command) => void;
interface LazyCommand {
  /** What `breach --help` shows without loading the module. */
  summary: string;
  args?: string;
  load: () => Promise<Register>;
}

const lazy = (summary: string, load: () => Promise<Register>, args?: string): LazyCommand => ({ summary, load, ...(args ? { args } : {}) });
const LAZY = {
  plan: lazy(
    'determination and obligations for a set of incident facts (nothing is started or stored)',
    async () => (await import('./plan-command.js')).registerPlanCommand,
    '[file]',
  ),
  token: lazy(
    'API credentials (164.312(d)): tokens are stored hashed, with an expiry; rotate by issuing the next before the last expires',
    async () => (await import('./token-command.js')).registerTokenCommand,
  ),
  law: lazy(
    "the state-law pack: coverage, and one jurisdiction's rules with citations (not legal advice)",
    async () => (await import('./law-command.js')).registerLawCommands,
  ),
  drill: lazy(
    'tabletop drills on the real engine, on simulated time (DRILL: nothing real is sent)',
    async () => (await import('./drill-command.js')).registerDrillCommand,
  ),
} satisfies Record<string, LazyCommand>;
type LazyName = keyof typeof LAZY;

/** The command the arguments name (`breach plan …`, `breach help plan`), if any. */
export function namedCommand(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

async function addLazy(program: Command, name: LazyName, wanted: string | undefined): Promise<void> {
  const c: LazyCommand = LAZY[name];
  if (wanted === name) (await c.load())(program);
  else program.command(c.args ? `${name} ${c.args}` : name).description(c.summary);
}

export async function buildProgram(args: readonly string[] = process.argv.slice(2)): Promise<Command> {
  const wanted = namedCommand(args);
  const program = new Command('breach')
    .description('HIPAA breach-notification engine (45 CFR 164.400-414)')
    .showHelpAfterError()
    .addHelpText(
      'after',
      "\nEach person acts with their own credential: BREACH_API_TOKEN (or BREACH_API_TOKEN_FILE, or the local engine's data directory) against BREACH_API_URL (default: the local engine). `breach whoami` says who that is." +
        '\n\nExit codes: 0 done, 1 failure (e.g. engine unreachable, credential refused), 2 invalid input, 3 no such incident, 4 refused (by the workflow, or your role may not).',
    );
  await addLazy(program, 'plan', wanted);
  registerIncidentCommands(program);
  registerRosterCommands(program);
  registerVerifyCommand(program);
  registerAuditCommands(program);
  await addLazy(program, 'token', wanted);
  await addLazy(program, 'law', wanted);
  await addLazy(program, 'drill', wanted);
  return program;
}

await (await buildProgram()).parseAsync(process.argv);
