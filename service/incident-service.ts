/**
 * Everything a person or a system can do to an incident, as plain async functions over a Temporal
 * client. The CLI and the HTTP API are thin layers over this; so are tests.
 */
import type { ReplanStateLawAnswer, ReplanStateLawRequest } from '../contract/state-obligations.js';
import { randomUUID } from 'node:crypto';
import { opaqueTokenProblem } from '../security/opaque-id.js';
import { OpaqueIdError, incidentWorkflowId as buildIncidentWorkflowId } from '../contract/incident-ids.js';
import { INCIDENT_ACTIONS, type IncidentAction } from '../contract/incident-actions.js';
import { factsSizeProblems, requestSizeProblem } from '../contract/payload-limits.js';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { validateFacts } from '../domain/facts-validation.js';
import { formatIssue, type ValidationIssue } from '../domain/validation-issues.js';
import { IncidentError } from './errors.js';
import type { UpdateDefinition } from '@temporalio/common';
import type { incidentWorkflow } from '../workflows/incident/incident-workflow.js';
import {
  acknowledgeUpdate,
  attachRosterUpdate,
  confirmObligationUpdate,
  decideUpdate,
  endLawEnforcementDelayUpdate,
  incidentStateQuery,
  recordFactsUpdate,
  replanStateLawUpdate,
  startLawEnforcementDelayUpdate,
  sendCeNoticeUpdate,
  startMailingUpdate,
} from '../contract/incident-messages.js';
import * as openpgp from 'openpgp';
import { ceNoticeContent } from '../activities/ce-notice.js';
import {
  draftNotice,
  recordedDatesOf,
  withDates,
  withRecordedDates,
  type DraftRequest,
  type NoticeDraft,
  type RecordedDates,
} from './notice-drafts.js';
import { RECORDED_DATES_CHANGED, recordedDatesKey } from '../contract/recorded-dates.js';
import { regulatorDraftFor, stateLawView, type StateLawView } from './regulator-drafts.js';
import { RegulatorDraftBody, type RegulatorDraft } from '../notices/regulator-drafts.js';
import { bulkNotificationProgressQuery, type BulkNotificationProgress } from '../contract/mailing-messages.js';
import { NoticeRenderer } from '../notices/render.js';
import { NoticeChecklistError } from '../notices/checklist.js';
import { organizationProfileFromEnv } from '../notices/organization.js';
import type {
  AcknowledgeRequest,
  AttachRosterRequest,
  ConfirmObligationRequest,
  DecideRequest,
  EndLawEnforcementDelayRequest,
  IncidentRole,
  IncidentSnapshot,
  LawEnforcementDelayRequest,
  CeNoticeRecord,
  MailingView,
  RecordFactsRequest,
  Recommendation,
  SendCeNoticeRequest,
  StartMailingRequest,
} from '../contract/incident-types.js';
import { setting } from '../config/index.js';

/**
 * The workflow id of an incident, built by security/opaque-id.ts (the one place ids are built). The
 * reference reaches Temporal in clear (ids cannot be encrypted), so it must be opaque: a ticket-like id
 * with a digit, never a name, SSN- or phone-shaped number, or e-mail. A refusal is the caller's
 * invalid_input, naming the field and the rule, never the value.
 */
export const incidentWorkflowId = (ref: string): string => {
  try {
    return buildIncidentWorkflowId(ref);
  } catch (err) {
    if (err instanceof OpaqueIdError) throw new IncidentError('invalid_input', err.message, [{ path: err.field, message: err.rule }]);
    throw err;
  }
};

