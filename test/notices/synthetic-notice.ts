import { parseOrganizationProfile, type OrganizationProfile } from '../../notices/organization.js';
import type { IncidentNoticeContentInput } from '../../notices/content.js';

/** A fictional organization and incident: synthetic data only. */
export const SYNTHETIC_ORG: OrganizationProfile = parseOrganizationProfile({
  name: 'Example Valley Health Clinic',
  entityType: 'health_care_provider',
  address: { line1: '100 Example Parkway', city: 'Springfield', state: 'IL', postalCode: '62701' },
  contact: {
    tollFreeNumber: '1-800-555-0100',
    email: 'privacy@example-valley.example',
    website: 'https://www.example-valley.example/notice',
    hours: 'Monday to Friday, 8 a.m. to 6 p.m. Central Time',
  },
  privacyOfficer: { name: 'Pat Example', email: 'officer@example-valley.example', phone: '217-555-0100' },
  sender: { fromName: 'Example Valley Privacy Office', fromEmail: 'notices@example-valley.example' },
  branding: { signatureName: 'Pat Example', signatureTitle: 'Privacy Officer', letterheadLines: ['Privacy Office'] },
});

export const SYNTHETIC_INCIDENT: IncidentNoticeContentInput = {
  incidentRef: 'INC-2026-0042',
  whatHappened: 'Someone who was not allowed to see our records got into one staff email account. We locked the account the same day.',
  breachStartDate: '2026-02-20',
  breachEndDate: '2026-02-21',
  discoveryDate: '2026-03-02',
  phiTypes: ['your name', 'your date of birth', 'your medical record number', 'the reason for your visit'],
  individualSteps: [
    'Read the statements you get from your health plan. Call them if you see a visit you did not have.',
    'Keep this letter for your records.',
  ],
  entityActions: {
    investigate: 'We hired an outside security firm to find out what happened.',
    mitigate: 'We reset all staff passwords and checked the account for misuse.',
    prevent: 'We now require a second sign-in step for all staff email.',
  },
};
