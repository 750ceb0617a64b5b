/**
 * The history report for legal: a readable account of the incident from its recorded state — facts and
 * their corrections, the four factors and the recommendation, the decision and who made it, every
 * obligation with its deadline and how it was met, reminders and escalations, law-enforcement delays —
 * as Markdown, HTML and PDF, with the evidence bundle's head hash so the report can be tied to it; and,
 * when given, an appendix from the workflow's own Temporal event history (what the server recorded).
 */
import { formatLegalDate } from '../domain/legal-dates.js';
import PDFDocument from 'pdfkit';
import { marked } from 'marked';
import type { IncidentSnapshot } from '../contract/incident-types.js';
import type { EvidenceBundle } from '../evidence/evidence-bundle.js';
import { diffFacts } from './facts-diff.js';
import type { HistorySummary } from '../service/incident-history.js';
import { stateLawMarkdown } from './state-law-report.js';
import { DRILL_MARK, stampDrillPages } from '../notices/drill-mark.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReportMarkdown(s: IncidentSnapshot, bundle: EvidenceBundle, history?: HistorySummary): string {
  const L: string[] = [];
  L.push(`# Breach notification record — incident ${s.ref}`, '');
  // A drill incident's report says so first and last (and on every PDF page, and in a banner in HTML).
  if (bundle.drill) L.push(`**${DRILL_MARK}** — a tabletop exercise on simulated time.`, '');
  L.push(
    `Generated ${bundle.generatedAt}. Evidence bundle head hash: \`${bundle.headHash}\` (${bundle.entries.length} entries, SHA-256 chained).`,
    '',
  );
  L.push('## Summary', '');
  L.push(`| | |`, `|---|---|`);
  L.push(`| Role | ${s.role === 'covered_entity' ? 'Covered entity' : 'Business associate'} |`);
  L.push(`| Opened | ${s.openedAt} by ${s.openedBy} |`);
  L.push(`| Owner | ${s.owner} |`);
  L.push(`| Stage | ${s.stage}${s.closure ? ` — ${esc(s.closure)}` : ''} |`);
  if (s.closedAt) L.push(`| Closed | ${s.closedAt} |`);
  L.push(`| Facts version | ${s.factsVersion} |`, '');

  if (s.factsVersions?.length) {
    L.push('## Facts as recorded, version by version', '');
    const cell = (v: unknown) => (v === undefined ? '—' : esc(typeof v === 'string' ? v : JSON.stringify(v)));
    s.factsVersions.forEach((v, i) => {
      L.push(`**Version ${v.version}** — ${v.at} by ${v.by}${v.reason ? `; reason: ${esc(v.reason)}` : ''}`, '');
      if (i === 0) {
        L.push('First recorded version (the full document is in the evidence bundle).', '');
        return;
      }
      const changes = diffFacts(s.factsVersions![i - 1]!.facts, v.facts);
      if (changes.length === 0) {
        L.push('No field changed.', '');
        return;
      }
      L.push('| field | before | after |', '|---|---|---|');
      for (const c of changes) L.push(`| \`${c.path}\` | ${cell(c.before)} | ${cell(c.after)} |`);
      L.push('');
    });
  }

  L.push('## Risk assessment and recommendation (45 CFR 164.402)', '');
  if (s.recommendation) {
    L.push(
      `Recommendation: **${s.recommendation.reportable ? 'reportable breach' : 'not a reportable breach'}** (${s.recommendation.outcome}).`,
      '',
    );
    for (const r of s.recommendation.rationale) L.push(`- ${r}`);
    L.push('');
  } else L.push('No assessment recorded.', '');

  L.push('## Decision (45 CFR 164.414(b))', '');
  if (s.decision) {
    L.push(
      `**${s.decision.reportable ? 'Reportable breach' : 'Not a reportable breach'}**, decided by ${s.decision.by} at ${s.decision.at}.`,
    );
    L.push(
      s.decision.reportable === s.decision.recommendationWasReportable
        ? 'The decision follows the recommendation.'
        : `The decision differs from the recommendation. Justification: ${s.decision.justification ?? '(none recorded)'}`,
      '',
    );
  } else L.push('No decision recorded.', '');

  if (s.lawEnforcementDelays.length) {
    L.push(
      '## Law-enforcement delays (45 CFR 164.412)',
      '',
      '| kind | official | agency | received | until | ended | recorded by |',
      '|---|---|---|---|---|---|---|',
    );
    for (const d of s.lawEnforcementDelays) {
      L.push(
        `| ${d.kind} | ${esc(d.official)} | ${esc(d.agency)} | ${d.receivedAt} | ${d.kind === 'written' ? d.endsAt : 'at most 30 days'} | ${d.endedAt ?? '—'} | ${d.recordedBy} |`,
      );
    }
    L.push('');
  }

  L.push('## Notice obligations', '');
  if (s.obligations.length) {
    L.push(
      `Deadlines and targets are local dates in the organization's time zone, ${s.timeZone}; the deadline is the outer limit the law sets, to the end of that day — not a goal (45 CFR 164.404(b)).`,
      '',
    );
    L.push(
      '| obligation | recipient | rule | deadline (outer limit) | target | status | escalation level | reminders | confirmed by |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const o of s.obligations) {
      L.push(
        `| ${o.obligation.label} (\`${o.obligation.id}\`) | ${esc(o.obligation.recipient)} | ${o.obligation.citation} | ${formatLegalDate(o.obligation.deadline.date, s.timeZone)} | ${formatLegalDate(o.obligation.target.date, s.timeZone)} | ${o.status} | ${o.escalationLevel} | ${o.remindersSent} | ${o.confirmedBy ?? '—'} |`,
      );
    }
    L.push('');
  } else
    L.push(s.decision?.reportable === false ? 'None: the incident was determined not to be a reportable breach.' : 'None planned yet.', '');

  L.push(...stateLawMarkdown(s, bundle.generatedAt));

  if (s.rosters?.length || s.mailings?.length) {
    L.push('## Rosters and mailings (45 CFR 164.404)', '');
    L.push('The roster of affected individuals is kept encrypted outside this record; it is identified here by id and counted.', '');
    if (s.rosters?.length) {
      L.push('| roster | recipients | rejected rows | by channel | attached |', '|---|---|---|---|---|');
      for (const r of s.rosters) {
        L.push(
          `| \`${r.rosterId}\` | ${r.recipients} | ${r.rejectedRows} | ${Object.entries(r.byChannel)
            .filter(([, n]) => n > 0)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')} | ${r.attachedAt} by ${r.attachedBy} |`,
        );
      }
      L.push('');
    }
    if (s.mailings?.length) {
      L.push(
        '| obligation | roster | started | status | emailed | letters | bounced | failed | unconfirmed | substitute | notice |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
      );
      for (const m of s.mailings) {
        const c = m.counts;
        L.push(
          `| \`${m.obligationId}\` | \`${m.rosterId}\` | ${m.startedAt} by ${m.startedBy} | ${m.status}${m.finishedAt ? ` ${m.finishedAt}` : ''}${m.error ? `: ${esc(m.error)}` : ''} | ${c?.sent ?? '—'} | ${c?.printed ?? '—'} | ${c?.bounced ?? '—'} | ${c?.failed ?? '—'} | ${c?.unconfirmed ?? '—'} | ${c?.substituteNeeded ?? '—'} | ${m.noticeId ?? '—'} |`,
        );
      }
      L.push('');
    }
  }

  if (s.ceNotices?.length) {
    L.push(
      '## Notices to covered entities (45 CFR 164.410)',
      '',
      '| obligation | sent | by | to | message | roster attachment |',
      '|---|---|---|---|---|---|',
    );
    for (const c of s.ceNotices) {
      const a = c.attachment;
      L.push(
        `| \`${c.obligationId}\` | ${c.sentAt} | ${c.by} | ${c.to} | ${c.messageId} | ${a ? `${a.fileName}: ${a.rows} individual(s), ${a.encryption === 'openpgp_public_key' ? "OpenPGP to the CE's public key" : 'OpenPGP with a passphrase by telephone'}, sha256 \`${a.sha256}\`` : 'none: identities to follow'} |`,
      );
    }
    L.push('');
  }

  L.push('## Timeline', '', '| when | who | what | detail |', '|---|---|---|---|');
  for (const t of s.timeline) L.push(`| ${t.at} | ${t.by} | ${t.action} | ${esc(t.detail ?? '')} |`);
  L.push('');
  if (history) {
    L.push("## Appendix: the workflow's event history (Temporal)", '');
    L.push(
      `Workflow \`${history.workflowId}\`${history.runId ? `, run \`${history.runId}\`` : ''}: ${history.events} events recorded by the Temporal server${history.firstAt ? ` from ${history.firstAt} to ${history.lastAt}` : ''}. Ids and names only (payloads are encrypted and not reproduced here).`,
      '',
    );
    L.push(
      `Event counts: ${Object.entries(history.byType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}.`,
      '',
    );
    L.push('| event | when | type | name | detail |', '|---|---|---|---|---|');
    for (const r of history.notable) L.push(`| ${r.id} | ${r.at} | ${r.type} | ${r.name ?? ''} | ${esc(r.detail ?? '')} |`);
    if (history.omitted) L.push('', `${history.omitted} further events omitted (see the Temporal UI or \`temporal workflow show\`).`);
    L.push('');
  }
  L.push('## Verification', '');
  L.push(
    "Recompute the chain of the evidence bundle (`breach verify <bundle.json>`): each entry hashes its content with the previous entry's hash; any modified, removed or reordered entry breaks the chain.",
  );
  if (bundle.drill) L.push('', `**${DRILL_MARK}**`);
  return L.join('\n');
}

