/**
 * Every incident action, defined once: the workflow update it sends (contract/incident-messages.ts), the
 * zod schemas of its request (contract/incident-requests.ts), the user roles allowed to take it, its HTTP
 * method, path and summary, and the CLI command that takes it. From this table:
 * - api/http-api.ts registers the routes with their role checks (one generic handler),
 * - api/openapi-document.ts generates the OpenAPI paths,
 * - GET /me tells the console which actions the user may take (the console has no table of its own),
 * - security/api-tokens.ts `may()` answers from it.
 *
 * Pure (definitions only; no workflow code, no I/O).
 */
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import {
  acknowledgeUpdate,
  attachRosterUpdate,
  confirmObligationUpdate,
  decideUpdate,
  endLawEnforcementDelayUpdate,
  recordFactsUpdate,
  replanStateLawUpdate,
  sendCeNoticeUpdate,
  startLawEnforcementDelayUpdate,
  startMailingUpdate,
} from './incident-messages.js';
import {
  AckBody,
  AcknowledgeRequest,
  AttachRosterRequest,
  CeNoticeBody,
  ConfirmBody,
  ConfirmObligationRequest,
  DecideRequest,
  DecisionBody,
  DraftBody,
  DraftQuery,
  EndLawEnforcementDelayRequest,
  FactsBody,
  HoldBody,
  LawEnforcementDelayRequest,
  ListFilters,
  MailingBody,
  OpenIncidentBody,
  RecordFactsRequest,
  ReleaseBody,
  RegulatorDraftBody,
  ReportQuery,
  RosterImportQuery,
  SendCeNoticeRequest,
  StartMailingRequest,
} from './incident-requests.js';
import { ReplanStateLawBody, ReplanStateLawRequest } from './state-obligations.js';
import { USER_ROLES, type UserRole } from './vocabulary.js';

/** Path parameters an action's path may hold (`{ref}`, `{obligationId}`, `{kind}`, `{regulator}`). */
export type PathParam = 'ref' | 'obligationId' | 'kind' | 'regulator';

export interface IncidentAction {
  /** The action's name: what GET /me lists and the console checks. */
  readonly name: string;
  /** Who may take it (164.308(a)(4): access by role). */
  readonly roles: readonly UserRole[];
  /**
   * The facts action only: after the decision, recording facts is a correction with a reason, which
   * fewer roles may make (a second permission, listed by GET /me under its own name).
   */
  readonly afterDecision?: { readonly name: string; readonly roles: readonly UserRole[]; readonly cli: string };
  /**
   * An action whose request can preview or apply (replanStateLaw): previewing changes nothing and has the
   * action's roles; applying changes the plan and needs this second permission (GET /me lists it by name).
   */
  readonly apply?: { readonly name: string; readonly roles: readonly UserRole[]; readonly rule: string };
  /** The incident workflow update it sends, and the schema of that update's argument. */
  readonly update?: UpdateDefinition<unknown, [never]>;
  readonly request?: z.ZodType;
  readonly http: {
    readonly method: 'GET' | 'POST';
    /** OpenAPI form: `/incidents/{ref}/facts`. */
    readonly path: string;
    readonly summary: string;
    readonly description?: string;
    /** JSON body schema, or 'csv' (the roster: bytes straight to the encrypted roster store). */
    readonly body?: z.ZodType | 'csv';
    readonly query?: z.ZodObject;
    /** Success statuses and what they mean (default 200). */
    readonly responses?: Readonly<Record<string, string>>;
    /** Other statuses beside the common ones (e.g. 415, 501). */
    readonly extraErrors?: Readonly<Record<string, string>>;
  };
  /** The `breach` command that takes this action (subcommands space-separated). */
  readonly cli?: string;
}

const EVERYONE = USER_ROLES;
const STAFF = ['responder', 'privacy_officer', 'admin'] as const satisfies readonly UserRole[];
const OFFICERS = ['privacy_officer', 'admin'] as const satisfies readonly UserRole[];
const REPORTERS = ['legal', 'privacy_officer', 'admin'] as const satisfies readonly UserRole[];

const asUpdate = <Ret, Req>(def: UpdateDefinition<Ret, [Req]>) => def as unknown as UpdateDefinition<unknown, [never]>;

