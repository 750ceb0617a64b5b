import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { isState } from '../jurisdictions.js';
import { IsoInstant } from '../schema-primitives.js';
import { DataElement } from './schema.js';

/**
 * What the state rules need beyond the HIPAA facts (issue 16), recorded under `facts.stateLaw`. Every
 * field is optional: without them the resolver takes the earlier (safer) reading and says so.
 */
export const StateLawFacts = lazySchema(() =>
  z
    .object({
      /** When the entity determined that a breach occurred (TX, FL, CO, AL clocks). Default: the decision's time; in a preview, discovery. */
      determinedAt: IsoInstant.optional(),
      /** States in which the entity is a licensed clinic, health facility, home health agency or hospice (CA H&S 1280.15). */
      licensedHealthFacilityIn: z
        .array(z.string().refine(isState, { message: 'must be a State or territory code such as "CA"' }))
        .default([]),
      /** Data elements of the States' "personal information" definitions involved; omitted = derived from phi (and treated as unconfirmed). */
      dataElements: z.array(DataElement).optional(),
    })
    .strict(),
);
export type StateLawFacts = z.infer<typeof StateLawFacts>;

/** Events the state clocks may run from, once recorded (the HHS confirmation; the individual notices sent). */
export const RecordedEvents = lazySchema(() =>
  z
    .object({
      hhsNotifiedAt: IsoInstant.optional(),
      individualsNotifiedAt: IsoInstant.optional(),
    })
    .strict(),
);
export type RecordedEvents = z.infer<typeof RecordedEvents>;
