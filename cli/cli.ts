/**
 * `breach` — the command line for responders, privacy officers and counsel.
 * Connection: Temporal's usual settings (TEMPORAL_ADDRESS, default localhost:7233, namespace, TLS, API
 * key, profile); the engine's task queue from BREACH_TASK_QUEUE.
 */
import { Command } from 'commander';
import { registerIncidentCommands } from './incident-commands.js';
import { registerLawCommands } from './law-command.js';
import { registerPlanCommand } from './plan-command.js';
import { registerRosterCommands } from './roster-commands.js';
import { registerVerifyCommand } from './verify-command.js';
import { registerAuditCommands } from './audit-command.js';
import { registerTokenCommand } from './token-command.js';
import { registerDrillCommand } from './drill-command.js';

export function buildProgram(): Command {
  const program = new Command('breach')
    .description('HIPAA breach-notification engine (45 CFR 164.400-414)')
    .showHelpAfterError()
    .addHelpText('after', '\nExit codes: 0 done, 1 failure (e.g. engine unreachable), 2 invalid input, 3 no such incident, 4 refused by the workflow.');
  registerPlanCommand(program);
  registerIncidentCommands(program);
  registerRosterCommands(program);
  registerVerifyCommand(program);
  registerAuditCommands(program);
  registerTokenCommand(program);
  registerLawCommands(program);
  registerDrillCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