/** The incident actions. Order is the OpenAPI document's. */
export const INCIDENT_ACTIONS = [
  {
    name: 'open',
    roles: STAFF,
    http: {
      method: 'POST',
      path: '/incidents',
      summary: 'Open an incident (idempotent on ref: a retried webhook opens one incident)',
      body: OpenIncidentBody,
      responses: { '201': 'opened', '200': 'already open: the existing incident' },
    },
    cli: 'open',
  },
  {
    name: 'list',
    roles: EVERYONE,
    http: { method: 'GET', path: '/incidents', summary: 'List incidents', query: ListFilters, responses: { '200': 'incidents' } },
    cli: 'list',
  },
  {
    name: 'me',
    roles: EVERYONE,
    http: {
      method: 'GET',
      path: '/me',
      summary:
        'Who the token stands for: { userId, role, actions } — the actions (by name) the role may take; the web console shows only those',
      responses: { '200': 'the principal and its actions' },
    },
  },
  {
    name: 'status',
    roles: EVERYONE,
    http: { method: 'GET', path: '/incidents/{ref}', summary: 'The whole current state of an incident', responses: { '200': 'state' } },
    cli: 'status',
  },
  {
    name: 'recordFacts',
    roles: STAFF,
    afterDecision: { name: 'correctFacts', roles: OFFICERS, cli: 'correct' },
    update: asUpdate(recordFactsUpdate),
    request: RecordFactsRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/facts',
      summary: 'Record facts and the four-factor assessment (after the decision: a correction with a reason)',
      description: 'After the decision only the roles of correctFacts may record facts (a correction, 164.530(j)).',
      body: FactsBody,
    },
    cli: 'assess',
  },
  {
    name: 'decide',
    roles: OFFICERS,
    update: asUpdate(decideUpdate),
    request: DecideRequest,
    http: { method: 'POST', path: '/incidents/{ref}/decision', summary: "The privacy officer's decision", body: DecisionBody },
    cli: 'decide',
  },
  {
    name: 'startLawEnforcementDelay',
    roles: OFFICERS,
    update: asUpdate(startLawEnforcementDelayUpdate),
    request: LawEnforcementDelayRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/law-enforcement-delays',
      summary: 'Record a law-enforcement delay statement (164.412)',
      body: HoldBody,
    },
    cli: 'hold',
  },
  {
    name: 'endLawEnforcementDelay',
    roles: OFFICERS,
    update: asUpdate(endLawEnforcementDelayUpdate),
    request: EndLawEnforcementDelayRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/law-enforcement-delays/end',
      summary: 'End the law-enforcement delay',
      body: ReleaseBody,
    },
    cli: 'release',
  },
  {
    name: 'confirmObligation',
    roles: STAFF,
    update: asUpdate(confirmObligationUpdate),
    request: ConfirmObligationRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/obligations/{obligationId}/confirm',
      summary: 'Confirm a notice was made, with evidence',
      body: ConfirmBody,
    },
    cli: 'confirm',
  },
  {
    name: 'acknowledge',
    roles: STAFF,
    update: asUpdate(acknowledgeUpdate),
    request: AcknowledgeRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/acknowledge',
      summary: 'Acknowledge a reminder (stops escalation by silence)',
      body: AckBody,
    },
    cli: 'ack',
  },
  {
    name: 'attachRoster',
    roles: STAFF,
    update: asUpdate(attachRosterUpdate),
    request: AttachRosterRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/rosters',
      summary:
        'Import the affected-individual roster (CSV; personal columns stored encrypted, never in workflow history); bad rows are reported by line and field, good rows kept',
      description: '`?rosterId=` appends a corrected file to an existing roster; the same file again is a no-op (200).',
      body: 'csv',
      query: RosterImportQuery,
      responses: {
        '201': 'imported and attached: roster id, counts by channel and State, row problems',
        '200': 'this file was already imported',
      },
      extraErrors: { '415': 'not text/csv', '501': 'no roster database configured' },
    },
    cli: 'roster import',
  },
  {
    name: 'startMailing',
    roles: OFFICERS,
    update: asUpdate(startMailingUpdate),
    request: StartMailingRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/obligations/{obligationId}/mailings',
      summary:
        'Send an individual-notice obligation to everyone on a roster (email, print-ready letters, substitute notice for the unreachable; 164.404)',
      body: MailingBody,
      responses: { '202': 'mailing started' },
    },
    cli: 'notify',
  },
  {
    name: 'sendCeNotice',
    roles: OFFICERS,
    update: asUpdate(sendCeNoticeUpdate),
    request: SendCeNoticeRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/obligations/{obligationId}/ce-notice',
      summary:
        "A business associate's notice to a covered entity (164.410): emailed, with the roster as an OpenPGP-encrypted attachment (to the CE's public key, or with a passphrase given by telephone); confirms the obligation when the roster went with it",
      body: CeNoticeBody,
    },
    cli: 'notify-ce',
  },
  {
    name: 'replanStateLaw',
    // The preview: anyone who reads the incident's counsel material (legal included). Applying changes the plan
    // — obligations start, are withdrawn or move — which is what `decide` does: the same roles (docs/state-law.md).
    roles: REPORTERS,
    apply: {
      name: 'applyStateLawReplan',
      roles: OFFICERS,
      rule: 'applying a replan changes the plan (obligations start, are withdrawn or move): only the roles that may decide apply it',
    },
    update: asUpdate(replanStateLawUpdate),
    request: ReplanStateLawRequest,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/state-law/replan',
      summary:
        "Replan with current law (issue 16): the difference between the state-law pack the incident planned on and the engine's current pack — obligations added, removed, moved, with the rule and reason",
      description:
        '`preview: true` returns the difference and changes nothing (roles legal, privacy_officer, admin). Applying it (preview false) needs applyStateLawReplan: the roles that may decide (privacy_officer, admin); legal gets 403. Applied: added State obligations start, removed ones are cancelled with the reason recorded, moved ones are rescheduled; who applied it and which pack are recorded. `expectPack` (the fingerprint previewed) refuses the replan if the pack changed since.',
      body: ReplanStateLawBody,
    },
    cli: 'replan-law',
  },
  {
    name: 'draft',
    roles: EVERYONE,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/drafts/{kind}',
      summary:
        'A notice draft pre-filled from the facts and the organization profile, checked against the rule: hhs_portal (164.408, JSON + printable), media (164.406, ?state=CA), substitute (164.404(d)(2)), individual (164.404(c))',
      description: 'Changes nothing. Body: { content } — the incident-level notice text, with optional hhs / media / substitute sections.',
      body: DraftBody,
      query: DraftQuery,
      responses: { '200': 'the draft: subject, text, portal JSON, prefilled fields' },
    },
    cli: 'draft',
  },
  {
    name: 'mailingProgress',
    roles: EVERYONE,
    http: {
      method: 'GET',
      path: '/incidents/{ref}/obligations/{obligationId}/mailing',
      summary: 'The latest mailing of an obligation and its live progress',
      responses: { '200': 'mailing and progress' },
    },
    cli: 'mailing',
  },
  {
    name: 'report',
    roles: REPORTERS,
    http: {
      method: 'GET',
      path: '/incidents/{ref}/report',
      summary: 'History report for legal (html, md, pdf) or the hash-chained evidence bundle (evidence)',
      query: ReportQuery,
      responses: { '200': 'the report' },
    },
    cli: 'report',
  },
  {
    name: 'stateLaw',
    roles: EVERYONE,
    http: {
      method: 'GET',
      path: '/incidents/{ref}/state-law',
      summary:
        "The state obligations of the incident (issue 16) as the counsel report and `breach status` compute them: each with recipient, due date or what it waits on, the rule that set it, citation, pack version and verification status; the 'state law to review' items; the regulator drafts on offer",
      responses: { '200': '{ ref, computedAt, plan?, reason?, drafts }' },
    },
  },
  {
    name: 'regulatorDraft',
    roles: REPORTERS,
    http: {
      method: 'POST',
      path: '/incidents/{ref}/regulator-drafts/{regulator}',
      summary:
        "A State regulator's notice pre-filled from the facts, the plan and the organization profile, checked against the pack's content list (TX-AG: Tex. Bus. & Com. Code 521.053(i) form; CA-AG: Civ. Code 1798.82(f) sample notice; CA-CDPH: H&S 1280.15(b); <State>-AG / -REG / -HEALTH where the pack lists the content). CLI: breach draft <ref> --regulator TX-AG",
      description:
        'Changes nothing. Body: { content?, answers? } — the incident-level notice text (descriptions, measures, the sample notice) and answers by element id for items the engine cannot fill. Missing items are named with their citation; unverified rules are marked.',
      body: RegulatorDraftBody,
      responses: { '200': 'the draft: sections by content item, missing items with citations, printable text' },
    },
  },
] as const satisfies readonly IncidentAction[];

