import { addCalendarDays, addCalendarYears, daysBetween, lastDayOfYear, minDate, type LocalDate } from './calendar-days.js';
import { decisionRecord, type Decision, type DecisionRecord } from './decision.js';
import { determine, type Determination } from './determination.js';
import { totalAffected, type IncidentFacts, type Role } from './facts.js';
import {
  JURISDICTION_NAMES,
  jurisdictionCitation,
  requiresMediaNotice,
  isState,
  UNKNOWN_JURISDICTION,
  MEDIA_THRESHOLD_EXCLUSIVE,
  type Jurisdiction,
} from './jurisdictions.js';
import { holdFindings, holdPeriods, type HoldPeriod } from './law-enforcement-delay.js';
import { dueDate, type ClockResult, type DayUnit, type Tolling } from './notice-clock.js';
import { CURRENT_RULES_VERSION, type RulesVersion } from './rules-version.js';
import {
  CE_NOTICE_CONTENT,
  HHS_ANNUAL_LOG_CONTENT,
  HHS_NOTICE_CONTENT,
  HOLD_ITEM,
  INDIVIDUAL_NOTICE_CONTENT,
  INDIVIDUAL_NOTICE_METHOD,
  MEDIA_NOTICE_CONTENT,
  MINORS_ITEM,
  NEXT_OF_KIN_METHOD,
  SUBSTITUTE_10_OR_MORE,
  SUBSTITUTE_FEWER_THAN_10,
  URGENT_ITEM,
} from './notice-content.js';
import type { ChecklistItem, LawEnforcementHoldStatus, Obligation, ObligationKind } from './obligation.js';
import { endOfLocalDay, localDateOf } from './time-zones.js';

/**
 * The obligations planner: from the Facts and the Decision, every notice the law requires — each with
 * its Deadline (the outer limit the law sets — not a safe harbour: notice is due without unreasonable
 * delay, 164.404(b)), Target (the earlier date reminders aim at), rule and content
 * checklist — plus the documentation record the entity must keep whatever the outcome.
 *
 * Dates: every clock starts on the discovery DATE, the local date of dates.discoveredAt in
 * organization.timeZone (day 0); "60 days after" day 0 is day 60 and the whole of that local day is on
 * time, so a deadline's instant is the end of that local day (23:59:59.999 local) in UTC.
 *
 * Pure and deterministic: "now" is a parameter (used only to report hold status and passed deadlines).
 * Results are plain JSON — they travel through Temporal payloads.
 */

/** 45 CFR 164.404(b), 164.406(b), 164.408(b), 164.410(b): "no later than 60 calendar days after discovery". */
export const OUTER_LIMIT_DAYS = 60;
/** 45 CFR 164.408(c): "not later than 60 days after the end of each calendar year". */
export const ANNUAL_LOG_DAYS_AFTER_YEAR_END = 60;
/** 45 CFR 164.408(b): 500 or more individuals → HHS contemporaneously with the individual notices. */
export const HHS_IMMEDIATE_THRESHOLD = 500;
/** 45 CFR 164.404(d)(2)(ii): 10 or more without usable contact information → web/media posting and toll-free number. */
export const SUBSTITUTE_POSTING_THRESHOLD = 10;
/** 45 CFR 164.404(d)(2)(ii)(A),(B): the posting and the toll-free number stay up at least 90 days. */
export const SUBSTITUTE_ACTIVE_DAYS = 90;
/** 45 CFR 164.530(j)(2): documentation is retained six years. */
export const RETENTION_YEARS = 6;
/** Default Target: "without unreasonable delay" (164.404(b)) — the 60 days are an outer limit, not a goal. */
export const DEFAULT_TARGET_DAYS = 30;

