import { determine, type Determination } from './breach-determination.js';
import { totalAffected, type IncidentFacts } from './incident-facts.js';
import { delayPeriods, tollForLawEnforcement } from './le-delay.js';
import { addBusinessDays, addCalendarDays, endOfLocalDay, localDateOf, minDate, type LocalDate } from './local-dates.js';
import { JURISDICTION_NAMES, type Jurisdiction } from './us-jurisdictions.js';

/**
 * The obligations planner: from the facts and the privacy officer's decision, every notice that must be
 * made, with its latest lawful date (deadline), the earlier date reminders aim at (target, "without
 * unreasonable delay"), the rule it comes from and the content it must carry.
 */
export type ObligationKind = 'ce_notice' | 'individual_notice' | 'substitute_notice' | 'hhs_notice' | 'hhs_annual_log' | 'media_notice';

export interface ChecklistItem {
  item: string;
  citation: string;
}

export interface Obligation {
  /** Stable within the incident: `individual_notice`, `media_notice:CA`, `ce_notice:<ce id>`. */
  id: string;
  kind: ObligationKind;
  label: string;
  recipient: string;
  jurisdiction?: Jurisdiction;
  citation: string;
  /** Latest lawful date (org time zone) and the instant that local day ends. */
  deadline: { date: LocalDate; instant: string };
  target: { date: LocalDate; instant: string };
  /** 164.412: no notice before this instant. */
  heldUntil?: string;
  /** How many people it concerns, where that matters. */
  count?: number;
  methods: string[];
  checklist: ChecklistItem[];
  notes: string[];
}

export interface DecisionInput {
  reportable: boolean;
  decidedBy: string;
  decidedAt: string;
  justification?: string;
}

export interface Plan {
  determination: Determination;
  reportable: boolean;
  discoveryDate: LocalDate;
  timeZone: string;
  totalAffected: number;
  obligations: Obligation[];
  /** 164.414(b), 164.530(j): what must be kept, whatever the outcome. */
  documentation: string[];
}

export const DEFAULT_TARGET_DAYS = 30;
const OUTER_LIMIT_DAYS = 60; // 164.404(b), 164.406(b), 164.408(b), 164.410(b)

const INDIVIDUAL_CONTENT: ChecklistItem[] = [
  { item: 'what happened, with the date of the breach and the date of discovery, if known', citation: '45 CFR 164.404(c)(1)(A)' },
  { item: 'the types of unsecured PHI involved (e.g. name, SSN, date of birth, address, account number, diagnosis)', citation: '45 CFR 164.404(c)(1)(B)' },
  { item: 'steps individuals should take to protect themselves from potential harm', citation: '45 CFR 164.404(c)(1)(C)' },
  { item: 'what the entity is doing to investigate, mitigate harm and protect against further breaches', citation: '45 CFR 164.404(c)(1)(D)' },
  { item: 'contact procedures: a toll-free number, an email address, a web site, or a postal address', citation: '45 CFR 164.404(c)(1)(E)' },
  { item: 'written in plain language', citation: '45 CFR 164.404(c)(2)' },
];

/** Annual log for breaches of fewer than 500: within 60 days after the end of the calendar year of discovery (164.408(c)). */
export function annualLogDue(discovery: LocalDate): LocalDate {
  return addCalendarDays(`${discovery.slice(0, 4)}-12-31`, OUTER_LIMIT_DAYS); // 1 March, or 29 February in a leap year
}

