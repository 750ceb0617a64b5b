import type { StateLawEntryInput } from '../schema.js';
import { CHECKED } from './_common.js';

/**
 * Not encoded: the statute was read, but whom it reaches could not be settled from the sources seen, so a plan
 * with Georgia residents still says "state law to review: Georgia" (with these notes for counsel).
 */
export const entry = {
  jurisdiction: 'GA',
  status: 'not_encoded',
  statute: 'O.C.G.A. §§ 10-1-910 to 10-1-912 (Identity Theft: notification of breach), § 10-1-912',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  notes: [
    'O.C.G.A. § 10-1-912(a) (2016 text, Justia: https://law.justia.com/codes/georgia/2016/title-10/chapter-1/article-34/section-10-1-912, read 2026-12-03): ' +
      'an "information broker or data collector" notifies affected residents "in the most expedient time possible and without unreasonable delay"; a service provider tells it within 24 hours (§ 10-1-912(b)); more than 10,000 residents at one time → the nationwide consumer reporting agencies too (§ 10-1-912(d), the clock cut off in the copy seen).',
    'Not encoded because § 10-1-911 (not read) defines "information broker" and "data collector" narrowly (as remembered: businesses selling personal information to third parties, and government agencies); whether a health care provider or plan is either is counsel\'s call.',
  ],
} satisfies StateLawEntryInput;
