/// <reference lib="dom" />
/**
 * The web console: sign-in, the incidents board, the incident page. Preact + htm (no JSX build step).
 * Routes live in the URL fragment and carry only the opaque incident reference — never facts.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { download, getJson, newRequestId, postJson, tokens } from './api.js';
import { FieldError, canDo, errorText, issuesOf, setFlashHandler, useAction, type Me } from './components.js';
import { IndividualNotices } from './individual-notices.js';
import { NoticeDrafts } from './notice-drafts.js';
import { EMPTY_NOTICE_TEXT, type NoticeText } from './notice-text.js';
import { SECTIONS, answersFromFacts, countdown, justificationRequired, preview, urgency } from './assessment-form.js';
import { IDENTIFIER_CHOICES, emptyIntake, intakeToRequest, type IntakeForm } from './intake-form.js';
import { formatLegalDate } from '../../domain/legal-dates.js';
import { EVIDENCE_METHODS } from '../../contract/vocabulary.js';
import type { IncidentListItem } from '../../service/incident-list.js';
import type { IncidentSnapshot } from '../../contract/incident-types.js';

// The API's own types (type-only imports: nothing of the server is bundled).
type ListItem = Omit<IncidentListItem, 'workflowId' | 'startTime'>;
type Snapshot = IncidentSnapshot;
type Obligation = IncidentSnapshot['obligations'][number];

function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    tokens.set(token.trim());
    try {
      onSignedIn(await getJson<Me>('/me'));
    } catch (err) {
      tokens.set(null);
      setError(errorText(err));
    }
  };
  return html`<main id="main">
    <h1>Sign in</h1>
    <form onSubmit=${submit}>
      <label for="token">API token</label>
      <p class="help" id="token-help">Your personal API token (kept in this browser tab only, until you sign out or close it).</p>
      <input
        id="token"
        type="password"
        autocomplete="off"
        aria-describedby="token-help"
        value=${token}
        onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)}
        required
      />
      ${error && html`<p class="field-error" role="alert">${error}</p>`}
      <p><button type="submit">Sign in</button></p>
    </form>
  </main>`;
}

/** Open an incident: the intake facts, checked in the browser with the server's rules, then POST /incidents. */
function OpenIncident() {
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

function Board({ me }: { me: Me }) {
  const [filters, setFilters] = useState({ stage: '', reportable: '', role: '', owner: '', dueWithinDays: '' });
  const [items, setItems] = useState<ListItem[] | null>(null);
  const [error, setError] = useState('');
  const [closedRef, setClosedRef] = useState('');
  const [closed, setClosed] = useState<ListItem[] | null>(null);
  const [now, setNow] = useState(Date.now());
  const load = useCallback(async () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    try {
      const r = await getJson<{ incidents: ListItem[] }>(`/incidents?${q.toString()}`);
      setItems(r.incidents.filter((i) => i.stage !== 'closed' && i.status === 'RUNNING'));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [filters]);
  useEffect(() => {
    void load();
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, [load]);
  const set = (k: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [k]: (e.target as HTMLInputElement).value });
  const search = async (e: Event) => {
    e.preventDefault();
    try {
      setClosed(
        (await getJson<{ incidents: ListItem[] }>(`/incidents?stage=closed&ref=${encodeURIComponent(closedRef.trim())}`)).incidents,
      );
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  const sel = (id: keyof typeof filters, label: string, options: [string, string][]) =>
    html`<div>
      <label for=${`f-${id}`}>${label}</label
      ><select id=${`f-${id}`} value=${filters[id]} onChange=${set(id)}>
        ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
      </select>
    </div>`;
  return html`<main id="main">
    <h1>Open incidents</h1>
    ${canDo(me, 'open') && html`<${OpenIncident} />`}
    <form
      class="filters"
      aria-label="Filters"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        void load();
      }}
    >
      ${sel('stage', 'Stage', [
        ['', 'Any'],
        ['intake', 'Intake'],
        ['assessment', 'Assessment'],
        ['notification', 'Notification'],
        ['closing', 'Closing — evidence pending'],
      ])}
      ${sel('reportable', 'Reportable', [
        ['', 'Any'],
        ['true', 'Reportable'],
        ['false', 'Not reportable'],
      ])}
      ${sel('role', 'Our role', [
        ['', 'Any'],
        ['covered_entity', 'Covered entity'],
        ['business_associate', 'Business associate'],
      ])}
      <div><label for="f-owner">Owner</label><input id="f-owner" value=${filters.owner} onInput=${set('owner')} /></div>
      <div>
        <label for="f-due">Due within (days)</label
        ><input id="f-due" type="number" min="0" max="3650" value=${filters.dueWithinDays} onInput=${set('dueWithinDays')} />
      </div>
      <button type="submit">Apply filters</button>
    </form>
    ${error && html`<p class="alert" role="alert">${error}</p>`}
    ${
      items === null
        ? html`<p>Loading…</p>`
        : html`<table>
            <caption class="help">
              ${items.length} open incident(s). Countdown colours: red overdue, orange within 3 days, yellow within 14 days, green later.
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Stage</th>
                <th scope="col">Reportable</th>
                <th scope="col">Owner</th>
                <th scope="col">Next deadline</th>
                <th scope="col">Countdown</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (i) =>
                  html`<tr>
                    <td><a href=${`#/incident/${encodeURIComponent(i.ref)}`}>${i.ref}</a></td>
                    <td>${i.stage === 'closing' ? 'closing — evidence pending' : (i.stage ?? '—')}</td>
                    <td>${i.reportable === true ? 'yes' : i.reportable === false ? 'no' : 'undecided'}</td>
                    <td>${i.owner ?? '—'}</td>
                    <td>
                      ${i.nextDeadlineLocal ?? (i.nextDeadline ? `${new Date(i.nextDeadline).toLocaleString(undefined, { timeZoneName: 'short' })}` : '—')}
                    </td>
                    <td><span class=${`urgency-${urgency(i.nextDeadline, now)}`}>${countdown(i.nextDeadline, now)}</span></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h2>Closed incidents</h2>
    <form class="filters" onSubmit=${search}>
      <div>
        <label for="closed-ref">Reference</label
        ><input id="closed-ref" value=${closedRef} onInput=${(e: Event) => setClosedRef((e.target as HTMLInputElement).value)} required />
      </div>
      <button type="submit">Search</button>
    </form>
    ${
      closed &&
      (closed.length
        ? html`<ul>
            ${closed.map((i) => html`<li><a href=${`#/incident/${encodeURIComponent(i.ref)}`}>${i.ref}</a> (closed)</li>`)}
          </ul>`
        : html`<p>No closed incident with that reference.</p>`)
    }
  </main>`;
}

function Assessment({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
  const [answers, setAnswers] = useState(() => answersFromFacts(s.facts));
  const [reason, setReason] = useState('');
  const act = useAction(reload);
  const correcting = Boolean(s.decision);
  const allowed = canDo(me, correcting ? 'correctFacts' : 'recordFacts') && s.stage !== 'closed';
  const p = useMemo(() => preview(s.facts, answers, new Date().toISOString(), s.rulesVersion ?? 1), [s.facts, answers, s.rulesVersion]);
  const base = `/incidents/${encodeURIComponent(s.ref)}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const { applyAnswers } = await import('./assessment-form.js');
    await act.run(
      `${base}/facts`,
      { facts: applyAnswers(s.facts, answers), ...(reason ? { reason } : {}), requestId: newRequestId() },
      correcting ? 'Correction recorded.' : 'Assessment recorded.',
    );
  };
  return html`<section aria-labelledby="h-assess">
    <h2 id="h-assess">Assessment</h2>
    <div class="grid2">
      <form onSubmit=${submit} aria-label="Four-factor assessment">
        ${SECTIONS.map(
          (sec) =>
            html`<fieldset>
              <legend><strong>${sec.title}</strong> <span class="help">(${sec.citation})</span></legend>
              <p class="help">${sec.intro}</p>
              ${sec.questions.map((q) => {
                const id = `q-${q.path.replace(/\./g, '-')}`;
                const unknown = !answers[q.path] || answers[q.path] === q.unknownValue;
                return html`<label for=${id}>${q.label}</label>
                  <p class="help" id=${`${id}-help`}>${q.help}</p>
                  <select
                    id=${id}
                    aria-describedby=${`${id}-help`}
                    disabled=${!allowed}
                    value=${answers[q.path] ?? ''}
                    onChange=${(e: Event) => setAnswers({ ...answers, [q.path]: (e.target as HTMLSelectElement).value })}
                  >
                    <option value="">— not answered —</option>
                    ${q.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
                  </select>
                  ${unknown && html`<p class="unknown">Unknown: keeps the presumption of breach (pushes toward reportable).</p>`}
                  ${!p.ok && p.issues.filter((i) => i.path === q.path).map((i) => html`<p class="field-error" role="alert">${i.message} (${i.path})</p>`)}
                  <${FieldError} issues=${act.issues} path=${q.path} id=${`${id}-err`} />`;
              })}
            </fieldset>`,
        )}
        ${
          correcting &&
          html`<label for="correction-reason">Reason for the correction (required after the decision)</label>
            <textarea
              id="correction-reason"
              rows="2"
              disabled=${!allowed}
              value=${reason}
              onInput=${(e: Event) => setReason((e.target as HTMLTextAreaElement).value)}
              required
            ></textarea>
            <${FieldError} issues=${act.issues} path="reason" id="reason-err" />`
        }
        ${allowed && html`<p><button type="submit" disabled=${act.busy}>${correcting ? 'Record correction' : 'Record assessment'}</button></p>`}
        <${act.Message} />
      </form>
      <aside aria-live="polite" aria-labelledby="h-rec">
        <h3 id="h-rec">Live recommendation (preview)</h3>
        ${
          p.ok
            ? html`<p id="live-recommendation">
                  <strong>${p.determination.recommendation.reportable ? 'Reportable breach' : 'Not reportable'}</strong>:
                  ${p.determination.recommendation.summary}
                </p>
                ${p.pushesToReportable.length > 0 && html`<p class="unknown">${p.pushesToReportable.length} unknown answer(s) keep the presumption of breach.</p>`}
                <ol>
                  ${p.determination.rationale.map((r) => html`<li>${r}</li>`)}
                </ol>
                <p class="help">Computed in the browser with the engine's own rule code; the server recomputes when you record.</p>`
            : html`<p class="alert">The facts are incomplete; the server's recommendation stands. Issues:</p>
                <ul>
                  ${p.issues.slice(0, 10).map((i) => html`<li>${i.path}: ${i.message}</li>`)}
                </ul>`
        }
      </aside>
    </div>
    ${
      s.recommendation &&
      html`<h3>Recorded recommendation</h3>
        <p id="server-recommendation">
          <strong>${s.recommendation.reportable ? 'Reportable' : 'Not reportable'}</strong> (${s.recommendation.outcome})
        </p>`
    }
  </section>`;
}

function FactsEditor({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
  const [text, setText] = useState(() => JSON.stringify(s.facts ?? {}, null, 2));
  const [reason, setReason] = useState('');
  const act = useAction(reload);
  const correcting = Boolean(s.decision);
  const allowed = canDo(me, correcting ? 'correctFacts' : 'recordFacts') && s.stage !== 'closed';
  const submit = async (e: Event) => {
    e.preventDefault();
    let facts: unknown;
    try {
      facts = JSON.parse(text);
    } catch (err) {
      act.setIssues([{ path: 'facts', message: `not valid JSON: ${String(err)}` }]);
      return;
    }
    if (correcting && !reason.trim()) {
      act.setIssues([{ path: 'reason', message: 'a correction needs a reason (the record of 164.414(b))' }]);
      return;
    }
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/facts`,
      { facts, ...(reason ? { reason } : {}), requestId: newRequestId() },
      'Facts recorded.',
    );
  };
  return html`<details>
    <summary>Facts (version ${s.factsVersion}) — view or correct the whole document</summary>
    <form onSubmit=${submit} aria-label="Facts document">
      <label for="facts-json">Facts (JSON)</label>
      <textarea
        id="facts-json"
        rows="16"
        readonly=${!allowed}
        value=${text}
        onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <${FieldError} issues=${act.issues} path="facts" id="facts-err" />
      ${
        correcting &&
        html`<label for="facts-reason">Reason for the correction</label
          ><input
            id="facts-reason"
            disabled=${!allowed}
            value=${reason}
            onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)}
          />
          <${FieldError} issues=${act.issues} path="reason" id="facts-reason-err" />`
      }
      ${allowed && html`<p><button type="submit" disabled=${act.busy}>Save facts</button></p>`}
      <${act.Message} />
    </form>
  </details>`;
}