const ABNORMAL_END = new Set(['TERMINATED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

export { IncidentError, type IncidentErrorCode } from './errors.js';

/**
 * The latest instant there is, for the client's check: the rules that compare with "now" (a discovery in
 * the future…) are the workflow's, on the workflow's clock (which a test server may have moved ahead of
 * this machine's); the client checks everything else, and the workflow's refusals come back with issues too.
 */
const END_OF_TIME = '9999-12-31T23:59:59Z';

/** Facts checked before they reach Temporal: invalid facts are the caller's error (invalid_input, with issues). */
function requireValidFacts(facts: unknown, where = 'facts'): void {
  const checked = validateFacts(facts, { now: END_OF_TIME });
  if (checked.ok) return;
  const issues = checked.issues.map((i) => ({ path: i.path === '(root)' ? where : `${where}.${i.path}`, message: i.message }));
  throw new IncidentError('invalid_input', `invalid ${where}: ${issues.map(formatIssue).join('; ')}`, issues);
}

/** The issues an InvalidFacts refusal carries (its first detail), or undefined. */
function issuesOf(failure: ApplicationFailure): ValidationIssue[] | undefined {
  const d = failure.details?.[0];
  if (!Array.isArray(d)) return undefined;
  const issues = d.filter(
    (i): i is ValidationIssue =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as ValidationIssue).path === 'string' &&
      typeof (i as ValidationIssue).message === 'string',
  );
  return issues.map((i) => ({ path: i.path === '(root)' ? 'facts' : `facts.${i.path}`, message: i.message }));
}

type WithOptionalRequestId<T extends { requestId: string }> = Omit<T, 'requestId'> & { requestId?: string };

export interface IncidentServiceOptions {
  client: Client;
  taskQueue: string;
  /** Checks notice content before a mailing starts (default: the organization profile from the environment). */
  renderer?: NoticeRenderer;
  /** Incidents continue-as-new past this many history events (default BREACH_HISTORY_EVENT_LIMIT; unset: the server's suggestion). */
  historyEventLimit?: number;
  /**
   * The user registry an owner must come from (issue 15 item 6): API-token users and the policy's
   * escalation chain. Absent (tests, the drill): any opaque user id. The person opening may always own it.
   */
  knownUser?: (userId: string) => boolean;
}

/** The request schema of the action that sends this update (contract/incident-actions.ts). */
const requestSchemaOf = (def: { name: string }) =>
  (INCIDENT_ACTIONS as readonly IncidentAction[]).find((a) => a.update?.name === def.name)?.request;

let renderer: NoticeRenderer | undefined;
const defaultRenderer = () => (renderer ??= new NoticeRenderer({ org: organizationProfileFromEnv() }));

async function translate<T>(ref: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // An update or signal to a closed incident: the server answers NOT_FOUND "workflow execution already completed",
    // which the client raises as WorkflowNotFoundError. The incident exists; it is closed.
    if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
      throw new IncidentError('refused', `incident "${ref}" is closed: no further actions are accepted`);
    }
    if (err instanceof WorkflowNotFoundError) throw new IncidentError('not_found', `no incident with ref "${ref}"`);
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && cause.type === 'InvalidFacts')
        throw new IncidentError('invalid_input', cause.message, issuesOf(cause));
      const message = cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(cause);
      // Issue 13 item 4: another action with an effect is running on the incident; trying again later works.
      if (cause instanceof ApplicationFailure && /^another action is in progress on this incident/.test(message))
        throw new IncidentError('conflict', message);
      throw new IncidentError('refused', message);
    }
    throw err;
  }
}

/** How many incidents' recorded dates the service keeps from its reads (start mailing's, issue 18 §3). */
const RECORDED_DATES_KEPT = 5_000;

export class IncidentService {
  private readonly historyEventLimit: number | undefined;
  /**
   * The notice dates each incident recorded, from this service's last read of it (status()), with the key of
   * what they were computed from (contract/recorded-dates.ts). Start mailing uses them instead of a query of
   * its own; the workflow refuses the mailing if the key is no longer its own, and the service then reads again.
   */
  private readonly datesRead = new Map<string, { key: string; dates: RecordedDates }>();
  constructor(private readonly opts: IncidentServiceOptions) {
    this.historyEventLimit = opts.historyEventLimit ?? setting('BREACH_HISTORY_EVENT_LIMIT');
  }

  private handle(ref: string) {
    return this.opts.client.workflow.getHandle<typeof incidentWorkflow>(incidentWorkflowId(ref));
  }

