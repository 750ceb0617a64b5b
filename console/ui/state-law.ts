/// <reference lib="dom" />
/**
 * The "State law" panel of an incident (issue 16 item 6): each state obligation with its jurisdiction,
 * recipient, due date (or what it waits on), the rule that set it, citation, pack version and verification
 * status — anything not verified against statute text visibly marked — the "state law to review: <State>"
 * items for counsel, and the regulator drafts (notices/regulator-drafts.ts) for those who may draft them.
 *
 * One adapter, `loadStateLaw`, reads the data from GET /incidents/{ref}/state-law: the incident's recorded
 * plan (its pack, each item's status) as the counsel report shows it, and — only when this build's pack is
 * another — what "replan with current law" would change, apart from the plan. An incident planned before
 * State obligations were recorded gets a preview, labelled as one.
 *
 * Replan with current law: the preview for every role that may replanStateLaw (legal included); the Apply
 * button only for applyStateLawReplan (the roles that may decide).
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
import type { ReplanStateLawAnswer } from '../../contract/state-obligations.js';

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
  /** Where the item stands as recorded (tracked (open), confirmed, met by the individual notice, pending, cancelled…); a preview: "preview". */
  status: string;
  /** The regulator draft on offer for this obligation, if any (e.g. TX-AG). */
  draft?: string;
}
export interface StateLawPanelData {
  packVersion?: string;
  packFingerprint?: string;
  disclaimer?: string;
  /** recorded: the incident's own plan; preview: computed now with this build's pack (planned before State obligations were recorded). */
  basis?: 'recorded' | 'preview';
  rows: StateLawRow[];
  toReview: { item: string; residents: number; reason: string }[];
  warnings: string[];
  /** This build's pack is not the recorded one: what a replan would change, in words (not the plan). */
  currentLaw?: { packVersion: string; packFingerprint: string; lines: string[] };
  /** Why nothing is computed (no decision yet…). */
  reason?: string;
}

const STATE_WORDS: Record<string, string> = {
  met_by_individual_notice: 'met by the individual notice',
  no_fixed_date: 'no fixed date',
  controlled_elsewhere: 'controlled by an earlier clock',
};

interface Item {
  id: string;
  jurisdiction: string;
  label: string;
  recipient: string;
  deadlineBasis: string;
  citation: string;
  verification: keyof typeof MARK;
  latestIfAnchorOnTime?: string | undefined;
  deadline?: { date: string } | undefined;
  status: string;
  controlledBy?: { citation: string; date: string } | undefined;
}

function rowOf(o: Item, packVersion: string, status: string, draft: string | undefined): StateLawRow {
  return {
    id: o.id,
    jurisdiction: o.jurisdiction,
    label: o.label,
    recipient: o.recipient,
    due: o.deadline
      ? o.deadline.date
      : o.status === 'pending'
        ? `pending: ${o.deadlineBasis.split(' (')[0]}${o.latestIfAnchorOnTime ? ` (latest ${o.latestIfAnchorOnTime} if that notice is made on its own deadline)` : ''}`
        : o.status === 'cancelled'
          ? 'cancelled'
          : 'no fixed date (most expedient time)',
    setBy: o.controlledBy
      ? `an earlier clock controls: ${o.controlledBy.citation} (${o.controlledBy.date})`
      : `${o.label}: ${o.deadlineBasis}`,
    citation: o.citation,
    verification: o.verification,
    packVersion,
    status,
    ...(draft ? { draft } : {}),
  };
}

