import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { Answer } from './schema-primitives.js';

/**
 * Secured or unsecured PHI. Only a breach of *unsecured* PHI must be notified (45 CFR 164.404(a)(1),
 * 164.406(a), 164.408(a), 164.410(a)(1)). 45 CFR 164.402 "unsecured protected health information": PHI
 * not rendered unusable, unreadable or indecipherable to unauthorized persons by a technology or
 * methodology in the Secretary's guidance (HITECH 13402(h)(2)). That guidance recognizes two:
 * - encryption (the 164.304 definition; at rest consistent with NIST SP 800-111, in motion with NIST
 *   SP 800-52, 800-77, 800-113 or FIPS 140 validated), provided the decryption key or process was not
 *   itself compromised;
 * - destruction (paper shredded or destroyed so it cannot be read or reconstructed — redaction does not
 *   count; electronic media cleared, purged or destroyed per NIST SP 800-88).
 * Anything not affirmatively shown to meet one of them is unsecured: an `unknown` is not a safe harbor.
 */
export const Security = lazySchema(() =>
  z
    .object({
      /** Was the PHI encrypted at the time? */
      encrypted: Answer,
      /** Does that encryption meet the HHS guidance (NIST SP 800-111 at rest; 800-52/77/113 or FIPS 140 in motion)? */
      encryptionMeetsHhsGuidance: Answer.default('unknown'),
      /** Was the decryption key or process compromised (e.g. stored with the device, stolen with it)? */
      keyCompromised: Answer.default('unknown'),
      /** Was the PHI destroyed per the guidance (shredded beyond reconstruction; NIST SP 800-88) before the event? */
      destroyed: Answer.default('no'),
    })
    .strict(),
);
export type Security = z.infer<typeof Security>;

export interface SafeHarborFinding {
  secured: boolean;
  /** Which guidance method, or why none applies. */
  reason: string;
  citation: string;
}

/** Whether the PHI was secured per the HHS guidance (45 CFR 164.402 "unsecured protected health information"). */
export function safeHarbor(s: Security): SafeHarborFinding {
  const citation = '45 CFR 164.402 ("unsecured protected health information"); HHS guidance under HITECH 13402(h)(2)';
  if (s.destroyed === 'yes') {
    return {
      secured: true,
      citation,
      reason: 'destroyed per the HHS guidance (shredded or purged so it cannot be read or reconstructed; NIST SP 800-88)',
    };
  }
  if (s.encrypted === 'yes' && s.encryptionMeetsHhsGuidance === 'yes' && s.keyCompromised === 'no') {
    return { secured: true, citation, reason: 'encrypted consistent with the HHS guidance, and the decryption key was not compromised' };
  }
  if (s.encrypted === 'yes' && s.keyCompromised === 'yes')
    return {
      secured: false,
      citation,
      reason: 'encrypted, but the decryption key or process was compromised, so the encryption does not secure it',
    };
  if (s.encrypted === 'yes' && s.keyCompromised === 'unknown')
    return { secured: false, citation, reason: 'encrypted, but it is not known whether the decryption key was compromised' };
  if (s.encrypted === 'yes' && s.encryptionMeetsHhsGuidance === 'no')
    return { secured: false, citation, reason: 'encrypted, but not by a method that meets the HHS guidance' };
  if (s.encrypted === 'yes') return { secured: false, citation, reason: 'encrypted, but not shown to meet the HHS guidance' };
  if (s.encrypted === 'unknown') return { secured: false, citation, reason: 'whether the PHI was encrypted is not known' };
  return { secured: false, citation, reason: 'neither encrypted nor destroyed' };
}
