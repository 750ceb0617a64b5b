/// <reference lib="dom" />
/** The notification stage: obligations with their confirmations and acknowledgements, and law-enforcement delays. */
import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { newRequestId } from './api.js';
import { FieldError, canDo, useAction, type Me } from './components.js';
import { formatLegalDate } from '../../domain/legal-dates.js';
import { EVIDENCE_METHODS } from '../../contract/vocabulary.js';
import type { Snapshot, Obligation } from './snapshot.js';

export const METHODS = EVIDENCE_METHODS;
export function ConfirmForm({ s, o, reload }: { s: Snapshot; o: Obligation; reload: () => Promise<void> }) {
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
export function Acknowledge({
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

export function Obligations({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
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

export function LawEnforcement({ s, me, reload }: { s: Snapshot; me: Me; reload: () => Promise<void> }) {
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
