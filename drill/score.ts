/**
 * Scoring and the after-action report of a tabletop drill (issue 19). Pure: everything it needs (the
 * incident's final record from the engine, the obligation workflows' reminder logs, the injects and what
 * the team did with them, the obligations the full facts require) is passed in; no clock is read.
 *
 * The deadlines scored against are the engine's own (the same planner and citations as a real incident).
 * The points are the drill's grading policy, not law: on target 100, late but within the legal deadline
 * 60, past the legal deadline or never planned 0; decision within the service level 100, late 50, against
 * the full facts' determination 0; an inject recorded within a day 100, within 5 days 60, later 30, never 0.
 */
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { TrackedObligation } from '../workflows/tracked-obligation.js';
import type { Inject, Scenario } from './scenario.js';
import { DAY_MS, DRILL_BANNER } from './drill-constants.js';
import { addCalendarDays, daysBetween, type LocalDate } from '../domain/calendar-days.js';
import { localDateOf } from '../domain/time-zones.js';
import { STATE_NOTICE_KIND, type StateObligationItem } from '../contract/state-obligations.js';

export interface ObligationLog {
  remindersSent: { kind: string; level: number; at: string }[];
  acknowledgements: number;
}

export interface DrillLogEntry {
  at: string;
  by: string;
  action: string;
  detail?: string;
}

export interface ScoreInput {
  scenario: Scenario;
  team: string;
  ref: string;
  /** Day 0: the moment of discovery on the drill's clock (ISO). */
  day0: string;
  /** When the drill ended on its clock (ISO). */
  endedAt: string;
  snapshot: IncidentSnapshot;
  /** By obligation id (absent when the obligation workflow could not be asked). */
  obligationLogs: Record<string, ObligationLog>;
  /**
   * What the full facts (every inject applied) require: the obligations a perfect team would have planned,
   * and the dated State items (issue 16) of the same plan (`state:<JUR>:<rule>`).
   */
  required: { reportable: boolean; obligations: TrackedObligation[]; stateItems?: RequiredStateItem[] };
  /** The day each inject was recorded in the engine by the team (absent: never). */
  injectsRecorded: Record<string, string>;
  /** Inject arrivals, actions the engine refused, and other drill events. */
  drillLog: DrillLogEntry[];
}

/** A dated State item the full facts' plan requires (planIncident's recorded state-law summary). */
export interface RequiredStateItem {
  id: string;
  citation: string;
  verification: StateVerification;
  deadline: string;
}

export type StateVerification = StateObligationItem['verification'];

/** A State item of the incident's plan with no date to score against (pending, no fixed date, controlled elsewhere). */
export interface StateItemNotScored {
  id: string;
  label: string;
  citation: string;
  verification: StateVerification;
  status: string;
  why: string;
}

export type ObligationOutcome = 'on_target' | 'late_but_lawful' | 'missed_deadline' | 'never_planned' | 'open_at_end' | 'withdrawn';

export interface ObligationScore {
  id: string;
  label: string;
  citation: string;
  /** HIPAA (45 CFR 164.400-414) or a State's law (issue 16: ids `state:<JUR>:<rule>`). */
  law?: 'federal' | 'state';
  /** A State item's jurisdiction. */
  jurisdiction?: string;
  /** A State item's verification status (from the state-law pack): an unverified rule is marked in every view. */
  verification?: StateVerification;
  required: boolean;
  planned: boolean;
  /**
   * A business associate's notice to a covered entity: its outer limit, 60 calendar days after discovery
   * (45 CFR 164.410(b)), beside the deadline the engine tracks (the earlier BAA term where there is one).
   */
  outerLimit?: { date: string; day: number; citation: string; met?: boolean };
  targetDate: string;
  deadlineDate: string;
  targetDay: number;
  deadlineDay: number;
  confirmedDay?: number;
  confirmedBy?: string;
  outcome: ObligationOutcome;
  reminders: number;
  escalations: number;
  overdueNotices: number;
  acknowledgements: number;
  maxEscalationLevel: number;
  points?: number;
}

export interface DrillScore {
  drill: true;
  banner: string;
  scenario: string;
  team: string;
  ref: string;
  day0: string;
  endDay: number;
  overall: number;
  decision: {
    day?: number;
    dueDay?: number;
    dueDate?: string;
    reportable?: boolean;
    requiredReportable: boolean;
    withinServiceLevel?: boolean;
    reminders: number;
    escalations: number;
    overdueNotices: number;
    acknowledgements: number;
    points: number;
  };
  obligations: ObligationScore[];
  injects: { id: string; kind: Inject['kind']; day: number; recordedDay?: number; responseDays?: number; points: number }[];
  /** State items of the incident's plan with no date to score (pending, no fixed date, controlled elsewhere). */
  stateNotScored?: StateItemNotScored[];
  missed: string[];
  timeline: { day: number; at: string; by: string; action: string; detail?: string }[];
}

