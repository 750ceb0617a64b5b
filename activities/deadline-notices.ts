import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { activityInfo } from '@temporalio/activity';
import type { EngineMailer } from '../delivery/engine-mailer.js';
import { formatLegalDate } from '../domain/legal-dates.js';
import { engineMetrics } from '../worker/engine-metrics.js';

/**
 * Reminder and escalation mail about deadlines. Short, actionable, and free of PHI: it names the
 * incident by its opaque reference, the obligation by kind and jurisdiction, and the dates.
 */
export interface DeadlineNotice {
  kind:
    | 'reminder'
    | 'escalation'
    | 'overdue'
    | 'assessment_reminder'
    | 'assessment_escalation'
    | 'assessment_overdue'
    | 'delivery_escalation'
    | 'evidence_pending';
  incidentRef: string;
  /** Unique within the workflow for this notice (e.g. `media_notice:CA/deadline-7d/L1`): the idempotency key. */
  sequence: string;
  obligationId?: string;
  obligationLabel?: string;
  aims: 'target' | 'deadline' | 'decision' | 'evidence';
  /** Local date (org time zone) and the instant it ends. */
  dueDate: string;
  dueAt: string;
  /** The organization's IANA zone, named beside the date (absent in notices from incidents recorded before issue 12). */
  timeZone?: string;
  /** Escalation rung the notice is addressed to (0 = owner). */
  level: number;
  recipients: { role: string; userId: string; email: string }[];
  from: string;
  /** `delivery_escalation`: a notice mailing cannot get out — since when, and why (a code, no PHI). */
  outage?: { since: string; reason: string };
}

export interface SentNotice {
  messageId: string;
  to: string[];
  sentAt: string;
  /** True when the ledger showed it was already sent by an earlier attempt: nothing was sent again. */
  alreadySent: boolean;
}

const AIMS_TEXT = { target: 'target date', deadline: 'LEGAL DEADLINE', decision: 'decision due date', evidence: 'closed on' } as const;

export function renderDeadlineNotice(n: DeadlineNotice, now: Date): { subject: string; text: string } {
  const daysLeft = Math.ceil((Date.parse(n.dueAt) - now.getTime()) / 86_400_000);
  const what =
    n.obligationLabel ??
    (n.aims === 'decision'
      ? 'breach determination (decision)'
      : n.aims === 'evidence'
        ? 'evidence bundle NOT ARCHIVED (closing — evidence pending)'
        : 'obligation');
  const when =
    daysLeft > 0
      ? `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`
      : daysLeft === 0
        ? 'due today'
        : `${-daysLeft} day${daysLeft === -1 ? '' : 's'} OVERDUE`;
  const prefix = {
    reminder: 'Reminder',
    escalation: 'ESCALATION',
    overdue: 'OVERDUE',
    assessment_reminder: 'Reminder',
    assessment_escalation: 'ESCALATION',
    assessment_overdue: 'OVERDUE',
    delivery_escalation: 'ESCALATION',
    evidence_pending: 'ACTION NEEDED',
  }[n.kind];
  if (n.kind === 'delivery_escalation') {
    const subject = `[${prefix}] ${n.incidentRef}: ${what} - mail relay unavailable since ${n.outage?.since ?? '?'}`;
    const text = [
      `Incident: ${n.incidentRef}`,
      `What: ${what} (a mailing to the affected individuals)`,
      `The mail relay has been failing since ${n.outage?.since ?? '?'} (${n.outage?.reason ?? 'delivery failing'}).`,
      'The engine keeps retrying with backoff; nobody is counted as unreachable because of it (45 CFR 164.404(d)(2)',
      'is about insufficient or out-of-date contact information, not a relay outage).',
      n.dueDate ? `${AIMS_TEXT.deadline}: ${n.timeZone ? formatLegalDate(n.dueDate, n.timeZone) : n.dueDate} (${when})` : '',
      '',
      'Action: check the notice relay (BREACH_NOTICE_SMTP_HOST and its credentials, the network path).',
      `  breach mailing ${n.incidentRef}${n.obligationId ? ` --obligation ${n.obligationId}` : ''}`,
      '',
      'This message intentionally contains no protected health information.',
    ];
    return { subject, text: text.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n') };
  }
  const subject = `[${prefix}] ${n.incidentRef}: ${what} - ${AIMS_TEXT[n.aims]} ${n.dueDate}${n.timeZone ? ` ${n.timeZone}` : ''} (${when})`;
  // The local date in the organization's zone, zone named (domain/legal-dates.ts); the deadline is the outer limit.
  const day = n.timeZone ? formatLegalDate(n.dueDate, n.timeZone) : n.dueDate;
  const lines = [
    `Incident: ${n.incidentRef}`,
    `What: ${what}`,
    `${AIMS_TEXT[n.aims]}: ${day} (${when})`,
    n.aims === 'deadline'
      ? 'The legal deadline is the outer limit the law sets, not a goal: notice is due without unreasonable delay (45 CFR 164.404(b)).'
      : '',
    n.level > 0 ? `Escalation level: ${n.level} (earlier reminders were not acknowledged, or the deadline is close)` : '',
    '',
    n.aims === 'decision'
      ? "Action: complete the four-factor risk assessment and record the privacy officer's decision."
      : n.aims === 'evidence'
        ? "Action: the incident's evidence bundle cannot be written to the archive (164.530(j) keeps it six years). Check the archive (BREACH_ARCHIVE_DIR or the S3 bucket): the engine keeps retrying and closes the incident once it is written."
        : 'Action: complete the notice and confirm it with evidence (date sent, method, submission number).',
    `  breach status ${n.incidentRef}`,
    n.obligationId ? `  breach confirm ${n.incidentRef} --obligation ${n.obligationId} --method email --reference <id>` : '',
    `Acknowledge this message to stop escalation: breach ack ${n.incidentRef}${n.obligationId ? ` --obligation ${n.obligationId}` : ''}`,
    '',
    'This message intentionally contains no protected health information.',
  ];
  return { subject, text: lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n') };
}

export function createDeadlineNoticeActivities(deps: { mailer: EngineMailer; ledgerDir: string }) {
  fs.mkdirSync(deps.ledgerDir, { recursive: true });
  return {
    /**
     * Idempotent per (workflow, sequence): the message id is derived from them, and a ledger entry written
     * after the send makes a retried attempt a no-op.
     */
    async sendDeadlineNotice(n: DeadlineNotice): Promise<SentNotice> {
      const workflowId = activityInfo().workflowExecution?.workflowId ?? 'unknown-workflow';
      const digest = crypto.createHash('sha256').update(`${workflowId}\n${n.sequence}`).digest('hex').slice(0, 32);
      const messageId = `${digest}@breach-engine`;
      const ledgerFile = path.join(deps.ledgerDir, `${digest}.json`);
      if (fs.existsSync(ledgerFile)) {
        const prior = JSON.parse(fs.readFileSync(ledgerFile, 'utf8')) as SentNotice;
        return { ...prior, alreadySent: true };
      }
      const to = [...new Set(n.recipients.map((r) => r.email))];
      const { subject, text } = renderDeadlineNotice(n, new Date());
      await deps.mailer.send({ messageId, from: n.from, to, subject, text });
      engineMetrics.deadlineNoticeSent(n.kind);
      const sent: SentNotice = { messageId, to, sentAt: new Date().toISOString(), alreadySent: false };
      fs.writeFileSync(ledgerFile, JSON.stringify(sent));
      return sent;
    },
  };
}
