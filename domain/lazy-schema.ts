/**
 * A zod schema built on first use instead of when its module loads (issue 18 §2, lever B; docs/performance.md
 * "Open incidents"). Workflow code runs in a V8 context that instantiates every module of the workflow bundle
 * again for every cached or replayed workflow, so a schema written at module scope costs every workflow — an
 * obligation reminder that never validates anything as much as an incident — each zod 4 schema carrying some
 * sixty closures of its own. Wrapped here, a schema is built the first time anything reads it (a parse, a
 * `.shape`, another schema composed from it) and then kept for the life of its module instance.
 *
 *   export const DecideRequest = lazySchema(() => z.object({ ... }));
 *
 * The value is a Proxy standing for the schema: every read, method, `in`, key listing, prototype and
 * `instanceof` is the built schema's, so callers (parse, safeParse, z.infer, extend, toJSONSchema, composition
 * into other schemas) see no difference. Deterministic: building a schema reads no clock and no randomness.
 * Pure: no state beyond the one built schema per module instance.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target is only a stand-in: every trap answers from the built schema. Descriptors are reported
  // configurable, as a Proxy may not report a non-configurable property its (empty) target does not have.
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_target, key, d) => Reflect.defineProperty(schema(), key, d),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
