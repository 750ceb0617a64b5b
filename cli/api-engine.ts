/**
 * The CLI as a client of the engine's HTTP API: every incident command is one request with the caller's
 * own credential (Authorization: Bearer). The API authenticates, authorizes by role, validates the body
 * with the contract's schemas and records the acting user from the credential; errors come back as
 * statuses and become the CLI's exit codes (cli/exit-codes.ts).
 */
import type { ReplanStateLawAnswer } from '../contract/state-obligations.js';
import { processEnv } from '../config/env.js';
import { errorFromHttp } from './exit-codes.js';
import { NO_TOKEN_MESSAGE, resolveToken } from './credentials.js';
import type { EngineAccess, MailingStatus, OpenResult, ReportFormat } from './engine-access.js';
import { ACTION_ROUTES, type ActionName } from './action-routes.js';
import type { CeNoticeRecord, IncidentSnapshot, MailingView, Recommendation } from '../contract/incident-types.js';
import type { IncidentListItem } from '../service/incident-list.js';
import type { RosterImportReport } from '../service/roster-import.js';
import type { NoticeDraft } from '../service/notice-drafts.js';
import type { RegulatorDraft, RegulatorDraftBody } from '../notices/regulator-drafts.js';

/** How long a command may wait for the engine (BREACH_CLI_TIMEOUT_SECONDS, default 30). */
export function cliTimeoutMs(env: NodeJS.ProcessEnv = processEnv()): number {
  const seconds = Number(env.BREACH_CLI_TIMEOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

type Params = { ref?: string; obligationId?: string; kind?: string; regulator?: string };
interface Call {
  params?: Params;
  query?: Record<string, string | undefined>;
  json?: unknown;
  csv?: Buffer;
  /** false: no deadline (a large upload); otherwise ms. Default: the CLI's timeout. */
  timeoutMs?: number | false;
  raw?: boolean;
}

export class ApiEngine implements EngineAccess {
  private readonly token: string | undefined;
  constructor(private readonly opts: { baseUrl: string; token?: string; env?: NodeJS.ProcessEnv }) {
    this.token = opts.token ?? resolveToken(opts.env);
  }

  private async call(action: ActionName, c: Call = {}): Promise<unknown> {
    if (!this.token) throw new Error(NO_TOKEN_MESSAGE(this.opts.env));
    const route = ACTION_ROUTES[action];
    const pathname = route.path.replace(/\{(\w+)\}/g, (_, name: keyof Params) => {
      const v = c.params?.[name];
      if (v === undefined) throw new Error(`internal: ${action} needs ${name}`);
      return encodeURIComponent(v);
    });
    let url: URL;
    try {
      url = new URL(pathname, this.opts.baseUrl);
    } catch {
      throw new Error(`BREACH_API_URL / --api-url: not a URL (e.g. http://127.0.0.1:8080)`);
    }
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const timeoutMs = c.timeoutMs === undefined ? cliTimeoutMs(this.opts.env) : c.timeoutMs;
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (c.json !== undefined) headers['content-type'] = 'application/json';
    if (c.csv) headers['content-type'] = 'text/csv';
    const reason = (this.opts.env ?? processEnv()).BREACH_BREAK_GLASS_REASON;
    if (reason) headers['x-break-glass-reason'] = reason;
    let res: Response;
    try {
      res = await fetch(url, {
        method: route.method,
        headers,
        ...(c.json !== undefined
          ? { body: JSON.stringify(c.json) }
          : c.csv
            ? { body: new Uint8Array(c.csv.buffer as ArrayBuffer, c.csv.byteOffset, c.csv.byteLength) }
            : {}),
        ...(timeoutMs === false ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new Error(
          `the engine did not answer within ${Math.round((timeoutMs || 0) / 1000)} s (BREACH_CLI_TIMEOUT_SECONDS): is \`npm start\` (its worker) running? Nothing is known to have been done; an action may still take effect once the engine answers (repeat it with the same --request-id)`,
          { cause: err },
        );
      }
      throw new Error(
        `cannot reach the engine's HTTP API at ${url.origin} (${(e.cause as Error | undefined)?.message ?? e.message}): is \`npm start\` running, or BREACH_API_URL right?`,
        { cause: err },
      );
    }
    if (res.ok && c.raw) return Buffer.from(await res.arrayBuffer());
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: text.slice(0, 200) };
    }
    if (!res.ok) throw errorFromHttp(res.status, body as { error?: string });
    return body;
  }

  async whoAmI() {
    return (await this.call('me')) as { userId: string; role: string };
  }
  async open(body: Parameters<EngineAccess['open']>[0]) {
    return (await this.call('open', { json: body })) as OpenResult;
  }
  async recordFacts(ref: string, body: Parameters<EngineAccess['recordFacts']>[1]) {
    return (await this.call('recordFacts', { params: { ref }, json: body })) as Recommendation;
  }
  decide(ref: string, body: Parameters<EngineAccess['decide']>[1]) {
    return this.call('decide', { params: { ref }, json: body });
  }
  hold(ref: string, body: Parameters<EngineAccess['hold']>[1]) {
    return this.call('startLawEnforcementDelay', { params: { ref }, json: body });
  }
  release(ref: string, body: Parameters<EngineAccess['release']>[1]) {
    return this.call('endLawEnforcementDelay', { params: { ref }, json: body });
  }
  confirm(ref: string, obligationId: string, body: Parameters<EngineAccess['confirm']>[2]) {
    return this.call('confirmObligation', { params: { ref, obligationId }, json: body });
  }
  acknowledge(ref: string, body: Parameters<EngineAccess['acknowledge']>[1]) {
    return this.call('acknowledge', { params: { ref }, json: body });
  }
  async replanStateLaw(ref: string, body: Parameters<EngineAccess['replanStateLaw']>[1]) {
    return (await this.call('replanStateLaw', { params: { ref }, json: body })) as ReplanStateLawAnswer;
  }
  async status(ref: string) {
    return (await this.call('status', { params: { ref } })) as IncidentSnapshot;
  }
  async list(filters: Record<string, string>) {
    return ((await this.call('list', { query: filters })) as { incidents: IncidentListItem[] }).incidents;
  }
  async report(ref: string, format: ReportFormat) {
    const r = await this.call('report', { params: { ref }, query: { format }, raw: true });
    return r instanceof Buffer ? r : Buffer.from(JSON.stringify(r));
  }
  async importRoster(ref: string, csv: Buffer, query: { rosterId?: string; requestId?: string }) {
    return (await this.call('attachRoster', { params: { ref }, csv, query, timeoutMs: false })) as RosterImportReport;
  }
  async startMailing(ref: string, obligationId: string, body: Parameters<EngineAccess['startMailing']>[2]) {
    return (await this.call('startMailing', { params: { ref, obligationId }, json: body })) as MailingView;
  }
  async mailingProgress(ref: string, obligationId: string) {
    return (await this.call('mailingProgress', { params: { ref, obligationId } })) as MailingStatus;
  }
  async sendCeNotice(ref: string, obligationId: string, body: Record<string, unknown>) {
    // The sending activity may take up to 10 minutes.
    return (await this.call('sendCeNotice', {
      params: { ref, obligationId },
      json: body,
      timeoutMs: Math.max(cliTimeoutMs(this.opts.env), 12 * 60_000),
    })) as CeNoticeRecord;
  }
  async draft(ref: string, kind: string, body: { content: Record<string, unknown> }, state?: string) {
    return (await this.call('draft', { params: { ref, kind }, json: body, query: { state } })) as NoticeDraft;
  }
  async regulatorDraft(ref: string, regulator: string, body: RegulatorDraftBody) {
    return (await this.call('regulatorDraft', { params: { ref, regulator }, json: body })) as RegulatorDraft;
  }
  async close() {}
}
