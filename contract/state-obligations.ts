/**
 * State obligations carried by the incident workflow (issue 16 items 3–5): the shape the incident query
 * returns under `IncidentSnapshot.stateLaw` (what `breach status`, the web console and the counsel report
 * read), and the "replan with current law" request and answer.
 *
 * The query's shape, field by field (all plain JSON):
 *
 *   stateLaw: {
 *     packVersion, packFingerprint   the state-law pack the incident's state items were planned on (recorded
 *                                    in history when it planned; changed only by an applied replan)
 *     disclaimer                     "not legal advice" text to show beside every state item
 *     plannedAt                      when the items were last computed
 *     items: StateObligationItem[]   EVERY state item of the plan, whatever its status:
 *       id                           `state:<code>:<rule>`; a tracked item's obligation workflow has the same
 *                                    id in `obligations[]` (kind 'state_notice'), with its reminders/escalation
 *       jurisdiction, rule, label, recipientKind, recipient, count
 *       citation                     the statute section (always present)
 *       verification                 verified | secondary_sources | unverified  (show unverified visibly)
 *       packVersion                  the pack this item's rule came from
 *       status                       tracked: dated, its obligation workflow runs (see obligations[])
 *                                    pending: waits on a later event (pendingOn: hhs_notice / individual_notice)
 *                                    no_fixed_date: "most expedient time", no number in the statute (not tracked)
 *                                    controlled_elsewhere: an earlier clock binds the same recipient (controlledBy)
 *                                    cancelled: removed by a replan (cancelledReason says why; never silent)
 *       deadline {date, instant}     for tracked / controlled_elsewhere items
 *       deadlineBasis                the rule and the reason for the date, in words
 *       pendingOn, latestIfAnchorOnTime, controlledBy {id, citation, date}, cancelledReason
 *     toReview: {item, jurisdiction, residents, reason}[]  "state law to review: <State>" items for counsel
 *     recipientClocks                where two clocks bind the same recipient: which controls and why
 *     events                         the recorded events pending clocks ran from (hhsNotifiedAt, individualsNotifiedAt)
 *     replans: StateLawReplanRecord[]  every applied "replan with current law": who, when, from/to pack, the changes
 *   }
 *
 * Pure (zod and types only): importable from workflow code.
 */
import { z } from 'zod';
import { lazySchema } from '../domain/lazy-schema.js';
import { RequestId } from './vocabulary.js';
import type { StateLawChange } from '../domain/state-law/diff.js';

export const STATE_NOTICE_KIND = 'state_notice';
export const STATE_ITEM_STATUSES = ['tracked', 'pending', 'no_fixed_date', 'controlled_elsewhere', 'cancelled'] as const;
export type StateItemStatus = (typeof STATE_ITEM_STATUSES)[number];

export interface StateObligationItem {
  id: string;
  jurisdiction: string;
  rule: string;
  label: string;
  recipientKind: string;
  recipient: string;
  count: number;
  citation: string;
  verification: 'verified' | 'secondary_sources' | 'unverified';
  packVersion: string;
  status: StateItemStatus;
  deadline?: { date: string; instant: string };
  deadlineBasis: string;
  pendingOn?: string;
  latestIfAnchorOnTime?: string;
  controlledBy?: { id: string; citation: string; date: string };
  cancelledReason?: string;
}

/** A jurisdiction with residents whose law is not encoded or not planned: said out loud, for counsel. */
export interface StateLawReviewItem {
  /** "state law to review: <State>" */
  item: string;
  jurisdiction: string;
  residents: number;
  reason: string;
}

export interface StateRecipientClock {
  jurisdiction: string;
  recipientKind: string;
  controlling: string;
  why: string;
}

/** One change "replan with current law" shows (and, applied, records): the domain's own type, imported as a type only. */
export type StateLawChangeView = StateLawChange;

export interface StateLawDiffView {
  fromPack: string;
  toPack: string;
  samePack: boolean;
  changes: StateLawChangeView[];
  reviewAdded: string[];
  reviewRemoved: string[];
}

export interface StateLawReplanRecord extends StateLawDiffView {
  appliedBy: string;
  appliedAt: string;
  note?: string;
  requestId: string;
}

export interface IncidentStateLawView {
  packVersion: string;
  packFingerprint: string;
  disclaimer: string;
  plannedAt: string;
  items: StateObligationItem[];
  toReview: StateLawReviewItem[];
  recipientClocks: StateRecipientClock[];
  events: { hhsNotifiedAt?: string; individualsNotifiedAt?: string };
  replans: StateLawReplanRecord[];
}

// ---- "replan with current law" (privacy officer, legal, admin) ------------------------------------------

const replanFields = lazySchema(() => ({
  /** true: compute and return the difference only (nothing changes, nothing is recorded). */
  preview: z.boolean().default(false),
  /** Why now (e.g. "pack 2026.12.04-1 verifies the Vermont holiday list"); recorded with the replan. */
  note: z.string().min(1, 'a few words, or leave it out').max(500).optional(),
  /**
   * The pack fingerprint the person reviewed in the preview; when given and the engine's current pack is
   * another, the replan is refused (the difference shown is not the one that would be applied).
   */
  expectPack: z.string().min(1).max(100).optional(),
}));
const By = lazySchema(() => z.string().min(1, 'who is acting (a user id)').max(200));
export const ReplanStateLawBody = lazySchema(() => z.object({ ...replanFields, requestId: RequestId.optional() }).strict());
export const ReplanStateLawRequest = lazySchema(() => z.object({ ...replanFields, requestId: RequestId, by: By }).strict());
export type ReplanStateLawRequest = z.input<typeof ReplanStateLawRequest>;

export interface ReplanStateLawAnswer {
  applied: boolean;
  diff: StateLawDiffView;
  /** Applied: the ids started, cancelled and rescheduled. */
  started?: string[];
  cancelled?: string[];
  rescheduled?: string[];
}
