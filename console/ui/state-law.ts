/// <reference lib="dom" />
/**
 * The "State law" panel of an incident (issue 16 item 6): each state obligation with its jurisdiction,
 * recipient, due date (or what it waits on), the rule that set it, citation, pack version and verification
 * status — anything not verified against statute text visibly marked — the "state law to review: <State>"
 * items for counsel, and the regulator drafts (notices/regulator-drafts.ts) for those who may draft them.
 *
 * One adapter, `loadStateLaw`, reads the data: today from GET /incidents/{ref}/state-law (computed on the
 * server exactly as the counsel report and `breach status` compute it). When the incident query carries the
 * state obligations itself, only that function changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { getJson, postJson } from './api.js';
import { canDo, errorText, saveText, type Me } from './components.js';
import { toContent, type NoticeText } from './notice-text.js';
import type { Snapshot } from './snapshot.js';
// The API's own types (type-only imports: nothing of the server is bundled).
import type { StateLawView } from '../../service/regulator-drafts.js';
import type { RegulatorDraft } from '../../notices/regulator-drafts.js';

const MARK = { verified: 'verified', secondary_sources: 'SECONDARY', unverified: 'UNVERIFIED' } as const;

export interface StateLawRow {
  id: string;
  jurisdiction: string;
  label: string;
  recipient: string;
  /** A date, "pending: <clock>" or "no fixed date". */
  due: string;
  /** Which rule set the date, and why (another clock for the same recipient may control). */
  setBy: string;
  citation: string;
  verification: keyof typeof MARK;
  packVersion: string;
  /** The regulator draft on offer for this obligation, if any (e.g. TX-AG). */
  draft?: string;
}
export interface StateLawPanelData {
  packVersion?: string;
  disclaimer?: string;
  rows: StateLawRow[];
  toReview: { item: string; residents: number; reason: string }[];
  warnings: string[];
  /** Why nothing is computed (no decision yet…). */
  reason?: string;
}

/** The server's view → the panel's rows. Pure (tested without a browser). */
export function fromStateLawView(v: StateLawView): StateLawPanelData {
  const p = v.plan;
  if (!p) return { rows: [], toReview: [], warnings: [], reason: v.reason ?? 'not computed' };
  const draftOf = new Map(v.drafts.map((d) => [d.obligationId, d.regulator]));
  return {
    packVersion: p.packVersion,
    disclaimer: p.disclaimer,
    rows: p.obligations.map((o) => {
      const draft = draftOf.get(o.id);
      return {
        id: o.id,
        jurisdiction: o.jurisdiction,
        label: o.label,
        recipient: o.recipient,
        due: o.deadline
          ? o.deadline.date
          : o.status === 'pending'
            ? `pending: ${o.deadlineBasis.split(' (')[0]}${o.latestIfAnchorOnTime ? ` (latest ${o.latestIfAnchorOnTime} if that notice is made on its own deadline)` : ''}`
            : 'no fixed date (most expedient time)',
        setBy: o.controlledBy
          ? `an earlier clock controls: ${o.controlledBy.citation} (${o.controlledBy.date})`
          : `${o.label}: ${o.deadlineBasis}`,
        citation: o.citation,
        verification: o.verification,
        packVersion: p.packVersion,
        ...(draft ? { draft } : {}),
      };
    }),
    toReview: p.toReview.map((t) => ({ item: t.item, residents: t.residents, reason: t.reason })),
    warnings: p.warnings,
  };
}

/** The adapter: the only place that knows where the panel's data comes from. */
export async function loadStateLaw(s: Pick<Snapshot, 'ref'>): Promise<StateLawPanelData> {
  return fromStateLawView(await getJson<StateLawView>(`/incidents/${encodeURIComponent(s.ref)}/state-law`));
}

function DraftView({ d }: { d: RegulatorDraft }) {
  return html`<div id="regulator-draft" aria-label=${`Draft ${d.regulator}`}>
    <h3>
      Draft: ${d.regulator} <span class=${d.verification === 'verified' ? 'verified' : 'unverified-mark'}>[${d.verificationMark}]</span>
    </h3>
    <p id="regulator-draft-status" class=${d.complete ? 'ok' : 'alert'}>
      ${
        d.complete
          ? `Every item of the content list of ${d.citation} is filled.`
          : `Not ready: ${d.missing.length} required item(s) missing — ${d.missing.map((m) => `${m.element} (${m.citation})`).join('; ')}`
      }
    </p>
    ${
      d.toAttach.length > 0 &&
      html`<p>To attach or do before filing: ${d.toAttach.map((m) => `${m.element} (${m.citation})`).join('; ')}</p>`
    }
    <pre id="regulator-draft-text">${d.text}</pre>
    <button class="secondary" onClick=${() => saveText(`${d.incidentRef}-${d.regulator}.txt`, `${d.text}\n`, 'text/plain')}>
      Save the draft (text)
    </button>
  </div>`;
}

