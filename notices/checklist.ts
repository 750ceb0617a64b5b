import type {
  CeNoticeContent,
  IncidentNoticeContent,
  MediaNoticeContent,
  NoticeAddressee,
  RepresentativeAddressee,
  SubstituteNoticeContent,
} from './content.js';
import type { OrganizationProfile } from './organization.js';
import { DEFAULT_PLAIN_LANGUAGE, readability, type PlainLanguageOptions } from './plain-language.js';

/**
 * Checklists derived from the rule, one per notice kind. A notice is sent only when its checklist passes
 * (content before rendering, then the rendered text: an edited template that drops an element is caught).
 * Every failure names the element and the citation; problems never quote personal data.
 */
export type NoticeKind = 'individual_notice' | 'representative_notice' | 'ce_notice' | 'hhs_notice' | 'media_notice' | 'substitute_notice';

export interface ChecklistFailure {
  /** Stable element name, e.g. `what_happened`, `contact_procedures`. */
  element: string;
  citation: string;
  problem: string;
}

export class NoticeChecklistError extends Error {
  override name = 'NoticeChecklistError';
  /** The message names elements and citations only (no content, no personal data). */
  readonly phiFree = true;
  constructor(
    readonly kind: NoticeKind,
    readonly failures: ChecklistFailure[],
  ) {
    super(`${kind} cannot be sent: ${failures.map((f) => `${f.element} (${f.citation}): ${f.problem}`).join('; ')}`);
  }
}

const C = {
  A: '45 CFR 164.404(c)(1)(A)',
  B: '45 CFR 164.404(c)(1)(B)',
  C: '45 CFR 164.404(c)(1)(C)',
  D: '45 CFR 164.404(c)(1)(D)',
  E: '45 CFR 164.404(c)(1)(E)',
  plain: '45 CFR 164.404(c)(2)',
  method: '45 CFR 164.404(d)(1)(i)',
  nok: '45 CFR 164.404(d)(1)(ii)',
  rep: '45 CFR 164.502(g)',
  urgent: '45 CFR 164.404(d)(3)',
  ce1: '45 CFR 164.410(c)(1)',
  ce2: '45 CFR 164.410(c)(2)',
  media: '45 CFR 164.406(a)',
  subPosting: '45 CFR 164.404(d)(2)(ii)(A)',
  subPhone: '45 CFR 164.404(d)(2)(ii)(B)',
  subThreshold: '45 CFR 164.404(d)(2)',
} as const;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-03-02 → "March 2, 2026" (no time zone involved: a calendar date stays that date). */
export function longDate(date: string | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const blank = (s: string | undefined) => !s || s.trim().length === 0;

/** US toll-free prefixes (NANP): 800, 833, 844, 855, 866, 877, 888. */
export function isTollFree(phone: string | undefined): boolean {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return /^8(00|33|44|55|66|77|88)\d{7}$/.test(digits);
}

export interface ContactChannel {
  label: string;
  value: string;
}
/** 164.404(c)(1)(E): the contact procedures of the organization (toll-free number, email, web site, postal address). */
export function contactChannels(org: OrganizationProfile): ContactChannel[] {
  const c = org.contact;
  const out: ContactChannel[] = [];
  if (c.tollFreeNumber && isTollFree(c.tollFreeNumber)) out.push({ label: 'toll-free number', value: c.tollFreeNumber });
  if (c.email) out.push({ label: 'email', value: c.email });
  if (c.website) out.push({ label: 'web site', value: c.website });
  if (c.postalAddress) out.push({ label: 'postal address', value: c.postalAddress.line1 });
  return out;
}

/** (A)–(E) on the content, before rendering. */
function incidentContentFailures(content: IncidentNoticeContent, org: OrganizationProfile, prefix = ''): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  const el = (name: string) => `${prefix}${name}`;
  if (blank(content.whatHappened) || content.whatHappened.trim().split(/\s+/).length < 8) {
    f.push({
      element: el('what_happened'),
      citation: C.A,
      problem: 'a brief description of what happened is required (at least one full sentence)',
    });
  }
  if (!content.discoveryDate) f.push({ element: el('discovery_date'), citation: C.A, problem: 'the date of discovery is required' });
  if (!content.breachStartDate && !content.breachDateUnknown) {
    f.push({
      element: el('breach_date'),
      citation: C.A,
      problem: 'give the date of the breach, or set breachDateUnknown when it is not known',
    });
  }
  if (content.breachStartDate && content.discoveryDate && content.breachStartDate > content.discoveryDate) {
    f.push({ element: el('breach_date'), citation: C.A, problem: 'the breach date is after the date of discovery' });
  }
  if (content.breachStartDate && content.breachEndDate && content.breachEndDate < content.breachStartDate) {
    f.push({ element: el('breach_date'), citation: C.A, problem: 'the last breach date is before the first' });
  }
  if (content.phiTypes.filter((t) => !blank(t)).length === 0) {
    f.push({
      element: el('phi_types'),
      citation: C.B,
      problem: 'list the types of health information involved (e.g. name, date of birth, diagnosis)',
    });
  }
  if (content.individualSteps.filter((t) => !blank(t)).length === 0) {
    f.push({
      element: el('individual_steps'),
      citation: C.C,
      problem: 'list at least one step individuals should take to protect themselves',
    });
  }
  for (const part of ['investigate', 'mitigate', 'prevent'] as const) {
    if (blank(content.entityActions[part])) {
      f.push({
        element: el(`entity_actions.${part}`),
        citation: C.D,
        problem: `say what the organization is doing to ${part === 'prevent' ? 'protect against further breaches' : part === 'mitigate' ? 'mitigate harm' : 'investigate'}`,
      });
    }
  }
  if (contactChannels(org).length === 0) {
    f.push({
      element: el('contact_procedures'),
      citation: C.E,
      problem: 'the organization profile needs a toll-free number, an email address, a web site or a postal address',
    });
  }
  return f;
}

