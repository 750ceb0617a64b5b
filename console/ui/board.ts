/// <reference lib="dom" />
/** The incidents board: the list query, paged, with filters and deadlines. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { getJson } from './api.js';
import { canDo, errorText, type Me } from './components.js';
import { countdown, urgency } from './assessment-form.js';
import type { ListItem } from './snapshot.js';
import { OpenIncident } from './open-incident.js';
import { useClock } from './clock.js';

export function Board({ me }: { me: Me }) {
  const [filters, setFilters] = useState({ stage: '', reportable: '', role: '', owner: '', dueWithinDays: '' });
  const [items, setItems] = useState<ListItem[] | null>(null);
  const [error, setError] = useState('');
  const [closedRef, setClosedRef] = useState('');
  const [closed, setClosed] = useState<ListItem[] | null>(null);
  // The console's clock (the drill's simulated one in a drill): countdowns and urgency colours.
  const clock = useClock();
  const [now, setNow] = useState(clock.now());
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
  // A drill clock that moved re-reads the list too (reminders and escalations may have changed it).
  useEffect(() => void load(), [load, clock]);
  useEffect(() => {
    setNow(clock.now());
    const t = setInterval(() => setNow(clock.now()), 30_000);
    return () => clearInterval(t);
  }, [clock]);
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
