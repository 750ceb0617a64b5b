import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoticeRenderer } from '../../notices/render.js';
import { NoticeChecklistError, type ChecklistFailure } from '../../notices/checklist.js';
import { readability } from '../../notices/plain-language.js';
import { parseTemplate, TEMPLATE_NAMES, DEFAULT_TEMPLATES_DIR } from '../../notices/templates.js';
import { writeDocumentPdf, writeLetterBatchPdf } from '../../notices/pdf-letters.js';
import {
  loadOrganizationProfile,
  EXAMPLE_ORGANIZATION_FILE,
  parseOrganizationProfile,
  OrganizationConfigError,
} from '../../notices/organization.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from './synthetic-notice.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-notices-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const renderer = new NoticeRenderer({ org: SYNTHETIC_ORG });
const person = {
  fullName: 'Alex Sample',
  email: 'alex.sample@example.invalid',
  postal: { line1: '12 Test Lane', city: 'Testville', state: 'IL', postalCode: '62702' },
};

/** Runs fn, expects NoticeChecklistError, returns its failures. */
function failuresOf(fn: () => unknown): ChecklistFailure[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NoticeChecklistError);
    return (err as NoticeChecklistError).failures;
  }
  throw new Error('expected the checklist to fail');
}
const pairs = (f: ChecklistFailure[]) => f.map((x) => [x.element, x.citation]);