export function planObligations(facts: IncidentFacts, decision: DecisionInput, opts: { now: string; targetDays?: number }): Plan {
  const tz = facts.organization.timeZone;
  const determination = determine(facts);
  const discovery = localDateOf(facts.dates.discoveredAt, tz);
  const total = totalAffected(facts);
  const documentation = [
    'the risk assessment or the exception relied on, and the decision with who made it (164.414(b), 164.530(j))',
    'copies of every notice with the dates it was made (164.530(j))',
    'law-enforcement statements, if any (164.412, 164.530(j))',
    'retain for six years from creation or last effective date (164.530(j)(2))',
  ];
  const plan: Plan = { determination, reportable: decision.reportable, discoveryDate: discovery, timeZone: tz, totalAffected: total, obligations: [], documentation };
  if (!decision.reportable) return plan;

  const targetDays = Math.min(opts.targetDays ?? DEFAULT_TARGET_DAYS, OUTER_LIMIT_DAYS);
  const periods = delayPeriods(facts.lawEnforcementDelays);
  const make = (o: Omit<Obligation, 'deadline' | 'target' | 'heldUntil'> & { deadline: LocalDate; target?: LocalDate }): Obligation => {
    const target = minDate(o.target ?? addCalendarDays(discovery, targetDays), o.deadline);
    const tolled = tollForLawEnforcement({ discovery, deadline: o.deadline, target }, periods, tz);
    const notes = [...o.notes];
    if (tolled.heldUntil) notes.push(`held by law enforcement until ${tolled.heldUntil}; deadline moved ${tolled.shiftDays} day(s) (${tolled.basis ?? '164.412'})`);
    return {
      ...o,
      notes,
      deadline: { date: tolled.deadline, instant: endOfLocalDay(tolled.deadline, tz) },
      target: { date: tolled.target, instant: endOfLocalDay(tolled.target, tz) },
      ...(tolled.heldUntil ? { heldUntil: tolled.heldUntil } : {}),
    };
  };
  const sixty = addCalendarDays(discovery, OUTER_LIMIT_DAYS);

  // A business associate notifies each covered entity; the covered entity makes the other notices (164.410).
  if (facts.role === 'business_associate') {
    for (const ce of facts.coveredEntities) {
      const term = ce.baaNoticeTerm;
      // The earlier of the BAA's term and the regulation's 60 days governs (164.410(b); 164.504(e)).
      const contractual = term ? (term.unit === 'business_days' ? addBusinessDays(discovery, term.amount, ce.holidays) : addCalendarDays(discovery, term.amount)) : undefined;
      const deadline = contractual ? minDate(contractual, sixty) : sixty;
      plan.obligations.push(
        make({
          id: `ce_notice:${ce.id}`,
          kind: 'ce_notice',
          label: `Notice to covered entity ${ce.name}`,
          recipient: ce.name,
          citation: '45 CFR 164.410',
          deadline,
          count: total,
          methods: ['secure_transfer', 'email'],
          checklist: [
            { item: 'identification of each individual affected, to the extent possible (roster as an encrypted attachment or secure link, never in a mail body)', citation: '45 CFR 164.410(c)(1)' },
            { item: "any other available information the covered entity needs for its own notices under 164.404(c), now or as it becomes available", citation: '45 CFR 164.410(c)(2)' },
          ],
          notes: contractual ? [`BAA term: ${term!.amount} ${term!.unit.replace('_', ' ')}${contractual < sixty ? ' (earlier than the regulation, so it governs)' : ''}`] : ['no shorter BAA term recorded: the regulation\'s 60 days governs'],
        }),
      );
    }
    return plan;
  }

  // Covered entity: individuals (164.404).
  const deceasedNoKin = facts.affected.deceased - facts.affected.deceasedWithNextOfKinAddress;
  const living = total - facts.affected.deceased;
  plan.obligations.push(
    make({
      id: 'individual_notice',
      kind: 'individual_notice',
      label: 'Notice to affected individuals',
      recipient: `${living} affected individual(s)${facts.affected.minors ? ` (${facts.affected.minors} minors: to parents or guardians as personal representatives)` : ''}`,
      citation: '45 CFR 164.404',
      deadline: sixty,
      count: living,
      methods: ['first_class_mail', 'email (if the individual agreed to electronic notice)', ...(facts.urgent ? ['telephone (possible imminent misuse, in addition to written notice)'] : [])],
      checklist: [
        ...INDIVIDUAL_CONTENT,
        { item: 'first-class mail to the last known address, or email if the individual agreed to electronic notice', citation: '45 CFR 164.404(d)(1)(i)' },
        ...(facts.urgent ? [{ item: 'telephone or other means as well, because misuse may be imminent', citation: '45 CFR 164.404(d)(3)' }] : []),
      ],
      notes: [],
    }),
  );
  // 164.404(d)(1)(ii): deceased individuals — to the next of kin or personal representative with a known address.
  if (facts.affected.deceasedWithNextOfKinAddress > 0) {
    plan.obligations.push(
      make({
        id: 'individual_notice:next_of_kin',
        kind: 'individual_notice',
        label: 'Notice to next of kin or personal representatives of deceased individuals',
        recipient: `next of kin or personal representatives of ${facts.affected.deceasedWithNextOfKinAddress} deceased individual(s)`,
        citation: '45 CFR 164.404(d)(1)(ii)',
        deadline: sixty,
        count: facts.affected.deceasedWithNextOfKinAddress,
        methods: ['first_class_mail'],
        checklist: [...INDIVIDUAL_CONTENT, { item: 'first-class mail to the next of kin or personal representative, if the address is known', citation: '45 CFR 164.404(d)(1)(ii)' }],
        notes: deceasedNoKin > 0 ? [`${deceasedNoKin} deceased individual(s) without a known next-of-kin address: no substitute notice is required for them (164.404(d)(2))`] : [],
      }),
    );
  }
  // 164.404(d)(2): substitute notice where contact information is insufficient or out of date.
  const needSubstitute = facts.affected.insufficientContact;
  if (needSubstitute > 0) {
    const ten = needSubstitute >= 10;
    plan.obligations.push(
      make({
        id: 'substitute_notice',
        kind: 'substitute_notice',
        label: ten ? 'Substitute notice (10 or more): web posting or major media, and toll-free number' : 'Substitute notice (fewer than 10): alternative written notice, telephone or other means',
        recipient: `${needSubstitute} individual(s) with insufficient or out-of-date contact information`,
        citation: ten ? '45 CFR 164.404(d)(2)(ii)' : '45 CFR 164.404(d)(2)(i)',
        deadline: sixty,
        count: needSubstitute,
        methods: ten ? ['web_posting', 'press_release', 'telephone'] : ['other', 'telephone'],
        checklist: ten
          ? [
              { item: 'a conspicuous posting on the home page of the web site for 90 days, or conspicuous notice in major print or broadcast media where the individuals likely reside', citation: '45 CFR 164.404(d)(2)(ii)(A)' },
              { item: 'a toll-free phone number, active for at least 90 days, where an individual can learn whether their PHI was included', citation: '45 CFR 164.404(d)(2)(ii)(B)' },
              ...INDIVIDUAL_CONTENT.slice(0, 5),
            ]
          : [{ item: 'an alternative form of written notice, telephone, or other means', citation: '45 CFR 164.404(d)(2)(i)' }, ...INDIVIDUAL_CONTENT.slice(0, 5)],
        notes: ['not required for deceased individuals lacking next-of-kin contact information (164.404(d)(2))'],
      }),
    );
  }
  // 164.406: media, per State or jurisdiction with MORE than 500 residents (500 exactly is not).
  for (const [j, n] of Object.entries(facts.affected.byJurisdiction) as [Jurisdiction, number][]) {
    if (j === 'UNKNOWN' || n <= 500) continue;
    plan.obligations.push(
      make({
        id: `media_notice:${j}`,
        kind: 'media_notice',
        label: `Media notice (${j})`,
        recipient: `prominent media outlets serving ${JURISDICTION_NAMES[j]}`,
        jurisdiction: j,
        citation: '45 CFR 164.406',
        deadline: sixty,
        count: n,
        methods: ['press_release'],
        checklist: [{ item: 'notice to prominent media outlets serving the State or jurisdiction', citation: '45 CFR 164.406(a)' }, ...INDIVIDUAL_CONTENT.slice(0, 5).map((c) => ({ ...c, citation: `45 CFR 164.406(c), ${c.citation.replace('45 CFR ', '')}` }))],
        notes: [`${n} residents of ${JURISDICTION_NAMES[j]} affected (more than 500)`],
      }),
    );
  }
  // 164.408: HHS — 500 or more in total: with the individual notices; fewer: the annual log.
  if (total >= 500) {
    plan.obligations.push(
      make({
        id: 'hhs_notice',
        kind: 'hhs_notice',
        label: 'Notice to the Secretary of HHS (500 or more)',
        recipient: 'Secretary of HHS (OCR breach portal)',
        citation: '45 CFR 164.408(b)',
        deadline: sixty,
        count: total,
        methods: ['hhs_portal'],
        checklist: [
          { item: 'contemporaneously with the individual notices, in the manner on the HHS web site (OCR breach portal)', citation: '45 CFR 164.408(b)' },
          { item: 'the portal confirmation (transaction) number recorded as evidence', citation: '45 CFR 164.414' },
        ],
        notes: [],
      }),
    );
  } else {
    const due = annualLogDue(discovery);
    plan.obligations.push(
      make({
        id: 'hhs_annual_log',
        kind: 'hhs_annual_log',
        label: 'HHS annual log entry (fewer than 500)',
        recipient: 'Secretary of HHS (OCR breach portal, annual submission)',
        citation: '45 CFR 164.408(c)',
        deadline: due,
        target: due,
        count: total,
        methods: ['hhs_portal'],
        checklist: [
          { item: 'log the breach and submit it within 60 days after the end of the calendar year of discovery (each breach its own report)', citation: '45 CFR 164.408(c)' },
          { item: 'the portal confirmation (transaction) number recorded as evidence', citation: '45 CFR 164.414' },
        ],
        notes: [`discovered in ${discovery.slice(0, 4)}: due ${due}`],
      }),
    );
  }
  void opts.now;
  return plan;
}