export function StateLaw({ s, me, text }: { s: Snapshot; me: Me; text: NoticeText }) {
  const [data, setData] = useState<StateLawPanelData | null>(null);
  const [error, setError] = useState('');
  const [draft, setDraft] = useState<RegulatorDraft | null>(null);
  const [draftError, setDraftError] = useState('');
  const [busy, setBusy] = useState(false);
  const decided = s.decision?.reportable;
  const version = `${s.factsVersion ?? 0}:${s.obligations.length}:${s.obligations.filter((o) => o.status === 'confirmed').length}`;
  useEffect(() => {
    if (!decided) return;
    loadStateLaw(s).then(
      (d) => (setData(d), setError('')),
      (e: unknown) => setError(errorText(e)),
    );
  }, [s.ref, decided, version]);
  if (!decided || !canDo(me, 'stateLaw')) return null;
  const mayDraft = canDo(me, 'regulatorDraft');
  const open = async (regulator: string) => {
    setBusy(true);
    try {
      const content = toContent(text);
      setDraft(
        await postJson<RegulatorDraft>(
          `/incidents/${encodeURIComponent(s.ref)}/regulator-drafts/${encodeURIComponent(regulator)}`,
          (content.whatHappened as string) ? { content } : {},
        ),
      );
      setDraftError('');
    } catch (e) {
      setDraft(null);
      setDraftError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return html`<section aria-labelledby="h-state-law" id="state-law">
    <h2 id="h-state-law">State law</h2>
    ${error && html`<p class="alert" role="alert">${error}</p>`} ${!data && !error && html`<p>Loading…</p>`}
    ${data?.reason && html`<p>Not computed: ${data.reason}.</p>`}
    ${
      data?.packVersion &&
      html`<p id="state-law-pack">State-law pack ${data.packVersion}. <strong>${data.disclaimer}</strong></p>
        ${
          data.rows.length === 0
            ? html`<p>No state obligation planned.</p>`
            : html`<table id="state-obligations">
                <caption>
                  State obligations
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Jurisdiction</th>
                    <th scope="col">Recipient</th>
                    <th scope="col">Due</th>
                    <th scope="col">Rule that set it</th>
                    <th scope="col">Citation</th>
                    <th scope="col">Pack</th>
                    <th scope="col">Verification</th>
                    <th scope="col">Draft</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.rows.map(
                    (r) =>
                      html`<tr data-obligation=${r.id} data-verification=${r.verification}>
                        <td>${r.jurisdiction}</td>
                        <td>${r.recipient}</td>
                        <td class="due">${r.due}</td>
                        <td>${r.setBy}</td>
                        <td>${r.citation}</td>
                        <td>${r.packVersion}</td>
                        <td>
                          ${
                            r.verification === 'verified'
                              ? 'verified'
                              : html`<strong class="unverified-mark" title="not verified against statute text: counsel must review"
                                  >${MARK[r.verification]}</strong
                                >`
                          }
                        </td>
                        <td>
                          ${
                            r.draft &&
                            mayDraft &&
                            html`<button
                              class="secondary"
                              disabled=${busy}
                              onClick=${() => void open(r.draft!)}
                              aria-label=${`Draft ${r.draft}`}
                            >
                              Draft ${r.draft}
                            </button>`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${
          data.toReview.length > 0 &&
          html`<h3>For counsel</h3>
            <ul id="state-law-review">
              ${data.toReview.map((t) => html`<li><strong>${t.item}</strong> (${t.residents} resident(s)): ${t.reason}</li>`)}
            </ul>`
        }
        ${
          data.warnings.length > 0 &&
          html`<ul class="warnings">
            ${data.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>`
        }`
    }
    ${draftError && html`<p class="alert" role="alert" id="regulator-draft-error">${draftError}</p>`}
    ${draft && html`<${DraftView} d=${draft} />`}
  </section>`;
}
