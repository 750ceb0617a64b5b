import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as messages from '../../contract/incident-messages.js';
import { INCIDENT_ACTIONS, permissionsOf, type IncidentAction } from '../../contract/incident-actions.js';
import { USER_ROLES, type UserRole } from '../../contract/vocabulary.js';
import { openApiDocument } from '../../api/openapi-document.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { IncidentError } from '../../service/incident-service.js';
import { Command } from 'commander';
import { registerIncidentCommands } from '../../cli/incident-commands.js';
import { registerRosterCommands } from '../../cli/roster-commands.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const actions = INCIDENT_ACTIONS as readonly IncidentAction[];
const TOKEN: Record<UserRole, string> = {
  responder: 'tok-contract-responder-0123456789',
  privacy_officer: 'tok-contract-privacy-0123456789',
  legal: 'tok-contract-legal-0123456789',
  admin: 'tok-contract-admin-0123456789',
};

describe('the contract: one definition per action', () => {
  it('every update of the incident workflow has exactly one action, and every action update is one of them', () => {
    const updates = Object.values(messages).filter(
      (v): v is typeof messages.decideUpdate => typeof v === 'object' && v !== null && (v as { type?: string }).type === 'update',
    );
    expect(updates.length).toBeGreaterThanOrEqual(9);
    for (const u of updates)
      expect(
        actions.filter((a) => a.update === u).map((a) => a.name),
        u.name,
      ).toHaveLength(1);
    for (const a of actions.filter((x) => x.update)) expect(updates, a.name).toContain(a.update);
    // Every action with an update carries the schema of that update's argument.
    for (const a of actions.filter((x) => x.update)) expect(a.request, a.name).toBeDefined();
  });

  it('names, CLI commands and (method, path) pairs are unique', () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length);
    unique(actions.map((a) => a.name));
    unique(actions.flatMap((a) => [a.cli, a.afterDecision?.cli]).filter((c): c is string => Boolean(c)));
    unique(actions.map((a) => `${a.http.method} ${a.http.path}`));
  });

  it('the OpenAPI document has a path and method for every action and nothing else', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; description: string }>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(actions.map((a) => `${a.http.method} ${a.http.path}`).sort());
    for (const a of actions) {
      const op = doc.paths[a.http.path]![a.http.method.toLowerCase()]!;
      expect(op.operationId).toBe(a.name);
      expect(op.description).toContain(`Roles: ${a.roles.join(', ')}`);
    }
  });

  it("every action's CLI command is a command of `breach`", () => {
    const program = new Command('breach');
    registerIncidentCommands(program);
    registerRosterCommands(program);
    const find = (words: string[], cmds: readonly Command[]): Command | undefined => {
      const [first, ...rest] = words;
      const c = cmds.find((x) => x.name() === first);
      return c && rest.length ? find(rest, c.commands) : c;
    };
    for (const cli of actions.flatMap((a) => [a.cli, a.afterDecision?.cli]).filter((c): c is string => Boolean(c))) {
      expect(find(cli.split(' '), program.commands), `breach ${cli}`).toBeDefined();
    }
  });

  it('the console has no permission table of its own: no role names, no copy of the table', () => {
    const files = fs.readdirSync(path.join(root, 'console'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = fs.readFileSync(path.join(root, 'console', f), 'utf8');
      for (const role of USER_ROLES)
        expect(text, `${f} names the role ${role}`).not.toMatch(new RegExp(`['"\`]${role}['"\`]|\\b${role}\\s*:`));
      expect(text, f).not.toMatch(/canDo\s*\(\s*me\.role/);
    }
  });
});

