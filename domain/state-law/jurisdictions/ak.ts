import type { StateLawEntryInput } from '../schema.js';
import { CHECKED, CLASSIC_ELEMENTS, craNotice, individualNotice, source } from './_common.js';

const AS_010 = source(
  'Alaska Stat. § 45.48.010(a)-(c) (statute text, Justia 2019): disclose to each state resident "in the most expeditious time possible and without unreasonable delay"; (c) no-harm determination only "after written notification to the attorney general"',
  'https://law.justia.com/codes/alaska/2019/title-45/chapter-48/article-1/section-45-48-010/',
  'statute_text',
);
const AS_040 = source(
  'Alaska Stat. § 45.48.040(a)-(d) (statute text, CourtGPT): more than 1,000 state residents → "all consumer credit reporting agencies that compile and maintain files on consumers on a nationwide basis", without unreasonable delay; (c) not for GLBA entities',
  'https://courtgpt.ai/laws/alaska/title-45/chapter-48/article-1/section-45-48-040',
  'statute_text',
);
const DWT = source(
  "Davis Wright Tremaine, Alaska breach summary (AS 45.48.010-.090): covered information (name with SSN, driver's licence / State ID, financial account with code); electronic or paper",
  'https://www.dwt.com/alaska/',
  'secondary',
);
const FROM = '2009-07-01';
const FROM_NOTE =
  'AS 45.48 was enacted by ch. 92 SLA 2008 (history line of § 45.48.010); 2009-07-01 as its effective date is from memory, not checked.';
const ELEMENTS_NOTE = 'Data elements from the Davis Wright Tremaine summary (AS 45.48.090 was not read); Alaska covers paper records too.';
const HIPAA = {
  interplay: 'owed',
  note: 'No HIPAA clause in AS 45.48.010 or 45.48.040 as read (§ 45.48.040(c) exempts only GLBA entities, and only from the consumer-reporting-agency notice); the other sections were not read — counsel to confirm.',
} as const;

/** AS 45.48.010-45.48.090 (Personal Information Protection Act, art. 1). */
export const entry = {
  jurisdiction: 'AK',
  status: 'encoded',
  statute: 'Alaska Stat. §§ 45.48.010-45.48.090 (Personal Information Protection Act, art. 1: breach of security)',
  statuteVerification: 'verified',
  reviewedOn: CHECKED,
  obligations: [
    individualNotice({
      name: 'Alaska',
      clock: {
        type: 'expedient',
        words: 'in the most expeditious time possible and without unreasonable delay (no number in the statute)',
      },
      citation: 'Alaska Stat. § 45.48.010(a),(b)',
      dataElements: CLASSIC_ELEMENTS,
      methods: ['written document to the most recent address', 'electronic means (AS 45.48.030)', 'substitute notice (AS 45.48.030)'],
      hipaa: HIPAA,
      effectiveFrom: FROM,
      verification: 'verified',
      sources: [AS_010, DWT],
      notes: [
        FROM_NOTE,
        ELEMENTS_NOTE,
        'Attorney general: only where the covered person decides, after investigation, that there is no reasonable likelihood of harm and so notifies no one — that decision needs "written notification to the attorney general" first (§ 45.48.010(c)). A plan exists only for a breach decided reportable, so the engine does not plan it; counsel must consider it wherever Alaska residents are not notified.',
      ],
    }),
    {
      ...craNotice({
        name: 'Alaska',
        residents: { moreThan: 1000 },
        citation: 'Alaska Stat. § 45.48.040(a)',
        effectiveFrom: FROM,
        verification: 'verified',
        sources: [AS_040],
        dataElements: CLASSIC_ELEMENTS,
        words:
          'without unreasonable delay (timing, distribution and content of the notices to state residents; no names required, § 45.48.040(b))',
        notes: [FROM_NOTE],
      }),
      hipaa: HIPAA,
    },
  ],
} satisfies StateLawEntryInput;
