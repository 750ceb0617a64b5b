import {
  assertChecklist,
  checkAddressee,
  checkCeContent,
  checkCeRendered,
  checkIndividualContent,
  checkIndividualRendered,
  checkMediaContent,
  checkMediaRendered,
  checkRepresentativeAddressee,
  checkSubstituteContent,
  checkSubstituteRendered,
  type CheckOptions,
  type ChecklistFailure,
} from './checklist.js';
import {
  CeNoticeContent,
  IncidentNoticeContent,
  MediaNoticeContent,
  SubstituteNoticeContent,
  type CeNoticeContentInput,
  type IncidentNoticeContentInput,
  type MediaNoticeContentInput,
  type NoticeAddressee,
  type RepresentativeAddressee,
  type SubstituteNoticeContentInput,
} from './content.js';
import { checkHhsPortalReport, HhsPortalReport, hhsPortalExport, type HhsPortalReportInput } from './hhs-portal.js';
import type { OrganizationProfile } from './organization.js';
import { TemplateSet, tidy, type TemplateName } from './templates.js';
import { NoticeChecklistError, type NoticeKind } from './checklist.js';
import { setting } from '../config/index.js';
import { DRILL_MARK, markDrillSubject, markDrillText } from './drill-mark.js';

export interface RenderedNotice {
  kind: NoticeKind;
  template: TemplateName;
  subject: string;
  text: string;
}

export interface NoticeRendererOptions {
  org: OrganizationProfile;
  templatesDir?: string;
  check?: CheckOptions;
  /**
   * A drill's renderer (issue 19): every notice it returns carries "DRILL — NOT A REAL BREACH NOTICE" in
   * its subject and as its first and last line. The checks run on the text without the mark.
   */
  drill?: boolean;
}

/** A zod parse whose problems become checklist failures (element = field path). */
function parseContent<T>(
  kind: NoticeKind,
  citation: string,
  schema: {
    safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new NoticeChecklistError(
      kind,
      r.error.issues.map((i) => ({ element: i.path.map(String).join('.') || '(content)', citation, problem: i.message })),
    );
  }
  return r.data;
}