const dayOf = (day0: number, iso: string) => Math.round(((Date.parse(iso) - day0) / DAY_MS) * 10) / 10;
/**
 * A legal date's day number: calendar days from the local date of day 0 in the incident's zone — "day 60"
 * for the 60th calendar day (164.404(b)), whatever the hour the drill started (the end-of-day instant
 * would read 60.0 to 61.0 depending on it).
 */
const legalDayOf = (day0: number, date: LocalDate, timeZone: string) =>
  daysBetween(localDateOf(new Date(day0).toISOString(), timeZone), date);
const count = (xs: { kind: string }[], kind: string) => xs.filter((x) => x.kind === kind).length;

/** 45 CFR 164.410(b)(1): "without unreasonable delay and in no case later than 60 calendar days after discovery". */
const CE_OUTER_LIMIT_DAYS = 60;
const CE_OUTER_LIMIT_CITATION = '45 CFR 164.410(b)';

/** "[CA law, UNVERIFIED]": a State item's jurisdiction and verification, wherever it is named. */
const stateTag = (jurisdiction: string, v: StateVerification) =>
  `[${jurisdiction} law, ${v === 'verified' ? 'verified' : v === 'secondary_sources' ? 'secondary sources only' : 'UNVERIFIED'}]`;

/** A required obligation the incident never planned: nothing happened on it, and it scores nothing. */
const NEVER_PLANNED = {
  outcome: 'never_planned',
  reminders: 0,
  escalations: 0,
  overdueNotices: 0,
  acknowledgements: 0,
  maxEscalationLevel: 0,
  points: 0,
} as const;

