/// <reference lib="dom" />
/** The assessment stage: four-factor answers, facts corrections, and the decision. */
import { useMemo, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { newRequestId } from './api.js';
import { FieldError, canDo, useAction, type Me } from './components.js';
import { SECTIONS, answersFromFacts, justificationRequired, preview } from './assessment-form.js';
import type { Snapshot } from './snapshot.js';

export function Assessment({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
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

export function FactsEditor({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
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

export function Decision({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
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
