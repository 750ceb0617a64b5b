/// <reference lib="dom" />
/**
 * Individual notices (164.404) from the console: import the affected-individual roster, write the notice
 * text with its required elements (164.404(c)), preview it, mail it to everyone on the roster, and watch the
 * mailing. For a business associate the same section carries the roster and the notice to the covered
 * entity (ce-notice.ts). Names and addresses never reach the console: the CSV goes as it is to the
 * encrypted roster store, and the console shows only counts and problems by line and field.
 */
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { getJson, newRequestId, postFile, postJson } from './api.js';
import { FieldError, canDo, errorText, useAction, type Me } from './components.js';
import { NoticeTextFields, toContent, type NoticeText } from './notice-text.js';
import { CeNoticeForm, CeNoticeList } from './ce-notice.js';
import type { Draft } from './notice-drafts.js';
import type { IncidentSnapshot, MailingView, RosterView } from '../../contract/incident-types.js';
import type { BulkNotificationProgress } from '../../contract/mailing-messages.js';

interface RosterReport {
  rosterId: string;
  recipients: number;
  rejectedRows: number;
  problems: { line: number; field: string; problem: string }[];
  problemsOmitted: number;
  alreadyImported: boolean;
}

function RosterImport({ s, reload }: { s: IncidentSnapshot; reload: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RosterReport | null>(null);
  const act = useAction(reload);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return act.setIssues([{ path: 'file', message: 'choose the roster file (CSV) first' }]);
    const out = await act.runWith(
      () =>
        postFile<RosterReport>(
          `/incidents/${encodeURIComponent(s.ref)}/rosters?requestId=${encodeURIComponent(newRequestId())}`,
          'text/csv',
          file,
        ),
      'Roster imported.',
    );
    if (out) setReport(out);
  };
  return html`<form onSubmit=${submit} aria-label="Import a roster">
    <label for="roster-file">Roster file (CSV)</label>
    <p class="help" id="roster-file-help">
      One row per affected individual (name; email and/or postal address; State; deceased and representative where known). Names and
      addresses are encrypted on arrival and never shown here; bad rows are listed by line and field.
    </p>
    <input
      id="roster-file"
      type="file"
      accept=".csv,text/csv"
      aria-describedby="roster-file-help"
      onChange=${(e: Event) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
    />
    <${FieldError} issues=${act.issues} path="file" id="roster-file-err" />
    <p><button type="submit" disabled=${act.busy}>Import roster</button></p>
    <${act.Message} />
    ${
      report &&
      html`<div class="ok" role="status" id="roster-report">
        <p>
          ${report.alreadyImported ? `This file was already imported into roster ${report.rosterId}: nothing changed.` : `Roster ${report.rosterId}: ${report.recipients} recipient(s) attached, ${report.rejectedRows} row(s) rejected.`}
        </p>
        ${
          report.problems.length > 0 &&
          html`<table>
            <caption>
              Rejected rows (fix them and import the corrected rows again)
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              ${report.problems.map(
                (p) =>
                  html`<tr>
                    <td>${p.line}</td>
                    <td>${p.field}</td>
                    <td>${p.problem}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        }
        ${report.problemsOmitted > 0 && html`<p>…and ${report.problemsOmitted} more problem(s).</p>`}
      </div>`
    }
  </form>`;
}