function Decision({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
  const [reportable, setReportable] = useState<string>(s.recommendation ? String(s.recommendation.reportable) : '');
  const [justification, setJustification] = useState('');
  const act = useAction(reload);
  if (s.decision)
    return html`<section aria-labelledby="h-dec">
      <h2 id="h-dec">Decision</h2>
      <p id="decision">
        <strong>${s.decision.reportable ? 'Reportable breach' : 'Not reportable'}</strong>, decided by ${s.decision.by} at
        ${new Date(s.decision.at).toLocaleString()}${s.decision.justification ? ` — ${s.decision.justification}` : ''}
      </p>
    </section>`;
  const allowed = canDo(me, 'decide') && Boolean(s.recommendation);
  const needs = reportable !== '' && justificationRequired(s.recommendation?.reportable, reportable === 'true');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (needs && !justification.trim()) {
      act.setIssues([
        { path: 'justification', message: 'required: the decision differs from the recommendation (164.402(2), 164.414(b))' },
      ]);
      return;
    }
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/decision`,
      {
        reportable: reportable === 'true',
        ...(justification.trim() ? { justification: justification.trim() } : {}),
        requestId: newRequestId(),
      },
      'Decision recorded.',
    );
  };
  return html`<section aria-labelledby="h-dec">
    <h2 id="h-dec">Decision (privacy officer sign-off)</h2>
    ${!s.recommendation && html`<p>Record the assessment first: the decision follows the recorded recommendation.</p>`}
    <form onSubmit=${submit}>
      <fieldset disabled=${!allowed}>
        <legend>Is this a reportable breach?</legend>
        <label
          ><input type="radio" name="reportable" value="true" checked=${reportable === 'true'} onChange=${() => setReportable('true')} />
          Reportable breach — notify</label
        >
        <label
          ><input type="radio" name="reportable" value="false" checked=${reportable === 'false'} onChange=${() => setReportable('false')} />
          Not reportable — document and close</label
        >
        <label for="justification">Justification ${needs ? '(required: differs from the recommendation)' : '(optional)'}</label>
        <textarea
          id="justification"
          rows="2"
          value=${justification}
          aria-required=${needs}
          onInput=${(e: Event) => setJustification((e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <${FieldError} issues=${act.issues} path="justification" id="justification-err" />
      </fieldset>
      ${allowed && html`<p><button type="submit" disabled=${act.busy || reportable === ''}>Sign off the decision</button></p>`}
      <${act.Message} />
    </form>
  </section>`;
}

const METHODS = EVIDENCE_METHODS;
function ConfirmForm({ s, o, reload }: { s: Snapshot; o: Obligation; reload: () => Promise<void> }) {
  const id = o.obligation.id.replace(/[^A-Za-z0-9]/g, '-');
  const [method, setMethod] = useState(o.obligation.id.startsWith('hhs') ? 'hhs_portal' : 'first_class_mail');
  const [reference, setReference] = useState('');
  const act = useAction(reload);
  const submit = async (e: Event) => {
    e.preventDefault();
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/obligations/${encodeURIComponent(o.obligation.id)}/confirm`,
      { evidence: { method, ...(reference.trim() ? { reference: reference.trim() } : {}) }, requestId: newRequestId() },
      'Confirmed.',
    );
  };
  return html`<form class="filters" onSubmit=${submit} aria-label=${`Confirm ${o.obligation.label}`}>
    <div>
      <label for=${`m-${id}`}>Method</label
      ><select id=${`m-${id}`} value=${method} onChange=${(e: Event) => setMethod((e.target as HTMLSelectElement).value)}>
        ${METHODS.map((m) => html`<option value=${m}>${m.replace(/_/g, ' ')}</option>`)}
      </select>
      <${FieldError} issues=${act.issues} path="evidence.method" id=${`m-${id}-err`} />
    </div>
    <div>
      <label for=${`r-${id}`}>Evidence reference</label
      ><input
        id=${`r-${id}`}
        value=${reference}
        placeholder="e.g. HHS submission number"
        onInput=${(e: Event) => setReference((e.target as HTMLInputElement).value)}
      />
      <${FieldError} issues=${act.issues} path="evidence.reference" id=${`r-${id}-err`} />
    </div>
    <button type="submit" disabled=${act.busy}>Confirm ${o.obligation.label}</button><${act.Message} />
  </form>`;
}

/** Acknowledging a reminder stops its escalation to the next rung (the acknowledge window of the policy). */
function Acknowledge({
  s,
  obligationId,
  label,
  reload,
}: {
  s: Snapshot;
  obligationId?: string;
  label: string;
  reload: () => Promise<void>;
}) {
  const act = useAction(reload);
  return html`<button
      class="secondary"
      disabled=${act.busy}
      aria-label=${`Acknowledge the reminder: ${label}`}
      onClick=${() => void act.run(`/incidents/${encodeURIComponent(s.ref)}/acknowledge`, { ...(obligationId ? { obligationId } : {}), requestId: newRequestId() }, 'Acknowledged: no escalation for this reminder.')}
    >
      Acknowledge</button
    ><${act.Message} />`;
}

function Obligations({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
  if (!s.obligations.length) return null;
  const allowed = canDo(me, 'confirmObligation') && s.stage !== 'closed';
  const ack = canDo(me, 'acknowledge') && s.stage !== 'closed';
  return html`<section aria-labelledby="h-obl">
    <h2 id="h-obl">Obligations</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Notice</th>
          <th scope="col">Recipient</th>
          <th scope="col">Legal deadline (outer limit)</th>
          <th scope="col">Target</th>
          <th scope="col">Status</th>
          <th scope="col">Reminders</th>
          <th scope="col">Escalation</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        ${s.obligations.map(
          (o) =>
            html`<tr>
              <td>${o.obligation.label} <span class="help">${o.obligation.citation}</span></td>
              <td>${o.obligation.recipient}</td>
              <td><time datetime=${o.obligation.deadline.date}>${formatLegalDate(o.obligation.deadline.date, s.timeZone)}</time></td>
              <td>
                <time datetime=${o.obligation.target.date}>${formatLegalDate(o.obligation.target.date, s.timeZone)}</time
                >${o.obligation.heldUntil ? html`<br /><span class="help">held until ${new Date(o.obligation.heldUntil).toLocaleString('en-US', { timeZone: s.timeZone, timeZoneName: 'short' })} (${s.timeZone})</span>` : ''}
              </td>
              <td class="obligation-status">${o.status}${o.confirmedBy ? ` (by ${o.confirmedBy})` : ''}</td>
              <td>
                ${o.remindersSent}${ack && o.remindersSent > 0 && (o.status === 'open' || o.status === 'overdue') ? html` <${Acknowledge} s=${s} obligationId=${o.obligation.id} label=${o.obligation.label} reload=${reload} />` : ''}
              </td>
              <td>${o.escalationLevel}</td>
              <td>
                ${allowed && (o.status === 'open' || o.status === 'overdue') ? html`<${ConfirmForm} s=${s} o=${o} reload=${reload} />` : '—'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function LawEnforcement({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
  const [f, setF] = useState({ kind: 'written', official: '', agency: '', receivedAt: '', endsAt: '' });
  const act = useAction(reload);
  const end = useAction(reload);
  const allowed = canDo(me, 'startLawEnforcementDelay') && s.stage !== 'closed';
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const statement = f.kind === 'written' ? f : { kind: f.kind, official: f.official, agency: f.agency, receivedAt: f.receivedAt };
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/law-enforcement-delays`,
      { statement, requestId: newRequestId() },
      'Law-enforcement delay recorded.',
    );
  };
  const active = s.lawEnforcementDelays.some((d) => !d.endedAt);
  const field = (k: keyof typeof f, label: string, help = '') =>
    html`<div>
      <label for=${`le-${k}`}>${label}</label>${help && html`<p class="help" id=${`le-${k}-help`}>${help}</p>`}
      <input id=${`le-${k}`} value=${f[k]} aria-describedby=${help ? `le-${k}-help` : undefined} onInput=${set(k)} /><${FieldError}
        issues=${act.issues}
        path=${`statement.${k}`}
        id=${`le-${k}-err`}
      />
    </div>`;
  return html`<section aria-labelledby="h-le">
    <h2 id="h-le">Law-enforcement delay (164.412)</h2>
    ${
      s.lawEnforcementDelays.length
        ? html`<ul>
            ${s.lawEnforcementDelays.map((d) => html`<li>${d.kind}, ${d.agency} (${d.official}), received ${d.receivedAt}${d.kind === 'written' ? `, until ${d.endsAt}` : ', at most 30 days (oral)'}${d.endedAt ? `, ended ${d.endedAt}` : ' — active'}</li>`)}
          </ul>`
        : html`<p>None.</p>`
    }
    ${
      allowed &&
      html`<details>
        <summary>Record a law-enforcement statement</summary>
        <form onSubmit=${submit} aria-label="Law-enforcement statement">
          <div>
            <label for="le-kind">Kind</label
            ><select id="le-kind" value=${f.kind} onChange=${set('kind')}>
              <option value="written">Written</option>
              <option value="oral">Oral (≤ 30 days)</option>
            </select>
          </div>
          ${field('official', 'Official')}${field('agency', 'Agency')}
          ${field('receivedAt', 'Received at', 'ISO 8601 with offset, e.g. 2026-11-20T15:00:00Z')}
          ${f.kind === 'written' && field('endsAt', 'Delay ends at', 'ISO 8601 with offset')}
          <p><button type="submit" disabled=${act.busy}>Record delay</button></p>
          <${act.Message} />
        </form>
      </details>`
    }
    ${
      canDo(me, 'endLawEnforcementDelay') &&
      s.stage !== 'closed' &&
      active &&
      html`<p>
          <button
            class="secondary"
            disabled=${end.busy}
            onClick=${() => void end.run(`/incidents/${encodeURIComponent(s.ref)}/law-enforcement-delays/end`, { requestId: newRequestId() }, 'Delay ended.')}
          >
            End the delay now
          </button>
        </p>
        <${end.Message} />`
    }
  </section>`;
}

function Incident({ ref, me }: { ref: string; me: Me }) {
  const [s, setS] = useState<Snapshot | null>(null);
  const [error, setError] = useState('');
  const [dl, setDl] = useState('');
  const [flashText, setFlash] = useState('');
  // The notice text is written once and used by the individual mailing and every draft.
  const [noticeText, setNoticeText] = useState<NoticeText>(EMPTY_NOTICE_TEXT);
  setFlashHandler(setFlash);
  const reload = useCallback(async () => {
    try {
      setS(await getJson<Snapshot>(`/incidents/${encodeURIComponent(ref)}`));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [ref]);
  useEffect(() => void reload(), [reload]);
  const loaded = Boolean(s);
  // Keyboard and screen-reader users land on the incident's heading when the page opens.
  useEffect(() => {
    if (loaded) document.getElementById('incident-heading')?.focus();
  }, [loaded]);
  if (error)
    return html`<main id="main">
      <p class="alert" role="alert">${error}</p>
      <p><a href="#/">Back to the board</a></p>
    </main>`;
  if (!s) return html`<main id="main"><p>Loading…</p></main>`;
  const get = (format: string, name: string) => async () => {
    try {
      await download(`/incidents/${encodeURIComponent(s.ref)}/report?format=${format}`, name);
      setDl('');
    } catch (e) {
      setDl(errorText(e));
    }
  };
  // The decision service level (policy, default 10 days after discovery): its deadline instant.
  const decisionDue = s.decisionDue?.dates.deadline.instant;
  const escalatesAt = s.decisionDue?.pendingAck ? new Date(s.decisionDue.pendingAck.ackDueAt).toLocaleString() : '';
  const decisionDueAck =
    canDo(me, 'acknowledge') && s.decisionDue?.pendingAck
      ? html` — a reminder escalates at ${escalatesAt} unless acknowledged <${Acknowledge} s=${s} label="decision due" reload=${reload} />`
      : '';
  const dueDate = s.decisionDue ? formatLegalDate(s.decisionDue.dates.deadline.date, s.timeZone) : '';
  const dueClass = decisionDue ? `urgency-${urgency(decisionDue, Date.now())}` : '';
  const dueCountdown = decisionDue ? countdown(decisionDue, Date.now()) : '';
  const decisionDueLine =
    s.stage !== 'closed' &&
    decisionDue &&
    !s.decision &&
    html`<p id="decision-due">Decision due ${dueDate} (<span class=${dueClass}>${dueCountdown}</span>)${decisionDueAck}</p>`;
  return html`<main id="main">
    <p><a href="#/">← Board</a></p>
    <h1 id="incident-heading" tabindex=${-1}>Incident ${s.ref}</h1>
    <p>
      Stage: <strong id="stage">${s.stage === 'closing' ? 'closing — evidence pending' : s.stage}</strong> · our role: ${s.role} · owner:
      ${s.owner}${s.closedAt ? ` · closed ${new Date(s.closedAt).toLocaleString()}` : ''}
      <button class="secondary" onClick=${() => void reload()}>Refresh</button>
    </p>
    ${decisionDueLine}
    ${canDo(me, 'report') && html`<p>Downloads: <button class="secondary" onClick=${get('html', `${s.ref}-report.html`)}>Report (HTML)</button> <button class="secondary" onClick=${get('pdf', `${s.ref}-report.pdf`)}>Report (PDF)</button> <button class="secondary" onClick=${get('evidence', `${s.ref}-evidence.json`)}>Evidence bundle</button></p>`}
    ${dl && html`<p class="alert" role="alert">${dl}</p>`}
    <p class=${flashText ? 'ok' : ''} role="status" id="flash">${flashText}</p>
    <${FactsEditor} key=${`f${s.factsVersion}`} s=${s} me=${me} reload=${reload} />
    <${Assessment} key=${`a${s.factsVersion}`} s=${s} me=${me} reload=${reload} />
    <${Decision} s=${s} me=${me} reload=${reload} />
    <${Obligations} s=${s} me=${me} reload=${reload} />
    <${IndividualNotices} s=${s} me=${me} text=${noticeText} setText=${setNoticeText} reload=${reload} />
    <${NoticeDrafts} s=${s} me=${me} text=${noticeText} setText=${setNoticeText} />
    <${LawEnforcement} s=${s} me=${me} reload=${reload} />
    <section aria-labelledby="h-tl">
      <h2 id="h-tl">Timeline</h2>
      <ol>
        ${s.timeline.map((t) => html`<li><time datetime=${t.at}>${new Date(t.at).toLocaleString()}</time> — ${t.action} by ${t.by}${t.detail ? `: ${t.detail}` : ''}</li>`)}
      </ol>
    </section>
  </main>`;
}

/** Signs out after the server's idle time with no key press, click or scroll (164.312(a)(2)(iii)). */
function useIdleLogoff(me: Me | null, signOut: () => void): void {
  useEffect(() => {
    if (!me) return undefined;
    const limitMs = (me.idleLogoffMinutes ?? 15) * 60_000;
    let last = Date.now();
    const seen = () => (last = Date.now());
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, seen, { passive: true });
    const timer = window.setInterval(
      () => {
        if (Date.now() - last >= limitMs) signOut();
      },
      Math.min(limitMs, 15_000),
    );
    return () => {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, seen);
    };
  }, [me]);
}

function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [loggedOff, setLoggedOff] = useState<number | null>(null);
  const route = useRoute();
  useEffect(() => {
    if (!tokens.get()) return setChecked(true);
    getJson<Me>('/me')
      .then(setMe, () => tokens.set(null))
      .finally(() => setChecked(true));
  }, []);
  useIdleLogoff(me, () => {
    tokens.set(null);
    setLoggedOff(me?.idleLogoffMinutes ?? 15);
    setMe(null);
  });
  if (!checked) return html`<main id="main"><p>Loading…</p></main>`;
  if (!me)
    return html`${loggedOff !== null ? html`<p class="flash" role="status" id="idle-logoff">Signed out after ${loggedOff} minutes without activity. Sign in again to continue.</p>` : ''}<${SignIn}
        onSignedIn=${(m: Me) => {
          setLoggedOff(null);
          setMe(m);
        }}
      />`;
  const m = /^#\/incident\/([^/]+)$/.exec(route);
  return html`<header class="top">
      <strong>Breach engine</strong>
      <nav aria-label="Main"><a href="#/">Incidents</a></nav>
      <span class="who">Signed in as <span id="me">${me.userId}</span> (${me.role})</span>
      <button
        class="secondary"
        onClick=${() => {
          tokens.set(null);
          setMe(null);
        }}
      >
        Sign out
      </button>
    </header>
    ${m ? html`<${Incident} key=${m[1]} ref=${decodeURIComponent(m[1]!)} me=${me} />` : html`<${Board} me=${me} />`}`;
}

render(html`<${App} />`, document.getElementById('root')!);
