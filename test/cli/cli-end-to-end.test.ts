import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TEST_KEY_SET } from '../harness/test-keys.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import { rosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases } from '../../roster/database.js';
import { loadEvidenceSigner } from '../../security/evidence-signing.js';
import type { FastifyInstance } from 'fastify';

const root = fileURLToPath(new URL('../..', import.meta.url));
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let tmp: string;
let app: FastifyInstance;
let apiUrl: string;

// Each person has their own credential; the CLI acts as whoever the token says.
const T = { responder: 'cli-responder-token-0123456789', po: 'cli-privacy-officer-token-0123456789', admin: 'cli-admin-token-0123456789' };
const TOKENS = [
  { userId: 'rita.responder', role: 'responder' as const, token: T.responder },
  { userId: 'pat.privacy', role: 'privacy_officer' as const, token: T.po },
  { userId: 'oscar.operator', role: 'admin' as const, token: T.admin },
];

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'cli' });
  ({ env, taskQueue, dataDir: tmp } = engine);
  // The engine's API as `npm start` serves it: tokens, the roster database, the evidence signing key.
  app = buildHttpApi({
    service: engine.service,
    client: env.client,
    tokens: new TokenStore(TOKENS),
    rosters: rosterImporter(engine.dataDir),
    evidenceSigner: loadEvidenceSigner(engine.dataDir),
    accessLog: () => undefined,
  });
  apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await engine?.stop();
  await closeSharedDatabases();
});

