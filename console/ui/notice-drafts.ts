/// <reference lib="dom" />
/**
 * Drafts of the notices a person sends outside the engine: the HHS breach portal form (164.408; its fields
 * as JSON and a printable text), the media release per State over 500 residents (164.406), the substitute
 * notice's web posting and toll-free script (164.404(d)(2)). Pre-filled by the server from the recorded
 * facts and the organization profile, checked against the rule; drafting changes nothing. The submission
 * itself is then confirmed on the obligation with its evidence (e.g. the HHS transaction number).
 */
import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { postJson } from './api.js';
import { canDo, errorText, saveText, type Me } from './components.js';
import { NoticeTextFields, toContent, type NoticeText } from './notice-text.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';
import type { NoticeDraft } from '../../service/notice-drafts.js';

/** A notice draft as POST /incidents/:ref/drafts/:kind answers it (the server's own type, type-only). */
export type Draft = NoticeDraft;

// The portal's choices (notices/hhs-portal.ts), spelled out for people.
const BREACH_TYPES: [string, string][] = [
  ['hacking_it_incident', 'Hacking/IT incident'],
  ['improper_disposal', 'Improper disposal'],
  ['loss', 'Loss'],
  ['theft', 'Theft'],
  ['unauthorized_access_disclosure', 'Unauthorized access/disclosure'],
  ['other', 'Other'],
];
const LOCATIONS: [string, string][] = [
  ['desktop_computer', 'Desktop computer'],
  ['electronic_medical_record', 'Electronic medical record'],
  ['email', 'Email'],
  ['laptop', 'Laptop'],
  ['network_server', 'Network server'],
  ['other_portable_electronic_device', 'Other portable electronic device'],
  ['paper_films', 'Paper/films'],
  ['other', 'Other'],
];
const today = () => new Date().toLocaleDateString('en-CA');
const EXTRA = {
  breachTypes: [] as string[],
  locations: [] as string[],
  safeguards: '',
  attestName: '',
  attestTitle: '',
  attestDate: today(),
  outlets: '',
  releaseDate: '',
  callerVerification: '',
};
type Extra = typeof EXTRA;
const lines = (t: string) =>
  t
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The kind-specific part of a draft's content (the server's `hhs`, `media` and `substitute` sections). */
export function draftContent(kind: Choice['kind'], text: NoticeText, x: Extra): Record<string, unknown> {
  const content = toContent(text);
  if (kind === 'hhs_portal') {
    const attest =
      x.attestName.trim() || x.attestTitle.trim()
        ? { attestation: { name: x.attestName.trim(), title: x.attestTitle.trim(), date: x.attestDate } }
        : {};
    return { ...content, hhs: { breachTypes: x.breachTypes, locations: x.locations, safeguardsInPlace: lines(x.safeguards), ...attest } };
  }
  if (kind === 'media')
    return { ...content, media: { outlets: lines(x.outlets), ...(x.releaseDate ? { releaseDate: x.releaseDate } : {}) } };
  return { ...content, substitute: { callerVerification: x.callerVerification.trim() } };
}

interface Choice {
  value: string;
  label: string;
  kind: 'hhs_portal' | 'media' | 'substitute';
  state?: string;
}

/** What can be drafted for this incident's plan. */
export function draftChoices(s: Pick<IncidentSnapshot, 'obligations'>): Choice[] {
  const out: Choice[] = [];
  const live = s.obligations.filter((o) => o.status !== 'withdrawn');
  if (live.some((o) => o.obligation.kind === 'hhs_notice' || o.obligation.kind === 'hhs_annual_log')) {
    out.push({ value: 'hhs_portal', label: 'HHS breach portal form (164.408)', kind: 'hhs_portal' });
  }
  for (const o of live.filter((x) => x.obligation.kind === 'media_notice' && x.obligation.jurisdiction)) {
    out.push({
      value: `media:${o.obligation.jurisdiction}`,
      label: `Media release, ${o.obligation.jurisdiction} (164.406)`,
      kind: 'media',
      state: o.obligation.jurisdiction!,
    });
  }
  if (live.some((o) => o.obligation.kind === 'substitute_notice'))
    out.push({ value: 'substitute', label: 'Substitute notice: web posting and toll-free script (164.404(d)(2))', kind: 'substitute' });
  return out;
}

function HhsFields({ x, setX }: { x: Extra; setX: (x: Extra) => void }) {
  const toggle = (k: 'breachTypes' | 'locations', v: string) => (e: Event) =>
    setX({ ...x, [k]: (e.target as HTMLInputElement).checked ? [...x[k], v] : x[k].filter((y) => y !== v) });
  const input = (k: 'attestName' | 'attestTitle' | 'attestDate', label: string, type = 'text') =>
    html`<div>
      <label for=${`d-${k}`}>${label}</label
      ><input
        id=${`d-${k}`}
        type=${type}
        value=${x[k]}
        onInput=${(e: Event) => setX({ ...x, [k]: (e.target as HTMLInputElement).value })}
      />
    </div>`;
  return html`<fieldset>
      <legend>Type of breach (portal)</legend>
      ${BREACH_TYPES.map(([v, l]) => html`<label class="check"><input type="checkbox" checked=${x.breachTypes.includes(v)} onChange=${toggle('breachTypes', v)} /> ${l}</label>`)}
    </fieldset>
    <fieldset>
      <legend>Location of the breached information (portal)</legend>
      ${LOCATIONS.map(([v, l]) => html`<label class="check"><input type="checkbox" checked=${x.locations.includes(v)} onChange=${toggle('locations', v)} /> ${l}</label>`)}
    </fieldset>
    <label for="d-safeguards">Safeguards in place before the breach (one per line)</label>
    <textarea
      id="d-safeguards"
      rows="2"
      value=${x.safeguards}
      onInput=${(e: Event) => setX({ ...x, safeguards: (e.target as HTMLTextAreaElement).value })}
    ></textarea>
    <fieldset>
      <legend>Attestation (the person who submits attests on the portal)</legend>
      <div class="filters">${input('attestName', 'Name')}${input('attestTitle', 'Title')}${input('attestDate', 'Date', 'date')}</div>
    </fieldset>`;
}

