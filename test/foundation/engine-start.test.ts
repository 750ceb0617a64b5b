import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../scripts/temporal/free-port.js';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { TEST_KEY_SET, testDataConverter } from '../harness/test-keys.js';
import { incidentWorkflow } from '../../workflows/incident/incident-workflow.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** The engine under test must not pick up a developer's own Temporal connection settings. */
function withoutTemporalEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('TEMPORAL_') || k === 'TEMPORAL_CLI_PATH'));
}

function startEngine(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    // A fresh data directory unless the test gives one: never the developer's own .data.
    env: { ...withoutTemporalEnv(process.env), BREACH_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'breach-start-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForOutput(engine: { child: ChildProcess; output: () => string }, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!engine.output().includes(text)) {
    if (engine.child.exitCode !== null)
      throw new Error(`the engine exited (${engine.child.exitCode}) before "${text}":\n${engine.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}"; output so far:\n${engine.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start (scripts/start.ts)', () => {
  it('brings up the embedded dev server, UI and worker, runs the self-check, and stops cleanly on Ctrl-C', async () => {
    // The data directory is created by the engine inside a directory every local user may enter.
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-start-'));
    fs.chmodSync(parent, 0o755);
    const dataDir = path.join(parent, 'data');
    const [port, uiPort, apiPort, codecPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const engine = startEngine({
      BREACH_DATA_DIR: dataDir,
      BREACH_TEMPORAL_PORT: String(port),
      BREACH_TEMPORAL_UI_PORT: String(uiPort),
      BREACH_API_PORT: String(apiPort),
      BREACH_CODEC_PORT: String(codecPort),
    });
    try {
      await waitForOutput(engine, 'Press Ctrl-C to stop.', 90_000);
      expect(engine.output()).toContain(`Temporal Web UI http://127.0.0.1:${uiPort}`);
      expect(fs.existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(true);
      // Everything the engine and its Temporal server created is for the engine's user alone (164.312(a)).
      const open: string[] = [];
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if ((fs.lstatSync(p).mode & 0o077) !== 0) open.push(path.relative(dataDir, p));
          if (e.isDirectory()) walk(p);
        }
      };
      walk(dataDir);
      expect(open).toEqual([]);
      // Another local user (where this machine lets the test become one) cannot list the directory or
      // read the API token, while the same child can list the parent: the refusal is the engine's doing.
      if (process.getuid?.() === 0) {
        const asNobody = (code: string) => spawnSync(process.execPath, ['-e', code], { uid: 65534, gid: 65534, encoding: 'utf8' });
        expect(asNobody(`require('fs').readdirSync(${JSON.stringify(parent)})`).status).toBe(0);
        for (const attempt of [
          `require('fs').readdirSync(${JSON.stringify(dataDir)})`,
          `require('fs').readFileSync(${JSON.stringify(path.join(dataDir, 'api-token.txt'))})`,
        ]) {
          const r = asNobody(attempt);
          expect(r.status).not.toBe(0);
          expect(r.stderr).toMatch(/EACCES/);
        }
      }

      // The UI answers, and the server lists the self-check workflow the engine ran.
      const ui = await fetch(`http://127.0.0.1:${uiPort}/`);
      expect(ui.status).toBe(200);
      // The HTTP API answers, refuses a request without a token, and accepts the local admin token.
      expect((await fetch(`http://127.0.0.1:${apiPort}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${apiPort}/incidents`)).status).toBe(401);
      const token = fs.readFileSync(path.join(dataDir, 'api-token.txt'), 'utf8').trim();
      const listed = await fetch(`http://127.0.0.1:${apiPort}/incidents`, { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);

      // Issue 15 item 2: the codec token is given to no one by the embedded server. The UI's settings
      // endpoint (which any local user can call) and the processes' command lines do not carry it.
      const codecToken = fs.readFileSync(path.join(dataDir, 'codec-token.txt'), 'utf8').trim();
      const settings = await (await fetch(`http://127.0.0.1:${uiPort}/api/v1/settings`)).text();
      expect(settings).not.toContain(codecToken);
      expect(settings).not.toContain(`:${codecPort}`);
      const commandLines = fs
        .readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .map((d) => {
          try {
            return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
          } catch {
            return '';
          }
        });
      expect(commandLines.some((c) => c.includes(codecToken))).toBe(false);
      // A person decodes with their own token in the endpoint they set in their own browser, audited as them.
      expect(engine.output()).toContain(`UI decoding     set http://127.0.0.1:${codecPort}/t/<your API token>`);
      const decode = (t: string) =>
        fetch(`http://127.0.0.1:${codecPort}/t/${t}/decode`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${uiPort}` },
          body: JSON.stringify({ payloads: [] }),
        });
      const own = await decode(token);
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${uiPort}`);
      expect((await decode('not-a-token-of-anyone-0123456789')).status).toBe(401);
      const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
      try {
        const client = new Client({ connection });
        const selfCheckId = /self-check\s+(\S+) completed/.exec(engine.output())?.[1];
        expect(selfCheckId).toBeDefined();
        const description = await client.workflow.getHandle(selfCheckId!).describe();
        expect(description.type).toBe('engineSelfCheck');
        expect(description.status.name).toBe('COMPLETED');
      } finally {
        await connection.close();
      }

      engine.child.kill('SIGINT');
      expect(await engine.exited).toBe(0);
      expect(engine.output()).toContain('[engine] stopped');
      // The server is gone: its port is free again.
      await expect(Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 1000 })).rejects.toThrow();
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses to start on a data directory other users can read, naming the fix', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-loose-'));
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'payload-keys.json'), '{}', { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, 'payload-keys.json'), 0o644);
    const engine = startEngine({ BREACH_DATA_DIR: dataDir });
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toMatch(/open to other users: \. \(755\), payload-keys\.json \(644\)/);
    expect(engine.output()).toContain(`chmod -R go-rwx ${dataDir}`);
    expect(engine.output()).not.toMatch(/\n\s+at /);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('with an unreachable TEMPORAL_ADDRESS, says so within seconds instead of hanging', async () => {
    const deadPort = await freePort(); // loopback port nobody listens on
    const started = Date.now();
    const engine = startEngine({ TEMPORAL_ADDRESS: `127.0.0.1:${deadPort}` });
    const code = await engine.exited;
    expect(code).toBe(1);
    expect(engine.output()).toContain(`Cannot reach Temporal at 127.0.0.1:${deadPort}`);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a malformed payload key set is one clear line that names the variable and shows no key material', async () => {
    const engine = startEngine({ BREACH_PAYLOAD_KEYS: '{"current":"k1","keys":{"k1":"c2VjcmV0LXNob3J0"}}' });
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toMatch(/\[engine\] .*BREACH_PAYLOAD_KEYS/);
    expect(engine.output()).not.toContain('c2VjcmV0LXNob3J0');
    expect(engine.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('rejects an invalid configuration value naming the variable', async () => {
    const engine = startEngine({ BREACH_TEMPORAL_PORT: 'seventy' });
    expect(await engine.exited).toBe(1);
    expect(engine.output()).toMatch(/BREACH_TEMPORAL_PORT: .*number/i);
  });

  it('killed with SIGKILL: the next start stops the dev server the killed engine left running, and SIGTERM then stops promptly (issue 13 item 6)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-orphan-'));
    const [port, uiPort, apiPort, codecPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env = {
      BREACH_DATA_DIR: dataDir,
      BREACH_TEMPORAL_PORT: String(port),
      BREACH_TEMPORAL_UI_PORT: String(uiPort),
      BREACH_API_PORT: String(apiPort),
      BREACH_CODEC_PORT: String(codecPort),
    };
    const pidFile = path.join(dataDir, 'temporal-server.pid');
    const alive = (pid: number) => {
      try {
        return !/\)\s+Z\s/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    let orphan: number | undefined;
    try {
      const first = startEngine(env);
      await waitForOutput(first, 'Press Ctrl-C to stop.', 90_000);
      orphan = (JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid: number }).pid;
      first.child.kill('SIGKILL'); // the node process only: its dev server survives, holding the port
      await first.exited;
      expect(alive(orphan)).toBe(true);

      const second = startEngine(env);
      await waitForOutput(second, 'Press Ctrl-C to stop.', 120_000);
      expect(second.output()).toContain(`stopping the Temporal dev server (pid ${orphan}) left running by an earlier engine`);
      expect(alive(orphan)).toBe(false);
      const current = (JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid: number }).pid;
      expect(current).not.toBe(orphan);

      const stopAsked = Date.now();
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(Date.now() - stopAsked).toBeLessThan(25_000);
      expect(second.output()).toContain('[engine] stopped');
      expect(alive(current)).toBe(false);
      expect(fs.existsSync(pidFile)).toBe(false);
    } finally {
      // Never leave a server behind, whatever failed above.
      for (const pid of [
        orphan,
        fs.existsSync(pidFile) ? (JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid: number }).pid : undefined,
      ]) {
        if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a CLI command the engine does not answer (no worker for the incident) times out with a clear message (issue 13 item 6)', async () => {
    const env = await startDevServerEnv();
    try {
      const ref = `HANG-${Date.now()}`;
      // An incident on a task queue nobody serves: queries and updates would wait for a worker forever.
      const client = new Client({ connection: env.connection, namespace: 'default', dataConverter: testDataConverter });
      await client.workflow.start(incidentWorkflow, {
        taskQueue: `nobody-${ref}`,
        workflowId: `incident-${ref}`,
        args: [{ ref, openedBy: 'tester', openedAt: new Date().toISOString(), role: 'covered_entity' }],
      });
      const started = Date.now();
      // Straight to Temporal as an operator (--direct takes an admin credential): the engine's deadline, not the API's.
      const operatorToken = 'engine-start-operator-token-0123456789';
      const cli = spawn(process.execPath, ['--import', 'tsx', 'cli/cli.ts', 'ack', ref, '--direct'], {
        cwd: root,
        env: {
          ...withoutTemporalEnv(process.env),
          TEMPORAL_ADDRESS: env.address,
          TEMPORAL_NAMESPACE: 'default',
          BREACH_TASK_QUEUE: `nobody-${ref}`,
          BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET),
          BREACH_API_TOKENS: JSON.stringify([{ userId: 'cli-tester', role: 'admin', token: operatorToken }]),
          BREACH_API_TOKEN: operatorToken,
          BREACH_CLI_TIMEOUT_SECONDS: '3',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.push(cli);
      let stderr = '';
      cli.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => cli.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      expect(stderr).toMatch(/error: the engine did not answer within 3 s \(BREACH_CLI_TIMEOUT_SECONDS\)/);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await env.teardown();
    }
  });
});
