/**
 * The team's API and web console pointed at a drill (issue 19 item 1): the production HTTP API
 * (api/http-api.ts) on 127.0.0.1, built on the drill engine's own service, client, roster store and
 * evidence key, with the drill routes (GET /drill: the console's DRILL banner; the facilitator's
 * advance and score for the admin role) and DRILL marks on the evidence bundle and the counsel report.
 * Tokens are made for this drill only (a facilitator with the admin role and a team privacy officer);
 * every call goes to the drill's own audit log.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildHttpApi } from '../api/http-api.js';
import { TokenStore } from '../security/api-tokens.js';
import { AuditLog, loadAuditKey } from '../security/audit-log.js';
import type { DrillEngine } from './drill-engine.js';
import type { DrillSession } from './run-drill.js';
import { drillApi } from './drill-control.js';

export interface DrillApiServer {
  url: string;
  /** The console's address. */
  consoleUrl: string;
  /** The facilitator's token (role admin) and the team's (role privacy_officer); valid for this drill only. */
  tokens: { facilitator: string; team: string };
  auditFile: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function serveDrillApi(
  engine: DrillEngine,
  session: DrillSession,
  opts: { team?: string; port?: number; tokens?: { facilitator: string; team: string } } = {},
): Promise<DrillApiServer> {
  const tokens = opts.tokens ?? {
    facilitator: `drill-${crypto.randomBytes(18).toString('base64url')}`,
    team: `drill-${crypto.randomBytes(18).toString('base64url')}`,
  };
  const auditFile = path.join(engine.dataDir, 'audit.log');
  // The drill's own audit key (in its data directory): BREACH_AUDIT_KEY_FILE is a production setting.
  const audit = AuditLog.open(auditFile, loadAuditKey(engine.dataDir, {}));
  const app = buildHttpApi({
    service: engine.service,
    client: engine.env.client,
    tokens: new TokenStore([
      { userId: 'drill-facilitator', role: 'admin', token: tokens.facilitator },
      { userId: 'drill-team', role: 'privacy_officer', token: tokens.team },
    ]),
    rosters: engine.rosters,
    evidenceSigner: engine.evidenceSigner(),
    accessLog: () => undefined,
    audit,
    drill: drillApi(session, { ...(opts.team ? { team: opts.team } : {}) }),
  });
  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { url, consoleUrl: `${url}/console/`, tokens, auditFile, app, close: () => app.close() };
}