/** The server's view → the panel's rows. Pure (tested without a browser). */
export function fromStateLawView(v: StateLawView): StateLawPanelData {
  const draftOf = new Map(v.drafts.map((d) => [d.obligationId, d.regulator]));
  const r = v.recorded;
  if (r) {
    const c = v.currentLaw;
    return {
      basis: 'recorded',
      packVersion: r.packVersion,
      packFingerprint: r.packFingerprint,
      disclaimer: r.disclaimer,
      rows: r.items.map((i) =>
        rowOf(
          i,
          i.packVersion,
          `${STATE_WORDS[i.state] ?? i.state}${i.state === 'tracked' && i.obligationStatus ? ` (${i.obligationStatus})` : ''}${i.cancelledReason ? `: ${i.cancelledReason}` : ''}`,
          i.status === 'cancelled' ? undefined : draftOf.get(i.id),
        ),
      ),
      toReview: r.toReview.map((t) => ({ item: t.item, residents: t.residents, reason: t.reason })),
      warnings: [],
      ...(c
        ? {
            currentLaw: {
              packVersion: c.packVersion,
              packFingerprint: c.packFingerprint,
              lines: [
                c.message,
                ...(c.notComputed ? [`The difference was not computed: ${c.notComputed}.`] : []),
                ...(c.diff?.changes ?? []).map(
                  (x) => `${x.change}: ${x.id} (${x.citation})${x.from ? ` from ${x.from}` : ''}${x.to ? ` to ${x.to}` : ''} — ${x.reason}`,
                ),
                ...(c.diff?.reviewAdded ?? []).map((x) => `added for counsel: ${x}`),
                ...(c.diff?.reviewRemoved ?? []).map((x) => `no longer for counsel: ${x}`),
              ],
            },
          }
        : {}),
    };
  }
  const p = v.plan;
  if (!p) return { rows: [], toReview: [], warnings: [], reason: v.reason ?? 'not computed' };
  return {
    basis: 'preview',
    packVersion: p.packVersion,
    packFingerprint: p.packFingerprint,
    disclaimer: p.disclaimer,
    rows: p.obligations.map((o) => rowOf(o, p.packVersion, 'preview', draftOf.get(o.id))),
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

/**
 * "Replan with current law": the preview (changes nothing) for every role that may replanStateLaw; Apply only
 * for applyStateLawReplan — applying changes the plan, which only the roles that may decide do.
 */
function Replan({ s, me, onApplied }: { s: Snapshot; me: Me; onApplied: () => void }) {
  const [answer, setAnswer] = useState<ReplanStateLawAnswer | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const mayApply = canDo(me, 'applyStateLawReplan');
  const url = `/incidents/${encodeURIComponent(s.ref)}/state-law/replan`;
  const fingerprint = (toPack: string) => /\(([^)]+)\)$/.exec(toPack)?.[1];
  const run = async (body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const a = await postJson<ReplanStateLawAnswer>(url, body);
      setAnswer(a);
      setError('');
      if (a.applied) onApplied();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const d = answer?.diff;
  const changes = d ? d.changes.length + d.reviewAdded.length + d.reviewRemoved.length : 0;
  const summary = d
    ? `${answer.applied ? 'Applied' : 'Preview'}: ${d.fromPack} → ${d.toPack}; ${changes === 0 ? 'nothing would change.' : `${changes} change(s).`}`
    : '';
  return html`<div id="state-law-replan">
    <button class="secondary" disabled=${busy} onClick=${() => void run({ preview: true })}>Preview replan with current law</button>
    ${error && html`<p class="alert" role="alert" id="state-law-replan-error">${error}</p>`}
    ${
      d &&
      html`<div id="state-law-replan-diff">
        <p>${summary}</p>
        <ul>
          ${d.changes.map((x) => html`<li>${x.change}: ${x.id} (${x.citation}) — ${x.reason}</li>`)}
        </ul>
        ${
          !answer.applied &&
          changes > 0 &&
          mayApply &&
          html`<button disabled=${busy} onClick=${() => void run({ preview: false, expectPack: fingerprint(d.toPack) })}>
            Apply this replan (recorded)
          </button>`
        }
        ${!answer.applied && changes > 0 && !mayApply && html`<p>Applying it is for the roles that may decide (privacy officer, admin).</p>`}
      </div>`
    }
  </div>`;
}

export function StateLaw({ s, me, text }: { s: Snapshot; me: Me; text: NoticeText }) {
  const [data, setData] = useState<StateLawPanelData | null>(null);
  const [error, setError] = useState('');
  const [draft, setDraft] = useState<RegulatorDraft | null>(null);
  const [draftError, setDraftError] = useState('');
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const decided = s.decision?.reportable;
  const version = `${s.factsVersion ?? 0}:${s.obligations.length}:${s.obligations.filter((o) => o.status === 'confirmed').length}`;
  useEffect(() => {
    if (!decided) return;
    loadStateLaw(s).then(
      (d) => (setData(d), setError('')),
      (e: unknown) => setError(errorText(e)),
    );
  }, [s.ref, decided, version, reload]);
  if (!decided || !canDo(me, 'stateLaw')) return null;
  const mayDraft = canDo(me, 'regulatorDraft');
  const mayPreview = canDo(me, 'replanStateLaw') && s.stage === 'notification';
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
        <p id="state-law-basis">
          ${
            data.basis === 'preview'
              ? html`<strong>Preview:</strong> this incident planned before State obligations were recorded; computed now with this build's
                  pack (not a record).`
              : "As recorded: the incident's own plan and each item's status."
          }
        </p>
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
                    <th scope="col">Status</th>
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
                        <td class="status">${r.status}</td>
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
          data.currentLaw &&
          html`<div id="state-law-current">
            <h3>Current law would differ (not the plan: this build's pack ${data.currentLaw.packVersion})</h3>
            <ul>
              ${data.currentLaw.lines.map((l) => html`<li>${l}</li>`)}
            </ul>
          </div>`
        }
        ${data.basis === 'recorded' && mayPreview && html`<${Replan} s=${s} me=${me} onApplied=${() => setReload((n) => n + 1)} />`}
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
