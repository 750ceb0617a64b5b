import PDFDocument from 'pdfkit';
import { drawMarkdownLines } from '../reports/incident-report.js';
import { stampDrillPages } from '../notices/drill-mark.js';

/** The mark at the top of every page of an after-action report. */
export const AFTER_ACTION_PAGE_MARK = 'DRILL — tabletop exercise on simulated time — not a real incident';

/**
 * The after-action report as PDF, rendered like the counsel report (reports/incident-report.ts: the
 * Markdown's headings, paragraphs and tables as text lines), with the DRILL mark on every page.
 */
export function afterActionPdf(markdown: string, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 54,
      autoFirstPage: false,
      info: { Title: `DRILL - ${title}`, Author: 'breach-engine drill', CreationDate: new Date(0), ModDate: new Date(0) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    stampDrillPages(doc, AFTER_ACTION_PAGE_MARK);
    doc.addPage();
    drawMarkdownLines(doc, markdown);
    doc.end();
  });
}