describe('every route checks the roles of its action (real API, dev server)', () => {
  let engine: EngineUnderTest;
  let api: FastifyInstance;
  let ref: string;
  beforeAll(async () => {
    engine = await startEngineUnderTest({ server: 'dev', name: 'contract' });
    api = buildHttpApi({
      service: engine.service,
      client: engine.env.client,
      tokens: new TokenStore(USER_ROLES.map((role) => ({ userId: `${role.replace('_', '-')}-user`, role, token: TOKEN[role] }))),
      accessLog: () => undefined,
      console: false,
    });
    await api.ready();
    ref = `CONTRACT-${Date.now()}`;
    const opened = await call('POST', '/incidents', TOKEN.responder, { ref, role: 'covered_entity' });
    expect(opened.statusCode, opened.body).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await engine?.stop();
  });

  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    api.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const urlOf = (a: IncidentAction, r: string) =>
    a.http.path.replace('{ref}', r).replace('{obligationId}', 'hhs_notice').replace('{kind}', 'hhs_portal').replace('{regulator}', 'TX-AG');
  // A body every action refuses (strict schemas): an allowed caller gets 400 (or 415 for the CSV roster),
  // never a change, so the matrix leaves the incident as it was.
  const bogus = { bogusField: 1 };
  // Well-formed bodies: what a caller who may not act would send to probe which references exist.
  const WELL_FORMED: Record<string, unknown> = {
    open: { ref: 'CONTRACT-PROBE-1', role: 'covered_entity' },
    recordFacts: { facts: {} },
    decide: { reportable: true },
    startLawEnforcementDelay: {
      statement: { kind: 'oral', official: 'Det. Synthetic', agency: 'Synthetic PD', receivedAt: '2026-01-01T00:00:00Z' },
    },
    endLawEnforcementDelay: {},
    confirmObligation: { evidence: { method: 'email' } },
    acknowledge: {},
    startMailing: { rosterId: 'R-0001', content: {} },
    sendCeNotice: { to: 'ce@example.test', incident: {} },
    draft: { content: {} },
    regulatorDraft: {},
  };

  it('each action with each role: 403 exactly for the roles the action does not list, before the body is read', async () => {
    const seen: string[] = [];
    for (const a of actions) {
      for (const role of USER_ROLES) {
        const r = await call(a.http.method, urlOf(a, ref), TOKEN[role], a.http.method === 'POST' ? bogus : undefined);
        const allowed = a.roles.includes(role);
        seen.push(`${a.name}/${role}: ${r.statusCode}`);
        if (allowed) expect(r.statusCode, `${a.name} as ${role}: ${r.body}`).not.toBe(403);
        else {
          expect(r.statusCode, `${a.name} as ${role}: ${r.body}`).toBe(403);
          expect(r.json<{ error: string }>().error).toContain(`role ${role} may not ${a.name}`);
        }
        if (allowed && a.http.method === 'POST') expect([400, 415], `${a.name} as ${role}: ${r.body}`).toContain(r.statusCode);
      }
    }
    expect(seen).toHaveLength(actions.length * USER_ROLES.length);
  }, 120_000);

  it('authorization comes before any lookup: the same answer for a known and an unknown reference, on every route', async () => {
    const unknown = 'CONTRACT-NOPE-000';
    for (const a of actions.filter((x) => x.http.path.includes('{ref}'))) {
      const answers = async (token?: string, body?: unknown) => {
        const [known, missing] = await Promise.all([
          call(a.http.method, urlOf(a, ref), token, body),
          call(a.http.method, urlOf(a, unknown), token, body),
        ]);
        expect([known.statusCode, known.json()], `${a.name}`).toEqual([missing.statusCode, missing.json()]);
        return known.statusCode;
      };
      // No token: 401 whether the incident exists or not, whatever the body.
      expect(await answers(undefined, a.http.method === 'POST' ? (WELL_FORMED[a.name] ?? {}) : undefined), a.name).toBe(401);
      // A role the action does not list: 403 for both, with a well-formed body (POST .../facts looked the incident up first).
      for (const role of USER_ROLES.filter((r) => !a.roles.includes(r))) {
        const body = a.http.method === 'POST' ? (WELL_FORMED[a.name] ?? {}) : undefined;
        if (a.http.body && a.http.body !== 'csv')
          expect(a.http.body.safeParse(body).success, `${a.name}: the probe body is well-formed`).toBe(true);
        expect(await answers(TOKEN[role], body), `${a.name} as ${role}`).toBe(403);
      }
    }
  }, 120_000);

  it('after the decision, recording facts is a correction: only the correction roles may, with a reason', async () => {
    const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { OR: 30 } } });
    const assessed = await call('POST', `/incidents/${ref}/facts`, TOKEN.responder, { facts });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect((await call('POST', `/incidents/${ref}/decision`, TOKEN.privacy_officer, { reportable: true })).statusCode).toBe(200);
    const corrected = { ...facts, affected: { byJurisdiction: { OR: 31 } } };
    const facts_ = actions.find((a) => a.afterDecision)!;
    for (const role of USER_ROLES) {
      const r = await call('POST', `/incidents/${ref}/facts`, TOKEN[role], { facts: corrected, reason: `one more record found (${role})` });
      if (facts_.afterDecision!.roles.includes(role)) expect(r.statusCode, `${role}: ${r.body}`).toBe(200);
      else expect(r.statusCode, `${role}: ${r.body}`).toBe(403);
    }
  }, 120_000);

  it('GET /me answers the user id, the role and the actions that role may take (what the console shows)', async () => {
    for (const role of USER_ROLES) {
      const me = (await call('GET', '/me', TOKEN[role])).json<{ userId: string; role: string; actions: string[] }>();
      expect(me).toMatchObject({ userId: `${role.replace('_', '-')}-user`, role, actions: permissionsOf(role) });
    }
    const po = (await call('GET', '/me', TOKEN.privacy_officer)).json<{ actions: string[] }>().actions;
    expect(po).toEqual(expect.arrayContaining(['decide', 'correctFacts', 'startMailing', 'report']));
    expect((await call('GET', '/me', TOKEN.legal)).json<{ actions: string[] }>().actions).not.toContain('recordFacts');
  });

  it("the service checks each update request with its action's schema before Temporal: invalid_input naming the field (the CLI's exit 2)", async () => {
    const cases = [
      [
        () => engine.service.confirm(ref, { obligationId: 'hhs_notice', by: 'rita', evidence: { method: 'carrier_pigeon' as 'email' } }),
        'evidence.method',
      ],
      [
        () =>
          engine.service.hold(ref, {
            by: 'pat',
            statement: { kind: 'oral', official: 'Det. Synthetic', agency: 'Synthetic PD', receivedAt: 'yesterday' },
          }),
        'statement.receivedAt',
      ],
      [() => engine.service.decide(ref, { by: 'pat', reportable: 'yes' as unknown as boolean }), 'reportable'],
    ] as const;
    for (const [fn, field] of cases) {
      const err = await fn().catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(IncidentError);
      expect((err as IncidentError).code, field).toBe('invalid_input');
      expect(
        (err as IncidentError).issues?.map((i) => i.path),
        field,
      ).toContain(field);
    }
  });

  it('PHI-shaped references are refused at the API (path and list filter) and by the service the CLI uses, naming the rule, never the value', async () => {
    for (const bad of ['123-45-6789', 'Jane.Doe-7', 'MRN-0042', '555-123-4567', '1980-04-12']) {
      const r = await call('GET', `/incidents/${bad}`, TOKEN.legal);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json<{ issues: { path: string }[] }>().issues[0]!.path).toBe('path.ref');
      expect(r.body).not.toContain(bad);
      const listed = await call('GET', `/incidents?ref=${bad}`, TOKEN.legal);
      expect(listed.statusCode, bad).toBe(400);
      expect(listed.body).not.toContain(bad);
      const opened = await call('POST', '/incidents', TOKEN.responder, { ref: bad, role: 'covered_entity' });
      expect(opened.statusCode, bad).toBe(400);
      const err = await engine.service.status(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IncidentError);
      expect((err as IncidentError).code).toBe('invalid_input');
      expect((err as IncidentError).message).not.toContain(bad);
    }
  });
});