export function scoreDrill(input: ScoreInput): DrillScore {
  const day0 = Date.parse(input.day0);
  const end = Date.parse(input.endedAt);
  const s = input.snapshot;
  const missed: string[] = [];

  // ---- decision -----------------------------------------------------------------------------------
  const decisionEvents = s.timeline.filter((t) => t.action.startsWith('decision_'));
  const dueInstant = s.decisionDue?.dates.deadline.instant;
  const decision: DrillScore['decision'] = {
    requiredReportable: input.required.reportable,
    reminders: decisionEvents.filter((t) => t.action === 'decision_reminder').length,
    escalations: decisionEvents.filter((t) => t.action === 'decision_escalation').length,
    overdueNotices: decisionEvents.filter((t) => t.action === 'decision_overdue').length,
    acknowledgements: s.timeline.filter((t) => t.action === 'acknowledged' && t.detail === 'decision due').length,
    points: 0,
    ...(dueInstant ? { dueDay: dayOf(day0, dueInstant), dueDate: s.decisionDue!.dates.deadline.date } : {}),
  };
  if (s.decision) {
    decision.day = dayOf(day0, s.decision.at);
    decision.reportable = s.decision.reportable;
    decision.withinServiceLevel = !dueInstant || Date.parse(s.decision.at) <= Date.parse(dueInstant);
    if (s.decision.reportable !== input.required.reportable) {
      decision.points = 0;
      missed.push(
        `Decision: ${s.decision.reportable ? 'reportable' : 'not reportable'} on day ${decision.day}, but the full facts make it ${input.required.reportable ? 'a reportable breach' : 'not reportable'} (164.402)`,
      );
    } else {
      decision.points = decision.withinServiceLevel ? 100 : 50;
      if (!decision.withinServiceLevel)
        missed.push(`Decision: made on day ${decision.day}, after its service level (day ${decision.dueDay}, ${decision.dueDate})`);
    }
  } else {
    missed.push(`Decision: never made${dueInstant ? ` (due day ${decision.dueDay}, ${decision.dueDate})` : ''}`);
  }

  // ---- obligations --------------------------------------------------------------------------------
  const requiredIds = new Set(input.required.obligations.map((o) => o.id));
  const requiredState = new Map((input.required.stateItems ?? []).map((i) => [i.id, i]));
  const obligations: ObligationScore[] = [];
  const confirmedAt = (label: string) =>
    s.timeline.find((t) => t.action === 'obligation_confirmed' && t.detail?.startsWith(`${label}:`))?.at;
  // HIPAA notices and State obligations (issue 16, kind 'state_notice') alike: confirmed day against target and
  // legal deadline (a State item's target is its legal date); a State item carries its verification status.
  // 164.410(b): a business associate notifies each covered entity no later than 60 calendar days after discovery.
  const discoveredAt = (s.facts as { dates?: { discoveredAt?: unknown } } | undefined)?.dates?.discoveredAt;
  const ceOuterLimit =
    typeof discoveredAt === 'string' ? addCalendarDays(localDateOf(discoveredAt, s.timeZone), CE_OUTER_LIMIT_DAYS) : undefined;
  const stateItems = new Map((s.stateLaw?.items ?? []).map((i) => [i.id, i]));
  const stateMark = (o: { id: string }) => {
    const item = stateItems.get(o.id);
    return item ? ` ${stateTag(item.jurisdiction, item.verification)}` : '';
  };
  for (const view of s.obligations) {
    const o = view.obligation;
    const isState = o.kind === STATE_NOTICE_KIND;
    const item = stateItems.get(o.id);
    const log = input.obligationLogs[o.id];
    const sent = log?.remindersSent ?? [];
    const at = view.status === 'confirmed' ? confirmedAt(o.label) : undefined;
    let outcome: ObligationOutcome;
    if (view.status === 'withdrawn') outcome = 'withdrawn';
    else if (at)
      outcome =
        Date.parse(at) <= Date.parse(o.target.instant)
          ? 'on_target'
          : Date.parse(at) <= Date.parse(o.deadline.instant)
            ? 'late_but_lawful'
            : 'missed_deadline';
    else outcome = Date.parse(o.deadline.instant) < end ? 'missed_deadline' : 'open_at_end';
    const score: ObligationScore = {
      id: o.id,
      label: o.label,
      citation: o.citation,
      law: isState ? 'state' : 'federal',
      ...(isState && (o.jurisdiction ?? item?.jurisdiction) ? { jurisdiction: (o.jurisdiction ?? item?.jurisdiction)! } : {}),
      ...(isState ? { verification: item?.verification ?? 'unverified' } : {}),
      required: requiredIds.has(o.id) || (isState && requiredState.has(o.id)),
      planned: true,
      targetDate: o.target.date,
      deadlineDate: o.deadline.date,
      targetDay: legalDayOf(day0, o.target.date, s.timeZone),
      deadlineDay: legalDayOf(day0, o.deadline.date, s.timeZone),
      ...(at ? { confirmedDay: dayOf(day0, at) } : {}),
      ...(view.confirmedBy ? { confirmedBy: view.confirmedBy } : {}),
      outcome,
      reminders: log ? count(sent, 'reminder') : view.remindersSent,
      escalations: count(sent, 'escalation'),
      overdueNotices: count(sent, 'overdue'),
      acknowledgements: log?.acknowledgements ?? 0,
      maxEscalationLevel: Math.max(view.escalationLevel, ...sent.map((r) => r.level)),
      ...(outcome === 'on_target'
        ? { points: 100 }
        : outcome === 'late_but_lawful'
          ? { points: 60 }
          : outcome === 'missed_deadline'
            ? { points: 0 }
            : {}),
    };
    if (o.id.startsWith('ce_notice:') && ceOuterLimit) {
      const day = legalDayOf(day0, ceOuterLimit, s.timeZone);
      // Local dates (YYYY-MM-DD) compare as text: met when confirmed on or before the 60th day; unknown while it is still ahead.
      const met = at
        ? localDateOf(at, s.timeZone) <= ceOuterLimit
        : localDateOf(input.endedAt, s.timeZone) > ceOuterLimit
          ? false
          : undefined;
      score.outerLimit = { date: ceOuterLimit, day, citation: CE_OUTER_LIMIT_CITATION, ...(met !== undefined ? { met } : {}) };
    }
    if (outcome === 'missed_deadline') {
      const outer =
        score.outerLimit?.met === false
          ? `; past the 60-day outer limit of ${CE_OUTER_LIMIT_CITATION} (day ${score.outerLimit.day}, ${score.outerLimit.date})`
          : '';
      missed.push(
        `${o.label} (${o.citation})${stateMark(o)}: ${at ? `confirmed on day ${score.confirmedDay}` : 'never confirmed'}, legal deadline day ${score.deadlineDay} (${o.deadline.date})${outer}`,
      );
    }
    obligations.push(score);
  }
  for (const o of input.required.obligations) {
    if (s.obligations.some((v) => v.obligation.id === o.id)) continue;
    const deadlineDay = legalDayOf(day0, o.deadline.date, s.timeZone);
    obligations.push({
      id: o.id,
      label: o.label,
      citation: o.citation,
      required: true,
      planned: false,
      targetDate: o.target.date,
      deadlineDate: o.deadline.date,
      targetDay: legalDayOf(day0, o.target.date, s.timeZone),
      deadlineDay,
      ...NEVER_PLANNED,
    });
    missed.push(
      `${o.label} (${o.citation}): required by the full facts but never planned (a fact was not recorded), legal deadline day ${deadlineDay} (${o.deadline.date})`,
    );
  }

  // State items the full facts require that the incident never planned (a fact not recorded: e.g. a recount past a State's threshold).
  for (const r of requiredState.values()) {
    if (stateItems.has(r.id) || s.obligations.some((v) => v.obligation.id === r.id)) continue;
    const jurisdiction = r.id.split(':')[1] ?? '';
    const deadlineDay = legalDayOf(day0, r.deadline, s.timeZone);
    obligations.push({
      id: r.id,
      label: `State item ${r.id}`,
      citation: r.citation,
      law: 'state',
      jurisdiction,
      verification: r.verification,
      required: true,
      planned: false,
      targetDate: r.deadline,
      deadlineDate: r.deadline,
      targetDay: deadlineDay,
      deadlineDay,
      ...NEVER_PLANNED,
    });
    missed.push(
      `State item ${r.id} (${r.citation}) ${stateTag(jurisdiction, r.verification)}: required by the full facts but never planned, legal deadline day ${deadlineDay} (${r.deadline})`,
    );
  }
  // State items with no date of their own yet: shown, not scored.
  const stateNotScored: StateItemNotScored[] = [...stateItems.values()]
    .filter((i) => i.status === 'pending' || i.status === 'no_fixed_date' || i.status === 'controlled_elsewhere')
    .map((i) => ({
      id: i.id,
      label: i.label,
      citation: i.citation,
      verification: i.verification,
      status: i.status,
      why:
        i.status === 'pending'
          ? `waits on ${i.pendingOn ?? 'a later event'}`
          : i.status === 'no_fixed_date'
            ? 'no fixed number of days in the statute ("most expedient time")'
            : `controlled by ${i.controlledBy ? `${i.controlledBy.id} (${i.controlledBy.citation}, ${i.controlledBy.date})` : 'an earlier clock'}`,
    }));

  // ---- injects ------------------------------------------------------------------------------------
  const injects = input.scenario.injects.map((inj) => {
    const rec = input.injectsRecorded[inj.id];
    const recordedDay = rec ? dayOf(day0, rec) : undefined;
    const responseDays = recordedDay !== undefined ? Math.round((recordedDay - inj.day) * 10) / 10 : undefined;
    const points = responseDays === undefined ? 0 : responseDays <= 1 ? 100 : responseDays <= 5 ? 60 : 30;
    if (responseDays === undefined) missed.push(`Inject "${inj.id}" (${inj.kind}, day ${inj.day}) was never recorded in the engine`);
    return { id: inj.id, kind: inj.kind, day: inj.day, ...(recordedDay !== undefined ? { recordedDay, responseDays } : {}), points };
  });

  const scored = [
    decision.points,
    ...obligations.flatMap((o) => (o.points === undefined ? [] : [o.points])),
    ...injects.map((i) => i.points),
  ];
  const overall = Math.round(scored.reduce((a, b) => a + b, 0) / scored.length);
  // The obligation workflows' reminders and escalations, as they went out (the incident's own timeline has status changes only).
  const reminderEntries = s.obligations.flatMap((v) =>
    (input.obligationLogs[v.obligation.id]?.remindersSent ?? []).map((r) => ({
      at: r.at,
      by: 'engine',
      action: `obligation_${r.kind}`,
      detail: `${v.obligation.label}: level ${r.level}`,
    })),
  );
  const timeline = [
    ...s.timeline.map((t) => ({ at: t.at, by: t.by, action: t.action, ...(t.detail ? { detail: t.detail } : {}) })),
    ...reminderEntries,
    ...input.drillLog,
  ]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((t) => ({ day: dayOf(day0, t.at), ...t }));
  return {
    drill: true,
    banner: DRILL_BANNER,
    scenario: input.scenario.id,
    team: input.team,
    ref: input.ref,
    day0: input.day0,
    endDay: dayOf(day0, input.endedAt),
    overall,
    decision,
    obligations,
    injects,
    ...(stateNotScored.length ? { stateNotScored } : {}),
    missed,
    timeline,
  };
}

