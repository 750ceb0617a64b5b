import { describe, expect, it, vi } from 'vitest';

/**
 * Issue 18 §2, lever B (docs/performance.md "Open incidents"): every cached or replayed workflow instantiates
 * every module of the workflow bundle again, so a zod schema built at module scope costs every workflow — an
 * obligation reminder that never validates anything as much as an incident. The contract and domain modules the
 * workflows import build their schemas on first use (domain/lazy-schema.ts). Here zod's factories are counted:
 * loading the bundle's whole module graph (workflows/index.ts) must build no schema, and a schema used is built
 * once and validates as it did.
 */
const calls: string[] = [];
vi.mock('zod', async (importOriginal) => {
  const zod = await importOriginal<typeof import('zod')>();
  const counted = <T extends object>(ns: T, prefix: string): T =>
    new Proxy(ns, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== 'string') return v;
        if (typeof v === 'function' && /^[a-z]/.test(key))
          return (...args: unknown[]) => {
            calls.push(`${prefix}${key}`);
            return (v as (...a: unknown[]) => unknown)(...args);
          };
        // z.iso, z.coerce, …: namespaces of factories
        if (v && typeof v === 'object' && (key === 'iso' || key === 'coerce')) return counted(v, `${prefix}${key}.`);
        return v;
      },
    });
  return { ...zod, z: counted(zod.z, 'z.') };
});

describe('schemas of the workflow bundle are built on first use (lazySchema)', () => {
  it('loading every module the workflows import builds no zod schema', async () => {
    calls.length = 0;
    await import('../../workflows/index.js');
    // What a workflow's module instance costs no longer includes the request, facts, policy and state-law schemas.
    expect(calls).toEqual([]);
  });

  it('a schema is built when first used, once, and validates as before (refusal by field, acceptance)', async () => {
    const { DecideRequest, ConfirmObligationRequest } = await import('../../contract/incident-requests.js');
    const { StateLawEntry } = await import('../../domain/state-law/schema.js');
    calls.length = 0;
    const refused = DecideRequest.safeParse({ reportable: 'yes', requestId: 'r1' });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['by', 'reportable']);
    const built = calls.length;
    expect(built).toBeGreaterThan(0);
    expect(DecideRequest.parse({ reportable: true, requestId: 'r1', by: 'privacy-officer' })).toEqual({
      reportable: true,
      requestId: 'r1',
      by: 'privacy-officer',
    });
    expect(calls.length).toBe(built); // kept, not rebuilt
    // Composed of other lazy schemas (ObligationId, ConfirmationEvidence, RequestId, IsoInstant).
    const bad = ConfirmObligationRequest.safeParse({
      obligationId: 'hhs_notice',
      evidence: { method: 'carrier-pigeon', sentAt: 'yesterday' },
      requestId: 'r2',
      by: 'u1',
    });
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['evidence.method', 'evidence.sentAt']);
    // The schema's own surface: shape, extend, instanceof.
    const { z } = await import('zod');
    expect(Object.keys(DecideRequest.shape).sort()).toEqual(['by', 'justification', 'reportable', 'requestId']);
    expect(DecideRequest).toBeInstanceOf(z.ZodObject);
    expect(DecideRequest.extend({ extra: z.number() }).safeParse({ reportable: false, requestId: 'r', by: 'u' }).success).toBe(false);
    // Refinements of a composed schema still run (a business-day clock needs the State's holidays).
    const entry = StateLawEntry.safeParse({
      jurisdiction: 'TX',
      status: 'not_encoded',
      obligations: [],
      reviewedOn: '2026-12-03',
    });
    expect(entry.success).toBe(true);
    expect(StateLawEntry.safeParse({ jurisdiction: 'unknown', status: 'encoded', reviewedOn: '2026-12-03' }).success).toBe(false);
  });
});