const addDays = (date: string | undefined, days: number): string | undefined => {
  if (!date) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** An individual notice prepared for a mailing: content checked once, then rendered per addressee. */
export interface PreparedIndividualNotice {
  content: IncidentNoticeContent;
  render(addressee: NoticeAddressee, channel: 'email' | 'mail'): RenderedNotice;
  renderRepresentative(addressee: RepresentativeAddressee): RenderedNotice;
}

/** A synthetic addressee used to check the rendered template once before a mailing. */
const SAMPLE: NoticeAddressee = {
  fullName: 'Sample Recipient',
  email: 'sample@example.invalid',
  postal: { line1: '1 Sample Street', city: 'Sampletown', state: 'IL', postalCode: '62701' },
};

export class NoticeRenderer {
  readonly templates: TemplateSet;
  constructor(private readonly opts: NoticeRendererOptions) {
    this.templates = new TemplateSet(opts.templatesDir ?? setting('BREACH_TEMPLATES_DIR'));
  }

  get org(): OrganizationProfile {
    return this.opts.org;
  }

  get drill(): boolean {
    return this.opts.drill ?? false;
  }

  /** What leaves the renderer: marked in a drill (after the checks, which read the unmarked text). */
  private out(r: RenderedNotice): RenderedNotice {
    return this.opts.drill ? { ...r, subject: markDrillSubject(r.subject), text: markDrillText(r.text) } : r;
  }

  private run(kind: NoticeKind, name: TemplateName, data: Record<string, unknown>): RenderedNotice {
    const t = this.templates.get(name);
    const ctx = { org: this.opts.org, ...data };
    return { kind, template: name, subject: t.subject(ctx).replace(/\s+/g, ' ').trim(), text: tidy(t.body(ctx)) };
  }

  /**
   * 164.404(c): checks the content and the rendered template (with a synthetic addressee) once; throws
   * NoticeChecklistError naming every missing element. The result renders letters and emails quickly.
   */
  prepareIndividual(input: IncidentNoticeContentInput): PreparedIndividualNotice {
    const content = parseContent('individual_notice', '45 CFR 164.404(c)', IncidentNoticeContent, input);
    assertChecklist('individual_notice', checkIndividualContent(content, this.opts.org));
    const renderOne = (addressee: NoticeAddressee) => this.run('individual_notice', 'individual', { incident: content, addressee });
    assertChecklist('individual_notice', checkIndividualRendered(content, this.opts.org, renderOne(SAMPLE).text, this.opts.check));
    const relLabel = (r: RepresentativeAddressee['relationship']) => (r === 'next_of_kin' ? 'next of kin' : 'personal representative');
    const renderRep = (addressee: RepresentativeAddressee) =>
      this.run('representative_notice', 'representative', {
        incident: content,
        addressee,
        relationshipLabel: relLabel(addressee.relationship),
      });
    const sampleRep: RepresentativeAddressee = { ...SAMPLE, relationship: 'next_of_kin', subjectName: 'Sample Subject' };
    const repText = renderRep(sampleRep).text;
    assertChecklist('representative_notice', [
      ...checkIndividualRendered(content, this.opts.org, repText, this.opts.check),
      ...checkRepresentativeAddressee(sampleRep, repText),
    ]);
    return {
      content,
      render: (addressee, channel) => {
        assertChecklist('individual_notice', checkAddressee(addressee, channel));
        return this.out(renderOne(addressee));
      },
      renderRepresentative: (addressee) => {
        const r = renderRep(addressee);
        assertChecklist('representative_notice', checkRepresentativeAddressee(addressee, r.text));
        return this.out(r);
      },
    };
  }

  individual(input: IncidentNoticeContentInput, addressee: NoticeAddressee, channel: 'email' | 'mail'): RenderedNotice {
    return this.prepareIndividual(input).render(addressee, channel);
  }

  representative(input: IncidentNoticeContentInput, addressee: RepresentativeAddressee): RenderedNotice {
    return this.prepareIndividual(input).renderRepresentative(addressee);
  }

  /** 164.410(c): business associate → covered entity. */
  ceNotice(input: CeNoticeContentInput): RenderedNotice {
    const ce = parseContent('ce_notice', '45 CFR 164.410(c)', CeNoticeContent, input);
    assertChecklist('ce_notice', checkCeContent(ce, this.opts.org));
    const r = this.run('ce_notice', 'ce-notice', { ce });
    assertChecklist('ce_notice', checkCeRendered(ce, this.opts.org, r.text));
    return this.out(r);
  }

  /** 164.406: press release for one State with more than 500 residents affected. */
  mediaRelease(input: MediaNoticeContentInput): RenderedNotice {
    const media = parseContent('media_notice', '45 CFR 164.406', MediaNoticeContent, input);
    assertChecklist('media_notice', checkMediaContent(media, this.opts.org));
    const r = this.run('media_notice', 'media-release', { media });
    assertChecklist('media_notice', checkMediaRendered(media, this.opts.org, r.text, this.opts.check));
    return this.out(r);
  }

  /** 164.404(d)(2)(ii): the web posting (90 days) and the toll-free line instructions (90 days). */
  substitute(input: SubstituteNoticeContentInput): {
    posting: RenderedNotice;
    phoneScript: RenderedNotice;
    postingEndDate: string;
    tollFreeEndDate: string;
  } {
    const sub = parseContent('substitute_notice', '45 CFR 164.404(d)(2)', SubstituteNoticeContent, input);
    assertChecklist('substitute_notice', checkSubstituteContent(sub, this.opts.org));
    const postingEndDate = addDays(sub.postingStartDate, sub.postingDays)!;
    const tollFreeEndDate = addDays(sub.postingStartDate, sub.tollFreeActiveDays)!;
    const posting = this.run('substitute_notice', 'substitute-web-posting', { sub, postingEndDate, tollFreeEndDate });
    const phoneScript = this.run('substitute_notice', 'substitute-toll-free', { sub, postingEndDate, tollFreeEndDate });
    assertChecklist('substitute_notice', checkSubstituteRendered(sub, this.opts.org, posting.text, phoneScript.text, this.opts.check));
    return { posting: this.out(posting), phoneScript: this.out(phoneScript), postingEndDate, tollFreeEndDate };
  }

  /** 164.408: the portal fields as JSON and a printable worksheet; the person submitting records the confirmation number. */
  hhsPortal(input: HhsPortalReportInput): { json: ReturnType<typeof hhsPortalExport>; printable: RenderedNotice } {
    const hhs = parseContent('hhs_notice', '45 CFR 164.408(b)', HhsPortalReport, input);
    assertChecklist('hhs_notice', checkHhsPortalReport(hhs));
    const json = hhsPortalExport(hhs);
    return {
      json: this.opts.drill ? { ...json, note: `${DRILL_MARK}. ${json.note}` } : json,
      printable: this.out(this.run('hhs_notice', 'hhs-portal', { hhs })),
    };
  }
}

export type { ChecklistFailure };
