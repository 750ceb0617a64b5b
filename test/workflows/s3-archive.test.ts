import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createArchiveActivities } from '../../activities/archive-evidence.js';
import { verifyEvidenceBundle, type EvidenceBundle } from '../../evidence/evidence-bundle.js';
import { freePort } from '../../scripts/temporal/free-port.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

// s3rver: a real S3-compatible server, here on loopback (types: @types/s3rver).
import S3rver from 's3rver';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-s3-'));
let server: S3rver;
let client: S3Client;

beforeAll(async () => {
  const port = await freePort();
  server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir });
  await server.run();
  client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  await client.send(new CreateBucketCommand({ Bucket: 'evidence-archive' }));
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot: IncidentSnapshot = {
  ref: 'INC-S3-1',
  role: 'covered_entity',
  stage: 'closed',
  owner: 'o',
  openedBy: 'r',
  openedAt: '2026-01-05T15:00:00.000Z',
  factsVersion: 1,
  obligations: [],
  lawEnforcementDelays: [],
  timeline: [{ at: '2026-01-05T15:00:00.000Z', by: 'r', action: 'opened' }],
  answered: {},
  timeZone: 'UTC',
  closedAt: '2026-01-09T15:00:00.000Z',
  closure: 'not a reportable breach',
};

describe('evidence archive in an S3-compatible bucket', () => {
  it('puts the bundle under <prefix><ref>/evidence-<hash>.json; retries write the same object; it verifies', async () => {
    const archive = createArchiveActivities({
      archiveDir: path.join(dir, 'unused'),
      s3: { bucket: 'evidence-archive', prefix: 'evidence/', client, objectLock: false },
    });
    const first = await archive.archiveEvidence({ snapshot, generatedAt: '2026-01-09T15:00:00.000Z' });
    const retry = await archive.archiveEvidence({ snapshot, generatedAt: '2026-01-09T15:00:00.000Z' });
    expect(retry).toEqual(first);
    expect(first.path).toBe(`s3://evidence-archive/evidence/INC-S3-1/evidence-${first.headHash.slice(0, 16)}.json`);
    const obj = await client.send(
      new GetObjectCommand({ Bucket: 'evidence-archive', Key: first.path.replace('s3://evidence-archive/', '') }),
    );
    const bundle = JSON.parse(await obj.Body!.transformToString()) as EvidenceBundle;
    expect(verifyEvidenceBundle(bundle)).toEqual({ ok: true, entries: first.entries, headHash: first.headHash });
    expect(fs.existsSync(path.join(dir, 'unused'))).toBe(false);
  });
});