/** The text with each whole occurrence of the incident reference replaced by a neutral word. */
export function withoutReference(text: string, ref: string | undefined): string {
  if (!ref) return text;
  const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9._-])${escaped}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'g'), 'reference');
}

/** (A)–(E) on the rendered text: the template kept every element, and the text reads plainly. */
function renderedFailures(
  content: IncidentNoticeContent,
  org: OrganizationProfile,
  text: string,
  plain: PlainLanguageOptions | false,
  prefix = '',
): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  const el = (name: string) => `${prefix}${name}`;
  const body = norm(text);
  const has = (s: string) => body.includes(norm(s));
  const missing = 'is not in the rendered notice (was it removed from the template?)';
  if (!blank(content.whatHappened) && !has(content.whatHappened))
    f.push({ element: el('what_happened'), citation: C.A, problem: `the description ${missing}` });
  if (content.discoveryDate && !has(longDate(content.discoveryDate)))
    f.push({ element: el('discovery_date'), citation: C.A, problem: `the date of discovery ${missing}` });
  if (content.breachStartDate && !has(longDate(content.breachStartDate)))
    f.push({ element: el('breach_date'), citation: C.A, problem: `the date of the breach ${missing}` });
  for (const t of content.phiTypes)
    if (!blank(t) && !has(t)) {
      f.push({ element: el('phi_types'), citation: C.B, problem: `a listed type of information ${missing}` });
      break;
    }
  for (const s of content.individualSteps)
    if (!blank(s) && !has(s)) {
      f.push({ element: el('individual_steps'), citation: C.C, problem: `a listed step ${missing}` });
      break;
    }
  for (const part of ['investigate', 'mitigate', 'prevent'] as const) {
    const v = content.entityActions[part];
    if (!blank(v) && !has(v))
      f.push({ element: el(`entity_actions.${part}`), citation: C.D, problem: `what the organization does to ${part} ${missing}` });
  }
  const channels = contactChannels(org);
  if (channels.length > 0 && !channels.some((c) => has(c.value))) {
    f.push({
      element: el('contact_procedures'),
      citation: C.E,
      problem: `no contact channel (toll-free number, email, web site or postal address) ${missing}`,
    });
  }
  if (plain) {
    // The incident reference is an opaque id the reader quotes back, not prose: "INC-PHI-7" is not jargon.
    const r = readability(withoutReference(text, content.incidentRef));
    if (r.jargon.length > 0) f.push({ element: el('plain_language'), citation: C.plain, problem: `jargon: ${r.jargon.join(', ')}` });
    if (r.grade > plain.maxGrade)
      f.push({
        element: el('plain_language'),
        citation: C.plain,
        problem: `reading grade ${r.grade} is above ${plain.maxGrade}: shorter sentences and simpler words`,
      });
    if (r.averageSentenceWords > plain.maxAverageSentenceWords) {
      f.push({
        element: el('plain_language'),
        citation: C.plain,
        problem: `sentences average ${r.averageSentenceWords} words (at most ${plain.maxAverageSentenceWords})`,
      });
    }
  }
  return f;
}

