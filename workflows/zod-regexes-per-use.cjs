// zod's regular expressions (zod/v4/core/regexes.js), handed out as a fresh copy at every read. zod is preloaded:
// instantiated once per worker and deep-frozen by the SDK (workflows/preloaded-modules.ts); a frozen RegExp cannot
// take the `lastIndex = 0` zod writes before each test, so a schema built on one of zod's own patterns (z.email(),
// z.uuid(), …) would throw a TypeError in every workflow. worker/create-worker.ts routes zod's `./regexes.js` here;
// the copies belong to the workflow whose schema took them. Plain CommonJS: no TypeScript transform in between.
'use strict';
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- a webpack alias with no types: zod's regexes.js module */
const original = require('zod-original-regexes');

for (const key of Object.keys(original)) {
  const value = original[key];
  Object.defineProperty(exports, key, {
    enumerable: true,
    get: value instanceof RegExp ? () => new RegExp(value.source, value.flags) : () => value,
  });
}
