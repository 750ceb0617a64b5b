/**
 * Drafts of the notices a person sends or submits, pre-filled from the incident's recorded facts and the
 * organization profile, and checked against the rule before they are shown:
 * - `hhs_portal`: the OCR breach portal fields (164.408) as JSON plus a printable worksheet; the person
 *   who submits records the confirmation number on the hhs_notice / hhs_annual_log obligation;
 * - `media`: the press release for one State with more than 500 residents affected (164.406);
 * - `substitute`: the web posting and the toll-free line script (164.404(d)(2));
 * - `individual`: the individual notice as one addressee would read it (a sample addressee; 164.404(c)).
 * The person writes the incident-level text once (the same file as for `breach notify`); sections
 * `hhs:`, `media:` and `substitute:` in it add or override kind-specific fields.
 */
import { z } from 'zod';
import { IncidentError } from './errors.js';
import { checkFacts } from '../contract/incident-rules.js';
import { JURISDICTION_NAMES, localDateOf, type Jurisdiction } from '../domain/index.js';
import { NoticeRenderer } from '../notices/render.js';
import { NoticeChecklistError } from '../notices/checklist.js';
import type { OrganizationProfile } from '../notices/organization.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';
import type { HhsPortalReportInput } from '../notices/hhs-portal.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';

import { DRAFT_KINDS, type DraftKind } from '../contract/vocabulary.js';
export { DRAFT_KINDS, type DraftKind };

export const DraftRequest = z
  .object({
    kind: z.enum(DRAFT_KINDS),
    /** For `media`: the two-letter State. */
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'a two-letter State code')
      .optional(),
    /** The incident-level notice text, plus optional `hhs`, `media`, `substitute` sections. */
    content: z.record(z.string(), z.unknown()),
  })
  .strict();
export type DraftRequest = z.infer<typeof DraftRequest>;

export interface NoticeDraft {
  kind: DraftKind;
  incidentRef: string;
  /** The rule the draft was checked against. */
  citation: string;
  subject: string;
  text: string;
  /** A second text where the kind has one (the substitute notice's toll-free script). */
  secondText?: { title: string; text: string };
  /** The portal fields (hhs_portal). */
  json?: unknown;
  /** Fields taken from the recorded facts and the organization profile (so the reader can check them). */
  prefilled: string[];
}

