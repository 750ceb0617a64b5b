import { z } from 'zod';
import type { ChecklistFailure } from './checklist.js';

/**
 * The fields of the OCR breach portal form (164.408; breach-rule.md section 5), exported as JSON and as
 * a printable document for the person who submits it. The portal has no API: a person types it in and
 * the obligation is then confirmed with the portal's confirmation number (ConfirmationEvidence.reference,
 * method `hhs_portal`).
 */
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

export const BREACH_TYPES = [
  'hacking_it_incident',
  'improper_disposal',
  'loss',
  'theft',
  'unauthorized_access_disclosure',
  'other',
] as const;
export const BREACH_LOCATIONS = [
  'desktop_computer',
  'electronic_medical_record',
  'email',
  'laptop',
  'network_server',
  'other_portable_electronic_device',
  'paper_films',
  'other',
] as const;
export const PHI_CATEGORIES = ['clinical', 'demographic', 'financial', 'other'] as const;

export const HhsPortalReport = z
  .object({
    reportType: z.enum(['initial', 'addendum']).optional(),
    /** For an addendum: the confirmation number of the original report. */
    originalTransactionNumber: Text(100).optional(),
    coveredEntity: z
      .object({
        name: Text(200).default(''),
        type: z.enum(['health_plan', 'health_care_clearinghouse', 'health_care_provider']).optional(),
        address: z
          .object({
            line1: Text(200),
            line2: Text(200).optional(),
            city: Text(100),
            state: z.string().regex(/^[A-Z]{2}$/),
            postalCode: Text(10),
          })
          .strict()
          .optional(),
        contact: z
          .object({ name: Text(200), email: z.email(), phone: Text(50) })
          .strict()
          .optional(),
      })
      .strict(),
    businessAssociate: z
      .object({
        name: Text(200),
        address: Text(400).optional(),
        contact: z
          .object({ name: Text(200), email: z.email(), phone: Text(50) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    breachStartDate: LocalDate.optional(),
    breachEndDate: LocalDate.optional(),
    discoveryStartDate: LocalDate.optional(),
    discoveryEndDate: LocalDate.optional(),
    approximateIndividualsAffected: z.number().int().min(0).optional(),
    breachTypes: z.array(z.enum(BREACH_TYPES)).default([]),
    locations: z.array(z.enum(BREACH_LOCATIONS)).default([]),
    phiCategories: z.array(z.enum(PHI_CATEGORIES)).default([]),
    description: Text(4000).default(''),
    safeguardsInPlace: z.array(Text(200)).default([]),
    individualNoticeStartDate: LocalDate.optional(),
    individualNoticeExpectedEndDate: LocalDate.optional(),
    substituteNoticeRequired: z.boolean().optional(),
    mediaNoticeRequired: z.boolean().optional(),
    actionsTaken: z.array(Text(500)).default([]),
    /** The submitter's attestation (the person, not the engine, attests on the portal). */
    attestation: z
      .object({ name: Text(200), title: Text(200), date: LocalDate })
      .strict()
      .optional(),
  })
  .strict();
export type HhsPortalReport = z.infer<typeof HhsPortalReport>;
export type HhsPortalReportInput = z.input<typeof HhsPortalReport>;

const P = '45 CFR 164.408(b)';
/** Every field the portal requires, named with its group. */
export function checkHhsPortalReport(r: HhsPortalReport): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  const need = (ok: boolean, element: string, problem: string) => {
    if (!ok) f.push({ element, citation: P, problem });
  };
  need(r.reportType !== undefined, 'report_type', 'initial or addendum');
  if (r.reportType === 'addendum')
    need(!!r.originalTransactionNumber, 'report_type.original_transaction_number', 'an addendum names the original report');
  need(r.coveredEntity.name.length > 0, 'covered_entity.name', 'the covered entity name is required');
  need(r.coveredEntity.type !== undefined, 'covered_entity.type', 'health plan, clearinghouse or provider');
  need(r.coveredEntity.address !== undefined, 'covered_entity.address', 'the covered entity address is required');
  need(r.coveredEntity.contact !== undefined, 'covered_entity.contact', 'a contact name, email and phone are required');
  need(!!r.breachStartDate, 'breach_dates', 'the breach start date is required (estimate and amend later if unknown)');
  need(!!r.discoveryStartDate, 'discovery_dates', 'the discovery date is required');
  if (r.breachStartDate && r.breachEndDate)
    need(r.breachEndDate >= r.breachStartDate, 'breach_dates', 'the end date is before the start date');
  if (r.breachStartDate && r.discoveryStartDate)
    need(r.breachStartDate <= r.discoveryStartDate, 'breach_dates', 'the breach starts after its discovery');
  need(
    r.approximateIndividualsAffected !== undefined,
    'approximate_individuals_affected',
    'an approximate number is required (estimate and amend later)',
  );
  need(r.breachTypes.length > 0, 'breach_type', 'at least one type of breach');
  need(r.locations.length > 0, 'location', 'at least one location of the breached information');
  need(r.phiCategories.length > 0, 'phi_type', 'at least one type of PHI (clinical, demographic, financial, other)');
  need(r.description.trim().length > 0, 'description', 'a description of the breach (at most 4,000 characters)');
  need(r.safeguardsInPlace.length > 0, 'safeguards_in_place', 'the safeguards in place before the breach');
  need(!!r.individualNoticeStartDate, 'individual_notice_dates', 'the date individual notice started (or is planned to)');
  need(r.substituteNoticeRequired !== undefined, 'substitute_notice_required', 'yes or no');
  need(r.mediaNoticeRequired !== undefined, 'media_notice_required', 'yes or no');
  need(r.actionsTaken.length > 0, 'actions_taken', 'the actions taken in response');
  need(r.attestation !== undefined, 'attestation', 'the name, title and date of the person who attests');
  return f;
}

/** The JSON export: fields in portal order with portal labels, ready to be typed into the form. */
export function hhsPortalExport(r: HhsPortalReport) {
  return {
    format: 'ocr-breach-portal/v1',
    note: 'Enter these fields on the HHS OCR breach portal, then record the confirmation number on the hhs_notice obligation.',
    fields: r,
  };
}
