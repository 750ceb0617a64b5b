/**
 * Issue 17 "bad input and faults": the engine's roles against a cluster they cannot use stop at start with
 * one clear line naming the setting, and exit non-zero — a namespace the (real, dev) server does not have
 * (TEMPORAL_NAMESPACE), and a server certificate the client's TLS settings do not accept (another CA,
 * expired, not valid for the name asked for: TEMPORAL_TLS_SERVER_CA_CERT_PATH / TEMPORAL_TLS_SERVER_NAME).
 * The TLS cases need only the handshake: a TLS listener with certificates the test generates answers it
 * (the handshake fails before any gRPC); the cluster suite (test-cluster/cluster-tls.test.ts) checks the
 * same against a TLS Temporal frontend.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServerEnv } from '../harness/temporal-env.js';
import { TEST_KEY_SET } from '../harness/test-keys.js';
import { killAll, spawnEngine, type EngineProcess } from '../harness/engine-process.js';
import { ALL_SEARCH_ATTRIBUTES } from '../../contract/search-attributes.js';
import {
  connectOrFail,
  explainTlsFailure,
  TlsHandshakeError,
  UnknownNamespaceError,
  type TemporalTarget,
} from '../../worker/temporal-connection.js';

let env: TestWorkflowEnvironment;
const processes: EngineProcess[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-start-errors-'));
const servers: tls.Server[] = [];

beforeAll(async () => {
  env = await startDevServerEnv({ searchAttributes: ALL_SEARCH_ATTRIBUTES });
}, 120_000);
afterAll(async () => {
  killAll(processes);
  for (const s of servers) s.close();
  await env?.teardown();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let seq = 0;
function engine(role: string, extra: Record<string, string>): EngineProcess {
  const p = spawnEngine(role, {
    dir: tmp,
    name: `${role}-${++seq}`,
    env: { BREACH_PAYLOAD_KEYS: JSON.stringify(TEST_KEY_SET), BREACH_TASK_QUEUE: `start-errors-${seq}`, ...extra },
  });
  processes.push(p);
  return p;
}

/** The `[engine] …` error lines of a process's output (what an operator sees), and no stack trace. */
function errorLines(out: string): string[] {
  expect(out).not.toMatch(/\n\s+at /);
  return out.split('\n').filter((l) => l.startsWith('[engine] ') && /no namespace|TLS to Temporal|Cannot reach/.test(l));
}

describe('a namespace the cluster does not have', () => {
  for (const role of ['worker', 'api', 'all'] as const) {
    it(`engine ${role}: one line naming TEMPORAL_NAMESPACE and the address, exit 1`, async () => {
      const p = engine(role, { TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'no-such-namespace' });
      expect(await p.exited).toBe(1);
      const lines = errorLines(p.output());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('TEMPORAL_NAMESPACE');
      expect(lines[0]).toContain('"no-such-namespace"');
      expect(lines[0]).toContain(env.address);
      expect(p.output()).not.toContain('Press Ctrl-C');
    }, 90_000);
  }

  it('connectOrFail: an UnknownNamespaceError; the namespace that exists connects', async () => {
    const target = (namespace: string): TemporalTarget => ({
      connectionOptions: { address: env.address },
      namespace,
      description: env.address,
    });
    await expect(connectOrFail(target('no-such-namespace'))).rejects.toBeInstanceOf(UnknownNamespaceError);
    const { client, native } = await connectOrFail(target(env.namespace ?? 'default'));
    await client.close();
    await native.close();
  });
});

/** A CA and a server certificate for 127.0.0.1 / localhost signed by it. */
async function certificates(prefix: string, validity: { from: Date; to: Date }) {
  const ca = await generate([{ name: 'commonName', value: `breach-test-${prefix}-ca` }], {
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    algorithm: 'sha256',
    notBeforeDate: validity.from,
    notAfterDate: validity.to,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const caFile = path.join(tmp, `${prefix}-ca.pem`);
  fs.writeFileSync(caFile, ca.cert);
  return { caFile, cert: server.cert, key: server.private };
}

/** A TLS listener presenting the certificate (HTTP/2 by ALPN, as a gRPC frontend): the handshake is what is tested. */
async function tlsListener(c: { cert: string; key: string }): Promise<string> {
  const server = tls.createServer({ cert: c.cert, key: c.key, ALPNProtocols: ['h2'] }, (s) => s.destroy());
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a server certificate the TLS settings do not accept', () => {
  const day = 86_400_000;
  let good: Awaited<ReturnType<typeof certificates>>;
  let other: Awaited<ReturnType<typeof certificates>>;
  let expired: Awaited<ReturnType<typeof certificates>>;
  beforeAll(async () => {
    const now = Date.now();
    good = await certificates('good', { from: new Date(now - day), to: new Date(now + day) });
    other = await certificates('other', { from: new Date(now - day), to: new Date(now + day) });
    expired = await certificates('expired', { from: new Date(now - 3 * day), to: new Date(now - day) });
  });

  const cases = [
    {
      name: 'signed by another CA',
      server: () => good,
      ca: () => other.caFile,
      setting: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
      says: /not signed by a CA/,
    },
    { name: 'expired', server: () => expired, ca: () => expired.caFile, setting: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', says: /expired/ },
    {
      name: 'not valid for the name asked for',
      server: () => good,
      ca: () => good.caFile,
      serverName: 'temporal.example.org',
      setting: 'TEMPORAL_TLS_SERVER_NAME',
      says: /not valid for the name "temporal\.example\.org"/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: connectOrFail says so and names ${c.setting}`, async () => {
      const address = await tlsListener(c.server());
      const target: TemporalTarget = {
        connectionOptions: {
          address,
          tls: { serverRootCACertificate: fs.readFileSync(c.ca()), ...(c.serverName ? { serverNameOverride: c.serverName } : {}) },
        },
        namespace: 'default',
        description: `${address} (namespace default, TLS)`,
      };
      const err = await connectOrFail(target, 3_000).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(TlsHandshakeError);
      expect(err!.message).toContain(c.setting);
      expect(err!.message).toMatch(c.says);
      expect(err!.message).toContain(address);
      expect(err!.message).not.toContain('\n');
    }, 30_000);
  }

  it('engine worker with a CA that did not sign the server certificate: one line naming TEMPORAL_TLS_SERVER_CA_CERT_PATH, exit 1', async () => {
    const address = await tlsListener(good);
    const p = engine('worker', { TEMPORAL_ADDRESS: address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: other.caFile });
    expect(await p.exited).toBe(1);
    const lines = errorLines(p.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
    expect(lines[0]).toContain(address);
  }, 60_000);

  it('explainTlsFailure: only certificate problems are explained as such', () => {
    expect(explainTlsFailure('tonic::transport::Error(Transport, ConnectError(ConnectionRefused))')).toBeUndefined();
    expect(explainTlsFailure('InvalidCertificate(UnknownIssuer)')).toContain('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
  });
});
