import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { testKeyProvider } from '../harness/test-keys.js';
import { requireDevServer } from '../../scripts/temporal/locate.js';
import { IncidentError, IncidentService } from '../../service/incident-service.js';
import { AesGcmPayloadCodec } from '../../security/payload-codec.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { coveredEntityBreach } from '../fixtures/synthetic-facts.js';
import { findMarkers, toScannableJson } from './marker-scan.js';

// Unique strings standing in for PHI: a synthetic patient's name, SSN, diagnosis. None may appear in clear
// anywhere the Temporal server keeps or shows.
const MARKERS = ['ZQX-Patient-Quillfeather', '000-12-9876-ZQX', 'ZQX-diagnosis-rare-condition', 'ZQX-Officer-Brightwater'];
const REFUSED_MARKER = 'ZQX-Officer-Refused-Stonewell';
let engine: EngineUnderTest;
let env: TestWorkflowEnvironment;
let service: IncidentService;

beforeAll(async () => {
  engine = await startEngineUnderTest({ server: 'dev', name: 'phi' });
  ({ env, service } = engine);
});
afterAll(() => engine?.stop());

/**
 * Every payload object ({ metadata, data }) anywhere in a JSON history, except search-attribute values
 * and patch markers:
 * those must stay readable for the server to index them, and are opaque by construction (stage, dates,
 * user ids) — checked separately for markers.
 */
function payloadsIn(node: unknown, out: { metadata: Record<string, string>; data?: string }[] = [], key = '') {
  // The SDK writes a patch marker's data (the patch id, e.g. "evidence-pending") as plain JSON, outside
  // the codec; it is code, not PHI, and still scanned for the markers with everything else.
  if (key === 'searchAttributes' || key === 'indexedFields' || key === 'patch-data') return out;
  if (Array.isArray(node)) node.forEach((n) => payloadsIn(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'data' in o) out.push(o as { metadata: Record<string, string>; data?: string });
    else Object.entries(o).forEach(([k, v]) => payloadsIn(v, out, k));
  }
  return out;
}

describe('no PHI outside encrypted payloads (dev server)', () => {
  it('the server stores and shows only ciphertext; through the codec the history has everything', async () => {
    const ref = `INC-PHI-${Date.now()}`;
    const facts = coveredEntityBreach(new Date(Date.now() - 3_600_000).toISOString(), {
      phi: {
        involved: 'yes',
        identifiers: ['names', 'social_security_numbers'],
        clinical: true,
        description: `Records of ${MARKERS[0]} (SSN ${MARKERS[1]}), ${MARKERS[2]}`,
      },
    });
    await service.open({ ref, openedBy: 'responder-1', role: 'covered_entity', facts });
    // A law-enforcement statement naming the official (a person): accepted, so it is in the history.
    const held = await service.hold(ref, {
      by: 'po',
      statement: { kind: 'oral', official: MARKERS[3]!, agency: 'PD', receivedAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(held).toEqual({ delays: 1 });
    // An update the workflow refuses (a statement received in the future): its text reaches the server in
    // the request, never in clear, and is not recorded.
    const refused = await service
      .hold(ref, {
        by: 'po',
        statement: { kind: 'oral', official: REFUSED_MARKER, agency: 'PD', receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(IncidentError);
    expect((refused as IncidentError).message).toMatch(/statement\.receivedAt: cannot be in the future/);
    await service.decide(ref, { by: 'privacy-officer', reportable: false, justification: `override: see ${MARKERS[0]}'s file` });
    const final = await service.result(ref);
    expect(final.stage).toBe('closed');
    expect(final.lawEnforcementDelays.map((d) => d.official)).toEqual([MARKERS[3]]);

    const workflowId = `incident-${ref}`;
    // 1. Temporal's own CLI, without a codec: raw JSON history.
    const cli = requireDevServer().executable;
    if (cli.type !== 'existing-path') throw new Error('test needs a local Temporal CLI');
    const shown = spawnSync(
      cli.path,
      ['workflow', 'show', '--workflow-id', workflowId, '--address', env.address, '--output', 'json', '--no-json-shorthand-payloads'],
      { encoding: 'utf8' },
    );
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout.length).toBeGreaterThan(1000);
    // In clear or inside base64 (payload bytes) at any alignment.
    const markers = Object.fromEntries([...MARKERS, REFUSED_MARKER].map((m, i) => [`marker${i}`, m]));
    expect(findMarkers(shown.stdout, markers)).toEqual([]);

    // 2. A client without the codec (as an operator of the cluster would be).
    const plainClient = new Client({ connection: env.connection });
    const raw = toScannableJson(await plainClient.workflow.getHandle(workflowId).fetchHistory());
    expect(findMarkers(raw, markers)).toEqual([]);
    const description = await plainClient.workflow.getHandle(workflowId).describe();
    expect(JSON.stringify({ id: description.workflowId, memo: description.memo, sa: description.searchAttributes })).not.toMatch(/ZQX/);
    // Every payload in the history is encrypted.
    const payloads = payloadsIn(JSON.parse(shown.stdout));
    expect(payloads.length).toBeGreaterThan(5);
    for (const p of payloads) expect(Buffer.from(p.metadata.encoding ?? '', 'base64').toString()).toBe('binary/encrypted');

    // 3. Through the codec (what the codec server gives the UI): the markers are there.
    const codec = new AesGcmPayloadCodec(testKeyProvider);
    const decoded = await codec.decode(
      payloads.map((p): Payload => ({
        metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
        data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
      })),
    );
    const clear = decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString()).join('\n');
    // Every marker the history holds is found here — the official's name included — so the scans above
    // looked at payloads that really carry them. The refused statement was never recorded.
    for (const m of MARKERS) expect(clear).toContain(m);
    expect(clear).not.toContain(REFUSED_MARKER);
  });
});