export function renderReportHtml(s: IncidentSnapshot, bundle: EvidenceBundle, history?: HistorySummary): string {
  const body = marked.parse(renderReportMarkdown(s, bundle, history), { async: false });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident ${s.ref} — breach notification record</title>
<style>body{font-family:system-ui,sans-serif;max-width:75rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0}td,th{border:1px solid #999;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}
code{background:#f2f2f2;padding:0 0.2rem}
.drill{background:#b00020;color:#fff;font-weight:700;text-align:center;padding:0.5rem}</style></head><body>
${bundle.drill ? `<div class="drill" role="banner">${DRILL_MARK}</div>\n` : ''}${body}
</body></html>`;
}

/** A printable PDF of the same content (text layout; tables as aligned lines). */
export function renderReportPdf(s: IncidentSnapshot, bundle: EvidenceBundle, history?: HistorySummary): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 54,
      autoFirstPage: false,
      info: { Title: `${bundle.drill ? 'DRILL: ' : ''}Incident ${s.ref} — breach notification record`, Author: 'breach-engine' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (bundle.drill) stampDrillPages(doc);
    doc.addPage();
    drawMarkdownLines(doc, renderReportMarkdown(s, bundle, history));
    doc.end();
  });
}

/** The report's Markdown as PDF text (headings, paragraphs; tables as aligned lines): the counsel report and the drill's after-action report. */
export function drawMarkdownLines(doc: PDFKit.PDFDocument, markdown: string): void {
  for (const line of markdown.split('\n')) {
    if (line.startsWith('# ')) doc.font('Helvetica-Bold').fontSize(16).text(line.slice(2)).moveDown(0.5);
    else if (line.startsWith('## ')) doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(line.slice(3)).moveDown(0.25);
    else if (line.startsWith('### ')) doc.moveDown(0.25).font('Helvetica-Bold').fontSize(10.5).text(line.slice(4)).moveDown(0.2);
    else if (/^\|[-|]+\|$/.test(line)) continue;
    else if (line.startsWith('|')) {
      const cells = line
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(cells.filter((c) => c.length).join('  ·  '));
    } else doc.font('Helvetica').fontSize(9.5).text(line.replace(/\*\*/g, '').replace(/`/g, ''));
  }
}