function NoticeForm({
  s,
  obligationId,
  rosters,
  text,
  setText,
  reload,
}: {
  s: IncidentSnapshot;
  obligationId: string;
  rosters: RosterView[];
  text: NoticeText;
  setText: (t: NoticeText) => void;
  reload: () => Promise<void>;
}) {
  const f = text;
  const [rosterId, setRosterId] = useState(rosters.at(-1)?.rosterId ?? '');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [previewError, setPreviewError] = useState('');
  const act = useAction(reload);
  const change = (t: NoticeText) => {
    setText(t);
    setDraft(null);
  };
  const previewNotice = async () => {
    try {
      setDraft(await postJson<Draft>(`/incidents/${encodeURIComponent(s.ref)}/drafts/individual`, { content: toContent(f) }));
      setPreviewError('');
    } catch (e) {
      setDraft(null);
      setPreviewError(errorText(e));
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/obligations/${encodeURIComponent(obligationId)}/mailings`,
      { rosterId, content: toContent(f), requestId: newRequestId() },
      'Mailing started.',
    );
  };
  return html`<form onSubmit=${submit} aria-label="Individual notice">
    <p class="help">
      The dates of the breach and of its discovery come from the recorded facts. Every element of 164.404(c) is checked before anything is
      sent; a notice missing one is refused with the element named.
    </p>
    <label for="n-roster">Roster</label
    ><select id="n-roster" value=${rosterId} onChange=${(e: Event) => setRosterId((e.target as HTMLSelectElement).value)}>
      ${rosters.map((r) => html`<option value=${r.rosterId}>${r.rosterId} (${r.recipients} recipients)</option>`)}
    </select>
    <${NoticeTextFields} prefix="n" f=${f} onChange=${change} issues=${act.issues} />
    <p>
      <button type="button" class="secondary" onClick=${() => void previewNotice()}>Preview the notice</button>
      <button type="submit" disabled=${act.busy || !rosterId}>Send to everyone on the roster</button>
    </p>
    ${previewError && html`<p class="alert" role="alert" id="notice-preview-error">${previewError}</p>`}
    <${act.Message} />
    ${
      draft &&
      html`<section aria-label="Notice preview" class="ok">
        <p><strong>${draft.subject}</strong> <span class="help">(checked against ${draft.citation})</span></p>
        <pre id="notice-preview" tabindex=${0}>${draft.text}</pre>
      </section>`
    }
  </form>`;
}

const COUNTS: [keyof BulkNotificationProgress & keyof NonNullable<MailingView['counts']>, string][] = [
  ['sent', 'emailed'],
  ['printed', 'letters printed'],
  ['bounced', 'bounced'],
  ['failed', 'failed'],
  ['unconfirmed', 'unconfirmed'],
  ['substituteNeeded', 'need substitute notice'],
  ['pending', 'pending'],
];

function Mailing({ s, m, reload }: { s: IncidentSnapshot; m: MailingView; reload: () => Promise<void> }) {
  const [progress, setProgress] = useState<BulkNotificationProgress | null>(null);
  const [error, setError] = useState('');
  const running = m.status === 'running';
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await getJson<{ mailing: MailingView; progress?: BulkNotificationProgress }>(
          `/incidents/${encodeURIComponent(s.ref)}/obligations/${encodeURIComponent(m.obligationId)}/mailing`,
        );
        if (stopped) return;
        setProgress(r.progress ?? null);
        setError('');
        if (r.mailing.status !== 'running') return void reload();
      } catch (e) {
        if (!stopped) setError(errorText(e));
      }
      if (!stopped) timer = setTimeout(() => void poll(), 1500);
    };
    timer = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, s.ref, m.obligationId, reload]);
  const counts = running ? progress : m.counts;
  const total = running ? (progress?.recipients ?? 0) : (m.counts?.recipients ?? 0);
  const done = counts ? total - counts.pending : 0;
  return html`<li class="mailing" data-status=${m.status}>
    <p>
      Roster ${m.rosterId}, started by ${m.startedBy} at ${new Date(m.startedAt).toLocaleString()}:
      <strong class="mailing-status">${m.status}</strong>${m.finishedAt ? `, finished ${new Date(m.finishedAt).toLocaleString()}` : ''}
    </p>
    ${total > 0 && html`<label for=${`progress-${m.mailingWorkflowId}`}>Progress: ${done} of ${total}</label><progress id=${`progress-${m.mailingWorkflowId}`} max=${total} value=${done}></progress>`}
    ${
      counts &&
      html`<p class="mailing-counts">
        ${
          COUNTS.filter(([k]) => counts[k] > 0)
            .map(([k, label]) => `${counts[k]} ${label}`)
            .join(' · ') || 'nothing counted yet'
        }
      </p>`
    }
    ${m.substituteNoticeRequired && m.substituteNoticeRequired !== 'none' && html`<p class="alert">Substitute notice is required for the people who could not be reached (${m.substituteNoticeRequired === 'ten_or_more' ? '10 or more: web posting for 90 days or major media, and a toll-free number' : 'fewer than 10: an alternative written notice, telephone or other means'}; 164.404(d)(2)).</p>`}
    ${m.error && html`<p class="alert">${m.error}</p>`} ${error && html`<p class="alert" role="alert">${error}</p>`}
  </li>`;
}

export function IndividualNotices({
  s,
  me,
  text,
  setText,
  reload,
}: {
  s: IncidentSnapshot;
  me: Me;
  text: NoticeText;
  setText: (t: NoticeText) => void;
  reload: () => Promise<void>;
}) {
  const o = s.obligations.find((x) => x.obligation.kind === 'individual_notice');
  const ce = s.obligations.find((x) => x.obligation.kind === 'ce_notice');
  if (!o && !ce) return null;
  const rosters = s.rosters ?? [];
  const live = (x: typeof o) => x !== undefined && s.stage !== 'closed' && (x.status === 'open' || x.status === 'overdue');
  const mailings = o ? (s.mailings ?? []).filter((m) => m.obligationId === o.obligation.id) : [];
  const running = mailings.some((m) => m.status === 'running');
  return html`<section aria-labelledby="h-ind">
    <h2 id="h-ind">${o ? 'Individual notices (164.404)' : 'Notice to the covered entity (164.410)'}</h2>
    <h3>Rosters</h3>
    ${
      rosters.length
        ? html`<table id="rosters">
            <thead>
              <tr>
                <th scope="col">Roster</th>
                <th scope="col">Recipients</th>
                <th scope="col">Rejected rows</th>
                <th scope="col">By channel</th>
                <th scope="col">Attached</th>
              </tr>
            </thead>
            <tbody>
              ${rosters.map(
                (r) =>
                  html`<tr>
                    <td>${r.rosterId}</td>
                    <td>${r.recipients}</td>
                    <td>${r.rejectedRows}</td>
                    <td>
                      ${Object.entries(r.byChannel)
                        .map(([k, v]) => `${k} ${v}`)
                        .join(', ')}
                    </td>
                    <td>${r.attachedBy}, ${new Date(r.attachedAt).toLocaleString()}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>No roster attached yet.</p>`
    }
    ${
      (live(o) || live(ce)) &&
      canDo(me, 'attachRoster') &&
      html`<details>
        <summary>Import a roster</summary>
        <${RosterImport} s=${s} reload=${reload} />
      </details>`
    }
    ${
      o &&
      html`<h3>Mailings</h3>
        ${
          mailings.length
            ? html`<ul>
                ${mailings.map((m) => html`<${Mailing} key=${m.mailingWorkflowId} s=${s} m=${m} reload=${reload} />`)}
              </ul>`
            : html`<p>None yet.</p>`
        }
        ${
          live(o) &&
          !running &&
          rosters.length > 0 &&
          canDo(me, 'startMailing') &&
          html`<details>
            <summary>Write and send the notice</summary>
            <${NoticeForm} s=${s} obligationId=${o.obligation.id} rosters=${rosters} text=${text} setText=${setText} reload=${reload} />
          </details>`
        }`
    }
    ${
      ce &&
      html`<h3>Notice to the covered entity</h3>
        <${CeNoticeList} notices=${(s.ceNotices ?? []).filter((n) => n.obligationId === ce.obligation.id)} /> ${
          live(ce) &&
          canDo(me, 'sendCeNotice') &&
          html`<details>
            <summary>Send the notice to the covered entity</summary>
            <${CeNoticeForm} s=${s} obligationId=${ce.obligation.id} rosters=${rosters} text=${text} setText=${setText} reload=${reload} />
          </details>`
        }`
    }
  </section>`;
}
