/**
 * A drill session: one scenario's incident on a drill engine, the facilitator's clock (advance by a
 * duration, to a day, to the next deadline), injects arriving on their days, and the team's actions
 * through the same IncidentService the CLI and API use. `runDrill` plays a scripted team against a
 * scenario end to end and scores it.
 */
import fs from 'node:fs';
import { IncidentError } from '../service/incident-service.js';
import { importRosterForIncident } from '../service/roster-import.js';
import { localDateOf } from '../domain/time-zones.js';
import { obligationStateQuery } from '../contract/obligation-messages.js';
import { checkFacts, recommend } from '../contract/incident-rules.js';
import { planIncident } from '../activities/plan-incident.js';
import { readPolicyFile } from '../activities/load-policy.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { TrackedObligation } from '../workflows/tracked-obligation.js';
import { DAY_MS, startDrillEngine, type DrillEngine } from './drill-engine.js';
import {
  checkScriptAgainst,
  deepMerge,
  DrillInputError,
  type Inject,
  type Scenario,
  type TeamAction,
  type TeamScript,
} from './scenario.js';
import {
  afterActionMarkdown,
  scoreDrill,
  type DrillLogEntry,
  type DrillScore,
  type ObligationLog,
  type RequiredStateItem,
} from './score.js';

const iso = (ms: number) => new Date(ms).toISOString();
const DEFAULT_BY = 'drill-responder';

/** The facts a scenario starts with, dated on the drill's clock. */
export function initialFacts(scenario: Scenario, day0: number): Record<string, unknown> {
  return deepMerge(scenario.facts, {
    dates: {
      discoveredAt: iso(day0),
      ...(scenario.occurredDaysBeforeDiscovery > 0 ? { occurredAt: iso(day0 - scenario.occurredDaysBeforeDiscovery * DAY_MS) } : {}),
    },
  }) as Record<string, unknown>;
}

/** Facts after a fact-changing inject. */
export function applyInject(facts: unknown, inj: Inject, day0: number): unknown {
  if (inj.kind === 'law_enforcement_oral' || inj.kind === 'law_enforcement_written') return facts;
  let next = deepMerge(facts, inj.set);
  if (inj.discoveredOnDay !== undefined) next = deepMerge(next, { dates: { discoveredAt: iso(day0 + inj.discoveredOnDay * DAY_MS) } });
  return next;
}

function statementOf(inj: Inject, day0: number) {
  if (inj.kind === 'law_enforcement_oral')
    return { kind: 'oral' as const, official: inj.official, agency: inj.agency, receivedAt: iso(day0 + inj.day * DAY_MS) };
  if (inj.kind === 'law_enforcement_written')
    return {
      kind: 'written' as const,
      official: inj.official,
      agency: inj.agency,
      receivedAt: iso(day0 + inj.day * DAY_MS),
      endsAt: iso(day0 + inj.endsOnDay * DAY_MS),
    };
  return undefined;
}

/**
 * What the full facts (every inject applied, every law-enforcement statement in force) require: the
 * engine's own determination and planner, so a drill is scored against the same law as a real incident.
 */
export async function requiredByFullFacts(
  scenario: Scenario,
  day0: number,
  endMs: number,
): Promise<{ reportable: boolean; obligations: TrackedObligation[]; stateItems: RequiredStateItem[] }> {
  let facts: unknown = initialFacts(scenario, day0);
  const statements: unknown[] = [];
  for (const inj of scenario.injects) {
    facts = applyInject(facts, inj, day0);
    const st = statementOf(inj, day0);
    if (st) statements.push(st);
  }
  const full = {
    ...(facts as Record<string, unknown>),
    lawEnforcementDelays: [...(((facts as Record<string, unknown>).lawEnforcementDelays as unknown[]) ?? []), ...statements],
  };
  const checked = checkFacts(full, iso(endMs));
  if (!checked.ok)
    throw new DrillInputError(`scenario ${scenario.id}: the facts with every inject applied are not valid: ${checked.problems.join('; ')}`);
  const reportable = recommend(checked.facts).reportable;
  if (!reportable) return { reportable, obligations: [], stateItems: [] };
  const plan = await planIncident({
    facts: full,
    reportable: true,
    decidedBy: 'drill-facilitator',
    decidedAt: iso(endMs),
    now: iso(endMs),
    targetDays: readPolicyFile(undefined).targetDays,
  });
  // The State items (issue 16) the same plan dates: tracked items with a deadline of their own.
  const stateItems = plan.stateLaw.obligations.flatMap((o) =>
    o.status === 'tracked' && o.deadline
      ? [{ id: o.id, citation: o.citation, verification: o.verification as RequiredStateItem['verification'], deadline: o.deadline }]
      : [],
  );
  return { reportable, obligations: plan.obligations, stateItems };
}