export function NoticeDrafts({
  s,
  me,
  text,
  setText,
}: {
  s: IncidentSnapshot;
  me: Me;
  text: NoticeText;
  setText: (t: NoticeText) => void;
}) {
  const choices = draftChoices(s);
  const [choice, setChoice] = useState(choices[0]?.value ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [x, setX] = useState<Extra>(EXTRA);
  if (!choices.length || !canDo(me, 'confirmObligation')) return null;
  const c = choices.find((x) => x.value === choice) ?? choices[0]!;
  const make = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const q = c.state ? `?state=${encodeURIComponent(c.state)}` : '';
      setDraft(
        await postJson<Draft>(`/incidents/${encodeURIComponent(s.ref)}/drafts/${c.kind}${q}`, { content: draftContent(c.kind, text, x) }),
      );
      setError('');
    } catch (err) {
      setDraft(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const file = (suffix: string) => `${s.ref}-${c.value.replace(/[^A-Za-z0-9]/g, '-')}${suffix}`;
  return html`<section aria-labelledby="h-drafts">
    <h2 id="h-drafts">Notice drafts</h2>
    <p class="help">
      Pre-filled from the recorded facts and the organization profile and checked against the rule; nothing is sent or recorded. Submit it
      yourself, then confirm the obligation with its evidence.
    </p>
    <form onSubmit=${make} aria-label="Draft a notice">
      <label for="draft-kind">Notice</label
      ><select
        id="draft-kind"
        value=${c.value}
        onChange=${(e: Event) => {
          setChoice((e.target as HTMLSelectElement).value);
          setDraft(null);
        }}
      >
        ${choices.map((x) => html`<option value=${x.value}>${x.label}</option>`)}
      </select>
      ${
        c.kind === 'hhs_portal' &&
        html`<${HhsFields}
          x=${x}
          setX=${(v: Extra) => {
            setX(v);
            setDraft(null);
          }}
        />`
      }
      ${
        c.kind === 'media' &&
        html`<label for="d-outlets">Media outlets (one per line)</label>
          <p class="help" id="d-outlets-help">Prominent outlets serving the State (164.406(a)).</p>
          <textarea
            id="d-outlets"
            rows="2"
            aria-describedby="d-outlets-help"
            value=${x.outlets}
            onInput=${(e: Event) => setX({ ...x, outlets: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
          <label for="d-release">Release date (optional)</label
          ><input
            id="d-release"
            type="date"
            value=${x.releaseDate}
            onInput=${(e: Event) => setX({ ...x, releaseDate: (e.target as HTMLInputElement).value })}
          />`
      }
      ${
        c.kind === 'substitute' &&
        html`<label for="d-caller">How callers are verified</label>
          <p class="help" id="d-caller-help">
            Before the toll-free line tells a caller whether their information was involved (164.404(d)(2)(ii)(B)).
          </p>
          <textarea
            id="d-caller"
            rows="2"
            aria-describedby="d-caller-help"
            value=${x.callerVerification}
            onInput=${(e: Event) => setX({ ...x, callerVerification: (e.target as HTMLTextAreaElement).value })}
          ></textarea>`
      }
      <details>
        <summary>Notice text (shared with the individual notice)</summary>
        <${NoticeTextFields}
          prefix="d"
          f=${text}
          onChange=${(t: NoticeText) => {
            setText(t);
            setDraft(null);
          }}
          issues=${[]}
        />
      </details>
      <p><button type="submit" disabled=${busy}>Draft</button></p>
      ${error && html`<p class="alert" role="alert" id="draft-error">${error}</p>`}
    </form>
    ${
      draft &&
      html`<div id="draft" class="ok">
        <p>
          <strong>${draft.subject}</strong>
          <span class="help">(checked against ${draft.citation}; pre-filled: ${draft.prefilled.join(', ')})</span>
        </p>
        <pre id="draft-text" tabindex=${0}>${draft.text}</pre>
        ${
          draft.secondText &&
          html`<p><strong>${draft.secondText.title}</strong></p>
            <pre tabindex=${0}>${draft.secondText.text}</pre>`
        }
        ${
          draft.json !== undefined &&
          html`<p><strong>Portal fields (JSON)</strong></p>
            <pre id="draft-json" tabindex=${0}>${JSON.stringify(draft.json, null, 2)}</pre>`
        }
        <p>
          <button
            type="button"
            class="secondary"
            onClick=${() => saveText(file('.txt'), [draft.subject, '', draft.text, ...(draft.secondText ? ['', draft.secondText.title, '', draft.secondText.text] : [])].join('\n'), 'text/plain')}
          >
            Save the text
          </button>
          ${draft.json !== undefined && html` <button type="button" class="secondary" onClick=${() => saveText(file('.json'), JSON.stringify(draft.json, null, 2), 'application/json')}>Save the portal fields (JSON)</button>`}
        </p>
      </div>`
    }
  </section>`;
}
