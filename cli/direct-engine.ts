/**
 * `--direct`: the CLI acts on Temporal itself, for an operator (the API down, a migration, a repair).
 *
 * Who may: a credential with the admin role, checked here against the engine's own token configuration
 * (BREACH_API_TOKENS / BREACH_API_TOKENS_FILE, hashed, with expiry; or, for the embedded engine, the local
 * operator token `npm start` wrote in the data directory). Actions are recorded under that credential's
 * user id — there is no `--as`. Break-glass credentials are refused here (they need the API, which audits
 * them and tells the privacy officer).
 *
 * This check keeps honest operators honest and attributes what they do; it is not the security boundary.
 * Whoever holds Temporal access can write their own client, so the boundary for direct access is
 * Temporal's (mTLS / API keys of the cluster, TEMPORAL_* settings), held by operators only — the embedded
 * dev server of `npm start` has none (see the README: a shared host needs a cluster with mTLS).
 */
import { processEnv } from '../config/env.js';
import fs from 'node:fs';
import path from 'node:path';
import { TokenStore, type Principal } from '../security/api-tokens.js';
import { connectToEngine, cliTimeoutMs, withEngineDeadline } from '../service/engine-connection.js';
import { IncidentError } from '../service/errors.js';
import { CredentialError, ForbiddenError } from './exit-codes.js';
import { dataDir, NO_TOKEN_MESSAGE, resolveToken } from './credentials.js';
import type { EngineAccess, ReportFormat } from './engine-access.js';

/** The admin principal the credential stands for, or why not. */
export function operatorPrincipal(env: NodeJS.ProcessEnv = processEnv(), now = new Date()): Principal {
  const token = resolveToken(env);
  if (!token) throw new CredentialError(`--direct: ${NO_TOKEN_MESSAGE(env)}`);
  let store = TokenStore.fromEnv(env);
  if (!store) {
    const local = path.join(dataDir(env), 'api-token.txt');
    if (!fs.existsSync(local))
      throw new CredentialError(
        "--direct: no token configuration to check the credential against (BREACH_API_TOKENS or BREACH_API_TOKENS_FILE, or the local engine's data directory)",
      );
    store = new TokenStore([{ userId: 'local-admin', role: 'admin', token: fs.readFileSync(local, 'utf8').trim() }]);
  }
  const checked = store.check(token, now);
  if ('problem' in checked) throw new CredentialError(`--direct: ${checked.problem}`);
  if (checked.principal.role !== 'admin')
    throw new ForbiddenError(`--direct is for operators: role ${checked.principal.role} acts through the API (leave out --direct)`);
  if (checked.principal.emergency)
    throw new ForbiddenError('--direct: a break-glass credential acts through the API only (where every use is audited and reported)');
  return checked.principal;
}

export async function connectDirect(env: NodeJS.ProcessEnv = processEnv()): Promise<EngineAccess> {
  const principal = operatorPrincipal(env);
  const by = principal.userId;
  const engine = await connectToEngine({ timeoutMs: Math.min(cliTimeoutMs(env), 5000) });
  const { service, client, connection } = engine;
  const within = <T>(fn: () => Promise<T>, timeoutMs = cliTimeoutMs(env)) => withEngineDeadline(connection, timeoutMs, fn);
  return {
    whoAmI: () => Promise.resolve({ userId: principal.userId, role: principal.role }),
    open: (b) => within(() => service.open({ ...b, openedBy: by })),
    recordFacts: (ref, b) => within(() => service.recordFacts(ref, { ...b, by })),
    decide: (ref, b) => within(() => service.decide(ref, { ...b, by })),
    hold: (ref, b) => within(() => service.hold(ref, { ...b, by })),
    release: (ref, b) => within(() => service.release(ref, { ...b, by })),
    confirm: (ref, obligationId, b) => within(() => service.confirm(ref, { ...b, evidence: b.evidence as never, obligationId, by })),
    acknowledge: (ref, b) => within(() => service.acknowledge(ref, { ...b, by })),
    replanStateLaw: (ref, b) => within(() => service.replanStateLaw(ref, { ...b, by })),
    status: (ref) => within(() => service.status(ref)),
    list: (filters) =>
      within(async () => {
        const [{ ListFilters, listIncidents }, { readPolicyFile }] = await Promise.all([
          import('../service/incident-list.js'),
          import('../activities/load-policy.js'),
        ]);
        const parsed = ListFilters.safeParse(filters);
        if (!parsed.success)
          throw new IncidentError(
            'invalid_input',
            'invalid list filters',
            parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
          );
        return listIncidents(client, parsed.data, { timeZone: readPolicyFile(env.BREACH_POLICY_FILE).timeZone });
      }),
    report: (ref, format) => within(() => localReport(engine, ref, format)),
    importRoster: async (ref, csv, q) => {
      if (!env.DATABASE_URL)
        throw new IncidentError(
          'invalid_input',
          '--direct roster import needs DATABASE_URL (the embedded database belongs to the running engine: import through its API instead)',
        );
      const { importRosterForIncident, rosterImporter } = await import('../service/roster-import.js');
      return importRosterForIncident({ service, importer: rosterImporter(dataDir(env)), ref, csv, by, ...q });
    },
    startMailing: (ref, obligationId, b) => within(() => service.startMailing(ref, { ...b, obligationId, by })),
    mailingProgress: (ref, obligationId) => within(() => service.mailingProgress(ref, obligationId)),
    sendCeNotice: (ref, obligationId, b) =>
      within(() => service.sendCeNotice(ref, { ...(b as object), obligationId, by } as never), Math.max(cliTimeoutMs(env), 12 * 60_000)),
    draft: (ref, kind, b, state) =>
      within(() => service.draft(ref, { kind: kind as never, content: b.content, ...(state ? { state } : {}) })),
    regulatorDraft: (ref, regulator, b) => within(() => service.regulatorDraft(ref, regulator, b)),
    close: () => engine.close(),
  };
}

/** The report rendered here, as the API would (signed with the engine's key when this machine holds it). */
async function localReport(engine: Awaited<ReturnType<typeof connectToEngine>>, ref: string, format: ReportFormat): Promise<Buffer> {
  const [{ buildEvidenceBundle }, { localEvidenceSigner }, { summarizeHistory }, { incidentWorkflowId }, reports] = await Promise.all([
    import('../evidence/evidence-bundle.js'),
    import('./verify-command.js'),
    import('../service/incident-history.js'),
    import('../service/incident-service.js'),
    import('../reports/incident-report.js'),
  ]);
  const state = await engine.service.status(ref);
  const built = buildEvidenceBundle(state, new Date().toISOString());
  const signer = localEvidenceSigner();
  if (!signer && format === 'evidence')
    console.error(
      'note: no evidence signing key here (BREACH_EVIDENCE_SIGNING_KEY_FILE or the engine data directory): this bundle is unsigned',
    );
  const bundle = signer ? signer.sign(built) : built;
  if (format === 'evidence') return Buffer.from(JSON.stringify(bundle, null, 2));
  const history = await summarizeHistory(engine.client, incidentWorkflowId(ref));
  if (format === 'pdf') return reports.renderReportPdf(state, bundle, history);
  return Buffer.from(
    format === 'html' ? reports.renderReportHtml(state, bundle, history) : reports.renderReportMarkdown(state, bundle, history),
  );
}