type Run = { code: number | null; stdout: string; stderr: string };
/** The CLI from its sources, as `token` (default: the privacy officer), against the API (or Temporal with --direct). */
function breach(
  args: string[],
  opts: { input?: string; token?: string | null; bin?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const token = opts.token === undefined ? T.po : opts.token;
    const child = spawn(process.execPath, [...(opts.bin ?? ['--import', 'tsx', 'cli/cli.ts']), ...args], {
      cwd: root,
      env: {
        ...process.env,
        BREACH_API_URL: apiUrl,
        ...(token ? { BREACH_API_TOKEN: token } : {}),
        // --direct only: Temporal, and the engine's token configuration to check the operator against.
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: 'default',
        BREACH_TASK_QUEUE: taskQueue,
        BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
        BREACH_API_TOKENS: JSON.stringify(TOKENS),
        BREACH_DATA_DIR: tmp,
        ...opts.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(opts.input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('breach CLI through the HTTP API (dev server)', () => {
  it('open → assess → decide → confirm every notice → closed, with exit codes scripts can rely on', async () => {
    const ref = `CLI-${Date.now()}`;
    const factsFile = path.join(tmp, 'facts.json');
    fs.writeFileSync(
      factsFile,
      JSON.stringify(coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { WA: 12 } } })),
    );

    const asResponder = { token: T.responder };
    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity'], asResponder)).stdout).toContain(`opened incident ${ref}`);
    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity'], asResponder)).stdout).toContain('already open');
    const assess = await breach(['assess', ref, '--facts', '-'], { ...asResponder, input: fs.readFileSync(factsFile, 'utf8') });
    expect(assess.code, assess.stderr).toBe(0);
    expect(assess.stdout).toMatch(/recommendation: REPORTABLE/);

    // 164.312(a): the responder's credential cannot decide (refused, exit 4), whatever the command line says.
    const notAllowed = await breach(['decide', ref, '--reportable'], asResponder);
    expect(notAllowed.code, notAllowed.stderr).toBe(4);
    expect(notAllowed.stderr).toMatch(/role responder may not decide/);
    // --as is gone: refused with the reason, nothing recorded.
    const impersonate = await breach(['decide', ref, '--reportable', '--as', 'pat.privacy'], asResponder);
    expect(impersonate.code).toBe(2);
    expect(impersonate.stderr).toMatch(/--as: no longer accepted/);
    expect((JSON.parse((await breach(['status', ref, '--json'])).stdout) as { decision?: unknown }).decision).toBeUndefined();
    expect((await breach(['whoami'], asResponder)).stdout.trim()).toBe('rita.responder (responder)');

    const refused = await breach(['decide', ref, '--not-reportable']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/justification: (is )?required/);
    expect((await breach(['decide', ref, '--reportable'])).code).toBe(0);
    // Recorded under the credential's user, by the API.
    const decided = JSON.parse((await breach(['status', ref, '--json'], asResponder)).stdout) as {
      decision: { by: string };
      factsVersions: { by: string }[];
    };
    expect(decided.decision.by).toBe('pat.privacy');
    expect(decided.factsVersions.at(-1)!.by).toBe('rita.responder');

    const status = JSON.parse((await breach(['status', ref, '--json'])).stdout) as {
      stage: string;
      obligations: { obligation: { id: string } }[];
    };
    expect(status.obligations.length).toBeGreaterThan(0);
    expect(status.stage).toBe('notification');
    for (const o of status.obligations) {
      const r = await breach([
        'confirm',
        ref,
        '--obligation',
        o.obligation.id,
        '--method',
        o.obligation.id === 'hhs_annual_log' ? 'hhs_portal' : 'first_class_mail',
        '--reference',
        'CLI-EVIDENCE',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    await env.client.workflow.getHandle(`incident-${ref}`).result();
    const closed = await breach(['status', ref]);
    expect(closed.stdout).toMatch(/Stage:\s+closed/);

    // Counsel's report and evidence bundle, from the CLI alone.
    const md = await breach(['report', ref]);
    expect(md.stdout).toContain(`# Breach notification record — incident ${ref}`);
    const bundleFile = path.join(tmp, 'bundle.json');
    expect((await breach(['report', ref, '--format', 'evidence', '--out', bundleFile])).code).toBe(0);
    // Signed by the API with the engine's Ed25519 key.
    const verified = await breach(['verify', bundleFile]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^chain intact: \d+ entries/);
    expect(verified.stdout).toMatch(/signature valid: Ed25519/);
    const tampered = JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as { entries: { data: unknown }[] };
    tampered.entries[1]!.data = { forged: true };
    fs.writeFileSync(bundleFile, JSON.stringify(tampered));
    const broken = await breach(['verify', bundleFile]);
    expect(broken.code).toBe(5);
    expect(broken.stdout).toMatch(/chain BROKEN at entry 2/);
    // Re-chained with the engine's own function after the edit: the signature no longer matches.
    const { chainEntries } = await import('../../evidence/evidence-bundle.js');
    const rechained = tampered as unknown as { entries: { at: string; type: string; data: unknown }[]; headHash: string };
    rechained.entries = chainEntries(rechained.entries.map((e) => ({ at: e.at, type: e.type, data: e.data })));
    rechained.headHash = (rechained.entries.at(-1) as unknown as { hash: string }).hash;
    fs.writeFileSync(bundleFile, JSON.stringify(rechained));
    const forged = await breach(['verify', bundleFile]);
    expect(forged.code).toBe(5);
    expect(forged.stdout).toMatch(/chain intact[\s\S]*signature INVALID/);

    expect((await breach(['status', 'NO-SUCH-REF-404'])).code).toBe(3);
    // A credential the engine does not know: exit 1, nothing shown of the incident.
    const stranger = await breach(['status', ref], { token: 'not-a-real-token-000000000000' });
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/missing or invalid API token/);
    const none = await breach(['status', ref], { token: null, env: { BREACH_DATA_DIR: path.join(tmp, 'nowhere') } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no API credential: set BREACH_API_TOKEN/);
    expect((await breach(['open', '--ref', 'has space', '--role', 'covered_entity'])).code).toBe(2);
    // A reference is stored in clear as the workflow id: SSN- or phone-shaped values and plain words are
    // refused, and the error never repeats the value.
    for (const bad of ['123-45-6789', '555-867-5309', 'Jane.Doe']) {
      const r = await breach(['open', '--ref', bad, '--role', 'covered_entity']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ref: (has the shape of a (Social Security|phone) number|must contain a digit)/);
      expect(r.stderr).not.toContain(bad);
    }
  });

  it('roster import through the API, notify with a progress watch, and the mailing status: from the CLI alone', async () => {
    const ref = `CLI-ROSTER-${Date.now()}`;
    const factsFile = path.join(tmp, 'facts-roster.json');
    fs.writeFileSync(
      factsFile,
      JSON.stringify(coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { WA: 5 } } })),
    );
    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity', '--facts', factsFile])).code).toBe(0);
    // Through the engine's API, which holds the roster database (the same embedded database as the worker's mailing).
    {
      const api = { token: T.responder };
      const roster = path.join(root, 'examples/rosters/synthetic-roster.csv');
      const early = await breach(['roster', 'import', 'NO-SUCH-REF-404', roster], api);
      expect(early.code, early.stderr).toBe(3);
      const imported = await breach(['roster', 'import', ref, roster], api);
      expect(imported.code, imported.stderr).toBe(0);
      // Five good rows; the bad address is reported by line and field, never by value.
      expect(imported.stdout).toMatch(/roster (ros_[0-9a-f]{20}): 5 recipient\(s\) attached/);
      expect(imported.stdout).toMatch(/line 7, email: is not an email address/);
      expect(imported.stdout).not.toContain('Morgan');
      const rosterId = /roster (ros_[0-9a-f]{20})/.exec(imported.stdout)![1]!;
      expect((await breach(['roster', 'import', ref, roster], api)).stdout).toMatch(/already imported \(nothing changed\)/);
      expect((await breach(['roster', 'import', ref, roster], { token: 'wrong-token-000000000000' })).code).toBe(1);

      // Before the decision the mailing is refused (exit 4); after it, it runs to the end under --watch.
      const content = path.join(root, 'examples/notices/individual-notice.yaml');
      expect((await breach(['notify', ref, '--roster', rosterId, '--content', content])).code).toBe(4);
      expect((await breach(['decide', ref, '--reportable'])).code).toBe(0);
      const watched = await breach(['notify', ref, '--roster', rosterId, '--content', content, '--watch']);
      expect(watched.code, watched.stderr).toBe(0);
      expect(watched.stdout).toMatch(/individual_notice: mailing finished/);
      expect(watched.stdout).toMatch(/sent 1 · letters 3 · bounced 0 · failed 0 · unconfirmed 0 · substitute 1 · pending 0/);
      expect(watched.stdout).toMatch(/substitute notice required: fewer than 10/);
      const status = JSON.parse((await breach(['mailing', ref, '--json'])).stdout) as {
        mailing: { status: string; counts: { recipients: number } };
      };
      expect(status.mailing).toMatchObject({ status: 'finished', counts: { recipients: 5 } });
      const state = JSON.parse((await breach(['status', ref, '--json'])).stdout) as { obligations: { obligation: { id: string } }[] };
      expect(state.obligations.map((o) => o.obligation.id)).toContain('substitute_notice');
    }
  });

  it('--direct is for operators: an admin credential of this engine, recorded under its user; a responder is refused', async () => {
    const ref = `CLI-DIRECT-${Date.now()}`;
    // A responder's credential cannot go around the API.
    const responder = await breach(['open', '--ref', ref, '--role', 'covered_entity', '--direct'], { token: T.responder });
    expect(responder.code, responder.stderr).toBe(4);
    expect(responder.stderr).toMatch(/--direct is for operators: role responder acts through the API/);
    const unknown = await breach(['status', ref, '--direct'], { token: 'not-a-real-token-000000000000' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--direct: missing or invalid API token/);
    // The operator: straight to Temporal (the API is not involved), acting as the credential's user.
    const opened = await breach(['open', '--ref', ref, '--role', 'covered_entity', '--direct'], {
      token: T.admin,
      env: { BREACH_API_URL: 'http://127.0.0.1:1' },
    });
    expect(opened.code, opened.stderr).toBe(0);
    const state = JSON.parse((await breach(['status', ref, '--json'], { token: T.responder })).stdout) as { openedBy: string };
    expect(state.openedBy).toBe('oscar.operator');
    expect((await breach(['decide', ref, '--reportable', '--direct', '--as', 'pat.privacy'], { token: T.admin })).code).toBe(2);
  });

  it('the compiled CLI (what the bin runs after install) answers --help and acts through the API', async () => {
    const { buildCli } = await import('../../scripts/build-cli.js');
    const outDir = path.join(root, 'dist', `cli-test-${process.pid}`);
    try {
      await buildCli({ quiet: true, outDir });
      const bin = [path.join(outDir, 'breach.mjs')];
      const help = await breach(['--help'], { bin });
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/Usage: breach/);
      expect(help.stdout).toMatch(/whoami/);
      expect((await breach(['plan', '--help'], { bin })).stdout).toMatch(/Usage: breach plan/);
      const who = await breach(['whoami', '--json'], { bin, token: T.responder });
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout)).toMatchObject({ userId: 'rita.responder', role: 'responder' });
      expect((await breach(['status', 'NO-SUCH-REF-404'], { bin })).code).toBe(3);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