const cell = (v: string | number | boolean | undefined) =>
  v === undefined || v === '' ? '-' : String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const OUTCOME_TEXT: Record<ObligationOutcome, string> = {
  on_target: 'on target',
  late_but_lawful: 'late vs target, within the legal deadline',
  missed_deadline: '**MISSED the legal deadline**',
  never_planned: '**MISSED: never planned**',
  open_at_end: 'open when the drill ended (deadline later)',
  withdrawn: 'withdrawn (no longer required)',
};

const verificationText = (v: StateVerification) =>
  v === 'verified' ? 'verified' : v === 'secondary_sources' ? 'secondary sources only' : '**UNVERIFIED**';
const lawText = (o: ObligationScore) =>
  o.law === 'state' ? `${cell(o.jurisdiction)} (${verificationText(o.verification ?? 'unverified')})` : 'HIPAA';

/** The after-action report as Markdown, marked DRILL at the top and bottom. */
export function afterActionMarkdown(score: DrillScore, scenario: Scenario): string {
  const d = score.decision;
  const lines = [
    `# DRILL - After-action report: ${scenario.title}`,
    '',
    `> **${DRILL_BANNER}**`,
    '',
    `- Scenario: \`${scenario.id}\` (${scenario.ocrBreachType})`,
    `- Team: ${score.team}`,
    `- Drill incident: \`${score.ref}\`; day 0 (discovery) = ${score.day0}; ended on day ${score.endDay}`,
    `- **Overall score: ${score.overall} / 100**`,
    '',
    '## Decision (164.402, 164.414(b))',
    '',
    `| made on day | service level | reportable | full facts say | reminders | escalations | overdue notices | acknowledged | points |`,
    `|---|---|---|---|---|---|---|---|---|`,
    `| ${cell(d.day)} | day ${cell(d.dueDay)} (${cell(d.dueDate)}) | ${cell(d.reportable)} | ${d.requiredReportable} | ${d.reminders} | ${d.escalations} | ${d.overdueNotices} | ${d.acknowledgements} | ${d.points} |`,
    '',
    '## Obligations',
    '',
    'State items (issue 16) are scored like the HIPAA notices; their verification status is from the state-law pack, and an',
    '**UNVERIFIED** rule has not been checked against the statute by counsel (not legal advice).',
    '',
    '| obligation | citation | law | target | legal deadline | confirmed | outcome | reminders | escalations | overdue | acks | points |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...score.obligations.map(
      (o) =>
        `| ${cell(o.label)} | ${cell(o.citation)} | ${lawText(o)} | day ${o.targetDay} (${o.targetDate}) | day ${o.deadlineDay} (${o.deadlineDate})${o.outerLimit ? `; outer limit day ${o.outerLimit.day} (${o.outerLimit.citation})${o.outerLimit.met === false ? ' **PASSED**' : ''}` : ''} | ${o.confirmedDay !== undefined ? `day ${o.confirmedDay}` : '-'} | ${OUTCOME_TEXT[o.outcome]} | ${o.reminders} | ${o.escalations} | ${o.overdueNotices} | ${o.acknowledgements} | ${cell(o.points)} |`,
    ),
    '',
    ...(score.stateNotScored?.length
      ? [
          '### State items not scored (no date of their own yet)',
          '',
          '| item | citation | verification | status | why |',
          '|---|---|---|---|---|',
          ...score.stateNotScored.map(
            (i) => `| ${cell(i.label)} | ${cell(i.citation)} | ${verificationText(i.verification)} | ${cell(i.status)} | ${cell(i.why)} |`,
          ),
          '',
        ]
      : []),
    '## Injects',
    '',
    '| inject | kind | arrived | recorded | response (days) | points |',
    '|---|---|---|---|---|---|',
    ...score.injects.map(
      (i) =>
        `| ${i.id} | ${i.kind} | day ${i.day} | ${i.recordedDay !== undefined ? `day ${i.recordedDay}` : 'never'} | ${cell(i.responseDays)} | ${i.points} |`,
    ),
    '',
    '## What was missed',
    '',
    ...(score.missed.length ? score.missed.map((m) => `- ${m}`) : ['- Nothing: every deadline was met.']),
    '',
    '## Timeline (simulated days)',
    '',
    '| day | by | action | detail |',
    '|---|---|---|---|',
    ...score.timeline.map((t) => `| ${t.day} | ${cell(t.by)} | ${cell(t.action)} | ${cell(t.detail)} |`),
    '',
    `_${DRILL_BANNER}_`,
    '',
  ];
  return lines.join('\n');
}