export class DrillSession {
  readonly drillLog: DrillLogEntry[] = [];
  readonly injectsRecorded: Record<string, string> = {};
  /** The scenario's roster once the team imported it. */
  rosterId?: string;
  private readonly arrived = new Set<string>();
  private lock: Promise<unknown> = Promise.resolve();

  /** One facilitator or team step at a time, whoever asks (control endpoint, API, console). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private constructor(
    readonly engine: DrillEngine,
    readonly scenario: Scenario,
    readonly ref: string,
    /** Day 0 on the drill's clock: the moment of discovery (ms). */
    readonly day0: number,
  ) {}

  /** Opens the scenario's incident at day 0 (now on the drill's clock) with the facts as first known. */
  static async open(engine: DrillEngine, scenario: Scenario, opts: { ref?: string; by?: string } = {}): Promise<DrillSession> {
    const day0 = Math.floor((await engine.now()) / 60_000) * 60_000;
    // Every drill incident is marked in its reference (and lives only on the drill's own server).
    const ref = opts.ref ?? `DRILL-${scenario.id}-${day0.toString(36)}1`.slice(0, 64);
    const facts = initialFacts(scenario, day0);
    const role = (facts.role as 'covered_entity' | 'business_associate' | undefined) ?? 'covered_entity';
    const session = new DrillSession(engine, scenario, ref, day0);
    await engine.service.open({ ref, openedBy: opts.by ?? DEFAULT_BY, role, facts });
    const state = await engine.service.status(ref);
    if (state.factsVersion !== 1) {
      const problem = state.timeline.find((t) => t.action === 'facts_rejected_at_intake')?.detail ?? 'unknown';
      throw new DrillInputError(`scenario ${scenario.id}: facts: the engine refused the facts as first known (${problem})`);
    }
    session.note(day0, 'facilitator', 'drill_started', `scenario ${scenario.id}: ${scenario.title}`);
    return session;
  }

  dayOf(ms: number): number {
    return (ms - this.day0) / DAY_MS;
  }

  private note(atMs: number, by: string, action: string, detail?: string): void {
    this.drillLog.push({ at: iso(atMs), by, action, ...(detail ? { detail } : {}) });
  }

  /** Moves the clock; injects whose day has come are announced (the team then records them, or not). */
  async advanceTo(ms: number): Promise<void> {
    await this.engine.advanceTo(ms);
    const now = await this.engine.now();
    for (const inj of this.scenario.injects) {
      if (!this.arrived.has(inj.id) && this.day0 + inj.day * DAY_MS <= now) {
        this.arrived.add(inj.id);
        this.note(this.day0 + inj.day * DAY_MS, 'facilitator', `inject_${inj.kind}`, `${inj.id}: ${inj.message}`);
      }
    }
  }

  advanceToDay(day: number): Promise<void> {
    return this.advanceTo(this.day0 + day * DAY_MS);
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo((await this.engine.now()) + ms);
  }

  /** The next target date, legal deadline or decision due date after now; the clock stops just past it. */
  async advanceToNextDeadline(): Promise<{ what: string; at: string } | undefined> {
    const now = await this.engine.now();
    const s = await this.engine.service.status(this.ref);
    const points: { what: string; at: number }[] = [];
    if (!s.decision && s.decisionDue) points.push({ what: 'decision due', at: Date.parse(s.decisionDue.dates.deadline.instant) });
    for (const o of s.obligations) {
      if (o.status === 'confirmed' || o.status === 'withdrawn') continue;
      points.push({ what: `${o.obligation.label}: target`, at: Date.parse(o.obligation.target.instant) });
      points.push({ what: `${o.obligation.label}: legal deadline`, at: Date.parse(o.obligation.deadline.instant) });
    }
    const next = points.filter((p) => p.at > now).sort((a, b) => a.at - b.at)[0];
    if (!next) return undefined;
    await this.advanceTo(next.at + 1_000);
    return { what: next.what, at: iso(next.at) };
  }

  /** One team action through the incident service; a refusal is recorded (and scored), not thrown. */
  async act(a: TeamAction): Promise<{ ok: boolean; message?: string }> {
    const svc = this.engine.service;
    const by = a.by ?? (a.do === 'decide' ? 'privacy-officer' : DEFAULT_BY);
    const now = await this.engine.now();
    try {
      switch (a.do) {
        case 'decide':
          await svc.decide(this.ref, { by, reportable: a.reportable, ...(a.justification ? { justification: a.justification } : {}) });
          break;
        case 'record_facts': {
          const s = await svc.status(this.ref);
          await svc.recordFacts(this.ref, { by, facts: deepMerge(s.facts, a.set), reason: a.reason });
          break;
        }
        case 'record_inject': {
          const inj = this.scenario.injects.find((i) => i.id === a.inject)!;
          const st = statementOf(inj, this.day0);
          if (st) await svc.hold(this.ref, { by, statement: st });
          else {
            const s = await svc.status(this.ref);
            await svc.recordFacts(this.ref, {
              by,
              facts: applyInject(s.facts, inj, this.day0),
              reason: `${inj.kind.replace(/_/g, ' ')}: ${inj.message}`,
            });
          }
          this.injectsRecorded[inj.id] ??= iso(now);
          break;
        }
        case 'acknowledge':
          await svc.acknowledge(this.ref, { by, ...(a.obligation ? { obligationId: a.obligation } : {}) });
          break;
        case 'confirm':
          await svc.confirm(this.ref, {
            by,
            obligationId: a.obligation,
            evidence: { method: a.method, ...(a.reference ? { reference: a.reference } : {}), note: 'DRILL: simulated notice' },
          });
          break;
        case 'release':
          await svc.release(this.ref, { by, note: 'DRILL' });
          break;
        case 'import_roster': {
          const r = await importRosterForIncident({
            service: svc,
            importer: this.engine.rosters,
            ref: this.ref,
            csv: fs.readFileSync(this.scenario.roster!.file),
            by,
          });
          this.rosterId = r.rosterId;
          this.note(now, by, 'roster_imported', `${r.recipients} recipient(s), ${r.rejectedRows} row(s) rejected`);
          break;
        }
        case 'mail_notices': {
          if (!this.rosterId) throw new IncidentError('refused', 'mail_notices: import the roster first (import_roster)');
          const content = this.noticeContent((await svc.status(this.ref)).timeZone);
          await svc.startMailing(this.ref, { by, obligationId: a.obligation, rosterId: this.rosterId, content });
          break;
        }
        case 'send_ce_notice': {
          // Through the engine's own sendCeNotice (164.410): to the drill's notice outbox, marked DRILL.
          const content = this.noticeContent((await svc.status(this.ref)).timeZone);
          const sent = await svc.sendCeNotice(this.ref, {
            by,
            obligationId: a.obligation,
            to: a.to,
            ...(a.contactName ? { contactName: a.contactName } : {}),
            incident: content,
            ...(this.rosterId ? { rosterId: this.rosterId, passphraseChannel: 'DRILL: the passphrase would be given by telephone' } : {}),
          });
          this.note(
            now,
            by,
            'ce_notice_sent',
            `${a.obligation}: message ${sent.messageId}${this.rosterId ? ', roster attached (encrypted)' : ', identities to follow'}`,
          );
          break;
        }
      }
      return { ok: true };
    } catch (err) {
      if (!(err instanceof IncidentError)) throw err;
      this.note(now, by, `refused_${a.do}`, err.message);
      return { ok: false, message: err.message };
    }
  }

  /** The scenario's notice text (164.404(c) / 164.410(c)(2)) with the drill's reference and dates. */
  private noticeContent(zone: string): Record<string, unknown> {
    if (!this.scenario.roster) throw new IncidentError('refused', `scenario ${this.scenario.id} ships no notice text (roster.notice)`);
    const occurred = this.scenario.occurredDaysBeforeDiscovery;
    return {
      ...this.scenario.roster.notice,
      incidentRef: this.ref,
      discoveryDate: localDateOf(iso(this.day0), zone),
      ...(occurred > 0 ? { breachStartDate: localDateOf(iso(this.day0 - occurred * DAY_MS), zone) } : {}),
    };
  }

  /** Where the obligation workflows' reminder logs stand (each is asked; a failure leaves the snapshot's counts). */
  async obligationLogs(s: IncidentSnapshot): Promise<Record<string, ObligationLog>> {
    const out: Record<string, ObligationLog> = {};
    for (const o of s.obligations) {
      try {
        const st = await this.engine.env.client.workflow.getHandle(o.childWorkflowId).query(obligationStateQuery);
        out[o.obligation.id] = {
          remindersSent: st.remindersSent.map((r) => ({ kind: r.kind, level: r.level, at: r.at })),
          acknowledgements: st.events.filter((e) => e.event === 'acknowledged').length,
        };
      } catch {
        // Left to the incident's own counts.
      }
    }
    return out;
  }

  async score(team: string): Promise<DrillScore> {
    const now = await this.engine.now();
    const snapshot = await this.engine.service.status(this.ref);
    return scoreDrill({
      scenario: this.scenario,
      team,
      ref: this.ref,
      day0: iso(this.day0),
      endedAt: iso(now),
      snapshot,
      obligationLogs: await this.obligationLogs(snapshot),
      required: await requiredByFullFacts(this.scenario, this.day0, now),
      injectsRecorded: this.injectsRecorded,
      drillLog: this.drillLog,
    });
  }
}

