import { table } from './text-table.js';
export { table };
import { formatLegalDate } from '../domain/legal-dates.js';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { IncidentListItem } from '../service/incident-list.js';
import { stateLawStatusLines } from './state-law-report.js';

/** A plain-text table: columns padded to their widest cell. */

/** 'closing' reads as what it means: closed in substance, the evidence bundle not yet archived (issue 13 item 5). */
export function stageLabel(s: Pick<IncidentSnapshot, 'stage' | 'evidencePendingSince'>): string {
  return s.stage === 'closing'
    ? `closing — evidence pending${s.evidencePendingSince ? ` since ${s.evidencePendingSince}` : ''} (the archive has not accepted the evidence bundle; retrying)`
    : s.stage;
}

export function formatIncident(s: IncidentSnapshot, now: string = new Date().toISOString()): string {
  const out = [
    `Incident ${s.ref}  (${s.role.replace('_', ' ')})`,
    `Stage:   ${stageLabel(s)}${s.closure ? ` — ${s.closure}` : ''}`,
    `Owner:   ${s.owner}    opened ${s.openedAt} by ${s.openedBy}`,
  ];
  if (s.recommendation)
    out.push(`Recommendation: ${s.recommendation.reportable ? 'REPORTABLE' : 'not reportable'} (${s.recommendation.outcome})`);
  if (s.decision)
    out.push(
      `Decision: ${s.decision.reportable ? 'REPORTABLE' : 'not reportable'} by ${s.decision.by} at ${s.decision.at}${s.decision.justification ? ` — ${s.decision.justification}` : ''}`,
    );
  else if (s.decisionDue)
    out.push(
      `Decision due: ${formatLegalDate(s.decisionDue.dates.deadline.date, s.timeZone)}${s.decisionDue.overdueSince ? ' (OVERDUE)' : ''}`,
    );
  if (s.lawEnforcementDelays.some((d) => !d.endedAt)) out.push('Law-enforcement delay: IN FORCE (164.412)');
  if (s.obligations.length) {
    out.push(
      '',
      `Obligations — dates are local dates in ${s.timeZone}; the deadline is the outer limit, to the end of that day (45 CFR 164.404(b)):`,
    );
    out.push(
      table(
        ['id', 'recipient', 'deadline', 'target', 'status', 'level', 'reminders'],
        s.obligations.map((o) => [
          o.obligation.id,
          o.obligation.recipient,
          o.obligation.deadline.date,
          o.obligation.target.date,
          o.obligation.heldUntil && o.status !== 'confirmed' ? `${o.status} (held)` : o.status,
          String(o.escalationLevel),
          String(o.remindersSent),
        ]),
      ),
    );
  }
  out.push(...stateLawStatusLines(s, now));
  out.push('', 'Timeline:');
  for (const t of s.timeline.slice(-15)) out.push(`  ${t.at}  ${t.by.padEnd(16)} ${t.action}${t.detail ? `: ${t.detail}` : ''}`);
  // Entries before timelineOffset were not carried into the current run (issue 14): the report reads them from history.
  const earlier = (s.timelineOffset ?? 0) + s.timeline.length - 15;
  if (earlier > 0) out.push(`  … ${earlier} earlier entries (the incident report shows them all)`);
  return out.join('\n');
}

export function formatIncidentList(items: IncidentListItem[]): string {
  if (items.length === 0) return 'no incidents match';
  return table(
    // The list (a visibility query) knows the next deadline as an instant: shown as the legal date in the
    // organization's zone (the policy's) when known, else as the UTC instant, labelled so.
    [
      'ref',
      'stage',
      'reportable',
      'role',
      'owner',
      items.some((i) => i.nextDeadlineLocal) ? 'next deadline (outer limit)' : 'next deadline (UTC instant)',
      'overdue',
    ],
    items.map((i) => [
      i.ref,
      i.stage === 'closing' ? 'closing — evidence pending' : (i.stage ?? '?'),
      i.reportable === null || i.reportable === undefined ? '-' : i.reportable ? 'yes' : 'no',
      i.role ?? '?',
      i.owner ?? '?',
      i.nextDeadlineLocal ?? (i.nextDeadline ? `${i.nextDeadline.slice(0, 16).replace('T', ' ')}Z` : '-'),
      i.overdue ? 'OVERDUE' : '',
    ]),
  );
}
