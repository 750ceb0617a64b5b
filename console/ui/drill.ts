/// <reference lib="dom" />
/**
 * The console in a drill (issue 19 item 1). When the API serves a drill (GET /drill answers; a
 * production API has no such route), every screen carries a DRILL banner that cannot be dismissed —
 * the scenario and the simulated day — and the facilitator (the API says who may) gets the clock (advance
 * 5 days, to day N, to the next deadline), the injects due, and the score: per obligation the
 * simulated day it was confirmed against its target and legal deadline, and what was missed. The
 * buttons call the API's drill routes (authorized and audited there).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { ApiError, getJson, postJson } from './api.js';
import { errorText, type Me } from './components.js';
import type { DrillAdvanceBody, DrillInjectBody, DrillScoreView, DrillView } from '../../api/drill-routes.js';

/** The drill this API serves, or null (not a drill); `refresh` after the clock moved. */
export function useDrill(me: Me | null): { drill: DrillView | null; setDrill: (v: DrillView) => void; refresh: () => void } {
  const [drill, setDrill] = useState<DrillView | null>(null);
  const refresh = useCallback(() => {
    if (!me) return setDrill(null);
    getJson<DrillView>('/drill').then(setDrill, (e: unknown) => {
      // 404: a production API (no drill routes). Anything else leaves the banner as it was.
      if (e instanceof ApiError && e.status === 404) setDrill(null);
    });
  }, [me]);
  useEffect(() => refresh(), [refresh]);
  return { drill, setDrill, refresh };
}

const dayText = (d: number) => (Number.isInteger(d) ? String(d) : d.toFixed(1));

/**
 * A business associate's notice to a covered entity: the 60-day outer limit of 164.410(b) beside its legal deadline
 * (a BAA may set an earlier one), whether the notice met it, and a late one flagged in words, not by colour alone.
 */
function OuterLimit({ limit }: { limit: NonNullable<DrillScoreView['obligations'][number]['outerLimit']> }) {
  const text = `(outer limit day ${dayText(limit.day)}, ${limit.date}, ${limit.citation}${limit.met === true ? ': met' : ''})`;
  return html`<span class="outer-limit">${text}${limit.met === false ? html` <strong>outer limit passed: missed</strong>` : ''}</span>`;
}

/** On every screen of a drill: not dismissible, announced as the page's banner. */
export function DrillBanner({ drill }: { drill: DrillView }) {
  // A named region, not a second banner landmark (the console's header is the page's one banner).
  return html`<section class="drill-banner" aria-label="Drill" id="drill-banner">
    <strong>DRILL — not a real incident.</strong> Scenario: <span id="drill-scenario">${drill.title}</span> (${drill.scenario}) ·
    <span aria-live="polite" aria-atomic="true">simulated day <span id="drill-day">${dayText(drill.day)}</span></span>
  </section>`;
}

