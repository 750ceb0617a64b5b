/**
 * The service side of the State regulator drafts and the state-law view (issue 16 items 5-6): the view shows
 * the incident's recorded state-law plan as the counsel report does (reports/state-law-report.ts), and a draft
 * is built and checked against this build's pack's content list (notices/regulator-drafts.ts). Changes nothing.
 */
import { IncidentError } from './errors.js';
import { checkFacts } from '../contract/incident-rules.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { StateLawPack, StateLawPlan } from '../domain/state-law/index.js';
import { stateLawForSnapshot, stateLawSection, type CurrentLawDiffers, type RecordedStateLaw } from '../reports/state-law-report.js';
import type { NoticeRenderer } from '../notices/render.js';
import type { IncidentNoticeContentInput } from '../notices/content.js';
import {
  buildRegulatorDraft,
  RegulatorDraftError,
  regulatorDrafts,
  type RegulatorDraft,
  type RegulatorDraftBody,
  type RegulatorDraftLink,
} from '../notices/regulator-drafts.js';
import { withRecordedDates } from './notice-drafts.js';

/**
 * GET /incidents/{ref}/state-law. `basis: 'recorded'` — the incident's own plan (`recorded`: its pack, each item with
 * its status) is the record; `currentLaw`, only when this build's pack is another, is what "replan with current law"
 * would change (not the plan). `basis: 'preview'` — an incident planned before State obligations were recorded: `plan`
 * is computed now with this build's pack, a preview. Drafts on offer: the planned regulator notices whose content list
 * is in the pack (for a recorded plan, only items it still holds).
 */
export interface StateLawView {
  ref: string;
  computedAt: string;
  basis?: 'recorded' | 'preview';
  recorded?: RecordedStateLaw;
  currentLaw?: CurrentLawDiffers;
  /** The preview (basis 'preview' only). */
  plan?: StateLawPlan;
  /** Why there is no plan (no decision yet, not reportable, facts no longer valid). */
  reason?: string;
  drafts: RegulatorDraftLink[];
}

export function stateLawView(s: IncidentSnapshot, now: string, pack?: StateLawPack): StateLawView {
  if (s.decision && !s.decision.reportable)
    return { ref: s.ref, computedAt: now, reason: 'the breach was decided not reportable', drafts: [] };
  const section = stateLawSection(s, now, pack);
  if (section.basis === 'none') return { ref: s.ref, computedAt: now, reason: section.reason, drafts: [] };
  if (section.basis === 'preview')
    return { ref: s.ref, computedAt: now, basis: 'preview', plan: section.plan, drafts: regulatorDrafts(section.plan) };
  const held = new Set(section.recorded.items.filter((i) => i.status !== 'cancelled').map((i) => i.id));
  const current = stateLawForSnapshot(s, now);
  return {
    ref: s.ref,
    computedAt: now,
    basis: 'recorded',
    recorded: section.recorded,
    ...(section.currentLaw ? { currentLaw: section.currentLaw } : {}),
    drafts: current.ok ? regulatorDrafts(current.plan).filter((d) => held.has(d.obligationId)) : [],
  };
}

export function regulatorDraftFor(
  s: IncidentSnapshot,
  regulator: string,
  body: RegulatorDraftBody,
  renderer: NoticeRenderer,
  now: string,
): RegulatorDraft {
  const checked = s.facts !== undefined ? checkFacts(s.facts, now, s.rulesVersion ?? 1) : undefined;
  if (!checked?.ok) throw new IncidentError('refused', 'the incident has no valid facts recorded yet: record the assessment first');
  if (s.decision && !s.decision.reportable)
    throw new IncidentError('refused', 'the breach was decided not reportable: no regulator notice is planned');
  const r = stateLawForSnapshot(s, now);
  if (!r.ok) throw new IncidentError('refused', `state law not computed: ${r.reason}`);
  try {
    return buildRegulatorDraft({
      regulator,
      snapshot: s,
      facts: checked.facts,
      plan: r.plan,
      org: renderer.org,
      body,
      renderSample: (content) => {
        const incident = { ...withRecordedDates(content, s), incidentRef: s.ref } as IncidentNoticeContentInput;
        const n = renderer.individual(incident, { fullName: 'Sample Addressee', email: 'sample.addressee@example.org' }, 'email');
        return { subject: n.subject, text: n.text };
      },
    });
  } catch (err) {
    if (err instanceof RegulatorDraftError) throw new IncidentError(err.code, err.message);
    throw err;
  }
}