export interface PlanOptions {
  /** ISO instant: the moment the plan is made. */
  now: string;
  /** Target = this many calendar days after discovery, never after the deadline (a later one is clipped, and the plan says so). Default 30. */
  targetDays?: number;
  /** Rule edition (rules-version.ts). Default: the current one. A running incident passes the edition it started with. */
  rulesVersion?: RulesVersion;
  /**
   * How a law-enforcement delay meets the deadline (notice-clock.ts): 'postpone' (default) or 'extend'
   * (an explicit organization policy). Rules version 1 always extends.
   */
  tolling?: Tolling;
  /**
   * A business associate that is (or may be) the covered entity's agent (164.404(a)(2)): the target of its
   * notice to the covered entity, in calendar days after discovery, so that the covered entity — whose own
   * 60 days started the same day — can still notice individuals without unreasonable delay. Organization
   * policy, not law. Default 10.
   */
  agentCeNoticeTargetDays?: number;
}

/** Default for PlanOptions.agentCeNoticeTargetDays: organization policy (not law), leaving the CE most of its 60 days (164.404(b)). */
export const DEFAULT_AGENT_CE_NOTICE_TARGET_DAYS = 10;

export interface DocumentationRecord {
  reportable: boolean;
  /** One paragraph: what was decided, by whom, on what ground. */
  why: string;
  rationale: string[];
  decision: DecisionRecord | null;
  /** What must be kept. */
  keep: ChecklistItem[];
  retention: { years: number; from: LocalDate; retainUntil: LocalDate; citation: string; note: string };
}

export interface Plan {
  /** `decided` when a Decision was given; `preview` when the plan follows the recommendation pending a decision. */
  status: 'decided' | 'preview';
  reportable: boolean;
  role: Role;
  organization: string;
  timeZone: string;
  discoveredAt: string;
  /** Day 0 of every clock: the local date of discoveredAt in timeZone. */
  discoveryDate: LocalDate;
  totalAffected: number;
  byJurisdiction: Partial<Record<Jurisdiction, number>>;
  targetDays: number;
  /** The threshold question of 164.402 as recorded ("unknown" when not answered). */
  privacyRule: { finding: 'permitted' | 'incidental' | 'not_permitted' | 'unknown'; basis?: string };
  /** For a business associate: each covered entity and whether we act as its agent (164.404(a)(2)); "unknown" when not answered. */
  coveredEntities: { id: string; name: string; actingAsAgent: 'yes' | 'no' | 'unknown' }[];
  /** The rule edition the plan was made with (rules-version.ts). */
  rulesVersion: RulesVersion;
  /** How law-enforcement delays met the deadlines (notice-clock.ts). */
  tolling: Tolling;
  plannedAt: string;
  determination: Determination;
  decision: DecisionRecord | null;
  /** All law-enforcement hold periods recorded (164.412), whichever notices they apply to. */
  lawEnforcementHolds: HoldPeriod[];
  obligations: Obligation[];
  documentation: DocumentationRecord;
  /** Things a person must look at (passed deadlines, missing counts, possible media thresholds…). */
  warnings: string[];
  notes: string[];
}

interface ClockSpec {
  start: LocalDate;
  amount: number;
  unit: DayUnit;
  holidays?: readonly LocalDate[];
  /** How to describe the resulting date, e.g. "60 calendar days after discovery". */
  describe: string;
}

interface ObligationSpec {
  id: string;
  kind: ObligationKind;
  label: string;
  recipient: string;
  jurisdiction?: Jurisdiction;
  count?: number;
  citation: string;
  /** One clock, or several of which the earliest governs (BAA term vs. the regulation). */
  clocks: ClockSpec[];
  methods: string[];
  checklist: readonly ChecklistItem[];
  keepActiveDays?: number;
  /** A target other than PlanOptions.targetDays (the agent's notice to the covered entity). */
  targetDays?: number;
  notes: string[];
}