export interface DrillResult {
  score: DrillScore;
  markdown: string;
  ref: string;
  /** Every message the drill wrote (engine mail and notices), all in the drill's own outboxes. */
  mails: { file: string; text: string }[];
  dataDir: string;
  /** Production settings present in the environment and set aside for the drill (names only). */
  ignoredSettings: string[];
}

/**
 * Plays a scripted team against a scenario on a fresh drill engine: injects arrive on their days, the
 * team's actions run on theirs (injects first on a shared day), then the clock runs to the scenario's
 * end and the drill is scored. The engine is stopped afterwards (its data kept when `keepData`).
 */
export async function runDrill(opts: {
  scenario: Scenario;
  script: TeamScript;
  dataDir: string;
  keepData?: boolean;
  productionDataDir?: string;
  onEvent?: (line: string) => void;
}): Promise<DrillResult> {
  checkScriptAgainst(opts.script, opts.scenario);
  const engine = await startDrillEngine({
    dataDir: opts.dataDir,
    ...(opts.productionDataDir ? { productionDataDir: opts.productionDataDir } : {}),
  });
  try {
    const played = await playScript(engine, opts.scenario, opts.script, opts.onEvent);
    return { ...played, mails: engine.mails(), dataDir: engine.dataDir, ignoredSettings: engine.ignoredSettings };
  } finally {
    await engine.stop({ keepData: opts.keepData ?? false });
  }
}