  /**
   * Opens an incident. Idempotent on the reference: opening the same ref again (a SIEM retrying its
   * webhook) returns the existing incident instead of a second one. Facts, when given, are checked first:
   * invalid facts are refused (invalid_input with issues) and nothing is started.
   *
   * `reopen`: a reference whose workflow was terminated, failed, cancelled or timed out may be opened
   * again, deliberately, as a new run of the same workflow id; the old run stays in Temporal's history
   * (WorkflowIdReusePolicy ALLOW_DUPLICATE_FAILED_ONLY). An incident that is still open, or that closed
   * normally, is never replaced: the answer is `created: false`. Without `reopen`, an answer of
   * `created: false` for a reference whose run ended abnormally says so (`previousRun`).
   */
  async open(input: {
    ref: string;
    openedBy: string;
    role: IncidentRole;
    owner?: string;
    facts?: unknown;
    reopen?: boolean;
  }): Promise<{ ref: string; workflowId: string; created: boolean; reopened?: boolean; previousRun?: string }> {
    const workflowId = incidentWorkflowId(input.ref);
    // The owner goes into a search attribute (indexed, in clear): a user id, never PHI-shaped.
    const ownerProblem = input.owner === undefined ? undefined : opaqueTokenProblem(input.owner);
    if (ownerProblem)
      throw new IncidentError('invalid_input', `owner: ${ownerProblem} (a user id; it is stored in clear as a search attribute)`);
    if (input.owner !== undefined && input.owner !== input.openedBy && this.opts.knownUser && !this.opts.knownUser(input.owner))
      throw new IncidentError(
        'invalid_input',
        "owner: not a known user id (owners come from the API users and the policy's escalation chain; the value is stored in clear as a search attribute)",
      );
    // Issue 13 item 3: too large for the engine (workflows/payload-limits.ts): the field and the limit.
    const oversized = input.facts !== undefined ? factsSizeProblems(input.facts) : [];
    if (oversized.length > 0) throw new IncidentError('invalid_input', oversized.join('; '));
    if (input.facts !== undefined) requireValidFacts(input.facts);
    // Read before the start, so the answer can say which abnormal end a reopening replaced.
    const before = input.reopen ? await this.latestRunStatus(workflowId) : undefined;
    try {
      await this.opts.client.workflow.start<typeof incidentWorkflow>('incidentWorkflow', {
        taskQueue: this.opts.taskQueue,
        workflowId,
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: input.reopen ? 'ALLOW_DUPLICATE_FAILED_ONLY' : 'REJECT_DUPLICATE',
        args: [
          {
            ref: input.ref,
            openedBy: input.openedBy,
            openedAt: new Date().toISOString(),
            role: input.role,
            ...(input.owner ? { owner: input.owner } : {}),
            ...(input.facts !== undefined ? { facts: input.facts } : {}),
            ...(this.historyEventLimit ? { historyEventLimit: this.historyEventLimit } : {}),
          },
        ],
      });
      return {
        ref: input.ref,
        workflowId,
        created: true,
        ...(before && ABNORMAL_END.has(before) ? { reopened: true, previousRun: before } : {}),
      };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const status = await this.latestRunStatus(workflowId);
      return { ref: input.ref, workflowId, created: false, ...(status && ABNORMAL_END.has(status) ? { previousRun: status } : {}) };
    }
  }