/** The facilitator's controls (shown when GET /drill says the user may facilitate): the clock, the injects due, the score. */
export function DrillFacilitator({ drill, onView }: { drill: DrillView; onView: (v: DrillView) => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [toDay, setToDay] = useState('');
  const [score, setScore] = useState<DrillScoreView | null>(null);
  const advance = async (body: DrillAdvanceBody, label: string) => {
    setBusy(true);
    setError('');
    try {
      const r = await postJson<{ reached?: { what: string; at: string } | string; view: DrillView }>('/drill/advance', body);
      onView(r.view);
      const reached = typeof r.reached === 'string' ? r.reached : r.reached ? `reached ${r.reached.what}` : '';
      setMessage(`${label}: now simulated day ${dayText(r.view.day)}${reached ? ` (${reached})` : ''}`);
      if (score) setScore(await getJson<DrillScoreView>('/drill/score'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // An inject recorded in the engine for the team (POST /drill/inject: the facilitator's role, audited).
  const recordInject = async (body: DrillInjectBody) => {
    setBusy(true);
    setError('');
    try {
      const r = await postJson<{ recorded: { id: string; kind: string; day: number }; view: DrillView }>('/drill/inject', body);
      onView(r.view);
      setMessage(`Recorded inject ${r.recorded.id} (day ${r.recorded.day}) on simulated day ${dayText(r.view.day)}`);
      // The button pressed is gone from the list: keyboard focus goes to the outcome, not to the page's start.
      document.getElementById('drill-status')?.focus();
      if (score) setScore(await getJson<DrillScoreView>('/drill/score'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const showScore = async () => {
    try {
      setScore(await getJson<DrillScoreView>('/drill/score'));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const pending = drill.injects.filter((i) => !i.recorded);
  const arrived = pending.filter((i) => i.arrived);
  return html`<aside class="drill-facilitator" aria-labelledby="h-drill-facilitator">
    <h2 id="h-drill-facilitator">Drill facilitator</h2>
    <p>
      <button disabled=${busy} onClick=${() => void advance({ by: '5d' }, 'Advanced 5 days')}>Advance 5 days</button>
      <button disabled=${busy} onClick=${() => void advance({ next: true }, 'Advanced to the next deadline')}>
        Advance to the next deadline
      </button>
    </p>
    <form
      class="filters"
      aria-label="Advance to a day"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        const n = Number(toDay);
        if (toDay.trim() === '' || !Number.isFinite(n) || n < 0) return setError('day: a simulated day number, 0 or later');
        void advance({ toDay: n }, `Advanced to day ${n}`);
      }}
    >
      <label for="drill-to-day">Simulated day</label>
      <input id="drill-to-day" inputmode="numeric" value=${toDay} onInput=${(e: Event) => setToDay((e.target as HTMLInputElement).value)} />
      <button type="submit" class="secondary" disabled=${busy}>Advance to day</button>
    </form>
    <p role="status" id="drill-status" tabindex=${-1}>${message}</p>
    ${error && html`<p class="alert" role="alert">${error}</p>`}
    <h3>Injects not yet recorded by the team</h3>
    ${
      pending.length === 0
        ? html`<p>None.</p>`
        : html`<ul id="drill-injects">
            ${pending.map(
              (i) =>
                html`<li>
                  Day ${i.day} — ${i.kind.replace(/_/g, ' ')} (${i.id})${i.arrived ? html` <strong>arrived</strong>` : ' (due)'}:
                  ${i.message}
                  ${
                    i.arrived &&
                    html` <button class="secondary" disabled=${busy} onClick=${() => void recordInject({ inject: i.id })}>
                      Record ${i.id} for the team
                    </button>`
                  }
                </li>`,
            )}
          </ul>`
    }
    ${
      arrived.length > 0 &&
      html`<p>
        <button disabled=${busy} onClick=${() => void recordInject({})}>Record the next inject (${arrived[0]!.id})</button>
      </p>`
    }
    <h3>Score</h3>
    <p><button class="secondary" onClick=${() => void showScore()}>${score ? 'Refresh the score' : 'Show the score'}</button></p>
    ${
      score &&
      html`<p id="drill-overall">Overall ${score.overall}/100 (simulated day ${dayText(score.endDay)})</p>
        <table id="drill-score">
          <caption>
            Per obligation: the simulated day it was confirmed, against its target and its legal deadline
          </caption>
          <thead>
            <tr>
              <th scope="col">Obligation</th>
              <th scope="col">Law (citation)</th>
              <th scope="col">Confirmed (day)</th>
              <th scope="col">Target (day)</th>
              <th scope="col">Legal deadline (day)</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            ${score.obligations.map(
              (o) =>
                html`<tr>
                  <td>${o.label}</td>
                  <td>
                    ${o.law === 'state' ? `${o.jurisdiction ?? 'State'} law` : 'HIPAA'}${o.citation ? ` (${o.citation})` : ''}
                    ${
                      o.law === 'state' &&
                      (o.verification === 'verified'
                        ? ' — verified'
                        : o.verification === 'secondary_sources'
                          ? ' — secondary sources only'
                          : html` — <strong class="unverified">unverified</strong>`)
                    }
                  </td>
                  <td>${o.confirmedDay !== undefined ? dayText(o.confirmedDay) : '—'}</td>
                  <td>${o.targetDay}</td>
                  <td>${o.deadlineDay}${o.outerLimit && html` <${OuterLimit} limit=${o.outerLimit} />`}</td>
                  <td>${o.outcome.replace(/_/g, ' ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        <h3>Missed</h3>
        ${
          score.missed.length
            ? html`<ul id="drill-missed">
                ${score.missed.map((m) => html`<li>${m}</li>`)}
              </ul>`
            : html`<p>Nothing missed so far.</p>`
        }`
    }
  </aside>`;
}
