import type { StateLawEntryInput } from '../schema.js';
import { CHECKED } from './_common.js';

/**
 * Not encoded, on purpose: the statute was read (§§ 10-1-911, 10-1-912), and it reaches only "information brokers"
 * and government "data collectors" — kinds of entity the pack's facts cannot express. Planning Georgia rules for every
 * covered entity would invent duties; planning none would be silence. So a plan with Georgia residents says
 * "state law to review: Georgia", with these notes for counsel.
 */
export const entry = {
  jurisdiction: 'GA',
  status: 'not_encoded',
  reviewReason:
    'the statute was read (O.C.G.A. §§ 10-1-911, 10-1-912): it binds only "information brokers" and government "data collectors" (a State or local agency, a public university…), which the facts cannot express — counsel decides whether this entity is one (a public hospital or county health department may be); if so, residents are notified in the most expedient time possible, and over 10,000 the consumer reporting agencies too (`breach law show GA`)',
  statute: 'O.C.G.A. §§ 10-1-910 to 10-1-912 (Identity Theft: notification of breach), § 10-1-912',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  notes: [
    'O.C.G.A. § 10-1-912(a) (2016 text, Justia: https://law.justia.com/codes/georgia/2016/title-10/chapter-1/article-34/section-10-1-912, read 2026-12-03): ' +
      'an "information broker or data collector" notifies affected residents "in the most expedient time possible and without unreasonable delay"; a service provider tells it within 24 hours (§ 10-1-912(b)); more than 10,000 residents at one time → the nationwide consumer reporting agencies too (§ 10-1-912(d), the clock cut off in the copy seen).',
    'O.C.G.A. § 10-1-911(2) (2010 text, laws9.com: http://www.laws9.com/statutes/georgia/title-10/chapter-1/article-34/10-1-911, read 2026-12-03): a "data collector" is "any state or local agency or subdivision thereof including any department, bureau, authority, public university or college … or other government entity" (not traffic-safety, law-enforcement, licensing or court-record agencies).',
    'O.C.G.A. § 10-1-911(3) (same copy): an "information broker" is a person who "for monetary fees or dues" collects and communicates information on individuals "for the primary purpose of furnishing personal information to nonaffiliated third parties".',
    'Not encoded because of that scope: a private health care provider or health plan is normally neither, so Georgia law adds nothing for it; a public hospital, hospital authority, public university clinic or county health department may be a "data collector" and then owes the notices above. The pack cannot yet tell a government entity from any other — counsel decides for each incident.',
  ],
} satisfies StateLawEntryInput;