function addresseeFailures(a: NoticeAddressee, channel: 'email' | 'mail'): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (blank(a.fullName))
    f.push({ element: 'addressee.name', citation: C.method, problem: 'the letter needs the name of the person it is addressed to' });
  if (channel === 'email' && blank(a.email))
    f.push({ element: 'addressee.email', citation: C.method, problem: 'email notice needs an email address the individual agreed to' });
  if (channel === 'mail' && !a.postal)
    f.push({ element: 'addressee.postal_address', citation: C.method, problem: 'first-class mail needs the last known postal address' });
  return f;
}

export interface CheckOptions {
  plainLanguage?: PlainLanguageOptions | false;
}

export function checkIndividualContent(content: IncidentNoticeContent, org: OrganizationProfile): ChecklistFailure[] {
  return incidentContentFailures(content, org);
}

export function checkIndividualRendered(
  content: IncidentNoticeContent,
  org: OrganizationProfile,
  text: string,
  opts: CheckOptions = {},
): ChecklistFailure[] {
  const f = renderedFailures(content, org, text, opts.plainLanguage ?? DEFAULT_PLAIN_LANGUAGE);
  if (content.urgent && !/\b(tele)?phone\b|\bcall\b/i.test(text)) {
    f.push({
      element: 'urgent_telephone',
      citation: C.urgent,
      problem: 'an urgent notice must say that individuals will also be contacted by telephone',
    });
  }
  return f;
}

export function checkAddressee(a: NoticeAddressee, channel: 'email' | 'mail'): ChecklistFailure[] {
  return addresseeFailures(a, channel);
}

export function checkRepresentativeAddressee(a: RepresentativeAddressee, text: string): ChecklistFailure[] {
  const f = addresseeFailures(a, 'mail');
  const citation = a.relationship === 'next_of_kin' ? C.nok : C.rep;
  if (blank(a.subjectName)) f.push({ element: 'subject_individual', citation, problem: 'name the person whose information was involved' });
  else if (!norm(text).includes(norm(a.subjectName)))
    f.push({
      element: 'subject_individual',
      citation,
      problem: 'the person whose information was involved is not named in the rendered notice',
    });
  return f;
}

/** 164.410(c): the BA's notice to the CE. */
export function checkCeContent(content: CeNoticeContent, org: OrganizationProfile): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (blank(content.coveredEntity.name)) f.push({ element: 'covered_entity', citation: C.ce1, problem: 'name the covered entity' });
  const id = content.identification;
  if (!id)
    f.push({
      element: 'identification',
      citation: C.ce1,
      problem: 'say how the affected individuals are identified: encrypted attachment, secure link, or to follow',
    });
  else if (id.method === 'secure_link' && !/^https:\/\/\S+$/.test(id.url))
    f.push({ element: 'identification', citation: C.ce1, problem: 'the secure link must be an https URL' });
  else if (id.method === 'encrypted_attachment' && blank(id.passphraseChannel))
    f.push({
      element: 'identification',
      citation: C.ce1,
      problem: 'say how the passphrase reaches the covered entity (a different channel than the email)',
    });
  // 164.410(c)(2): the facts the CE needs for its own 164.404(c) notices, as far as known now.
  for (const x of incidentContentFailures(content.incident, org, 'incident.')) {
    if (x.element.endsWith('contact_procedures')) continue; // the CE's own notices carry the CE's contacts
    f.push({ ...x, citation: `${C.ce2}, for ${x.citation.replace('45 CFR ', '')}` });
  }
  return f;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/;
/** The CE notice's body carries no roster: no SSN-like numbers, no email addresses except the parties'. */
export function checkCeRendered(content: CeNoticeContent, org: OrganizationProfile, text: string): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  const allowed = new Set(
    [org.contact.email, org.privacyOfficer.email, org.sender.fromEmail, org.sender.replyTo, content.coveredEntity.email]
      .filter(Boolean)
      .map((e) => e!.toLowerCase()),
  );
  const strays = (text.match(EMAIL) ?? []).filter((e) => !allowed.has(e.toLowerCase()));
  if (strays.length > 0 || SSN.test(text)) {
    f.push({
      element: 'identification',
      citation: C.ce1,
      problem: 'the body appears to contain personal identifiers: the roster goes only as an encrypted attachment or a secure link',
    });
  }
  const id = content.identification;
  if (id?.method === 'secure_link' && !text.includes(id.url))
    f.push({ element: 'identification', citation: C.ce1, problem: 'the secure link is not in the rendered notice' });
  if (id?.method === 'encrypted_attachment' && !text.includes(id.fileName))
    f.push({ element: 'identification', citation: C.ce1, problem: 'the attachment is not mentioned in the rendered notice' });
  for (const x of renderedFailures(content.incident, org, text, false, 'incident.')) {
    if (x.element.endsWith('contact_procedures')) continue;
    f.push({ ...x, citation: `${C.ce2}, for ${x.citation.replace('45 CFR ', '')}` });
  }
  return f;
}

