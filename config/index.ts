import { z } from 'zod';
import { VARIABLES, type Settings, type VariableName } from './variables.js';

export { VARIABLES, ROLES, type Role, type Settings, type VariableName, type VariableDefinition } from './variables.js';

/**
 * The one module that reads the process environment (lint forbids `process.env` elsewhere).
 *
 * - `loadSettings()` validates EVERY variable of config/variables.ts and reports every problem at once
 *   (variable and rule; a secret's value is never echoed — no value is). Entry points call it first.
 * - `setting(name)` validates and returns one variable, parsed (a number, a flag, an enum member).
 * - `processEnv()` is the environment itself, for the few places that need the whole record: the
 *   `…FromEnv(env)` loaders (tests pass their own record), child processes that inherit it, and the
 *   drill, which sets production settings aside while it runs. Read nothing undeclared through it.
 *
 * Nothing is cached: a value set or removed at run time (the drill, tests) is seen by the next read.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(
      list.length === 1 ? `Invalid configuration: ${list[0]}` : `Invalid configuration (${list.length} problems):\n  ${list.join('\n  ')}`,
    );
    this.problems = list;
  }
}

/** The process environment (the one read of it; lint forbids `process.env` outside config/). */
import { processEnv } from './env.js';
export { processEnv };

/** An empty variable (`X=`) means unset, as shells and CI templates often leave it. */
const present = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

function parseOne<K extends VariableName>(name: K, env: Environment): { ok: true; value: Settings[K] } | { ok: false; problems: string[] } {
  const schema = VARIABLES[name].schema as unknown as z.ZodType<Settings[K]>;
  const r = schema.safeParse(present(env[name]));
  if (r.success) return { ok: true, value: r.data };
  // zod's messages here are ours (config/variables.ts) and never contain the input.
  return { ok: false, problems: r.error.issues.map((i) => `${name}: ${i.message}`) };
}

/** Rules between variables (both or neither, one or the other): [variables involved, problem]. */
function crossChecks(s: Partial<Settings>): [VariableName[], string][] {
  const checks: [VariableName[], boolean, string][] = [
    [
      ['BREACH_WORKER_DEPLOYMENT', 'BREACH_WORKER_BUILD_ID'],
      !!s.BREACH_WORKER_DEPLOYMENT !== !!s.BREACH_WORKER_BUILD_ID,
      'BREACH_WORKER_DEPLOYMENT / BREACH_WORKER_BUILD_ID: set both (Worker Versioning) or neither',
    ],
    [
      ['BREACH_PAYLOAD_KEYS', 'BREACH_PAYLOAD_KEYS_FILE'],
      !!s.BREACH_PAYLOAD_KEYS && !!s.BREACH_PAYLOAD_KEYS_FILE,
      'BREACH_PAYLOAD_KEYS / BREACH_PAYLOAD_KEYS_FILE: set only one',
    ],
    [
      ['BREACH_API_TOKENS', 'BREACH_API_TOKENS_FILE'],
      !!s.BREACH_API_TOKENS && !!s.BREACH_API_TOKENS_FILE,
      'BREACH_API_TOKENS / BREACH_API_TOKENS_FILE: set only one',
    ],
    [
      ['BREACH_TLS_CERT_FILE', 'BREACH_TLS_KEY_FILE'],
      !!s.BREACH_TLS_CERT_FILE !== !!s.BREACH_TLS_KEY_FILE,
      'BREACH_TLS_CERT_FILE / BREACH_TLS_KEY_FILE: set both or neither',
    ],
    [
      ['BREACH_OIDC_ISSUER', 'BREACH_OIDC_AUDIENCE'],
      !!s.BREACH_OIDC_ISSUER && !s.BREACH_OIDC_AUDIENCE,
      'BREACH_OIDC_AUDIENCE: required with BREACH_OIDC_ISSUER',
    ],
    [
      ['BREACH_OIDC_ISSUER', 'BREACH_OIDC_JWKS_URL', 'BREACH_OIDC_JWKS_FILE'],
      !!s.BREACH_OIDC_ISSUER && !s.BREACH_OIDC_JWKS_URL && !s.BREACH_OIDC_JWKS_FILE,
      'BREACH_OIDC_JWKS_URL / BREACH_OIDC_JWKS_FILE: one is required with BREACH_OIDC_ISSUER',
    ],
    [
      ['BREACH_NOTICE_DELIVERY', 'BREACH_NOTICE_SMTP_HOST', 'BREACH_SMTP_HOST'],
      s.BREACH_NOTICE_DELIVERY === 'smtp' && !s.BREACH_NOTICE_SMTP_HOST && !s.BREACH_SMTP_HOST,
      'BREACH_NOTICE_DELIVERY: smtp requires BREACH_NOTICE_SMTP_HOST (or BREACH_SMTP_HOST)',
    ],
  ];
  return checks.filter(([, failed]) => failed).map(([vars, , problem]) => [vars, problem]);
}

/** Every variable, validated; a ConfigError listing every problem (variable: rule) otherwise. */
export function loadSettings(env: Environment = processEnv()): Settings {
  const problems: string[] = [];
  const invalid = new Set<VariableName>();
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const r = parseOne(name, env);
    if (r.ok) out[name] = r.value;
    else {
      problems.push(...r.problems);
      invalid.add(name);
    }
  }
  // Rules between variables too (all problems at once), except where a variable is already reported.
  for (const [vars, problem] of crossChecks(out)) if (!vars.some((v) => invalid.has(v))) problems.push(problem);
  if (problems.length) throw new ConfigError(problems);
  return out as Settings;
}

/** One variable, validated and parsed (a ConfigError naming it and its rule otherwise). */
export function setting<K extends VariableName>(name: K, env: Environment = processEnv()): Settings[K] {
  const r = parseOne(name, env);
  if (!r.ok) throw new ConfigError(r.problems);
  return r.value;
}

export interface WorkerDeploymentSetting {
  deploymentName: string;
  buildId: string;
  defaultVersioningBehavior: 'PINNED' | 'AUTO_UPGRADE';
}

/** Worker Versioning (docs/upgrades.md): set when BREACH_WORKER_DEPLOYMENT and BREACH_WORKER_BUILD_ID are. */
export function workerDeployment(s: Settings): WorkerDeploymentSetting | undefined {
  if (!s.BREACH_WORKER_DEPLOYMENT || !s.BREACH_WORKER_BUILD_ID) return undefined;
  return {
    deploymentName: s.BREACH_WORKER_DEPLOYMENT,
    buildId: s.BREACH_WORKER_BUILD_ID,
    defaultVersioningBehavior: s.BREACH_WORKER_VERSIONING_BEHAVIOR === 'pinned' ? 'PINNED' : 'AUTO_UPGRADE',
  };
}
