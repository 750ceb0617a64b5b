import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { processEnv } from '../config/index.js';

/**
 * Per-organization branding and contact details printed on every notice (configuration, not code).
 * Loaded from a YAML/JSON file (BREACH_ORGANIZATION_FILE) and validated: a bad field is named by its path.
 * The contact block feeds 164.404(c)(1)(E): at least one of a toll-free number, an email address, a web
 * site or a postal address must be present for an individual notice to go out.
 */
const NonBlank = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
const Phone = z
  .string()
  .trim()
  .regex(/^\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$/, {
    error: 'must be a 10-digit North American phone number, e.g. 1-800-555-0100',
  });

export const PostalAddress = z
  .object({
    line1: NonBlank(200),
    line2: z.string().trim().max(200).optional(),
    city: NonBlank(100),
    state: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, { error: 'must be a two-letter State code' }),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, { error: 'must be a ZIP code (12345 or 12345-6789)' }),
  })
  .strict();
export type PostalAddress = z.infer<typeof PostalAddress>;

export const OrganizationProfile = z
  .object({
    name: NonBlank(200),
    entityType: z.enum(['health_plan', 'health_care_clearinghouse', 'health_care_provider', 'business_associate']),
    address: PostalAddress,
    contact: z
      .object({
        tollFreeNumber: Phone.optional(),
        email: z.email({ error: 'must be an email address' }).optional(),
        website: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
        postalAddress: PostalAddress.optional(),
        /** e.g. "Monday to Friday, 8 a.m. to 8 p.m. Central Time". */
        hours: z.string().trim().max(200).optional(),
      })
      .strict(),
    privacyOfficer: z
      .object({ name: NonBlank(200), title: NonBlank(200).default('Privacy Officer'), email: z.email(), phone: Phone })
      .strict(),
    sender: z.object({ fromName: NonBlank(200), fromEmail: z.email(), replyTo: z.email().optional() }).strict(),
    branding: z
      .object({
        /** Lines printed under the name on letters (e.g. a tagline or department). */
        letterheadLines: z.array(z.string().trim().max(200)).max(4).default([]),
        accentColor: z
          .string()
          .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'must be a colour like #1F4E79' })
          .default('#1F4E79'),
        signatureName: NonBlank(200),
        signatureTitle: NonBlank(200),
      })
      .strict(),
  })
  .strict();
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;
export type OrganizationProfileInput = z.input<typeof OrganizationProfile>;

export class OrganizationConfigError extends Error {
  override name = 'OrganizationConfigError';
}

export function parseOrganizationProfile(input: unknown, source = 'organization profile'): OrganizationProfile {
  const parsed = OrganizationProfile.safeParse(input);
  if (!parsed.success) {
    throw new OrganizationConfigError(
      `Invalid ${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** Reads a YAML or JSON organization profile. */
export function loadOrganizationProfile(file: string): OrganizationProfile {
  const text = fs.readFileSync(file, 'utf8');
  return parseOrganizationProfile(file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text), path.basename(file));
}

/** The example profile shipped with the templates (a synthetic organization). */
export const EXAMPLE_ORGANIZATION_FILE = new URL('../templates/notices/organization.example.yaml', import.meta.url);

/** BREACH_ORGANIZATION_FILE, else the shipped example (synthetic: fine for trying the engine, not for real notices). */
export function organizationProfileFromEnv(env: NodeJS.ProcessEnv = processEnv()): OrganizationProfile {
  return loadOrganizationProfile(env.BREACH_ORGANIZATION_FILE || EXAMPLE_ORGANIZATION_FILE.pathname);
}
