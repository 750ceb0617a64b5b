/**
 * The reminder and escalation logic shared by every tracked deadline (each notice obligation, and the
 * assessment stage's decision service level). Pure and deterministic: it takes the time as an argument
 * and returns the notices to send and the new state; the workflows do the sending through activities.
 *
 * - A reminder point that comes due is sent to the owner and the current escalation rung (and the next
 *   rung too when the legal deadline is within `escalateWhenDeadlineWithinDays`).
 * - A notice not acknowledged within `acknowledgeWithinHours` escalates one rung up the chain.
 * - When the deadline passes unmet the deadline is OVERDUE: notice to the owner and the next rung, then
 *   one rung higher every `overdueReescalateEveryHours` until the top, which keeps being told.
 * - Points already in the past when tracking starts (a late plan, a deadline moved earlier) are not
 *   replayed one by one: only the latest is sent, the others are recorded as skipped.
 */
import type { NotificationPolicy } from '../domain/notification-policy.js';
import type { ReminderPoint } from '../domain/reminder-schedule.js';

export interface TrackedDates {
  /** Local date YYYY-MM-DD and the instant it ends (ISO). */
  deadline: { date: string; instant: string };
  target?: { date: string; instant: string };
}

export interface TrackerState {
  dates: TrackedDates;
  schedule: ReminderPoint[];
  /** Reminder point key (`id@date`) → what happened to it. */
  handled: Record<string, 'sent' | 'skipped'>;
  level: number;
  pendingAck?: { sequence: string; sentAt: string; ackDueAt: string; level: number };
  overdueSince?: string;
  lastOverdueNoticeAt?: string;
  /** Sequence counter: makes every notice's idempotency key unique within the workflow. */
  issued: number;
}

export interface TrackerNotice {
  kind: 'reminder' | 'escalation' | 'overdue';
  sequence: string;
  aims: 'target' | 'deadline';
  dueDate: string;
  dueAt: string;
  level: number;
  /** Indexes into the escalation chain. */
  rungs: number[];
}

type Policy = Pick<NotificationPolicy, 'acknowledgeWithinHours' | 'escalateWhenDeadlineWithinDays' | 'overdueReescalateEveryHours'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pointKey = (p: ReminderPoint) => `${p.id}@${p.at}`;
/** Plain-JSON copy (the workflow sandbox need not offer structuredClone). */
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function startTracking(dates: TrackedDates, schedule: ReminderPoint[]): TrackerState {
  return { dates, schedule, handled: {}, level: 0, issued: 0 };
}

function dueOf(state: TrackerState, aims: 'target' | 'deadline') {
  const d = aims === 'target' && state.dates.target ? state.dates.target : state.dates.deadline;
  return { dueDate: d.date, dueAt: d.instant };
}