  /** The status of the latest run of a workflow id (RUNNING, COMPLETED, TERMINATED…), or undefined if there is none. */
  private async latestRunStatus(workflowId: string): Promise<string | undefined> {
    try {
      return (await this.opts.client.workflow.getHandle(workflowId).describe()).status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /**
   * Whether the incident's workflow is running, from the server alone (describe: no workflow task, unlike a
   * query). not_found for an unknown incident, refused for one that has ended. A running workflow may still
   * refuse an action (its stage can be closed while its last children finish): the update is the last word.
   */
  async requireRunning(ref: string, refusal: string): Promise<void> {
    const status = await translate(ref, () => this.handle(ref).describe()).then((d) => d.status.name);
    if (status !== 'RUNNING') throw new IncidentError('refused', `incident "${ref}" is closed: ${refusal}`);
  }

  async status(ref: string): Promise<IncidentSnapshot> {
    const state = await translate(ref, () => this.handle(ref).query(incidentStateQuery));
    this.rememberDates(ref, state);
    return state;
  }

  /** Keeps the incident's recorded notice dates (computed once per version of the facts; none without valid facts). */
  private rememberDates(ref: string, state: IncidentSnapshot): { key: string; dates: RecordedDates } | undefined {
    const key = recordedDatesKey(state.facts, state.rulesVersion);
    const known = this.datesRead.get(ref);
    if (known?.key === key) return known;
    this.datesRead.delete(ref);
    const dates = recordedDatesOf(state);
    if (!dates) return undefined;
    const entry = { key, dates };
    this.datesRead.set(ref, entry);
    if (this.datesRead.size > RECORDED_DATES_KEPT) this.datesRead.delete(this.datesRead.keys().next().value!);
    return entry;
  }

  /** Sends an update; the caller's request id makes a retry a no-op (one is generated when absent). */
  private update<Req extends { requestId: string }, Ret>(
    ref: string,
    def: UpdateDefinition<Ret, [Req]>,
    req: WithOptionalRequestId<Req>,
  ): Promise<Ret> {
    // Issue 13 item 3: sizes are checked here, before anything reaches Temporal (2 MB payload limit).
    const facts = (req as { facts?: unknown }).facts;
    const oversized =
      facts !== undefined ? factsSizeProblems(facts) : [requestSizeProblem(req)].filter((p): p is string => p !== undefined);
    if (oversized.length > 0) return Promise.reject(new IncidentError('invalid_input', oversized.join('; ')));
    const full = { ...req, requestId: req.requestId ?? randomUUID() } as Req;
    // The action's request schema (contract/incident-requests.ts): the caller's mistake is invalid_input
    // with every problem by field, before anything reaches Temporal (the workflow checks again).
    const checked = requestSchemaOf(def)?.safeParse(full);
    if (checked && !checked.success) {
      const issues = checked.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(request)', message: i.message }));
      return Promise.reject(new IncidentError('invalid_input', `invalid request: ${issues.map(formatIssue).join('; ')}`, issues));
    }
    return translate(ref, () => this.handle(ref).executeUpdate(def, { args: [full] }));
  }

  async recordFacts(ref: string, req: WithOptionalRequestId<RecordFactsRequest>): Promise<Recommendation> {
    // Checked by the workflow, under the incident's own rules edition and with its recorded holds: invalid
    // facts come back as InvalidFacts, which translate() turns into invalid_input with issues[].
    return this.update(ref, recordFactsUpdate, req);
  }

  decide(ref: string, req: WithOptionalRequestId<DecideRequest>) {
    return this.update(ref, decideUpdate, req);
  }

  hold(ref: string, req: WithOptionalRequestId<LawEnforcementDelayRequest>) {
    return this.update(ref, startLawEnforcementDelayUpdate, req);
  }

  release(ref: string, req: WithOptionalRequestId<EndLawEnforcementDelayRequest>) {
    return this.update(ref, endLawEnforcementDelayUpdate, req);
  }

  confirm(ref: string, req: WithOptionalRequestId<ConfirmObligationRequest>) {
    return this.update(ref, confirmObligationUpdate, req);
  }

  acknowledge(ref: string, req: WithOptionalRequestId<AcknowledgeRequest>) {
    return this.update(ref, acknowledgeUpdate, req);
  }

  /** Issue 16: "replan with current law" — `preview: true` returns the difference only; else it is applied and recorded. */
  replanStateLaw(ref: string, req: WithOptionalRequestId<ReplanStateLawRequest>): Promise<ReplanStateLawAnswer> {
    return this.update(ref, replanStateLawUpdate, { ...req, preview: req.preview ?? false });
  }

  /** Records an imported roster (id and counts only) on the incident. */
  attachRoster(ref: string, req: WithOptionalRequestId<AttachRosterRequest>) {
    return this.update(ref, attachRosterUpdate, req);
  }

  /**
   * Starts the mailing of an individual-notice obligation to an attached roster. The notice content is
   * checked here against 164.404(c) (fields, then the checklist on the content and the rendered
   * template) so a bad notice is refused with every missing element before anything starts; the mailing
   * checks it again in the worker before the first send.
   */
  async startMailing(ref: string, req: WithOptionalRequestId<StartMailingRequest>): Promise<MailingView> {
    // Issue 18 §3: the recorded dates come from this service's last read of the incident when it has one (the
    // console reads the incident before a person starts a mailing), else from a query; the workflow refuses the
    // mailing if the facts changed since (recordedDatesKey), and then they are read again, once.
    for (let attempt = 1; ; attempt++) {
      const known = attempt === 1 ? this.datesRead.get(ref) : undefined;
      const read = known ?? this.rememberDates(ref, await this.status(ref));
      const content = { ...withDates(req.content, read?.dates), incidentRef: ref };
      try {
        (this.opts.renderer ?? defaultRenderer()).prepareIndividual(content);
      } catch (err) {
        if (err instanceof NoticeChecklistError) throw new IncidentError('invalid_input', `content: ${err.message}`);
        throw err;
      }
      try {
        return await this.update(ref, startMailingUpdate, { ...req, content, ...(read ? { recordedDatesKey: read.key } : {}) });
      } catch (err) {
        const stale = err instanceof IncidentError && err.code === 'refused' && err.message === RECORDED_DATES_CHANGED;
        if (!stale || attempt > 1) throw err;
        this.datesRead.delete(ref);
      }
    }
  }

  /** A notice draft pre-filled from the recorded facts and the organization profile, checked against the rule. */
  async draft(ref: string, req: DraftRequest): Promise<NoticeDraft> {
    const state = await this.status(ref);
    const renderer = this.opts.renderer ?? defaultRenderer();
    return draftNotice(state, req, renderer.org, renderer);
  }

  /** The state obligations as the report computes them, and the regulator drafts on offer (issue 16). */
  async stateLaw(ref: string): Promise<StateLawView> {
    return stateLawView(await this.status(ref), new Date().toISOString());
  }

  /** A State regulator's notice pre-filled and checked against the pack's content list (issue 16). Changes nothing. */
  async regulatorDraft(ref: string, regulator: string, body: RegulatorDraftBody): Promise<RegulatorDraft> {
    const parsed = RegulatorDraftBody.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
      throw new IncidentError('invalid_input', `invalid body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
    return regulatorDraftFor(
      await this.status(ref),
      regulator,
      parsed.data,
      this.opts.renderer ?? defaultRenderer(),
      new Date().toISOString(),
    );
  }

  /**
   * A business associate's notice to a covered entity (164.410), with the roster as an OpenPGP-encrypted
   * attachment. The text is checked against 164.410(c) and the public key read before anything starts.
   */
  async sendCeNotice(ref: string, req: WithOptionalRequestId<SendCeNoticeRequest>): Promise<CeNoticeRecord> {
    if (req.recipientPublicKey) {
      const key = await openpgp.readKey({ armoredKey: req.recipientPublicKey }).catch(() => undefined);
      if (!key)
        throw new IncidentError(
          'invalid_input',
          'recipientPublicKey: not an armored OpenPGP public key ("-----BEGIN PGP PUBLIC KEY BLOCK-----")',
        );
      if (key.isPrivate())
        throw new IncidentError('invalid_input', "recipientPublicKey: this is a private key; give the covered entity's PUBLIC key");
    }
    const state = await this.status(ref);
    req = { ...req, incident: withRecordedDates(req.incident, state) };
    const recipient = state.obligations.find((o) => o.obligation.id === req.obligationId)?.obligation.recipient ?? 'the covered entity';
    const draft = ceNoticeContent(
      {
        incidentRef: ref,
        obligationId: req.obligationId,
        to: req.to,
        coveredEntity: { name: recipient, ...(req.contactName ? { contactName: req.contactName } : {}) },
        incident: { ...req.incident, incidentRef: ref },
        ...(req.pendingInformation ? { pendingInformation: req.pendingInformation } : {}),
        ...(req.passphraseChannel ? { passphraseChannel: req.passphraseChannel } : {}),
        ...(req.identitiesExpectedBy ? { identitiesExpectedBy: req.identitiesExpectedBy } : {}),
      },
      req.rosterId ? { fileName: `roster-${ref}.csv.pgp`, rows: 1, passphrase: !req.recipientPublicKey } : undefined,
    );
    try {
      (this.opts.renderer ?? defaultRenderer()).ceNotice(draft);
    } catch (err) {
      if (err instanceof NoticeChecklistError) throw new IncidentError('invalid_input', err.message);
      throw err;
    }
    return this.update(ref, sendCeNoticeUpdate, req);
  }

  /**
   * Where the latest mailing of an obligation stands: the incident's record of it, plus the bulk
   * workflow's live progress while it runs (sent, printed, bounced, failed, pending, substitute-needed).
   */
  async mailingProgress(ref: string, obligationId: string): Promise<{ mailing: MailingView; progress?: BulkNotificationProgress }> {
    const state = await this.status(ref);
    const mailing = [...(state.mailings ?? [])].reverse().find((m) => m.obligationId === obligationId);
    if (!mailing) throw new IncidentError('not_found', `no mailing of "${obligationId}" on incident "${ref}"`);
    try {
      const progress = await this.opts.client.workflow.getHandle(mailing.bulkWorkflowId).query(bulkNotificationProgressQuery);
      return { mailing, progress };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { mailing }; // not started yet, or already cleaned up by retention
      throw err;
    }
  }

  /** Waits for the incident workflow to finish and returns its final record. */
  result(ref: string): Promise<IncidentSnapshot> {
    return translate(ref, () => this.handle(ref).result());
  }
}