const section = (content: Record<string, unknown>, name: string): Record<string, unknown> => {
  const v = content[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

/**
 * The notice text with the dates the incident recorded (local dates in the organization's zone): they
 * replace dates typed into the text, so a letter never contradicts the record. When the facts give the
 * breach's start, the breach period is theirs entirely (a typed end date is dropped unless recorded too).
 */
export function withRecordedDates<T extends Record<string, unknown>>(content: T, state: IncidentSnapshot): T {
  return withDates(content, recordedDatesOf(state));
}

/** The notice's dates as the incident recorded them (local dates in the organization's zone), or undefined without valid facts. */
export interface RecordedDates {
  discoveryDate: string;
  breachStartDate?: string;
  breachEndDate?: string;
}

export function recordedDatesOf(state: IncidentSnapshot): RecordedDates | undefined {
  const checked = state.facts !== undefined ? checkFacts(state.facts, new Date().toISOString(), state.rulesVersion ?? 1) : undefined;
  if (!checked?.ok) return undefined;
  const f = checked.facts;
  const tz = f.organization.timeZone;
  return {
    discoveryDate: localDateOf(f.dates.discoveredAt, tz),
    ...(f.dates.occurredAt ? { breachStartDate: localDateOf(f.dates.occurredAt, tz) } : {}),
    ...(f.dates.occurredAt && f.dates.occurredEndAt ? { breachEndDate: localDateOf(f.dates.occurredEndAt, tz) } : {}),
  };
}

/** The notice text with these recorded dates (see withRecordedDates); unchanged without them. */
export function withDates<T extends Record<string, unknown>>(content: T, dates: RecordedDates | undefined): T {
  if (!dates) return content;
  const out: Record<string, unknown> = { ...content, discoveryDate: dates.discoveryDate };
  if (dates.breachStartDate) {
    delete out.breachEndDate;
    out.breachStartDate = dates.breachStartDate;
    if (dates.breachEndDate) out.breachEndDate = dates.breachEndDate;
    out.breachDateUnknown = false;
  }
  return out as T;
}

function incidentText(state: IncidentSnapshot, content: Record<string, unknown>): IncidentNoticeContentInput {
  const { hhs: _h, media: _m, substitute: _s, ...rest } = content;
  return { ...withRecordedDates(rest as Partial<IncidentNoticeContentInput>, state), incidentRef: state.ref };
}

export function draftNotice(
  state: IncidentSnapshot,
  req: DraftRequest,
  org: OrganizationProfile,
  renderer = new NoticeRenderer({ org }),
): NoticeDraft {
  const checked = state.facts !== undefined ? checkFacts(state.facts, new Date().toISOString(), state.rulesVersion ?? 1) : undefined;
  if (!checked?.ok) throw new IncidentError('refused', 'the incident has no valid facts recorded yet: record the assessment first');
  const f = checked.facts;
  const tz = f.organization.timeZone;
  const discoveryDate = localDateOf(f.dates.discoveredAt, tz);
  const breachStart = f.dates.occurredAt ? localDateOf(f.dates.occurredAt, tz) : undefined;
  const incident = incidentText(state, req.content);
  const total = Object.values(f.affected.byJurisdiction).reduce<number>((a, n) => a + (n ?? 0), 0);
  const prefilled: string[] = [
    'incidentRef',
    'discoveryDate (facts)',
    ...(breachStart ? ['breachStartDate (facts)'] : []),
    ...(f.dates.occurredEndAt ? ['breachEndDate (facts)'] : []),
  ];

  try {
    switch (req.kind) {
      case 'individual': {
        const r = renderer.individual(incident, { fullName: 'Sample Addressee', email: 'sample.addressee@example.org' }, 'email');
        return { kind: req.kind, incidentRef: state.ref, citation: '45 CFR 164.404(c)', subject: r.subject, text: r.text, prefilled };
      }
      case 'media': {
        if (!req.state) throw new IncidentError('invalid_input', 'state: the State of the media notice (two letters), e.g. CA');
        const residents = f.affected.byJurisdiction[req.state as Jurisdiction] ?? 0;
        const m = section(req.content, 'media');
        const r = renderer.mediaRelease({
          incident,
          jurisdiction: req.state,
          jurisdictionName: JURISDICTION_NAMES[req.state as Jurisdiction] ?? req.state,
          residentsAffected: residents,
          ...(m as object),
        });
        return {
          kind: req.kind,
          incidentRef: state.ref,
          citation: '45 CFR 164.406',
          subject: r.subject,
          text: r.text,
          prefilled: [...prefilled, `residentsAffected ${residents} (facts)`],
        };
      }
      case 'substitute': {
        const sub = section(req.content, 'substitute');
        const r = renderer.substitute({
          incident,
          individualsWithoutContact: f.affected.insufficientContact,
          ...(org.contact.website ? { homePageUrl: org.contact.website } : {}),
          ...(org.contact.tollFreeNumber ? { tollFreeNumber: org.contact.tollFreeNumber } : {}),
          postingStartDate: new Date().toISOString().slice(0, 10),
          ...(sub as object),
        });
        return {
          kind: req.kind,
          incidentRef: state.ref,
          citation: '45 CFR 164.404(d)(2)',
          subject: r.posting.subject,
          text: r.posting.text,
          secondText: { title: r.phoneScript.subject, text: r.phoneScript.text },
          prefilled: [
            ...prefilled,
            `individualsWithoutContact ${f.affected.insufficientContact} (facts)`,
            'homePageUrl, tollFreeNumber (organization)',
            `posting ${r.postingEndDate} / toll-free ${r.tollFreeEndDate} end dates`,
          ],
        };
      }
      case 'hhs_portal': {
        const h = section(req.content, 'hhs');
        const phiCategories = [
          ...(f.phi.clinical ? ['clinical'] : []),
          ...(f.phi.identifiers.length ? ['demographic'] : []),
          ...(f.phi.financial ? ['financial'] : []),
          ...(f.phi.other ? ['other'] : []),
        ];
        const firstMailing = state.mailings?.[0]?.startedAt.slice(0, 10);
        const entityType = org.entityType === 'business_associate' ? undefined : org.entityType;
        const ce = f.role === 'covered_entity';
        const input: HhsPortalReportInput = {
          reportType: 'initial',
          coveredEntity: {
            name: ce ? org.name : (f.coveredEntities[0]?.name ?? ''),
            ...(ce && entityType ? { type: entityType } : {}),
            ...(ce ? { address: org.address } : {}),
            ...(ce ? { contact: { name: org.privacyOfficer.name, email: org.privacyOfficer.email, phone: org.privacyOfficer.phone } } : {}),
          },
          ...(breachStart ? { breachStartDate: breachStart } : {}),
          ...(f.dates.occurredEndAt ? { breachEndDate: localDateOf(f.dates.occurredEndAt, tz) } : {}),
          discoveryStartDate: discoveryDate,
          approximateIndividualsAffected: total,
          phiCategories: phiCategories as HhsPortalReportInput['phiCategories'],
          description: f.phi.description ?? incident.whatHappened ?? '',
          ...(firstMailing ? { individualNoticeStartDate: firstMailing } : {}),
          substituteNoticeRequired: state.obligations.some((o) => o.obligation.kind === 'substitute_notice' && o.status !== 'withdrawn'),
          mediaNoticeRequired: state.obligations.some((o) => o.obligation.kind === 'media_notice' && o.status !== 'withdrawn'),
          actionsTaken: [incident.entityActions?.investigate, incident.entityActions?.mitigate, incident.entityActions?.prevent].filter(
            (x): x is string => typeof x === 'string' && x.trim().length > 0,
          ),
          ...(h as Partial<HhsPortalReportInput>),
        };
        const r = renderer.hhsPortal(input);
        return {
          kind: req.kind,
          incidentRef: state.ref,
          citation: '45 CFR 164.408(b)',
          subject: r.printable.subject,
          text: r.printable.text,
          json: r.json,
          prefilled: [
            ...prefilled,
            'covered entity name, type, address, contact (organization)',
            `approximateIndividualsAffected ${total} (facts)`,
            'phiCategories, description (facts)',
            'substitute/media notice required (plan)',
            ...(firstMailing ? ['individualNoticeStartDate (first mailing)'] : []),
            'actionsTaken (entityActions)',
          ],
        };
      }
    }
  } catch (err) {
    if (err instanceof NoticeChecklistError) throw new IncidentError('invalid_input', err.message);
    throw err;
  }
}