/** 164.406: more than 500 residents of the State; same content as 164.404(c). */
export function checkMediaContent(content: MediaNoticeContent, org: OrganizationProfile): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (content.residentsAffected <= 500)
    f.push({
      element: 'residents_affected',
      citation: C.media,
      problem: `a media notice is required only for more than 500 residents of a State (this one has ${content.residentsAffected})`,
    });
  for (const x of incidentContentFailures(content.incident, org))
    f.push({ ...x, citation: `45 CFR 164.406(c), for ${x.citation.replace('45 CFR ', '')}` });
  return f;
}

export function checkMediaRendered(
  content: MediaNoticeContent,
  org: OrganizationProfile,
  text: string,
  opts: CheckOptions = {},
): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (!text.includes(content.jurisdictionName))
    f.push({ element: 'jurisdiction', citation: C.media, problem: 'the State or jurisdiction is not named in the release' });
  for (const x of renderedFailures(content.incident, org, text, opts.plainLanguage ?? DEFAULT_PLAIN_LANGUAGE))
    f.push({ ...x, citation: `45 CFR 164.406(c), for ${x.citation.replace('45 CFR ', '')}` });
  return f;
}

/** 164.404(d)(2)(ii): 10 or more without contact information → posting 90 days and toll-free number 90 days. */
export function checkSubstituteContent(content: SubstituteNoticeContent, org: OrganizationProfile): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (content.individualsWithoutContact < 10) {
    f.push({
      element: 'individuals_without_contact',
      citation: C.subThreshold,
      problem: 'fewer than 10 people: use an alternative written notice, telephone or other means (164.404(d)(2)(i)), not the web posting',
    });
  }
  if (!content.homePageUrl || !/^https?:\/\/\S+$/.test(content.homePageUrl))
    f.push({
      element: 'web_posting.home_page',
      citation: C.subPosting,
      problem: 'give the home page URL that carries the conspicuous posting',
    });
  if (content.postingDays < 90)
    f.push({
      element: 'web_posting.duration',
      citation: C.subPosting,
      problem: `the posting must stay up for 90 days (got ${content.postingDays})`,
    });
  if (!content.postingStartDate)
    f.push({ element: 'web_posting.start_date', citation: C.subPosting, problem: 'give the date the posting goes up' });
  if (!isTollFree(content.tollFreeNumber))
    f.push({
      element: 'toll_free_number',
      citation: C.subPhone,
      problem: 'a toll-free number (800, 833, 844, 855, 866, 877, 888) is required',
    });
  if (content.tollFreeActiveDays < 90)
    f.push({
      element: 'toll_free_number.duration',
      citation: C.subPhone,
      problem: `the toll-free number must stay active for at least 90 days (got ${content.tollFreeActiveDays})`,
    });
  if (blank(content.callerVerification))
    f.push({
      element: 'toll_free_number.caller_verification',
      citation: C.subPhone,
      problem: 'say how callers are verified before being told whether their information was involved',
    });
  for (const x of incidentContentFailures(content.incident, org)) f.push(x);
  return f;
}

export function checkSubstituteRendered(
  content: SubstituteNoticeContent,
  org: OrganizationProfile,
  posting: string,
  phoneScript: string,
  opts: CheckOptions = {},
): ChecklistFailure[] {
  const f: ChecklistFailure[] = [];
  if (content.tollFreeNumber && !posting.includes(content.tollFreeNumber))
    f.push({ element: 'toll_free_number', citation: C.subPhone, problem: 'the toll-free number is not in the web posting' });
  if (content.tollFreeNumber && !phoneScript.includes(content.tollFreeNumber))
    f.push({ element: 'toll_free_number', citation: C.subPhone, problem: 'the toll-free number is not in the call-center instructions' });
  if (!norm(phoneScript).includes(norm(content.callerVerification)))
    f.push({
      element: 'toll_free_number.caller_verification',
      citation: C.subPhone,
      problem: 'caller verification is not in the call-center instructions',
    });
  f.push(...renderedFailures(content.incident, org, posting, opts.plainLanguage ?? DEFAULT_PLAIN_LANGUAGE));
  return f;
}

/** Throws NoticeChecklistError when there is any failure. */
export function assertChecklist(kind: NoticeKind, failures: ChecklistFailure[]): void {
  if (failures.length > 0) throw new NoticeChecklistError(kind, failures);
}