describe('individual notice (164.404(c))', () => {
  it('renders every element, in plain language', () => {
    const n = renderer.individual(SYNTHETIC_INCIDENT, person, 'email');
    expect(n.subject).toBe('Notice of a data security incident (INC-2026-0042)');
    for (const s of [
      'Dear Alex Sample,',
      'February 20, 2026 through February 21, 2026',
      'March 2, 2026',
      'your date of birth',
      'Keep this letter',
      'outside security firm',
      'second sign-in step',
      '1-800-555-0100',
      'privacy@example-valley.example',
      'https://www.example-valley.example/notice',
    ]) {
      expect(n.text).toContain(s);
    }
    const r = readability(n.text);
    expect(r.jargon).toEqual([]);
    expect(r.grade).toBeLessThanOrEqual(10);
  });

  it('names every missing element with its citation', () => {
    const f = failuresOf(() => renderer.individual({ incidentRef: 'INC-1', whatHappened: 'short' }, person, 'email'));
    expect(pairs(f)).toEqual([
      ['what_happened', '45 CFR 164.404(c)(1)(A)'],
      ['discovery_date', '45 CFR 164.404(c)(1)(A)'],
      ['breach_date', '45 CFR 164.404(c)(1)(A)'],
      ['phi_types', '45 CFR 164.404(c)(1)(B)'],
      ['individual_steps', '45 CFR 164.404(c)(1)(C)'],
      ['entity_actions.investigate', '45 CFR 164.404(c)(1)(D)'],
      ['entity_actions.mitigate', '45 CFR 164.404(c)(1)(D)'],
      ['entity_actions.prevent', '45 CFR 164.404(c)(1)(D)'],
    ]);
  });

  it('needs a contact channel (164.404(c)(1)(E)); a non-toll-free number alone does not count', () => {
    const org = parseOrganizationProfile({ ...SYNTHETIC_ORG, contact: { tollFreeNumber: '217-555-0199' } });
    const f = failuresOf(() => new NoticeRenderer({ org }).individual(SYNTHETIC_INCIDENT, person, 'email'));
    expect(pairs(f)).toEqual([['contact_procedures', '45 CFR 164.404(c)(1)(E)']]);
  });

  it('unknown breach date is stated, not left out', () => {
    const n = renderer.individual(
      { ...SYNTHETIC_INCIDENT, breachStartDate: undefined, breachEndDate: undefined, breachDateUnknown: true },
      person,
      'mail',
    );
    expect(n.text).toContain('We do not yet know the exact date of the incident.');
  });

  it('rejects jargon and long sentences (164.404(c)(2))', () => {
    const f = failuresOf(() =>
      renderer.individual(
        {
          ...SYNTHETIC_INCIDENT,
          whatHappened:
            'Pursuant to our obligations under 45 CFR 164.404, notwithstanding the aforementioned, unsecured protected health information was utilized by an unauthorized third-party actor whose identity and motivations, notwithstanding substantial investigative efforts and extensive forensic reconstruction undertaken subsequently, remain indeterminate.',
        },
        person,
        'email',
      ),
    );
    expect(f.every((x) => x.element === 'plain_language' && x.citation === '45 CFR 164.404(c)(2)')).toBe(true);
    expect(f.map((x) => x.problem).join(' ')).toMatch(/jargon: pursuant to.*aforementioned.*notwithstanding.*regulation citations.*PHI/);
  });

  it('an urgent notice must say people will be called (164.404(d)(3)); the template does', () => {
    expect(renderer.individual({ ...SYNTHETIC_INCIDENT, urgent: true }, person, 'email').text).toContain(
      'we will also call you by telephone',
    );
  });

  it('a letter needs a postal address, an email needs an email address (164.404(d)(1)(i))', () => {
    expect(pairs(failuresOf(() => renderer.individual(SYNTHETIC_INCIDENT, { fullName: 'Alex Sample' }, 'mail')))).toEqual([
      ['addressee.postal_address', '45 CFR 164.404(d)(1)(i)'],
    ]);
    expect(pairs(failuresOf(() => renderer.individual(SYNTHETIC_INCIDENT, { fullName: 'Alex Sample' }, 'email')))).toEqual([
      ['addressee.email', '45 CFR 164.404(d)(1)(i)'],
    ]);
  });

  it('an edited template that drops an element cannot send', () => {
    const dir = path.join(tmp, 'edited');
    fs.cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    const file = path.join(dir, 'individual.hbs');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(/What you can do\n\n\{\{#each incident.individualSteps\}\}\n- \{\{this\}\}\n\{\{\/each\}\}/, ''),
    );
    const f = failuresOf(() =>
      new NoticeRenderer({ org: SYNTHETIC_ORG, templatesDir: dir }).individual(SYNTHETIC_INCIDENT, person, 'email'),
    );
    expect(pairs(f)).toEqual([['individual_steps', '45 CFR 164.404(c)(1)(C)']]);
    expect(f[0]!.problem).toMatch(/removed from the template/);
  });

  it('failure messages carry no personal data', () => {
    const err = (() => {
      try {
        renderer.individual(SYNTHETIC_INCIDENT, { fullName: 'Alex Sample', email: 'alex.sample@example.invalid' }, 'mail');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err?.message).toMatch(/addressee.postal_address/);
    expect(err?.message).not.toMatch(/Alex|alex\.sample/);
  });
});

describe('next of kin and personal representative (164.404(d)(1)(ii), 164.502(g))', () => {
  it('addresses the representative and names the person concerned', () => {
    const n = renderer.representative(SYNTHETIC_INCIDENT, {
      ...person,
      fullName: 'Jordan Sample',
      relationship: 'next_of_kin',
      subjectName: 'Alex Sample',
    });
    expect(n.kind).toBe('representative_notice');
    expect(n.text).toContain('Dear Jordan Sample,');
    expect(n.text).toContain('as the next of kin of Alex Sample');
    expect(n.subject).toContain('about Alex Sample');
    const pr = renderer.representative(SYNTHETIC_INCIDENT, {
      ...person,
      fullName: 'Jordan Sample',
      relationship: 'personal_representative',
      subjectName: 'Sam Minor',
    });
    expect(pr.text).toContain('as the personal representative of Sam Minor');
  });
  it('needs the name of the person concerned and a postal address', () => {
    const f = failuresOf(() =>
      renderer.representative(SYNTHETIC_INCIDENT, { fullName: 'Jordan Sample', relationship: 'next_of_kin', subjectName: ' ' }),
    );
    expect(pairs(f)).toEqual([
      ['addressee.postal_address', '45 CFR 164.404(d)(1)(i)'],
      ['subject_individual', '45 CFR 164.404(d)(1)(ii)'],
    ]);
  });
});

describe('business associate → covered entity (164.410(c))', () => {
  const base = {
    incident: SYNTHETIC_INCIDENT,
    coveredEntity: { name: 'Example Covered Plan', email: 'privacy@example-plan.example' },
    individualsIdentified: 1200,
  };
  it('renders with a secure link and never the roster', () => {
    const n = renderer.ceNotice({
      ...base,
      identification: { method: 'secure_link', url: 'https://share.example-valley.example/r/abc123' },
      pendingInformation: ['The exact number of people in each State.'],
    });
    expect(n.text).toContain('https://share.example-valley.example/r/abc123');
    expect(n.text).toContain('1,200');
    expect(n.text).toContain('Information to follow');
  });
  it('renders with an encrypted attachment and the passphrase channel', () => {
    const n = renderer.ceNotice({
      ...base,
      identification: {
        method: 'encrypted_attachment',
        fileName: 'roster-INC-2026-0042.csv.enc',
        passphraseChannel: 'by phone to your privacy officer',
      },
    });
    expect(n.text).toContain('roster-INC-2026-0042.csv.enc');
  });
  it('names missing identification and the facts the CE needs', () => {
    const f = failuresOf(() =>
      renderer.ceNotice({
        incident: {
          incidentRef: 'INC-1',
          whatHappened: 'A laptop with plan member files was stolen from a car overnight.',
          discoveryDate: '2026-03-02',
          breachDateUnknown: true,
        },
        coveredEntity: { name: 'Example Covered Plan' },
      }),
    );
    expect(pairs(f)).toEqual([
      ['identification', '45 CFR 164.410(c)(1)'],
      ['incident.phi_types', '45 CFR 164.410(c)(2), for 164.404(c)(1)(B)'],
      ['incident.individual_steps', '45 CFR 164.410(c)(2), for 164.404(c)(1)(C)'],
      ['incident.entity_actions.investigate', '45 CFR 164.410(c)(2), for 164.404(c)(1)(D)'],
      ['incident.entity_actions.mitigate', '45 CFR 164.410(c)(2), for 164.404(c)(1)(D)'],
      ['incident.entity_actions.prevent', '45 CFR 164.410(c)(2), for 164.404(c)(1)(D)'],
    ]);
  });
  it('refuses a body that carries identifiers and a plain-http link', () => {
    expect(
      pairs(failuresOf(() => renderer.ceNotice({ ...base, identification: { method: 'secure_link', url: 'http://share.example/r/1' } }))),
    ).toEqual([['identification', '45 CFR 164.410(c)(1)']]);
    const f = failuresOf(() =>
      renderer.ceNotice({
        ...base,
        incident: {
          ...SYNTHETIC_INCIDENT,
          whatHappened: 'The mailbox of alex.sample@example.invalid (SSN 000-12-3456) was opened by someone else.',
        },
        identification: { method: 'to_follow' },
      }),
    );
    expect(pairs(f)).toEqual([['identification', '45 CFR 164.410(c)(1)']]);
  });
});

describe('media notice (164.406)', () => {
  it('renders a press release for a State over 500', () => {
    const n = renderer.mediaRelease({
      incident: SYNTHETIC_INCIDENT,
      jurisdiction: 'CA',
      jurisdictionName: 'California',
      residentsAffected: 501,
      releaseDate: '2026-03-20',
    });
    expect(n.subject).toBe('Example Valley Health Clinic notifies California residents of a data security incident');
    expect(n.text).toContain('FOR IMMEDIATE RELEASE — March 20, 2026');
    expect(n.text).toContain('501 residents of California');
  });
  it('exactly 500 is not "more than 500"', () => {
    const f = failuresOf(() =>
      renderer.mediaRelease({ incident: SYNTHETIC_INCIDENT, jurisdiction: 'CA', jurisdictionName: 'California', residentsAffected: 500 }),
    );
    expect(pairs(f)).toEqual([['residents_affected', '45 CFR 164.406(a)']]);
  });
});

describe('substitute notice (164.404(d)(2))', () => {
  const sub = {
    incident: SYNTHETIC_INCIDENT,
    individualsWithoutContact: 37,
    homePageUrl: 'https://www.example-valley.example/',
    postingStartDate: '2026-04-01',
    tollFreeNumber: '1-888-555-0142',
    callerVerification: 'ask for the full name, date of birth and ZIP code, and match all three.',
  };
  it('renders the 90-day posting and the toll-free line instructions', () => {
    const r = renderer.substitute(sub);
    expect(r.postingEndDate).toBe('2026-06-30');
    expect(r.posting.text).toContain('until at least June 30, 2026');
    expect(r.posting.text).toContain('1-888-555-0142');
    expect(r.phoneScript.text).toContain('Active from April 1, 2026 until at least June 30, 2026 (90 days)');
    expect(r.phoneScript.text).toContain('match all three');
  });
  it('names every missing element', () => {
    const f = failuresOf(() =>
      renderer.substitute({
        incident: SYNTHETIC_INCIDENT,
        individualsWithoutContact: 9,
        postingDays: 30,
        tollFreeNumber: '217-555-0100',
        tollFreeActiveDays: 60,
      }),
    );
    expect(pairs(f)).toEqual([
      ['individuals_without_contact', '45 CFR 164.404(d)(2)'],
      ['web_posting.home_page', '45 CFR 164.404(d)(2)(ii)(A)'],
      ['web_posting.duration', '45 CFR 164.404(d)(2)(ii)(A)'],
      ['web_posting.start_date', '45 CFR 164.404(d)(2)(ii)(A)'],
      ['toll_free_number', '45 CFR 164.404(d)(2)(ii)(B)'],
      ['toll_free_number.duration', '45 CFR 164.404(d)(2)(ii)(B)'],
      ['toll_free_number.caller_verification', '45 CFR 164.404(d)(2)(ii)(B)'],
    ]);
  });
});

describe('HHS portal (164.408)', () => {
  const report = {
    reportType: 'initial' as const,
    coveredEntity: {
      name: 'Example Valley Health Clinic',
      type: 'health_care_provider' as const,
      address: { line1: '100 Example Parkway', city: 'Springfield', state: 'IL', postalCode: '62701' },
      contact: { name: 'Pat Example', email: 'officer@example-valley.example', phone: '217-555-0100' },
    },
    breachStartDate: '2026-02-20',
    breachEndDate: '2026-02-21',
    discoveryStartDate: '2026-03-02',
    approximateIndividualsAffected: 1200,
    breachTypes: ['hacking_it_incident' as const],
    locations: ['email' as const],
    phiCategories: ['demographic' as const, 'clinical' as const],
    description: 'Unauthorized access to one staff email account.',
    safeguardsInPlace: ['Privacy and security training', 'Firewalls'],
    individualNoticeStartDate: '2026-03-20',
    substituteNoticeRequired: false,
    mediaNoticeRequired: true,
    actionsTaken: ['Reset passwords', 'Required multi-factor sign-in'],
    attestation: { name: 'Pat Example', title: 'Privacy Officer', date: '2026-03-20' },
  };
  it('exports JSON and a printable worksheet with a line for the confirmation number', () => {
    const r = renderer.hhsPortal(report);
    expect(r.json.fields.approximateIndividualsAffected).toBe(1200);
    expect(r.printable.text).toContain('Approximate number of individuals affected: 1,200');
    expect(r.printable.text).toContain('Media notice required: yes');
    expect(r.printable.text).toContain('Portal confirmation number');
  });
  it('names every missing portal field', () => {
    const f = failuresOf(() => renderer.hhsPortal({ coveredEntity: { name: '' }, description: 'x'.repeat(4001) }));
    expect(f[0]).toEqual({ element: 'description', citation: '45 CFR 164.408(b)', problem: 'must be at most 4000 characters' });
    const g = failuresOf(() => renderer.hhsPortal({ coveredEntity: { name: '' } }));
    expect(g.map((x) => x.element)).toEqual([
      'report_type',
      'covered_entity.name',
      'covered_entity.type',
      'covered_entity.address',
      'covered_entity.contact',
      'breach_dates',
      'discovery_dates',
      'approximate_individuals_affected',
      'breach_type',
      'location',
      'phi_type',
      'description',
      'safeguards_in_place',
      'individual_notice_dates',
      'substitute_notice_required',
      'media_notice_required',
      'actions_taken',
      'attestation',
    ]);
    expect(new Set(g.map((x) => x.citation))).toEqual(new Set(['45 CFR 164.408(b)']));
  });
});

describe('templates, configuration and print', () => {
  it('every shipped template parses and the example organization is valid', () => {
    for (const name of TEMPLATE_NAMES)
      expect(() => parseTemplate(name, fs.readFileSync(path.join(DEFAULT_TEMPLATES_DIR, `${name}.hbs`), 'utf8'))).not.toThrow();
    expect(loadOrganizationProfile(EXAMPLE_ORGANIZATION_FILE.pathname).name).toBe('Example Valley Health Clinic');
  });
  it('a bad organization profile names the field', () => {
    expect(() =>
      parseOrganizationProfile({
        ...SYNTHETIC_ORG,
        contact: { email: 'nope' },
        branding: { ...SYNTHETIC_ORG.branding, accentColor: 'blue' },
      }),
    ).toThrow(OrganizationConfigError);
    expect(() => parseOrganizationProfile({ ...SYNTHETIC_ORG, contact: { email: 'nope' } })).toThrow(/contact\.email/);
  });
  it('a template without front matter or with a syntax error fails at load', () => {
    expect(() => parseTemplate('individual', 'Dear {{x}}')).toThrow(/front matter/);
    expect(() => parseTemplate('individual', '---\nsubject: s\n---\n{{#if x}}unclosed')).toThrow(/template individual/);
  });
  it('writes a print-ready letter batch and documents as PDF', async () => {
    const prepared = renderer.prepareIndividual(SYNTHETIC_INCIDENT);
    const letters = Array.from({ length: 3 }, (_, i) => {
      const a = { ...person, fullName: `Sample Person ${i}` };
      return { addressee: a, notice: prepared.render(a, 'mail') };
    });
    const file = path.join(tmp, 'print', 'batch-1.pdf');
    const r = await writeLetterBatchPdf(file, SYNTHETIC_ORG, letters, 'March 20, 2026');
    expect(r.letters).toBe(3);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await writeLetterBatchPdf(file, SYNTHETIC_ORG, letters, 'March 20, 2026');
    expect(again.sha256).toBe(r.sha256); // a retried batch is the same batch
    const release = renderer.mediaRelease({
      incident: SYNTHETIC_INCIDENT,
      jurisdiction: 'CA',
      jurisdictionName: 'California',
      residentsAffected: 501,
    });
    const doc = await writeDocumentPdf(path.join(tmp, 'print', 'media-CA.pdf'), SYNTHETIC_ORG, release);
    expect(fs.readFileSync(doc.file).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