export type IncidentActionName = (typeof INCIDENT_ACTIONS)[number]['name'];
/** A permission GET /me may list: an action's name, the facts action's after-decision name, or the replan's apply name. */
export type Permission = IncidentActionName | 'correctFacts' | 'applyStateLawReplan';

export const actionNamed = (name: IncidentActionName): IncidentAction => INCIDENT_ACTIONS.find((a) => a.name === name)!;

/** The path parameters in an action's path, in order. */
export const pathParams = (a: Pick<IncidentAction, 'http'>): PathParam[] =>
  [...a.http.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as PathParam);

/** Whether `role` may take the action (for the facts action after the decision: `afterDecision`). */
export function roleMay(role: UserRole, permission: Permission): boolean {
  for (const a of INCIDENT_ACTIONS as readonly IncidentAction[]) {
    if (a.name === permission) return a.roles.includes(role);
    if (a.afterDecision?.name === permission) return a.afterDecision.roles.includes(role);
    if (a.apply?.name === permission) return a.apply.roles.includes(role);
  }
  return false;
}

/** Every permission `role` holds, in the table's order: what GET /me answers. */
export function permissionsOf(role: UserRole): Permission[] {
  const out: Permission[] = [];
  for (const a of INCIDENT_ACTIONS as readonly IncidentAction[]) {
    if (a.roles.includes(role)) out.push(a.name as Permission);
    if (a.afterDecision?.roles.includes(role)) out.push(a.afterDecision.name as Permission);
    if (a.apply?.roles.includes(role)) out.push(a.apply.name as Permission);
  }
  return out;
}
