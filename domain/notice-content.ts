import type { ChecklistItem } from './obligation.js';

/**
 * What each notice must contain or satisfy, item by item with its citation. Renderers and reviewers
 * check a notice against these lists before it goes out (164.414(b): the entity proves compliance).
 */

/** 45 CFR 164.404(c): content of the notice to individuals, each element "to the extent possible". */
export const INDIVIDUAL_NOTICE_CONTENT: readonly ChecklistItem[] = [
  {
    item: 'a brief description of what happened, including the date of the breach and the date of discovery, if known',
    citation: '45 CFR 164.404(c)(1)(A)',
  },
  {
    item: 'the types of unsecured PHI involved (e.g. full name, SSN, date of birth, home address, account number, diagnosis, disability code)',
    citation: '45 CFR 164.404(c)(1)(B)',
  },
  { item: 'any steps individuals should take to protect themselves from potential harm', citation: '45 CFR 164.404(c)(1)(C)' },
  {
    item: 'what the entity is doing to investigate, to mitigate harm to individuals, and to protect against further breaches',
    citation: '45 CFR 164.404(c)(1)(D)',
  },
  {
    item: 'contact procedures, including a toll-free telephone number, an email address, a web site, or a postal address',
    citation: '45 CFR 164.404(c)(1)(E)',
  },
  { item: 'written in plain language', citation: '45 CFR 164.404(c)(2)' },
];

/** 164.404(d)(1)(i): the written notice itself. */
export const INDIVIDUAL_NOTICE_METHOD: readonly ChecklistItem[] = [
  {
    item: 'first-class mail to the last known address, or email if the individual agreed to electronic notice; may go out in several mailings as information becomes available',
    citation: '45 CFR 164.404(d)(1)(i)',
  },
];

/** 164.502(g): minors' notices go to a parent or guardian as personal representative. */
export const MINORS_ITEM: ChecklistItem = {
  item: 'for minors, address the notice to a parent or guardian as personal representative',
  citation: '45 CFR 164.502(g); 164.404(d)(1)(i)',
};

/** 164.404(d)(3): urgency adds telephone (or other means) to the written notice. */
export const URGENT_ITEM: ChecklistItem = {
  item: 'possible imminent misuse: contact individuals by telephone or other means as well, in addition to the written notice',
  citation: '45 CFR 164.404(d)(3)',
};

export const NEXT_OF_KIN_METHOD: ChecklistItem = {
  item: 'first-class mail to the next of kin or personal representative of each deceased individual whose address is known',
  citation: '45 CFR 164.404(d)(1)(ii)',
};

/** 164.404(d)(2)(i): fewer than 10 people without usable contact information. */
export const SUBSTITUTE_FEWER_THAN_10: readonly ChecklistItem[] = [
  {
    item: 'a substitute form of notice reasonably calculated to reach each individual: an alternative form of written notice, telephone, or other means',
    citation: '45 CFR 164.404(d)(2)(i)',
  },
];

/** 164.404(d)(2)(ii): 10 or more people without usable contact information. */
export const SUBSTITUTE_10_OR_MORE: readonly ChecklistItem[] = [
  {
    item: 'either a conspicuous posting on the home page of the web site for 90 days, or conspicuous notice in major print or broadcast media where the affected individuals likely reside',
    citation: '45 CFR 164.404(d)(2)(ii)(A)',
  },
  {
    item: 'AND a toll-free telephone number, active for at least 90 days, where individuals can learn whether their unsecured PHI may be included',
    citation: '45 CFR 164.404(d)(2)(ii)(B)',
  },
];

/** 164.406: media. */
export const MEDIA_NOTICE_CONTENT: readonly ChecklistItem[] = [
  {
    item: 'notice to prominent media outlets serving the State or jurisdiction (typically a press release)',
    citation: '45 CFR 164.406(a)',
  },
  ...INDIVIDUAL_NOTICE_CONTENT.map((c) => ({
    item: c.item,
    citation: `45 CFR 164.406(c), by reference to ${c.citation.replace('45 CFR ', '')}`,
  })),
];

/** 164.408(b): HHS, 500 or more. */
export const HHS_NOTICE_CONTENT: readonly ChecklistItem[] = [
  {
    item: 'notify the Secretary contemporaneously with the notice to individuals, in the manner specified on the HHS web site (OCR breach portal)',
    citation: '45 CFR 164.408(b)',
  },
  { item: 'record the portal submission (confirmation or transaction number) as evidence', citation: '45 CFR 164.414(b); 164.530(j)' },
];

/** 164.408(c): HHS, fewer than 500. */
export const HHS_ANNUAL_LOG_CONTENT: readonly ChecklistItem[] = [
  { item: 'keep the breach in the log of breaches involving fewer than 500 individuals', citation: '45 CFR 164.408(c)' },
  {
    item: 'submit it to the Secretary in the manner specified on the HHS web site (OCR breach portal) no later than 60 days after the end of the calendar year of discovery; one report per breach; early submission is allowed',
    citation: '45 CFR 164.408(c)',
  },
  { item: 'record the portal submission (confirmation or transaction number) as evidence', citation: '45 CFR 164.414(b); 164.530(j)' },
];

/** 164.410(c): business associate → covered entity. */
export const CE_NOTICE_CONTENT: readonly ChecklistItem[] = [
  {
    item: 'the identification of each individual affected, to the extent possible (send the roster by a secure channel, never in a mail body)',
    citation: '45 CFR 164.410(c)(1)',
  },
  {
    item: 'any other available information the covered entity needs for its own notices under 164.404(c), now or promptly as it becomes available',
    citation: '45 CFR 164.410(c)(2)',
  },
];

/** 164.412: when a law-enforcement delay applies. */
export const HOLD_ITEM: ChecklistItem = {
  item: "do not make this notice while the law-enforcement delay is in force; keep the statement (and, if oral, the official's identity) on file",
  citation: '45 CFR 164.412; 164.530(j)',
};
