/// <reference lib="dom" />
/** The intake form: open an incident with the facts known so far. */
import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { postJson } from './api.js';
import { errorText, issuesOf } from './components.js';
import { IDENTIFIER_CHOICES, emptyIntake, intakeToRequest, type IntakeForm } from './intake-form.js';

export function OpenIncident() {
  const [f, setF] = useState<IntakeForm>(() => emptyIntake(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof IntakeForm) => (e: Event) => {
    const t = e.target as HTMLInputElement;
    setF({ ...f, [k]: t.type === 'checkbox' ? t.checked : t.value });
  };
  const toggleId = (id: string) => () =>
    setF({ ...f, identifiers: f.identifiers.includes(id) ? f.identifiers.filter((x) => x !== id) : [...f.identifiers, id] });
  const err = (field: string) =>
    errors
      .filter((x) => x.field === field)
      .map((x, i) => html`<p class="field-error" id=${`open-${field}-err${i}`} role="alert">${x.message}</p>`);
  const described = (field: string) => (errors.some((x) => x.field === field) ? `open-${field}-err0` : undefined);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = intakeToRequest(f, new Date().toISOString());
    if (!r.ok) return setErrors(r.errors);
    setBusy(true);
    try {
      await postJson('/incidents', r.body);
      location.hash = `#/incident/${encodeURIComponent(r.body.ref)}`;
    } catch (err2) {
      // The server's 400 names body paths (body.ref …); anything else is shown with the form.
      const issues = issuesOf(err2);
      setErrors(
        issues.length
          ? issues.map((i) => ({
              field: i.path.replace(/^body\./, '').split('.')[0] === 'ref' ? 'ref' : 'form',
              message: `${i.message} (${i.path})`,
            }))
          : [{ field: 'form', message: errorText(err2) }],
      );
    } finally {
      setBusy(false);
    }
  };
  const text = (k: keyof IntakeForm, label: string, help: string, type = 'text') =>
    html`<div class="field">
      <label for=${`open-${k}`}>${label}</label>
      <p class="help" id=${`open-${k}-help`}>${help}</p>
      <input
        id=${`open-${k}`}
        type=${type}
        value=${f[k] as string}
        onInput=${set(k)}
        aria-describedby=${[`open-${k}-help`, described(k)].filter(Boolean).join(' ')}
        aria-invalid=${errors.some((x) => x.field === k)}
      />${err(k)}
    </div>`;
  return html`<details class="open-incident">
    <summary>Open an incident</summary>
    <form aria-label="Open an incident" onSubmit=${submit} novalidate>
      ${text('ref', 'Reference', 'The ticket or SIEM id (opaque: never a name or other PHI).')}
      <div class="field">
        <label for="open-role">Our role</label
        ><select id="open-role" value=${f.role} onChange=${set('role')}>
          <option value="covered_entity">Covered entity</option>
          <option value="business_associate">Business associate (164.410)</option>
        </select>
      </div>
      ${f.role === 'business_associate' && text('coveredEntityName', 'Covered entity', 'Whose PHI it was: the business associate notifies it (164.410).')}
      ${
        f.role === 'business_associate' &&
        html`<div class="field">
          <label for="open-actingAsAgent">Do we act as the covered entity's agent?</label>
          <p class="help" id="open-actingAsAgent-help">
            If so, our discovery is its discovery and its own 60 days start the same day (164.404(a)(2)). Yes or unknown: the plan warns and
            the notice to it targets 10 days.
          </p>
          <select
            id="open-actingAsAgent"
            value=${f.actingAsAgent}
            onChange=${set('actingAsAgent')}
            aria-describedby="open-actingAsAgent-help"
          >
            <option value="unknown">Unknown</option>
            <option value="yes">Yes</option>
            <option value="no">No</option></select
          >${err('actingAsAgent')}
        </div>`
      }
      ${text('owner', 'Owner (optional)', 'User id of the responsible person; default: first rung of the escalation chain.')}
      ${text('orgName', 'Organization', 'Our legal name, as it appears on notices.')}
      <div class="field">
        <label for="open-entityType">Entity type</label
        ><select id="open-entityType" value=${f.entityType} onChange=${set('entityType')}>
          <option value="health_care_provider">Health care provider</option>
          <option value="health_plan">Health plan</option>
          <option value="health_care_clearinghouse">Health care clearinghouse</option>
          <option value="business_associate">Business associate</option></select
        >${err('entityType')}
      </div>
      ${text('timeZone', 'Time zone', 'IANA zone in which deadline days are counted, e.g. America/Chicago.')}
      ${text('discoveredAt', 'Discovered at', 'When anyone in the workforce knew, or by reasonable diligence would have known (164.404(a)(2)); your local time.', 'datetime-local')}
      ${text('occurredAt', 'Breach began (if known)', 'Your local time.', 'datetime-local')}
      <div class="field">
        <label for="open-affected">Affected individuals by State</label>
        <p class="help" id="open-affected-help">
          E.g. "CA 700, NV 500"; "unknown" for residents of no known State (media notice counts more than 500 residents per State, 164.406).
        </p>
        <textarea
          id="open-affected"
          rows="2"
          value=${f.affected}
          onInput=${set('affected')}
          aria-describedby=${['open-affected-help', described('affected')].filter(Boolean).join(' ')}
          aria-invalid=${errors.some((x) => x.field === 'affected')}
        ></textarea
        >${err('affected')}
      </div>
      <div class="field">
        <label for="open-phiInvolved">Was PHI involved?</label
        ><select id="open-phiInvolved" value=${f.phiInvolved} onChange=${set('phiInvolved')}>
          <option value="yes">Yes</option>
          <option value="no">No</option>
          <option value="unknown">Unknown (keeps the presumption of breach)</option></select
        >${err('phiInvolved')}
      </div>
      <div class="field">
        <label for="open-privacyRule">Did the Privacy Rule permit the use or disclosure?</label>
        <p class="help" id="open-privacyRule-help">
          A breach is a use or disclosure the Privacy Rule does not permit (164.402). Permitted or incidental (with minimum necessary and
          safeguards): not a breach, with its basis. Unknown keeps the presumption of breach.
        </p>
        <select id="open-privacyRule" value=${f.privacyRule} onChange=${set('privacyRule')} aria-describedby="open-privacyRule-help">
          <option value="unknown">Unknown</option>
          <option value="not_permitted">Not permitted</option>
          <option value="permitted">Permitted</option>
          <option value="incidental">Incidental to a permitted use or disclosure</option></select
        >${err('privacyRule')}
      </div>
      ${(f.privacyRule === 'permitted' || f.privacyRule === 'incidental') && text('privacyRuleBasis', 'Basis', 'The Privacy Rule provision relied on and the facts that show it applies (kept for 164.414(b)).')}
      <fieldset>
        <legend>Identifiers involved (45 CFR 164.514(b)(2))</legend>
        ${IDENTIFIER_CHOICES.map((id) => html`<label class="check"><input type="checkbox" checked=${f.identifiers.includes(id)} onChange=${toggleId(id)} /> ${id.replace(/_/g, ' ')}</label>`)}
        ${err('identifiers')}
      </fieldset>
      <label class="check"
        ><input id="open-clinical" type="checkbox" checked=${f.clinical} onChange=${set('clinical')} /> Clinical information (diagnoses,
        treatment)</label
      >
      <label class="check"
        ><input id="open-financial" type="checkbox" checked=${f.financial} onChange=${set('financial')} /> Financial information</label
      >
      ${err('form')}
      <p><button type="submit" disabled=${busy}>Open incident</button></p>
    </form>
  </details>`;
}
