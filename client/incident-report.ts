/**
 * The history report for legal: a readable account of the incident from its recorded state — facts and
 * their corrections, the four factors and the recommendation, the decision and who made it, every
 * obligation with its deadline and how it was met, reminders and escalations, law-enforcement delays —
 * as Markdown, HTML and PDF, with the evidence bundle's head hash so the report can be tied to it.
 */
import PDFDocument from 'pdfkit';
import { marked } from 'marked';
import type { IncidentSnapshot } from '../workflows/incident-types.js';
import type { EvidenceBundle } from '../activities/evidence-bundle.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReportMarkdown(s: IncidentSnapshot, bundle: EvidenceBundle): string {
  const L: string[] = [];
  L.push(`# Breach notification record — incident ${s.ref}`, '');
  L.push(`Generated ${bundle.generatedAt}. Evidence bundle head hash: \`${bundle.headHash}\` (${bundle.entries.length} entries, SHA-256 chained).`, '');
  L.push('## Summary', '');
  L.push(`| | |`, `|---|---|`);
  L.push(`| Role | ${s.role === 'covered_entity' ? 'Covered entity' : 'Business associate'} |`);
  L.push(`| Opened | ${s.openedAt} by ${s.openedBy} |`);
  L.push(`| Owner | ${s.owner} |`);
  L.push(`| Stage | ${s.stage}${s.closure ? ` — ${esc(s.closure)}` : ''} |`);
  if (s.closedAt) L.push(`| Closed | ${s.closedAt} |`);
  L.push(`| Facts version | ${s.factsVersion} |`, '');

  L.push('## Risk assessment and recommendation (45 CFR 164.402)', '');
  if (s.recommendation) {
    L.push(`Recommendation: **${s.recommendation.reportable ? 'reportable breach' : 'not a reportable breach'}** (${s.recommendation.outcome}).`, '');
    for (const r of s.recommendation.rationale) L.push(`- ${r}`);
    L.push('');
  } else L.push('No assessment recorded.', '');

  L.push('## Decision (45 CFR 164.414(b))', '');
  if (s.decision) {
    L.push(`**${s.decision.reportable ? 'Reportable breach' : 'Not a reportable breach'}**, decided by ${s.decision.by} at ${s.decision.at}.`);
    L.push(s.decision.reportable === s.decision.recommendationWasReportable ? 'The decision follows the recommendation.' : `The decision differs from the recommendation. Justification: ${s.decision.justification ?? '(none recorded)'}`, '');
  } else L.push('No decision recorded.', '');

  if (s.lawEnforcementDelays.length) {
    L.push('## Law-enforcement delays (45 CFR 164.412)', '', '| kind | official | agency | received | until | ended | recorded by |', '|---|---|---|---|---|---|---|');
    for (const d of s.lawEnforcementDelays) {
      L.push(`| ${d.kind} | ${esc(d.official)} | ${esc(d.agency)} | ${d.receivedAt} | ${d.kind === 'written' ? d.endsAt : 'at most 30 days'} | ${d.endedAt ?? '—'} | ${d.recordedBy} |`);
    }
    L.push('');
  }

  L.push('## Notice obligations', '');
  if (s.obligations.length) {
    L.push('| obligation | recipient | rule | deadline | target | status | escalation level | reminders | confirmed by |', '|---|---|---|---|---|---|---|---|---|');
    for (const o of s.obligations) {
      L.push(`| ${o.obligation.label} (\`${o.obligation.id}\`) | ${esc(o.obligation.recipient)} | ${o.obligation.citation} | ${o.obligation.deadline.date} | ${o.obligation.target.date} | ${o.status} | ${o.escalationLevel} | ${o.remindersSent} | ${o.confirmedBy ?? '—'} |`);
    }
    L.push('');
  } else L.push(s.decision?.reportable === false ? 'None: the incident was determined not to be a reportable breach.' : 'None planned yet.', '');

  L.push('## Timeline', '', '| when | who | what | detail |', '|---|---|---|---|');
  for (const t of s.timeline) L.push(`| ${t.at} | ${t.by} | ${t.action} | ${esc(t.detail ?? '')} |`);
  L.push('');
  L.push('## Verification', '');
  L.push('Recompute the chain of the evidence bundle (`breach verify <bundle.json>`): each entry hashes its content with the previous entry\'s hash; any modified, removed or reordered entry breaks the chain.');
  return L.join('\n');
}

export function renderReportHtml(s: IncidentSnapshot, bundle: EvidenceBundle): string {
  const body = marked.parse(renderReportMarkdown(s, bundle), { async: false });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident ${s.ref} — breach notification record</title>
<style>body{font-family:system-ui,sans-serif;max-width:75rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0}td,th{border:1px solid #999;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}
code{background:#f2f2f2;padding:0 0.2rem}</style></head><body>
${body}
</body></html>`;
}

/** A printable PDF of the same content (text layout; tables as aligned lines). */
export function renderReportPdf(s: IncidentSnapshot, bundle: EvidenceBundle): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: `Incident ${s.ref} — breach notification record`, Author: 'breach-engine' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of renderReportMarkdown(s, bundle).split('\n')) {
      if (line.startsWith('# ')) doc.font('Helvetica-Bold').fontSize(16).text(line.slice(2)).moveDown(0.5);
      else if (line.startsWith('## ')) doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(line.slice(3)).moveDown(0.25);
      else if (/^\|[-|]+\|$/.test(line)) continue;
      else if (line.startsWith('|')) {
        const cells = line.slice(1, -1).split(' | ').map((c) => c.trim().replace(/\\\|/g, '|'));
        doc.font('Helvetica').fontSize(8).text(cells.filter((c) => c.length).join('  ·  '));
      } else doc.font('Helvetica').fontSize(9.5).text(line.replace(/\*\*/g, '').replace(/`/g, ''));
    }
    doc.end();
  });
}
