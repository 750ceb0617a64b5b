/// <reference lib="dom" />
/**
 * Pieces every console section shares: error text, field errors next to their field, the action hook
 * (busy state, the server's message, the page's status line).
 */
import { useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { ApiError, postJson, saveBlob, type Issue } from './api.js';
import type { Permission } from '../../contract/incident-actions.js';

/** Who is signed in (GET /me). */
export interface Me {
  userId: string;
  role: string;
  /** The actions this user may take, by name (contract/incident-actions.ts): the server's answer, no copy here. */
  actions: readonly Permission[];
  /** Automatic logoff after this many idle minutes (164.312(a)(2)(iii)). */
  idleLogoffMinutes?: number;
  /** A break-glass credential. */
  emergency?: boolean;
}

/** Whether the signed-in user may take an action, as GET /me said (the server refuses anyway). */
export const canDo = (me: Pick<Me, 'actions'> | undefined, action: Permission): boolean => Boolean(me?.actions?.includes(action));

export const errorText = (e: unknown) =>
  e instanceof ApiError
    ? `${e.status === 403 ? 'Refused (403)' : e.status === 409 ? 'Refused (409)' : `Error ${e.status}`}: ${e.message}`
    : String(e);
export const issuesOf = (e: unknown): Issue[] => (e instanceof ApiError ? e.issues : []);
const errFor = (issues: Issue[], path: string) => issues.filter((i) => i.path === path || i.path.endsWith(`.${path}`));
export const FieldError = ({ issues, path, id }: { issues: Issue[]; path: string; id: string }) =>
  html`${errFor(issues, path).map((i) => html`<p class="field-error" id=${id} role="alert">${i.message} <span class="help">(${i.path})</span></p>`)}`;

/** Saves text made in the page (a draft) as a file: a blob URL, nothing goes to the server. */
export const saveText = (filename: string, text: string, type: string): void =>
  saveBlob(filename, new Blob([text], { type: `${type};charset=utf-8` }));

/**
 * The incident page's status line (role="status"), set by whichever section last succeeded: success
 * messages outlive the form that sent them (a new facts version re-renders the forms).
 */
let flash: (text: string) => void = () => undefined;
export const setFlashHandler = (f: (text: string) => void) => (flash = f);

/** One action form: posts, shows field errors by path or the server's refusal; nothing is changed locally until the server answers. */
export function useAction(reload: () => Promise<void>) {
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs any call to the API; on success shows `done` and reloads; on failure keeps the server's message and field issues. */
  const runWith = async <T>(call: () => Promise<T>, done: string): Promise<T | undefined> => {
    setBusy(true);
    try {
      const out = await call();
      setIssues([]);
      setMessage(null);
      flash(done);
      await reload();
      return out;
    } catch (e) {
      setIssues(issuesOf(e));
      setMessage({ ok: false, text: errorText(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const run = (url: string, body: unknown, done: string) => runWith(() => postJson(url, body), done);
  const Message = () =>
    message ? html`<p class=${message.ok ? 'ok' : 'alert'} role=${message.ok ? 'status' : 'alert'}>${message.text}</p>` : null;
  return { issues, run, runWith, busy, Message, setIssues, setMessage };
}
