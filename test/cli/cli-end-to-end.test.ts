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

const root = fileURLToPath(new URL('../..', import.meta.url));
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let tmp: string;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'cli' });
  ({ env, taskQueue, dataDir: tmp } = engine);
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
});

function breach(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', BREACH_TASK_QUEUE: taskQueue, BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET), BREACH_USER: 'cli-tester', BREACH_DATA_DIR: tmp },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('breach CLI against the dev server', () => {
  it('open → assess → decide → confirm every notice → closed, with exit codes scripts can rely on', async () => {
    const ref = `CLI-${Date.now()}`;
    const factsFile = path.join(tmp, 'facts.json');
    fs.writeFileSync(factsFile, JSON.stringify(coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { WA: 12 } } })));

    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity'])).stdout).toContain(`opened incident ${ref}`);
    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity'])).stdout).toContain('already open');
    const assess = await breach(['assess', ref, '--facts', '-'], fs.readFileSync(factsFile, 'utf8'));
    expect(assess.code, assess.stderr).toBe(0);
    expect(assess.stdout).toMatch(/recommendation: REPORTABLE/);

    const refused = await breach(['decide', ref, '--not-reportable']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/justification: required/);
    expect((await breach(['decide', ref, '--reportable'])).code).toBe(0);

    const status = JSON.parse((await breach(['status', ref, '--json'])).stdout) as { stage: string; obligations: { obligation: { id: string } }[] };
    expect(status.stage).toBe('notification');
    for (const o of status.obligations) {
      const r = await breach(['confirm', ref, '--obligation', o.obligation.id, '--method', o.obligation.id === 'hhs_annual_log' ? 'hhs_portal' : 'first_class_mail', '--reference', 'CLI-EVIDENCE']);
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
    // Signed with the engine's Ed25519 key (made when the worker archived the closed incident).
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
    fs.writeFileSync(factsFile, JSON.stringify(coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), { affected: { byJurisdiction: { WA: 5 } } })));
    expect((await breach(['open', '--ref', ref, '--role', 'covered_entity', '--facts', factsFile])).code).toBe(0);
    // The engine's API holds the roster database (the same embedded database as the worker's mailing).
    const token = 'cli-roster-token-0123456789';
    const app = buildHttpApi({ service: engine.service, client: env.client, tokens: new TokenStore([{ userId: 'resp-cli', role: 'responder', token }]), rosters: rosterImporter(engine.dataDir), accessLog: () => undefined });
    const apiUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const api = ['--api-url', apiUrl, '--token', token];
      const roster = path.join(root, 'examples/rosters/synthetic-roster.csv');
      const early = await breach(['roster', 'import', 'NO-SUCH-REF-404', roster, ...api]);
      expect(early.code, early.stderr).toBe(3);
      const imported = await breach(['roster', 'import', ref, roster, ...api]);
      expect(imported.code, imported.stderr).toBe(0);
      // Five good rows; the bad address is reported by line and field, never by value.
      expect(imported.stdout).toMatch(/roster (ros_[0-9a-f]{20}): 5 recipient\(s\) attached/);
      expect(imported.stdout).toMatch(/line 7, email: is not an email address/);
      expect(imported.stdout).not.toContain('Morgan');
      const rosterId = /roster (ros_[0-9a-f]{20})/.exec(imported.stdout)![1]!;
      expect((await breach(['roster', 'import', ref, roster, ...api])).stdout).toMatch(/already imported \(nothing changed\)/);
      expect((await breach(['roster', 'import', ref, roster, '--api-url', apiUrl, '--token', 'wrong-token-000000000000'])).code).toBe(1);

      // Before the decision the mailing is refused (exit 4); after it, it runs to the end under --watch.
      const content = path.join(root, 'examples/notices/individual-notice.yaml');
      expect((await breach(['notify', ref, '--roster', rosterId, '--content', content])).code).toBe(4);
      expect((await breach(['decide', ref, '--reportable'])).code).toBe(0);
      const watched = await breach(['notify', ref, '--roster', rosterId, '--content', content, '--watch']);
      expect(watched.code, watched.stderr).toBe(0);
      expect(watched.stdout).toMatch(/individual_notice: mailing finished/);
      expect(watched.stdout).toMatch(/sent 1 · letters 3 · bounced 0 · failed 0 · unconfirmed 0 · substitute 1 · pending 0/);
      expect(watched.stdout).toMatch(/substitute notice required: fewer than 10/);
      const status = JSON.parse((await breach(['mailing', ref, '--json'])).stdout) as { mailing: { status: string; counts: { recipients: number } } };
      expect(status.mailing).toMatchObject({ status: 'finished', counts: { recipients: 5 } });
      const state = JSON.parse((await breach(['status', ref, '--json'])).stdout) as { obligations: { obligation: { id: string } }[] };
      expect(state.obligations.map((o) => o.obligation.id)).toContain('substitute_notice');
    } finally {
      await app.close();
    }
  });
});
