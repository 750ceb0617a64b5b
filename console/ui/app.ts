/// <reference lib="dom" />
/**
 * The web console: sign-in, the incidents board, the incident page. Preact + htm (no JSX build step).
 * Routes live in the URL fragment and carry only the opaque incident reference — never facts.
 */
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { html } from 'htm/preact';
import { download, getJson, tokens } from './api.js';
import { canDo, errorText, setFlashHandler, type Me } from './components.js';
import { IndividualNotices } from './individual-notices.js';
import { NoticeDrafts } from './notice-drafts.js';
import { EMPTY_NOTICE_TEXT, type NoticeText } from './notice-text.js';
import { countdown, urgency } from './assessment-form.js';
import { formatLegalDate } from '../../domain/legal-dates.js';
import type { Snapshot } from './snapshot.js';
import { Board } from './board.js';
import { Assessment, FactsEditor, Decision } from './assessment.js';
import { Acknowledge, Obligations, LawEnforcement } from './obligations.js';
import { DrillBanner, DrillFacilitator, useDrill } from './drill.js';
import { StateLaw } from './state-law.js';
import { browserClock, ClockContext, drillClock, useClock } from './clock.js';

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
function Incident({ ref, me }: { ref: string; me: Me }) {
  const [s, setS] = useState<Snapshot | null>(null);
  const [error, setError] = useState('');
  const [dl, setDl] = useState('');
  const [flashText, setFlash] = useState('');
  // The notice text is written once and used by the individual mailing and every draft.
  const [noticeText, setNoticeText] = useState<NoticeText>(EMPTY_NOTICE_TEXT);
  // Countdowns run on the console's clock: the drill's simulated one while the drill banner is on.
  const clock = useClock();
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
  const nowMs = clock.now();
  const dueClass = decisionDue ? `urgency-${urgency(decisionDue, nowMs)}` : '';
  const dueCountdown = decisionDue ? countdown(decisionDue, nowMs) : '';
  const decisionDueLine =
    s.stage !== 'closed' &&
    decisionDue &&
    !s.decision &&
    html`<p id="decision-due">
      Decision due ${dueDate} (<span class=${dueClass} id="decision-countdown">${dueCountdown}</span
      >${clock.simulated ? ' on the drill clock' : ''})${decisionDueAck}
    </p>`;
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
    <${StateLaw} s=${s} me=${me} text=${noticeText} />
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
  // A drill's API answers GET /drill: the banner on every screen, the facilitator's controls for whoever may facilitate.
  const { drill, setDrill } = useDrill(me);
  // The clock countdowns use: the drill's simulated "now" whenever the drill banner is on.
  const clock = useMemo(() => (drill ? drillClock(drill.now, Date.now()) : browserClock), [drill]);
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
  return html`<${ClockContext.Provider} value=${clock}
    >${drill && html`<${DrillBanner} drill=${drill} />`}
    <header class="top">
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
    ${drill?.facilitator && html`<${DrillFacilitator} drill=${drill} onView=${setDrill} />`}
    ${m ? html`<${Incident} key=${m[1]} ref=${decodeURIComponent(m[1]!)} me=${me} />` : html`<${Board} me=${me} />`}<//
  >`;
}

render(html`<${App} />`, document.getElementById('root')!);
