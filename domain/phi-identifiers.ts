import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import { describeValue } from './validation-issues.js';

/**
 * What kinds of PHI were involved. The 18 identifiers of the de-identification standard,
 * 45 CFR 164.514(b)(2)(i)(A)–(R), plus the categories the OCR breach portal asks for (clinical,
 * demographic, financial, other; 164.408). Factor (i) of the risk assessment, 164.402(2)(i), weighs
 * "the types of identifiers and the likelihood of re-identification".
 */
export const HIPAA_IDENTIFIERS = [
  'names', // 164.514(b)(2)(i)(A)
  'geographic_subdivisions', // (B) all geographic subdivisions smaller than a State
  'dates', // (C) all elements of dates (except year) directly related to an individual
  'telephone_numbers', // (D)
  'fax_numbers', // (E)
  'email_addresses', // (F)
  'social_security_numbers', // (G)
  'medical_record_numbers', // (H)
  'health_plan_beneficiary_numbers', // (I)
  'account_numbers', // (J)
  'certificate_license_numbers', // (K)
  'vehicle_identifiers', // (L) incl. serial numbers and license plates
  'device_identifiers', // (M) and serial numbers
  'urls', // (N)
  'ip_addresses', // (O)
  'biometric_identifiers', // (P) incl. finger and voice prints
  'full_face_photographs', // (Q) and comparable images
  'other_unique_identifiers', // (R) any other unique identifying number, characteristic, or code
] as const;
export const HipaaIdentifier = lazySchema(() =>
  z.enum(HIPAA_IDENTIFIERS, {
    error: (iss) => `${describeValue(iss.input)} is not one of the 18 identifiers of 45 CFR 164.514(b)(2): ${HIPAA_IDENTIFIERS.join(', ')}`,
  }),
);
export type HipaaIdentifier = z.infer<typeof HipaaIdentifier>;

/**
 * Identifiers whose exposure makes misuse (identity theft, financial fraud, medical identity theft)
 * likely: factor (i) "sensitivity … from a financial perspective".
 */
export const HIGH_RISK_IDENTIFIERS: ReadonlySet<HipaaIdentifier> = new Set<HipaaIdentifier>([
  'social_security_numbers',
  'account_numbers',
  'health_plan_beneficiary_numbers',
  'biometric_identifiers',
  'certificate_license_numbers',
]);

/** Identifiers that name or directly reach a person: with any of them, re-identification is not in doubt. */
export const DIRECT_IDENTIFIERS: ReadonlySet<HipaaIdentifier> = new Set<HipaaIdentifier>([
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

/** OCR breach portal "type of PHI involved" (164.408; several may apply). */
export const PHI_CATEGORIES = ['demographic', 'clinical', 'financial', 'other'] as const;
export type PhiCategory = (typeof PHI_CATEGORIES)[number];

/** The portal categories implied by what was recorded: any identifier is demographic information. */
export function phiCategories(phi: {
  identifiers: readonly HipaaIdentifier[];
  clinical: boolean;
  financial: boolean;
  other: boolean;
}): PhiCategory[] {
  const out: PhiCategory[] = [];
  if (phi.identifiers.length > 0) out.push('demographic');
  if (phi.clinical) out.push('clinical');
  if (phi.financial || phi.identifiers.some((i) => i === 'account_numbers')) out.push('financial');
  if (phi.other) out.push('other');
  return out;
}
