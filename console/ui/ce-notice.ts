/// <reference lib="dom" />
/**
 * A business associate's notice to the covered entity (164.410) from the console: the facts the covered
 * entity needs for its own notices (the shared notice text), and the roster as an OpenPGP-encrypted
 * attachment — to the covered entity's public key, or with a passphrase (kept on the engine's server, given
 * by telephone) — never in the mail body. Without a roster the notice says identities follow, and the
 * obligation stays open until a notice with the roster goes out.
 */
import { useEffect, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { newRequestId } from './api.js';
import { FieldError, useAction } from './components.js';
import { NoticeTextFields, toContent, type NoticeText } from './notice-text.js';
import type { CeNoticeRecord, IncidentSnapshot, RosterView } from '../../contract/incident-types.js';

const FORM = { to: '', contactName: '', rosterId: '', publicKey: '', passphraseChannel: '', expectedBy: '', pending: '' };
type Form = typeof FORM;

/** The request body of POST …/ce-notice (api/http-api.ts CeNoticeBody). */
export function ceNoticeBody(f: Form, text: NoticeText): Record<string, unknown> {
  const pending = f.pending
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    to: f.to.trim(),
    ...(f.contactName.trim() ? { contactName: f.contactName.trim() } : {}),
    incident: toContent(text),
    ...(pending.length ? { pendingInformation: pending } : {}),
    ...(f.rosterId ? { rosterId: f.rosterId } : {}),
    ...(f.rosterId && f.publicKey.trim() ? { recipientPublicKey: f.publicKey.trim() } : {}),
    ...(f.rosterId && !f.publicKey.trim() && f.passphraseChannel.trim() ? { passphraseChannel: f.passphraseChannel.trim() } : {}),
    ...(!f.rosterId && f.expectedBy ? { identitiesExpectedBy: f.expectedBy } : {}),
  };
}

export function CeNoticeList({ notices }: { notices: CeNoticeRecord[] }) {
  if (!notices.length) return html`<p>No notice sent to the covered entity yet.</p>`;
  return html`<ul id="ce-notices">
    ${notices.map(
      (n) =>
        html`<li>
          Sent to ${n.to} by ${n.by} at
          ${new Date(n.sentAt).toLocaleString()}${
            n.attachment
              ? ` with roster ${n.rosterId ?? ''} (${n.attachment.rows} row(s)) as ${n.attachment.fileName}, ${n.attachment.encryption === 'openpgp_public_key' ? "encrypted to the covered entity's public key" : 'encrypted with a passphrase given separately'}; SHA-256 ${n.attachment.sha256.slice(0, 16)}…`
              : ': identities to follow'
          }
        </li>`,
    )}
  </ul>`;
}

export function CeNoticeForm({
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
  const latest = rosters.at(-1)?.rosterId ?? '';
  const [f, setF] = useState<Form>({ ...FORM, rosterId: latest });
  const [rosterChosen, setRosterChosen] = useState(false);
  // A roster imported after the page opened becomes the attachment, unless one was chosen by hand.
  useEffect(() => {
    if (!rosterChosen && latest && f.rosterId !== latest) setF((x) => ({ ...x, rosterId: latest }));
  }, [latest, rosterChosen, f.rosterId]);
  const act = useAction(reload);
  const set = (k: keyof Form) => (e: Event) => {
    if (k === 'rosterId') setRosterChosen(true);
    setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (f.rosterId && !f.publicKey.trim() && !f.passphraseChannel.trim()) {
      return act.setIssues([
        {
          path: 'passphraseChannel',
          message:
            "give the covered entity's public key, or how the passphrase reaches them (e.g. by telephone) — 164.410(c)(1): the roster never goes unencrypted",
        },
      ]);
    }
    await act.run(
      `/incidents/${encodeURIComponent(s.ref)}/obligations/${encodeURIComponent(obligationId)}/ce-notice`,
      { ...ceNoticeBody(f, text), requestId: newRequestId() },
      'Notice sent to the covered entity.',
    );
  };
  const field = (k: keyof Form, label: string, help: string, type = 'text') =>
    html`<label for=${`ce-${k}`}>${label}</label>${help && html`<p class="help" id=${`ce-${k}-help`}>${help}</p>`}
      <input
        id=${`ce-${k}`}
        type=${type}
        value=${f[k]}
        aria-describedby=${help ? `ce-${k}-help` : undefined}
        onInput=${set(k)}
      /><${FieldError} issues=${act.issues} path=${k} id=${`ce-${k}-err`} />`;
  return html`<form onSubmit=${submit} aria-label="Notice to the covered entity">
    ${field('to', 'Covered entity notice address', 'The email address the business associate agreement names for breach notices.', 'email')}
    ${field('contactName', 'Contact name (optional)', '')}
    <label for="ce-roster">Roster to attach</label>
    <p class="help" id="ce-roster-help">
      Identification of each individual, as far as known (164.410(c)(1)); "none yet" says identities follow.
    </p>
    <select id="ce-roster" aria-describedby="ce-roster-help" value=${f.rosterId} onChange=${set('rosterId')}>
      <option value="">none yet — identities follow</option>
      ${rosters.map((r) => html`<option value=${r.rosterId}>${r.rosterId} (${r.recipients})</option>`)}
    </select>
    ${
      f.rosterId
        ? html`<label for="ce-publicKey">Covered entity's OpenPGP public key (preferred)</label>
            <p class="help" id="ce-publicKey-help">
              Armored "-----BEGIN PGP PUBLIC KEY BLOCK-----". Without one, the roster is encrypted with a passphrase kept on the engine's
              server for you to give by another channel.
            </p>
            <textarea
              id="ce-publicKey"
              rows="3"
              aria-describedby="ce-publicKey-help"
              value=${f.publicKey}
              onInput=${set('publicKey')}
            ></textarea
            ><${FieldError} issues=${act.issues} path="recipientPublicKey" id="ce-publicKey-err" />
            ${!f.publicKey.trim() && field('passphraseChannel', 'How the passphrase reaches them', 'E.g. "our privacy officer will call your privacy office".')}`
        : field('expectedBy', 'Identities expected by (optional)', '', 'date')
    }
    <label for="ce-pending">Information still pending (one per line, optional)</label>
    <p class="help" id="ce-pending-help">Provided to the covered entity as it becomes available (164.410(c)(2)).</p>
    <textarea id="ce-pending" rows="2" aria-describedby="ce-pending-help" value=${f.pending} onInput=${set('pending')}></textarea>
    <details>
      <summary>Facts for the covered entity's own notices (the notice text)</summary>
      <${NoticeTextFields} prefix="ce-text" f=${text} onChange=${setText} issues=${act.issues} />
    </details>
    <p><button type="submit" disabled=${act.busy}>Send the notice to the covered entity</button></p>
    <${act.Message} />
  </form>`;
}
