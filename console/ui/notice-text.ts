/// <reference lib="dom" />
/**
 * The incident-level text of the notices (164.404(c) elements), written once in the console and used by
 * the individual mailing and by every draft (HHS portal form, media release, substitute notice). Dates come
 * from the recorded facts and contact details from the organization profile, on the server.
 */
import { html } from 'htm/preact';
import type { Issue } from './api.js';
import { FieldError } from './components.js';

export const EMPTY_NOTICE_TEXT = {
  whatHappened: '',
  phiTypes: '',
  individualSteps: '',
  investigate: '',
  mitigate: '',
  prevent: '',
  urgent: false,
  closing: '',
};
export type NoticeText = typeof EMPTY_NOTICE_TEXT;

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The notice text as the API takes it (notices/content.ts IncidentNoticeContent). */
export function toContent(f: NoticeText): Record<string, unknown> {
  return {
    whatHappened: f.whatHappened.trim(),
    phiTypes: lines(f.phiTypes),
    individualSteps: lines(f.individualSteps),
    entityActions: { investigate: f.investigate.trim(), mitigate: f.mitigate.trim(), prevent: f.prevent.trim() },
    urgent: f.urgent,
    ...(f.closing.trim() ? { closing: f.closing.trim() } : {}),
  };
}

/** The fields, with ids prefixed by `prefix` so two forms can be on one page. */
export function NoticeTextFields({
  prefix,
  f,
  onChange,
  issues,
}: {
  prefix: string;
  f: NoticeText;
  onChange: (f: NoticeText) => void;
  issues: Issue[];
}) {
  const set = (k: keyof NoticeText) => (e: Event) => {
    const t = e.target as HTMLInputElement;
    onChange({ ...f, [k]: t.type === 'checkbox' ? t.checked : t.value });
  };
  const area = (k: keyof NoticeText, label: string, help: string, path: string) =>
    html`<label for=${`${prefix}-${k}`}>${label}</label>
      <p class="help" id=${`${prefix}-${k}-help`}>${help}</p>
      <textarea
        id=${`${prefix}-${k}`}
        rows="3"
        value=${f[k] as string}
        aria-describedby=${`${prefix}-${k}-help`}
        onInput=${set(k)}
      ></textarea>
      <${FieldError} issues=${issues} path=${path} id=${`${prefix}-${k}-err`} />`;
  return html` ${area('whatHappened', 'What happened', 'A brief, plain-language description of the breach (164.404(c)(1)(A)).', 'whatHappened')}
    ${area('phiTypes', 'Kinds of information involved (one per line)', 'E.g. "your name", "your date of birth", "the reason for your visit" (164.404(c)(1)(B)).', 'phiTypes')}
    ${area('individualSteps', 'Steps people should take (one per line)', 'What individuals should do to protect themselves from potential harm (164.404(c)(1)(C)).', 'individualSteps')}
    <fieldset>
      <legend>What we are doing (164.404(c)(1)(D))</legend>
      ${area('investigate', 'To investigate', 'How the breach is being investigated.', 'entityActions.investigate')}
      ${area('mitigate', 'To mitigate harm', 'What has been done to limit the harm to individuals.', 'entityActions.mitigate')}
      ${area('prevent', 'To protect against further breaches', 'What changes prevent it from happening again.', 'entityActions.prevent')}
    </fieldset>
    <label class="check"
      ><input id=${`${prefix}-urgent`} type="checkbox" checked=${f.urgent} onChange=${set('urgent')} /> Possible imminent misuse: people are
      also telephoned (164.404(d)(3))</label
    >
    ${area('closing', 'Closing paragraph (optional)', 'Printed before the contact details (toll-free number, email, web site and postal address come from the organization profile, 164.404(c)(1)(E)).', 'closing')}`;
}
