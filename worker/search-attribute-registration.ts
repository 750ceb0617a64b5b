import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType, type SearchAttributeType } from '@temporalio/common/lib/search-attributes.js';

/**
 * Registers the engine's custom search attributes on an external cluster when they are missing.
 * Needs operator rights; on Temporal Cloud (or without rights) it explains what to run instead.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: { name: string; type: SearchAttributeType }[],
  say: (line: string) => void,
): Promise<void> {
  try {
    // Some servers (the Java test server) cannot list: then try to add them all.
    const existing = await connection.operatorService.listSearchAttributes({ namespace }).catch(() => undefined);
    const known = new Set(Object.keys(existing?.customAttributes ?? {}));
    const missing = keys.filter((k) => !known.has(k.name));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type) ?? 0])),
    });
    say(`registered search attributes: ${missing.map((k) => k.name).join(', ')}`);
  } catch (err) {
    say(
      `could not check/register search attributes (${(err as Error).message}). Create them once with: ` +
        keys.map((k) => `temporal operator search-attribute create --namespace ${namespace} --name ${k.name} --type ${k.type}`).join(' ; '),
    );
  }
}