/** Everything due at `nowMs`, in order, and the state after sending it. */
export function dueNotices(
  prev: TrackerState,
  policy: Policy,
  chainLength: number,
  nowMs: number,
): { notices: TrackerNotice[]; state: TrackerState } {
  const state: TrackerState = clone(prev);
  const notices: TrackerNotice[] = [];
  const top = chainLength - 1;
  const deadlineMs = Date.parse(state.dates.deadline.instant);
  const issue = (n: Omit<TrackerNotice, 'sequence'>, tag: string): TrackerNotice => {
    state.issued += 1;
    const notice = { ...n, sequence: `${state.issued}:${tag}` };
    notices.push(notice);
    state.pendingAck = {
      sequence: notice.sequence,
      sentAt: new Date(nowMs).toISOString(),
      ackDueAt: new Date(nowMs + policy.acknowledgeWithinHours * HOUR).toISOString(),
      level: notice.level,
    };
    return notice;
  };
  const rungsFrom = (...levels: number[]) => [...new Set(levels.filter((l) => l >= 0 && l <= top))].sort((a, b) => a - b);

  // 1. The deadline passed: overdue, and escalating until resolved.
  if (nowMs > deadlineMs) {
    if (!state.overdueSince) {
      state.overdueSince = new Date(nowMs).toISOString();
      state.level = Math.min(state.level + 1, top);
      state.lastOverdueNoticeAt = state.overdueSince;
      issue(
        { kind: 'overdue', aims: 'deadline', ...dueOf(state, 'deadline'), level: state.level, rungs: rungsFrom(0, state.level) },
        'overdue',
      );
    } else if (nowMs >= Date.parse(state.lastOverdueNoticeAt ?? state.overdueSince) + policy.overdueReescalateEveryHours * HOUR) {
      state.level = Math.min(state.level + 1, top);
      state.lastOverdueNoticeAt = new Date(nowMs).toISOString();
      issue(
        { kind: 'overdue', aims: 'deadline', ...dueOf(state, 'deadline'), level: state.level, rungs: rungsFrom(0, state.level) },
        `overdue-L${state.level}`,
      );
    }
    // Reminder points are moot once overdue.
    for (const p of state.schedule) state.handled[pointKey(p)] ??= 'skipped';
    return { notices, state };
  }

  // 2. Reminder points that came due: the latest is sent, earlier unsent ones are skipped.
  const due = state.schedule.filter((p) => Date.parse(p.at) <= nowMs && !state.handled[pointKey(p)]);
  if (due.length > 0) {
    const latest = due[due.length - 1]!;
    for (const p of due.slice(0, -1)) state.handled[pointKey(p)] = 'skipped';
    state.handled[pointKey(latest)] = 'sent';
    // Whole days left before the deadline day ends: at 09:00 three days before, 3 (not 3.6).
    const nearDeadline = Math.floor((deadlineMs - nowMs) / DAY) <= policy.escalateWhenDeadlineWithinDays;
    issue(
      {
        kind: 'reminder',
        aims: latest.aims,
        ...dueOf(state, latest.aims),
        level: state.level,
        rungs: rungsFrom(0, state.level, nearDeadline ? state.level + 1 : -1),
      },
      latest.id,
    );
    return { notices, state };
  }

  // 3. The last notice went unacknowledged: one rung up (the top rung is not re-notified by this rule).
  if (state.pendingAck && nowMs >= Date.parse(state.pendingAck.ackDueAt)) {
    if (state.level < top) {
      state.level += 1;
      issue(
        { kind: 'escalation', aims: 'deadline', ...dueOf(state, 'deadline'), level: state.level, rungs: rungsFrom(0, state.level) },
        `escalation-L${state.level}`,
      );
    } else {
      delete state.pendingAck;
    }
  }
  return { notices, state };
}

/** When the tracker next needs to act (ms), or undefined when nothing is pending. */
export function nextWakeAt(state: TrackerState, policy: Policy): number | undefined {
  const times: number[] = [];
  const deadlineMs = Date.parse(state.dates.deadline.instant);
  if (!state.overdueSince) {
    times.push(deadlineMs + 1);
    for (const p of state.schedule) if (!state.handled[pointKey(p)]) times.push(Date.parse(p.at));
    if (state.pendingAck) times.push(Date.parse(state.pendingAck.ackDueAt));
  } else {
    times.push(Date.parse(state.lastOverdueNoticeAt ?? state.overdueSince) + policy.overdueReescalateEveryHours * HOUR);
  }
  return times.length ? Math.min(...times) : undefined;
}

/** Someone acknowledged the last notice: escalation by silence stops (the level reached stays). */
export function acknowledge(state: TrackerState): TrackerState {
  const next = clone(state);
  delete next.pendingAck;
  return next;
}

/** The dates moved (a correction, a law-enforcement delay): new schedule; overdue clears if no longer late. */
export function reschedule(state: TrackerState, dates: TrackedDates, schedule: ReminderPoint[], nowMs: number): TrackerState {
  const next = clone(state);
  next.dates = dates;
  next.schedule = schedule;
  if (next.overdueSince && nowMs <= Date.parse(dates.deadline.instant)) {
    delete next.overdueSince;
    delete next.lastOverdueNoticeAt;
  }
  return next;
}
