/**
 * Tabletop-drill scenarios and team scripts (issue 19): YAML files validated with zod. A scenario is the
 * incident's facts as first known plus injects at given drill days; a script is what the team does on
 * which day. Day 0 is the moment of discovery in the drill's simulated clock. Bad input is refused with
 * the file, the field path and the rule — never a stack trace.
 */
import { EVIDENCE_METHODS } from '../contract/vocabulary.js';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and - only');
const Day = z.number({ error: 'must be a number of days' }).min(0, 'must be day 0 or later').max(400, 'at most day 400');
const Text = z.string({ error: 'required: a text' }).trim().min(1, 'required');
const Patch = z.record(z.string(), z.unknown(), { error: 'must be an object of fact fields to change (merged into the facts)' });

const injectBase = { id: Id, day: Day, message: Text };

/** What happens to the team during the drill. Fact-changing injects carry a patch merged into the facts. */
export const Inject = z.discriminatedUnion(
  'kind',
  [
    // 164.412(b): an oral statement delays notices at most 30 days unless a written one follows.
    z.object({ ...injectBase, kind: z.literal('law_enforcement_oral'), official: Text, agency: Text }).strict(),
    // 164.412(a): a written statement delays for the period it specifies.
    z.object({ ...injectBase, kind: z.literal('law_enforcement_written'), official: Text, agency: Text, endsOnDay: Day }).strict(),
    z
      .object({
        ...injectBase,
        kind: z.enum(['correction', 'business_associate_late_notice', 'mailing_bounce', 'key_compromised']),
        /** Fields of the facts that change (deep-merged; arrays replaced). */
        set: Patch.default({}),
        /**
         * A discovery earlier than the team's day 0 (negative: days before it), e.g. a business associate
         * acting as agent knew first (164.404(a)(2) imputes its knowledge): every clock moves earlier.
         */
        discoveredOnDay: z.number().int().min(-59).max(0).optional(),
      })
      .strict(),
  ],
  {
    error:
      'must be law_enforcement_oral, law_enforcement_written, correction, business_associate_late_notice, mailing_bounce or key_compromised',
  },
);
export type Inject = z.infer<typeof Inject>;

export const Scenario = z
  .object({
    id: Id,
    title: Text,
    /** The kind of breach in the OCR breach portal's public list it is drawn from. */
    ocrBreachType: Text,
    description: Text,
    /** The facts as first known, without dates (the drill sets them from its clock). */
    facts: Patch,
    occurredDaysBeforeDiscovery: z.number().int().min(0).max(3650).default(0),
    injects: z.array(Inject).default([]),
    /** The simulated day the drill ends (after the last legal deadline, normally). */
    endDay: Day.default(65),
    /**
     * A synthetic roster of the affected individuals (CSV, path relative to the scenario file) and the
     * notice text for their mailing: the team imports it (`import_roster`) and mails the notices
     * (`mail_notices`) through the engine. Addresses at bounces.drill.invalid bounce for good (550),
     * so the mailing exercises bounces (a letter follows where there is a postal address).
     */
    roster: z
      .object({
        file: Text,
        /** The individual notice's text (164.404(c)); the drill fills the incident reference and dates. */
        notice: Patch,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.injects.forEach((inj, i) => {
      if (seen.has(inj.id)) ctx.addIssue({ code: 'custom', path: ['injects', i, 'id'], message: `duplicate inject id "${inj.id}"` });
      seen.add(inj.id);
      if (inj.day > s.endDay)
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'day'], message: `after the drill's endDay (${s.endDay})` });
      if (inj.kind === 'law_enforcement_written' && inj.endsOnDay <= inj.day)
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'endsOnDay'], message: 'must be after the day the statement is received' });
    });
  });
export type Scenario = z.infer<typeof Scenario>;

const actionBase = {
  day: Day,
  by: z
    .string()
    .regex(/^[A-Za-z0-9._@-]{1,100}$/, 'a user id: letters, digits and . _ @ - only')
    .optional(),
  note: z.string().optional(),
};
const METHODS = EVIDENCE_METHODS;

