import fs from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import { Context } from '@temporalio/activity';
import { buildEvidenceBundle, type EvidenceBundle } from '../evidence/evidence-bundle.js';
import { isPartialRecord, readIncidentRecord } from '../evidence/incident-record.js';
import type { EvidenceSigner } from '../security/evidence-signing.js';
import { processEnv } from '../config/index.js';

/**
 * Archives the incident's evidence bundle to durable storage when it closes: a Temporal namespace keeps
 * closed histories for days, the rule requires six years (45 CFR 164.530(j)(2)). The default archive is a
 * directory; with an S3-compatible bucket configured, the bundle goes there (optionally under Object Lock
 * retention until six years from now). Either way one object per incident state, named by its head hash:
 * a retried activity writes the same object again, never a second one, and a file is never half-written.
 */
export interface S3ArchiveConfig {
  bucket: string;
  prefix: string;
  client: S3Client;
  /** COMPLIANCE-mode Object Lock retention for six years (the bucket must have Object Lock enabled). */
  objectLock: boolean;
}

/** BREACH_ARCHIVE_S3_BUCKET (+ _PREFIX, _ENDPOINT, _REGION, _FORCE_PATH_STYLE, _OBJECT_LOCK); credentials the AWS way. */
export function s3ArchiveFromEnv(env: NodeJS.ProcessEnv = processEnv()): S3ArchiveConfig | undefined {
  if (!env.BREACH_ARCHIVE_S3_BUCKET) return undefined;
  return {
    bucket: env.BREACH_ARCHIVE_S3_BUCKET,
    prefix: env.BREACH_ARCHIVE_S3_PREFIX ?? 'evidence/',
    objectLock: env.BREACH_ARCHIVE_S3_OBJECT_LOCK === '1',
    client: new S3Client({
      region: env.BREACH_ARCHIVE_S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
      ...(env.BREACH_ARCHIVE_S3_ENDPOINT ? { endpoint: env.BREACH_ARCHIVE_S3_ENDPOINT } : {}),
      forcePathStyle: env.BREACH_ARCHIVE_S3_FORCE_PATH_STYLE === '1',
    }),
  };
}

/** The calling incident workflow's full record (its earlier runs' histories, read with the worker's client). */
async function fullRecord(latest: IncidentSnapshot): Promise<IncidentSnapshot> {
  const ctx = Context.current();
  const workflowId = ctx.info.workflowExecution?.workflowId;
  if (!workflowId) throw new Error('archiveEvidence: an incident that continued-as-new is archived from its workflow only');
  return readIncidentRecord(ctx.client, workflowId, latest);
}

const SIX_YEARS_MS = 6 * 366 * 86_400_000;

/** `signer`: the engine's Ed25519 evidence key (security/evidence-signing.ts); loaded on first use. */
export function createArchiveActivities(deps: { archiveDir: string; s3?: S3ArchiveConfig; signer?: () => EvidenceSigner }) {
  return {
    async archiveEvidence(input: {
      snapshot: IncidentSnapshot;
      generatedAt: string;
    }): Promise<{ path: string; headHash: string; entries: number }> {
      // Issue 14: an incident that continued-as-new carries a bounded state; the rest of its record is read
      // back from its earlier runs' histories, so the bundle holds every entry (164.530(j)).
      const snapshot = isPartialRecord(input.snapshot) ? await fullRecord(input.snapshot) : input.snapshot;
      const built: EvidenceBundle = buildEvidenceBundle(snapshot, input.generatedAt);
      const bundle: EvidenceBundle = deps.signer ? deps.signer().sign(built) : built;
      const name = `evidence-${bundle.headHash.slice(0, 16)}.json`;
      const body = JSON.stringify(bundle, null, 2);
      if (deps.s3) {
        const key = `${deps.s3.prefix}${input.snapshot.ref}/${name}`;
        await deps.s3.client.send(
          new PutObjectCommand({
            Bucket: deps.s3.bucket,
            Key: key,
            Body: body,
            ContentType: 'application/json',
            Metadata: { 'head-hash': bundle.headHash },
            ...(deps.s3.objectLock
              ? { ObjectLockMode: 'COMPLIANCE' as const, ObjectLockRetainUntilDate: new Date(Date.now() + SIX_YEARS_MS) }
              : {}),
          }),
        );
        return { path: `s3://${deps.s3.bucket}/${key}`, headHash: bundle.headHash, entries: bundle.entries.length };
      }
      const dir = path.join(deps.archiveDir, input.snapshot.ref);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) {
        fs.writeFileSync(`${file}.tmp`, body, { mode: 0o600 });
        fs.renameSync(`${file}.tmp`, file);
      }
      return { path: file, headHash: bundle.headHash, entries: bundle.entries.length };
    },
  };
}
