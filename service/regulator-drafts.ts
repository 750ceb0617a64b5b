/**
 * The service side of the State regulator drafts and the state-law view (issue 16 items 5-6): from the
 * incident's recorded state (GET /incidents/{ref}) the state-law plan is computed with this build's pack,
 * exactly as the counsel report and `breach status` compute it (reports/state-law-report.ts), and a draft
 * is built and checked against the pack's content list (notices/regulator-drafts.ts). Changes nothing.
 */
import { IncidentError } from './errors.js';
import { checkFacts } from '../contract/incident-rules.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { StateLawPlan } from '../domain/state-law/index.js';
import { stateLawForSnapshot } from '../reports/state-law-report.js';
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

/** GET /incidents/{ref}/state-law: the state obligations as the report computes them, and the drafts on offer. */
export interface StateLawView {
  ref: string;
  computedAt: string;
  plan?: StateLawPlan;
  /** Why there is no plan (no decision yet, not reportable, facts no longer valid). */
  reason?: string;
  drafts: RegulatorDraftLink[];
}

export function stateLawView(s: IncidentSnapshot, now: string): StateLawView {
  if (s.decision && !s.decision.reportable)
    return { ref: s.ref, computedAt: now, reason: 'the breach was decided not reportable', drafts: [] };
  const r = stateLawForSnapshot(s, now);
  return r.ok
    ? { ref: s.ref, computedAt: now, plan: r.plan, drafts: regulatorDrafts(r.plan) }
    : { ref: s.ref, computedAt: now, reason: r.reason, drafts: [] };
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
