/**
 * The stateless libraries every workflow shares: the worker's bundle loads this module once, before any workflow
 * exists (`preloadModules` of bundleWorkflowCode, worker/create-worker.ts), so the modules it imports are
 * instantiated once per worker and deep-frozen by the SDK, instead of once per cached workflow (issue 18 §2,
 * docs/performance.md "Open incidents"). Naming them here (rather than the package names in `preloadModules`)
 * makes webpack load the same module files the workflows import: zod's package entry alone is pruned as free of
 * side effects. Only libraries without per-workflow state belong here; the engine's own modules do not.
 */
import { z } from 'zod';
import { TZDate } from '@date-fns/tz';

// zod writes its default locale and memoizer into its global config when the first schema is built (and a
// container schema is): build one here, so that happens before the SDK freezes the shared modules. Frozen, the
// config could not take them later ("Cannot add property localeError, object is not extensible").
z.object({ preloaded: z.string() });

export const PRELOADED_LIBRARIES = [z, TZDate] as const;