/** What the team does, on which drill day, through the same service the CLI and API use. */
export const TeamAction = z.discriminatedUnion(
  'do',
  [
    z
      .object({
        ...actionBase,
        do: z.literal('decide'),
        reportable: z.boolean({ error: 'must be true or false' }),
        justification: z.string().optional(),
      })
      .strict(),
    /** Record an inject in the engine: a correction of the facts, or a law-enforcement statement (hold). */
    z.object({ ...actionBase, do: z.literal('record_inject'), inject: Id }).strict(),
    z.object({ ...actionBase, do: z.literal('record_facts'), set: Patch, reason: Text }).strict(),
    z.object({ ...actionBase, do: z.literal('acknowledge'), obligation: z.string().min(1).optional() }).strict(),
    z
      .object({
        ...actionBase,
        do: z.literal('confirm'),
        obligation: z.string().min(1),
        method: z.enum(METHODS, { error: `must be one of: ${METHODS.join(', ')}` }),
        reference: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ ...actionBase, do: z.literal('release') }).strict(),
    /** Import the scenario's roster into the drill incident (the drill's own encrypted roster store). */
    z.object({ ...actionBase, do: z.literal('import_roster') }).strict(),
    /** Mail the individual notices to the imported roster (to the drill's notice outbox, marked DRILL). */
    z.object({ ...actionBase, do: z.literal('mail_notices'), obligation: z.string().min(1).default('individual_notice') }).strict(),
    /**
     * A business associate's notice to a covered entity (164.410) through the engine (the sendCeNotice action):
     * the scenario's notice text, the imported roster as the encrypted attachment (passphrase by telephone),
     * to the drill's notice outbox only. Without an imported roster the notice says identities follow and
     * the obligation stays open (164.410(c)(1)).
     */
    z
      .object({
        ...actionBase,
        do: z.literal('send_ce_notice'),
        obligation: z
          .string()
          .regex(/^ce_notice:[a-z0-9][a-z0-9-]{0,62}$/, 'a covered-entity notice obligation: ce_notice:<covered entity id>'),
        to: z.email("the covered entity's notice email address"),
        contactName: z.string().min(1).max(200).optional(),
      })
      .strict(),
  ],
  {
    error: 'must be decide, record_inject, record_facts, acknowledge, confirm, release, import_roster, mail_notices or send_ce_notice',
  },
);
export type TeamAction = z.infer<typeof TeamAction>;

export const TeamScript = z
  .object({
    team: Text.default('drill team'),
    actions: z.array(TeamAction).default([]),
  })
  .strict();
export type TeamScript = z.infer<typeof TeamScript>;

/** A drill file that cannot be used: names the file, each field path and its rule. */
export class DrillInputError extends Error {
  override name = 'DrillInputError';
}

function describe(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

export function parseDrillFile<T>(schema: z.ZodType<T>, text: string, source: string): T {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (err) {
    throw new DrillInputError(`${source}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DrillInputError(`${source}: ${describe(parsed.error.issues)}`);
  return parsed.data;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new DrillInputError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A scenario file; its roster path resolved against the scenario's folder and checked to exist. */
export function loadScenario(file: string): Scenario {
  const scenario = parseDrillFile(Scenario, readText(file), file);
  if (scenario.roster) {
    const rosterFile = path.resolve(path.dirname(file), scenario.roster.file);
    if (!fs.existsSync(rosterFile)) throw new DrillInputError(`${file}: roster.file: ${scenario.roster.file} does not exist`);
    scenario.roster = { ...scenario.roster, file: rosterFile };
  }
  return scenario;
}

/** A script, checked against its scenario: every inject it records must exist. */
export function loadTeamScript(file: string, scenario?: Scenario): TeamScript {
  const script = parseDrillFile(TeamScript, readText(file), file);
  if (scenario) checkScriptAgainst(script, scenario, file);
  return script;
}

export function checkScriptAgainst(script: TeamScript, scenario: Scenario, source = 'script'): void {
  const ids = new Set(scenario.injects.map((i) => i.id));
  const problems = script.actions.flatMap((a, i) => {
    const out: string[] = [];
    if (a.do === 'record_inject' && !ids.has(a.inject))
      out.push(
        `actions.${i}.inject: "${a.inject}" is not an inject of scenario ${scenario.id} (injects: ${[...ids].join(', ') || 'none'})`,
      );
    if (a.do === 'record_inject') {
      const inj = scenario.injects.find((x) => x.id === a.inject);
      if (inj && a.day < inj.day)
        out.push(`actions.${i}.day: the team cannot record inject "${a.inject}" before it arrives on day ${inj.day}`);
    }
    if (a.day > scenario.endDay) out.push(`actions.${i}.day: after the scenario's endDay (${scenario.endDay})`);
    if ((a.do === 'import_roster' || a.do === 'mail_notices') && !scenario.roster)
      out.push(`actions.${i}.do: scenario ${scenario.id} ships no roster (roster:), so there is nothing to ${a.do.replace('_', ' ')}`);
    if (a.do === 'send_ce_notice' && !scenario.roster)
      out.push(`actions.${i}.do: scenario ${scenario.id} ships no roster (roster:) and so no notice text for send_ce_notice`);
    if (a.do === 'send_ce_notice' && scenario.facts.role !== 'business_associate')
      out.push(`actions.${i}.do: send_ce_notice is a business associate's notice (164.410); scenario ${scenario.id} is not one`);
    return out;
  });
  if (problems.length) throw new DrillInputError(`${source}: ${problems.join('; ')}`);
}

/** Objects merged key by key; arrays and scalars replaced. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
