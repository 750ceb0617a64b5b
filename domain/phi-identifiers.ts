import { z } from 'zod';

/** The 18 identifiers of 45 CFR 164.514(b)(2)(i)(A)–(R), as a responder records which were involved. */
export const HIPAA_IDENTIFIERS = [
  'names', // (A)
  'geographic_subdivisions', // (B) smaller than a state
  'dates', // (C) except year, related to the individual
  'telephone_numbers', // (D)
  'fax_numbers', // (E)
  'email_addresses', // (F)
  'social_security_numbers', // (G)
  'medical_record_numbers', // (H)
  'health_plan_beneficiary_numbers', // (I)
  'account_numbers', // (J)
  'certificate_license_numbers', // (K)
  'vehicle_identifiers', // (L)
  'device_identifiers', // (M)
  'urls', // (N)
  'ip_addresses', // (O)
  'biometric_identifiers', // (P)
  'full_face_photographs', // (Q)
  'other_unique_identifiers', // (R)
] as const;
export const HipaaIdentifier = z.enum(HIPAA_IDENTIFIERS);
export type HipaaIdentifier = z.infer<typeof HipaaIdentifier>;

/** Identifiers whose exposure makes misuse (identity theft, fraud) likely: factor (i) sensitivity. */
export const HIGH_RISK_IDENTIFIERS: ReadonlySet<HipaaIdentifier> = new Set([
  'social_security_numbers',
  'account_numbers',
  'health_plan_beneficiary_numbers',
  'biometric_identifiers',
  'certificate_license_numbers',
]);

/** Identifiers that name or directly contact a person: with them, re-identification is not in doubt. */
export const DIRECT_IDENTIFIERS: ReadonlySet<HipaaIdentifier> = new Set([
  'names',
  'telephone_numbers',
  'fax_numbers',
  'email_addresses',
  'social_security_numbers',
  'medical_record_numbers',
  'health_plan_beneficiary_numbers',
  'account_numbers',
  'full_face_photographs',
  'biometric_identifiers',
]);
