import type { StateLawEntryInput } from '../schema.js';

/** Not encoded yet: a plan with residents here lists "state law to review" for counsel. */
export const entry = {
  jurisdiction: 'KS',
  status: 'not_encoded',
  reviewedOn: '2026-12-03',
  notes: [
    "No rules encoded in this pack version: counsel must review this jurisdiction's breach-notification law for every incident with residents here.",
  ],
} satisfies StateLawEntryInput;
