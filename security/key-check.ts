/**
 * Issue 17: a worker started with a payload key set that cannot read the histories it is given fails
 * clearly instead of failing workflow tasks in a silent loop.
 *
 * - At start (`checkOpenWorkflowKeys`): the first event of the most recent open workflows on the worker's
 *   task queue is read as stored (ciphertext; the key id is in clear in the payload's metadata) and
 *   decrypted with the worker's key set. Key ids the set does not have, and key ids whose key does not
 *   decrypt (same id, other key material), are reported — ids and counts only, never payloads or
 *   workflow ids.
 * - While running (`undecryptableReporter`): every payload the worker cannot decrypt logs one PHI-free
 *   line naming the key id and BREACH_PAYLOAD_KEYS (at most once a minute per key id); the workflow task
 *   still fails and Temporal retries it, so nothing recorded is lost once the right keys are given.
 */
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, KEY_ID_METADATA, PayloadDecryptionError } from './payload-codec.js';
import { safeKeyId, UnknownKeyError, type KeyProvider } from './key-provider.js';

export type KeyProblem = 'unknown' | 'mismatch';
export interface KeyFinding {
  keyId: string;
  problem: KeyProblem;
  /** How many of the checked open workflows it affects. */
  workflows: number;
}
export type KeyCheckResult = { checked: number; findings: KeyFinding[] } | { skipped: string };

/** The key id of an encrypted payload (clear metadata), or undefined for a payload that is not ours. */
export function payloadKeyId(p: Payload): string | undefined {
  const id = p.metadata?.[KEY_ID_METADATA];
  return id && id.length > 0 ? safeKeyId(new TextDecoder().decode(id)) : undefined;
}

/** Why the codec could not decrypt: a key id the set lacks, or a key that does not match. Undefined: not a key problem. */
export function classifyDecryptFailure(err: unknown): { keyId: string; problem: KeyProblem } | undefined {
  if (err instanceof UnknownKeyError) return { keyId: safeKeyId(err.keyId), problem: 'unknown' };
  if (err instanceof PayloadDecryptionError && err.keyId) return { keyId: safeKeyId(err.keyId), problem: 'mismatch' };
  return undefined;
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * Decrypt-checks the start payloads of up to `sample` open workflows (most recent first) on `taskQueue`.
 * Visibility that cannot answer the query (a server without list queries) skips the check, saying why.
 */
export async function checkOpenWorkflowKeys(opts: {
  /** A client's workflow service: it reads histories as stored (no codec on this path). */
  service: Client['workflowService'];
  namespace: string;
  taskQueue: string;
  keys: KeyProvider;
  sample?: number;
}): Promise<KeyCheckResult> {
  const { service } = opts;
  let executions;
  try {
    const listed = await service.listWorkflowExecutions({
      namespace: opts.namespace,
      pageSize: opts.sample ?? 20,
      query: `ExecutionStatus = "Running" AND TaskQueue = ${quote(opts.taskQueue)}`,
    });
    executions = listed.executions ?? [];
  } catch (err) {
    return { skipped: `open workflows cannot be listed (${(err as Error).message.split('\n')[0]})` };
  }
  const codec = new AesGcmPayloadCodec(opts.keys);
  const byKey = new Map<string, KeyFinding>();
  let checked = 0;
  for (const e of executions) {
    if (!e.execution) continue;
    let payloads: Payload[];
    try {
      const history = await service.getWorkflowExecutionHistory({ namespace: opts.namespace, execution: e.execution, maximumPageSize: 1 });
      payloads = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    } catch {
      continue; // closed or gone meanwhile
    }
    checked++;
    const seen = new Set<string>();
    for (const p of payloads) {
      try {
        await codec.decode([p]);
      } catch (err) {
        const c = classifyDecryptFailure(err) ?? { keyId: payloadKeyId(p) ?? '<none>', problem: 'mismatch' as const };
        if (seen.has(c.keyId)) continue;
        seen.add(c.keyId);
        const f = byKey.get(c.keyId) ?? { ...c, workflows: 0 };
        f.workflows++;
        byKey.set(c.keyId, f);
      }
    }
  }
  return { checked, findings: [...byKey.values()] };
}

/** The one line an operator reads: which key ids, what is wrong, and the setting to fix. No payloads, no workflow ids. */
export function describeKeyFindings(result: { checked: number; findings: KeyFinding[] }, taskQueue: string): string {
  const parts = result.findings.map((f) =>
    f.problem === 'unknown'
      ? `key id "${f.keyId}" is not in this key set (${f.workflows} workflow${f.workflows === 1 ? '' : 's'})`
      : `key id "${f.keyId}" is in this key set but its key does not decrypt them (${f.workflows} workflow${f.workflows === 1 ? '' : 's'})`,
  );
  return (
    `BREACH_PAYLOAD_KEYS: open workflows on task queue ${taskQueue} were written with keys this worker cannot use: ${parts.join('; ')} ` +
    `(${result.checked} checked). Start every engine process with the key set that wrote them (BREACH_PAYLOAD_KEYS or BREACH_PAYLOAD_KEYS_FILE; ` +
    'after a rotation keep the old key in the set).'
  );
}

/**
 * The worker's hook for payloads it cannot decrypt while running: one line per key id at most every
 * `everyMs`, naming the key id and BREACH_PAYLOAD_KEYS.
 */
export function undecryptableReporter(log: (line: string) => void, everyMs = 60_000): (err: unknown) => void {
  const last = new Map<string, number>();
  return (err) => {
    const c = classifyDecryptFailure(err);
    if (!c) return;
    const now = Date.now();
    if (now - (last.get(c.keyId) ?? -Infinity) < everyMs) return;
    last.set(c.keyId, now);
    log(
      `cannot decrypt a payload written with key id "${c.keyId}" (${c.problem === 'unknown' ? 'not in this key set' : 'this key set holds another key under that id'}): ` +
        'its workflow tasks fail and are retried until this worker gets the key set that wrote them (BREACH_PAYLOAD_KEYS / BREACH_PAYLOAD_KEYS_FILE)',
    );
  };
}