export function planObligations(facts: IncidentFacts, decision: Decision | null | undefined, opts: PlanOptions): Plan {
  const now = Date.parse(opts.now);
  if (Number.isNaN(now)) throw new RangeError(`planObligations: now must be an ISO instant, got ${JSON.stringify(opts.now)}`);
  const targetDays = opts.targetDays ?? DEFAULT_TARGET_DAYS;
  if (!Number.isInteger(targetDays) || targetDays < 0)
    throw new RangeError(`planObligations: targetDays must be a whole number ≥ 0, got ${targetDays}`);

  const rulesVersion = opts.rulesVersion ?? CURRENT_RULES_VERSION;
  const tolling: Tolling = rulesVersion === 1 ? 'extend' : (opts.tolling ?? 'postpone'); // notice-clock.ts
  const agentTargetDays = opts.agentCeNoticeTargetDays ?? DEFAULT_AGENT_CE_NOTICE_TARGET_DAYS;
  if (!Number.isInteger(agentTargetDays) || agentTargetDays < 0)
    throw new RangeError(`planObligations: agentCeNoticeTargetDays must be a whole number ≥ 0, got ${agentTargetDays}`);
  const tz = facts.organization.timeZone;
  const determination = determine(facts, { rulesVersion });
  const discoveryDate = localDateOf(facts.dates.discoveredAt, tz); // day 0 (164.404(a)(2))
  const discoveredMs = Date.parse(facts.dates.discoveredAt);
  const total = totalAffected(facts);
  const record = decision ? decisionRecord(decision, determination) : null;
  const reportable = record ? record.reportable : determination.recommendation.reportable;
  const warnings: string[] = [];
  const notes: string[] = [];

  if (!record)
    warnings.push(
      "No decision recorded: this is a preview that follows the engine's recommendation. Whether it is a reportable breach is the privacy officer's decision (45 CFR 164.414(b)).",
    );
  if (record && !record.agreesWithRecommendation && !record.justification) {
    warnings.push('The decision differs from the recommendation but records no justification: add one (45 CFR 164.414(b), 164.530(j)).');
  }

  // 45 CFR 164.412(b): oral statements that tried to run past the first one's 30 days (rules version 2).
  warnings.push(...holdFindings(facts.lawEnforcementDelays, undefined, { rulesVersion }).warnings);

  const make = (spec: ObligationSpec): Obligation => {
    // A delay of the individual notices also delays the substitute notice (a form of the individual
    // notice, 164.404(d)(2)) and the HHS notice made "contemporaneously" with them (164.408(b)).
    const kinds: ObligationKind[] =
      spec.kind === 'hhs_notice' || spec.kind === 'substitute_notice' ? [spec.kind, 'individual_notice'] : [spec.kind];
    const holds = holdPeriods(facts.lawEnforcementDelays, kinds, { rulesVersion }).filter((h) => Date.parse(h.end) > discoveredMs);
    const results: (ClockResult & { spec: ClockSpec })[] = spec.clocks.map((c) => ({
      spec: c,
      ...dueDate({ start: c.start, amount: c.amount, unit: c.unit, holidays: c.holidays ?? [], holds, timeZone: tz, tolling }),
    }));
    const governing = results.reduce((a, b) => (b.date < a.date ? b : a));
    const withoutHold = results.map((r) => r.withoutHold).reduce(minDate);
    const target = dueDate({
      start: discoveryDate,
      amount: spec.targetDays ?? targetDays,
      unit: 'calendar_days',
      holds,
      timeZone: tz,
      tolling,
    });
    const targetDate = minDate(target.date, governing.date); // never after the deadline
    const hold = holdStatus(holds, now, withoutHold, governing.date);
    const basis =
      results.length > 1
        ? `the earliest of: ${results.map((r) => `${r.spec.describe} → ${r.date}`).join('; ')}`
        : `${governing.spec.describe} → ${governing.date}`;
    const noteList = [...spec.notes];
    if (target.date > governing.date) {
      noteList.push(
        `target: ${spec.targetDays ?? targetDays} days after discovery would be ${target.date}, after the deadline ${governing.date}; the target is clipped to the deadline`,
      );
    }
    if (hold.heldUntil) {
      noteList.push(
        hold.deadlineShiftDays > 0
          ? tolling === 'extend'
            ? `law-enforcement delay until ${hold.heldUntil}: deadline moved ${hold.deadlineShiftDays} day(s) from ${withoutHold} (45 CFR 164.412: the clock stops while the delay is in force${rulesVersion === 1 ? '' : ' — the organization\'s "extend" policy'})`
            : `law-enforcement delay until ${hold.heldUntil}: no notice before then, then notice promptly — the deadline is the day the delay ends, ${governing.date}, instead of ${withoutHold} (45 CFR 164.412: the delay postpones the notice; it grants no extra time)`
          : `law-enforcement delay until ${hold.heldUntil}: no notice before then (45 CFR 164.412); the deadline is unchanged`,
      );
    }
    if (holds.some((h) => Date.parse(h.start) > Date.parse(endOfLocalDay(withoutHold, tz)))) {
      noteList.push('a law-enforcement delay that began after the deadline had passed does not extend it (45 CFR 164.412)');
    }
    return {
      id: spec.id,
      kind: spec.kind,
      label: spec.label,
      recipient: spec.recipient,
      ...(spec.jurisdiction ? { jurisdiction: spec.jurisdiction } : {}),
      ...(spec.count !== undefined ? { count: spec.count } : {}),
      citation: spec.citation,
      deadline: { date: governing.date, instant: endOfLocalDay(governing.date, tz) },
      deadlineBasis: `${basis}${hold.deadlineShiftDays > 0 ? (tolling === 'extend' ? ` (includes ${hold.deadlineShiftDays} day(s) of law-enforcement delay, 45 CFR 164.412)` : ` (postponed ${hold.deadlineShiftDays} day(s) to the end of the law-enforcement delay, 45 CFR 164.412)`) : ''}`,
      target: { date: targetDate, instant: endOfLocalDay(targetDate, tz) },
      ...(hold.heldUntil ? { heldUntil: hold.heldUntil } : {}),
      lawEnforcementHold: hold,
      methods: spec.methods,
      checklist: [...spec.checklist, ...(hold.heldUntil ? [HOLD_ITEM] : [])],
      ...(spec.keepActiveDays ? { keepActiveDays: spec.keepActiveDays } : {}),
      notes: noteList,
    };
  };

  const sixty = (describeFrom = 'discovery'): ClockSpec => ({
    start: discoveryDate,
    amount: OUTER_LIMIT_DAYS,
    unit: 'calendar_days',
    describe: `${OUTER_LIMIT_DAYS} calendar days after ${describeFrom} on ${discoveryDate} (day 0)`,
  });
  const obligations: Obligation[] = [];

  if (reportable && facts.role === 'business_associate') {
    // 45 CFR 164.410: a business associate notifies each covered entity; the covered entity makes the
    // individual (164.404), media (164.406) and HHS (164.408) notices. A BA's plan holds ce_notices only.
    notes.push(
      'As a business associate: notices go to each covered entity (45 CFR 164.410); each covered entity notifies individuals, media and HHS (45 CFR 164.404–164.408) unless the BAA delegates them.',
    );
    for (const ce of facts.coveredEntities) {
      const term = ce.baaNoticeTerm;
      // 45 CFR 164.404(a)(2) (a breach is discovered when known to any workforce member or AGENT of the
      // covered entity) and the federal common law of agency (78 FR 5566, 5581–82 (2013)): when we act as
      // the covered entity's agent, our discovery is its discovery, so its own 60 days for individuals,
      // media and HHS started on our discovery date. Unknown (or not answered) is treated as yes.
      const agent = rulesVersion >= 2 ? (ce.actingAsAgent ?? 'unknown') : 'no';
      const ceOwnDeadline = addCalendarDays(discoveryDate, OUTER_LIMIT_DAYS);
      if (agent !== 'no') {
        warnings.push(
          `ce_notice:${ce.id}: ${agent === 'yes' ? 'we act as' : 'it is not recorded whether we act as'} ${ce.name}'s agent — if so, our discovery on ${discoveryDate} is ${ce.name}'s discovery ` +
            `(45 CFR 164.404(a)(2), federal common law of agency): its own 60 days for the individual, media and HHS notices started the same day and end ${ceOwnDeadline} (45 CFR 164.404(b)); the notice to it targets ${agentTargetDays} days after discovery${agent === 'unknown' ? ' (record coveredEntities[].actingAsAgent: "no" if we are not its agent)' : ''}`,
        );
      }
      const clocks: ClockSpec[] = [
        {
          ...sixty('discovery by the business associate'),
          describe: `${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.410(b))`,
        },
      ];
      // The earlier of the contract and the regulation governs (45 CFR 164.410(b); 164.504(e)(2)(ii)(C)).
      if (term) {
        clocks.push({
          start: discoveryDate,
          amount: term.amount,
          unit: term.unit,
          holidays: ce.holidays,
          describe: `BAA term of ${term.amount} ${term.unit === 'business_days' ? 'business' : 'calendar'} day(s) after discovery on ${discoveryDate}${term.unit === 'business_days' ? ` (weekends${ce.holidays.length ? ` and ${ce.holidays.length} listed holiday(s)` : ''} skipped)` : ''}`,
        });
      }
      obligations.push(
        make({
          id: `ce_notice:${ce.id}`,
          kind: 'ce_notice',
          label: `Notice to covered entity ${ce.name}`,
          recipient: ce.name,
          count: total,
          citation: '45 CFR 164.410',
          clocks,
          methods: ['secure_transfer', 'email'],
          checklist: CE_NOTICE_CONTENT,
          ...(agent !== 'no' ? { targetDays: Math.min(targetDays, agentTargetDays) } : {}),
          notes: [
            ...(term ? [] : ["no BAA notice term recorded: the regulation's 60 calendar days govern (check the BAA)"]),
            ...(agent !== 'no'
              ? [
                  `acting as ${ce.name}'s agent: ${agent} — ${ce.name}'s own 60 days started on ${discoveryDate} and end ${ceOwnDeadline} (45 CFR 164.404(a)(2), (b))`,
                ]
              : []),
          ],
        }),
      );
    }
  } else if (reportable) {
    const a = facts.affected;
    const living = total - a.deceased;
    const byMail = living - a.insufficientContact;
    const deceasedWithoutKin = a.deceased - a.deceasedWithNextOfKinAddress;
    const individualNotes: string[] = [];
    if (a.insufficientContact > 0)
      individualNotes.push(
        `${a.insufficientContact} more with insufficient or out-of-date contact information: see substitute_notice (45 CFR 164.404(d)(2))`,
      );
    if (a.deceasedWithNextOfKinAddress > 0)
      individualNotes.push(`${a.deceasedWithNextOfKinAddress} deceased: see individual_notice:next_of_kin (45 CFR 164.404(d)(1)(ii))`);
    if (deceasedWithoutKin > 0)
      individualNotes.push(
        `${deceasedWithoutKin} deceased without a known next-of-kin or personal-representative address: no substitute notice is required for them (45 CFR 164.404(d)(2))`,
      );
    if (a.minors > 0)
      individualNotes.push(`${a.minors} minor(s): notice to a parent or guardian as personal representative (45 CFR 164.502(g))`);

    // 45 CFR 164.404: individuals, within 60 calendar days of discovery.
    obligations.push(
      make({
        id: 'individual_notice',
        kind: 'individual_notice',
        label: 'Notice to affected individuals',
        recipient: `${byMail} affected individual(s) with usable contact information`,
        count: byMail,
        citation: '45 CFR 164.404',
        clocks: [
          { ...sixty(), describe: `${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.404(b))` },
        ],
        methods: ['first_class_mail', 'email', ...(facts.urgent ? ['telephone'] : [])],
        checklist: [
          ...INDIVIDUAL_NOTICE_CONTENT,
          ...INDIVIDUAL_NOTICE_METHOD,
          ...(a.minors > 0 ? [MINORS_ITEM] : []),
          ...(facts.urgent ? [URGENT_ITEM] : []),
        ],
        notes: individualNotes,
      }),
    );
    // 45 CFR 164.404(d)(1)(ii): deceased individuals — to the next of kin or personal representative.
    if (a.deceasedWithNextOfKinAddress > 0) {
      obligations.push(
        make({
          id: 'individual_notice:next_of_kin',
          kind: 'individual_notice',
          label: 'Notice to next of kin or personal representatives of deceased individuals',
          recipient: `next of kin or personal representatives of ${a.deceasedWithNextOfKinAddress} deceased individual(s)`,
          count: a.deceasedWithNextOfKinAddress,
          citation: '45 CFR 164.404(d)(1)(ii)',
          clocks: [
            { ...sixty(), describe: `${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.404(b))` },
          ],
          methods: ['first_class_mail'],
          checklist: [...INDIVIDUAL_NOTICE_CONTENT, NEXT_OF_KIN_METHOD],
          notes: [],
        }),
      );
    }
    // 45 CFR 164.404(d)(2): substitute notice for living individuals whose contact information is
    // insufficient or out of date; not required for a deceased person's next of kin.
    if (a.insufficientContact > 0) {
      const posting = a.insufficientContact >= SUBSTITUTE_POSTING_THRESHOLD; // 164.404(d)(2)(ii): 10 or more
      obligations.push(
        make({
          id: 'substitute_notice',
          kind: 'substitute_notice',
          label: posting
            ? 'Substitute notice (10 or more): web posting or major media for 90 days, and a toll-free number for 90 days'
            : 'Substitute notice (fewer than 10): alternative written notice, telephone or other means',
          recipient: `${a.insufficientContact} individual(s) with insufficient or out-of-date contact information`,
          count: a.insufficientContact,
          citation: posting ? '45 CFR 164.404(d)(2)(ii)' : '45 CFR 164.404(d)(2)(i)',
          clocks: [
            {
              ...sixty(),
              describe: `${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.404(b), substitute notice is the individual notice for these people)`,
            },
          ],
          methods: posting ? ['web_posting', 'press_release', 'telephone'] : ['other', 'telephone'],
          checklist: [...(posting ? SUBSTITUTE_10_OR_MORE : SUBSTITUTE_FEWER_THAN_10), ...INDIVIDUAL_NOTICE_CONTENT],
          ...(posting ? { keepActiveDays: SUBSTITUTE_ACTIVE_DAYS } : {}),
          notes: posting
            ? [
                `the posting (or media notice) and the toll-free number must stay active at least ${SUBSTITUTE_ACTIVE_DAYS} days (45 CFR 164.404(d)(2)(ii))`,
              ]
            : [],
        }),
      );
    }
    // 45 CFR 164.406(a): media, per State or jurisdiction with MORE than 500 residents (500 is not).
    const states = (Object.entries(a.byJurisdiction) as [Jurisdiction, number][]).sort(([x], [y]) => x.localeCompare(y));
    for (const [code, residents] of states) {
      if (!requiresMediaNotice(code, residents)) continue;
      obligations.push(
        make({
          id: `media_notice:${code}`,
          kind: 'media_notice',
          label: `Media notice (${JURISDICTION_NAMES[code]})`,
          recipient: `prominent media outlets serving ${JURISDICTION_NAMES[code]}`,
          jurisdiction: code,
          count: residents,
          citation: '45 CFR 164.406',
          clocks: [
            { ...sixty(), describe: `${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.406(b))` },
          ],
          methods: ['press_release'],
          checklist: MEDIA_NOTICE_CONTENT,
          notes: [
            `${residents} residents of ${JURISDICTION_NAMES[code]} affected: more than ${MEDIA_THRESHOLD_EXCLUSIVE} (${jurisdictionCitation(code)})`,
          ],
        }),
      );
    }
    // 45 CFR 164.408: HHS. 500 or more in total → with the individual notices (164.408(b));
    // fewer → the annual log, due 60 days after 31 December of the discovery year (164.408(c)).
    if (total >= HHS_IMMEDIATE_THRESHOLD) {
      obligations.push(
        make({
          id: 'hhs_notice',
          kind: 'hhs_notice',
          label: 'Notice to the Secretary of HHS (500 or more)',
          recipient: 'Secretary of HHS (OCR breach portal)',
          count: total,
          citation: '45 CFR 164.408(b)',
          clocks: [
            {
              ...sixty(),
              describe: `contemporaneously with the individual notices: ${OUTER_LIMIT_DAYS} calendar days after discovery on ${discoveryDate} (day 0; 45 CFR 164.408(b), 164.404(b))`,
            },
          ],
          methods: ['hhs_portal'],
          checklist: HHS_NOTICE_CONTENT,
          notes: [`${total} individuals in total: ${HHS_IMMEDIATE_THRESHOLD} or more (45 CFR 164.408(b))`],
        }),
      );
    } else {
      const yearEnd = lastDayOfYear(discoveryDate);
      obligations.push(
        make({
          id: 'hhs_annual_log',
          kind: 'hhs_annual_log',
          label: 'HHS annual log submission (fewer than 500)',
          recipient: 'Secretary of HHS (OCR breach portal, annual submission)',
          count: total,
          citation: '45 CFR 164.408(c)',
          clocks: [
            {
              start: yearEnd,
              amount: ANNUAL_LOG_DAYS_AFTER_YEAR_END,
              unit: 'calendar_days',
              describe: `${ANNUAL_LOG_DAYS_AFTER_YEAR_END} days after the end of ${yearEnd.slice(0, 4)}, the calendar year of discovery (${yearEnd} is day 0; 45 CFR 164.408(c))`,
            },
          ],
          methods: ['hhs_portal'],
          checklist: HHS_ANNUAL_LOG_CONTENT,
          notes: [
            `${total} individual(s) in total: fewer than ${HHS_IMMEDIATE_THRESHOLD} (45 CFR 164.408(c)); early submission is allowed`,
          ],
        }),
      );
    }

    if (total === 0)
      warnings.push(
        'No affected individuals are counted in affected.byJurisdiction: count them (an estimate, amended later, is acceptable for HHS, 164.408) before notices go out.',
      );
    // 164.406(a) counts residents per State: people whose State is unknown could push a State over 500.
    const unknown = a.byJurisdiction[UNKNOWN_JURISDICTION] ?? 0;
    if (unknown > 0) {
      const near = states
        .filter(([code, n]) => isState(code) && n <= MEDIA_THRESHOLD_EXCLUSIVE && n + unknown > MEDIA_THRESHOLD_EXCLUSIVE)
        .map(([code]) => code);
      if (unknown > MEDIA_THRESHOLD_EXCLUSIVE || near.length) {
        warnings.push(
          `${unknown} affected individual(s) have no known State: ${near.length ? `if enough of them live in ${near.join(', ')}` : 'if more than 500 of them live in one State'}, a media notice is due there (45 CFR 164.406(a)); establish their residence.`,
        );
      }
    }
  }

  // Say it when the target was clipped: a target after the outer limit is no target (164.404(b)).
  // (A target clipped to a shorter BAA term is only noted on that obligation: the contract governs.)
  const clipped = obligations.filter((o) => o.notes.some((x) => x.startsWith('target: ')));
  if (clipped.length && targetDays > OUTER_LIMIT_DAYS) {
    warnings.push(
      `the target of ${targetDays} days after discovery falls after the deadline of ${clipped.map((o) => `${o.id} (${o.deadline.date})`).join(', ')}: ${clipped.length === 1 ? 'its target is' : 'their targets are'} clipped to the deadline — the deadline is the outer limit, not a goal (45 CFR 164.404(b))`,
    );
  }
  for (const o of obligations) {
    if (Date.parse(o.deadline.instant) < now)
      warnings.push(`${o.id}: the deadline ${o.deadline.date} (end of day, ${tz}) has already passed at ${opts.now}.`);
  }

  return {
    status: record ? 'decided' : 'preview',
    reportable,
    role: facts.role,
    organization: facts.organization.name,
    timeZone: tz,
    discoveredAt: facts.dates.discoveredAt,
    discoveryDate,
    totalAffected: total,
    byJurisdiction: { ...facts.affected.byJurisdiction },
    targetDays,
    privacyRule: facts.privacyRule ? { ...facts.privacyRule } : { finding: 'unknown' },
    coveredEntities:
      facts.role === 'business_associate'
        ? facts.coveredEntities.map((ce) => ({ id: ce.id, name: ce.name, actingAsAgent: ce.actingAsAgent ?? 'unknown' }))
        : [],
    rulesVersion,
    tolling,
    plannedAt: opts.now,
    determination,
    decision: record,
    lawEnforcementHolds: holdPeriods(facts.lawEnforcementDelays, undefined, { rulesVersion }),
    obligations,
    documentation: documentation(facts, determination, record, reportable, opts.now),
    warnings,
    notes,
  };
}