/** One scripted drill on a running drill engine (several can run one after another on one engine). */
export async function playScript(
  engine: DrillEngine,
  scenario: Scenario,
  script: TeamScript,
  onEvent?: (line: string) => void,
): Promise<{ score: DrillScore; markdown: string; ref: string; session: DrillSession }> {
  checkScriptAgainst(script, scenario);
  const say = onEvent ?? (() => undefined);
  const session = await DrillSession.open(engine, scenario);
  say(`DRILL ${scenario.id}: incident ${session.ref} opened on day 0`);
  const actions = script.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.day - y.a.day || x.i - y.i);
  for (const { a } of actions) {
    await session.advanceToDay(a.day);
    const r = await session.act(a);
    say(
      `DRILL day ${a.day}: ${a.do}${'obligation' in a && a.obligation ? ` ${a.obligation}` : ''}${'inject' in a ? ` ${a.inject}` : ''} -> ${r.ok ? 'done' : `refused: ${r.message}`}`,
    );
  }
  await session.advanceToDay(scenario.endDay);
  const score = await session.score(script.team);
  say(`DRILL ${scenario.id}: ended on day ${score.endDay}, score ${score.overall}/100`);
  return { score, markdown: afterActionMarkdown(score, scenario), ref: session.ref, session };
}
