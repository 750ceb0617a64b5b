import type { StateLawEntryInput } from '../schema.js';

/** Not encoded: no statute found for this pack, so a plan with residents here lists "state law to review" for counsel. */
export const entry = {
  jurisdiction: 'MP',
  status: 'not_encoded',
  reviewReason:
    "no breach-notification statute of the Northern Mariana Islands was found (searched 2026-12-03 in stored public pages: the Commonwealth Code index on cnmilaw.gov and the Attorney General's title of the Administrative Code on cnmilaw.org (no breach-notification chapter among those returned); law-firm breach-law charts — Fox Rothschild's covers the 50 States, Guam, Puerto Rico and the US Virgin Islands, none lists the Northern Mariana Islands —; statute sites); absence from these sources is not proof — counsel checks",
  reviewedOn: '2026-12-03',
  notes: [
    "No rules encoded in this pack version: counsel must review this jurisdiction's breach-notification law for every incident with residents here.",
    'Searched for this pack on 2026-12-03 (stored statute pages and law-firm charts): no breach-notification statute of the Northern Mariana Islands was found; the Fox Rothschild chart of the breach statutes of "the 50 states, Guam, Puerto Rico and the U.S. Virgin Islands" lists none for it. Absence from the sources searched is not proof that none exists: nothing is encoded rather than a guess, and counsel must check for every incident with residents here.',
  ],
} satisfies StateLawEntryInput;