/** The Plan entry point under its vocabulary name: same as planObligations. */
export const plan = planObligations;

/** Annual log for breaches of fewer than 500: 60 days after 31 December of the discovery year (164.408(c)). */
export function annualLogDue(discoveryDate: LocalDate): LocalDate {
  return dueDate({ start: lastDayOfYear(discoveryDate), amount: ANNUAL_LOG_DAYS_AFTER_YEAR_END, unit: 'calendar_days', timeZone: 'UTC' })
    .date; // 1 March, or 29 February in a leap year
}

function holdStatus(holds: readonly HoldPeriod[], now: number, withoutHold: LocalDate, deadline: LocalDate): LawEnforcementHoldStatus {
  if (holds.length === 0) return { status: 'none', periods: [], deadlineShiftDays: 0 };
  const heldUntil = holds.map((h) => h.end).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const inForce = holds.some((h) => Date.parse(h.start) <= now && now < Date.parse(h.end));
  const shift = Math.max(0, daysBetween(withoutHold, deadline));
  return {
    status: inForce ? 'in_force' : 'ended',
    heldUntil,
    periods: holds.map((h) => ({ ...h })),
    deadlineWithoutHold: withoutHold,
    deadlineShiftDays: shift,
  };
}

/** 45 CFR 164.414(b) (burden of proof) and 164.530(j) (documentation, six years): what to keep, whatever the outcome. */
function documentation(
  facts: IncidentFacts,
  determination: Determination,
  decision: DecisionRecord | null,
  reportable: boolean,
  nowIso: string,
): DocumentationRecord {
  const from = localDateOf(decision?.decidedAt ?? nowIso, facts.organization.timeZone);
  const who = decision ? `Decided by ${decision.decidedBy} at ${decision.decidedAt}` : 'No decision recorded yet (preview)';
  const agree = decision
    ? decision.agreesWithRecommendation
      ? ', in line with the recommendation'
      : `, departing from the recommendation (${determination.recommendation.reportable ? 'reportable' : 'not reportable'})${decision.justification ? `: ${decision.justification}` : ' WITHOUT a recorded justification'}`
    : '';
  const why = `${reportable ? 'Reportable breach of unsecured PHI' : 'Not a reportable breach'}. ${who}${agree}. Engine recommendation: ${determination.recommendation.summary}`;
  const keep: ChecklistItem[] = [
    {
      item: reportable
        ? 'the risk assessment and the decision, with who decided and when'
        : `the reason no notice was required (${determination.outcome.replace(/_/g, ' ')}): ${determination.outcome === 'exception' ? 'the exception relied on and its conditions' : determination.outcome === 'low_probability_of_compromise' ? 'the risk assessment of every factor' : 'the finding and its basis'}, and the decision with who decided and when`,
      citation: '45 CFR 164.414(b); 164.530(j)(1)',
    },
    ...(reportable
      ? [
          {
            item: 'a copy of every notice made, with the date it was made and how (proof each required notice was made)',
            citation: '45 CFR 164.414(b); 164.530(j)(1)',
          },
        ]
      : []),
    ...(facts.lawEnforcementDelays.length
      ? [
          {
            item: "each law-enforcement statement; for an oral one, the documented statement and the official's identity",
            citation: '45 CFR 164.412(b); 164.530(j)(1)',
          },
        ]
      : []),
    ...(reportable && facts.role === 'covered_entity' && totalAffected(facts) < HHS_IMMEDIATE_THRESHOLD
      ? [{ item: 'the entry in the log of breaches of fewer than 500 individuals', citation: '45 CFR 164.408(c); 164.530(j)(1)' }]
      : []),
  ];
  return {
    reportable,
    why,
    rationale: [...determination.rationale],
    decision,
    keep,
    retention: {
      years: RETENTION_YEARS,
      from,
      retainUntil: addCalendarYears(from, RETENTION_YEARS),
      citation: '45 CFR 164.530(j)(2)',
      note: 'six years from the date a record was created or last in effect, whichever is later: records made later (notices sent, amendments) run from their own dates',
    },
  };
}
