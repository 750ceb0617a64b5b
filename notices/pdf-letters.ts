import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { NoticeAddressee } from './content.js';
import type { OrganizationProfile } from './organization.js';
import type { RenderedNotice } from './render.js';
import { stampDrillPages } from './drill-mark.js';

/**
 * Print-ready letters for first-class mail (164.404(d)(1)(i)): US Letter, one letter per sheet group,
 * the address block placed for a #10 double-window envelope, letterhead in the organization's colour.
 * A batch is one PDF file for the mailing house; it is written whole then renamed, so a crash never
 * leaves half a batch, and rewriting the same batch yields the same letters.
 */
export interface Letter {
  addressee: NoticeAddressee;
  notice: RenderedNotice;
}

const INCH = 72;

function letterhead(doc: PDFKit.PDFDocument, org: OrganizationProfile): void {
  doc
    .fillColor(org.branding.accentColor)
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(org.name, INCH, 0.6 * INCH);
  doc.font('Helvetica').fontSize(9).fillColor('#333333');
  for (const line of org.branding.letterheadLines) doc.text(line);
  const a = org.address;
  doc.text(`${a.line1}${a.line2 ? `, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.postalCode}`);
  doc
    .moveTo(INCH, 1.45 * INCH)
    .lineTo(7.5 * INCH, 1.45 * INCH)
    .strokeColor(org.branding.accentColor)
    .lineWidth(1)
    .stroke();
}

function addressBlock(doc: PDFKit.PDFDocument, a: NoticeAddressee): void {
  // #10 window: about 7/8" from the left, 2" from the top.
  doc.fillColor('black').font('Helvetica').fontSize(11);
  const p = a.postal;
  const lines = [a.fullName, ...(p ? [p.line1, ...(p.line2 ? [p.line2] : []), `${p.city} ${p.state} ${p.postalCode}`] : [])];
  doc.text(lines.join('\n'), 0.9 * INCH, 2 * INCH, { width: 3.5 * INCH, lineGap: 1 });
}

function body(doc: PDFKit.PDFDocument, text: string, dateLine: string): void {
  doc.font('Helvetica').fontSize(11).fillColor('black');
  doc.text(dateLine, INCH, 3.3 * INCH);
  doc.moveDown();
  const headings = new Set([
    'What happened',
    'What information was involved',
    'What you can do',
    'What we are doing',
    'For more information',
  ]);
  for (const para of text.trim().split(/\n{2,}/)) {
    const isHeading = headings.has(para.trim());
    doc.font(isHeading ? 'Helvetica-Bold' : 'Helvetica').text(para, { width: 6.5 * INCH, align: 'left', lineGap: 1.5 });
    doc.moveDown(isHeading ? 0.3 : 0.7);
  }
}

/** One letter drawn on new page(s) of `doc` (also used by the benchmark's raw pdfkit baseline). */
export function drawLetter(doc: PDFKit.PDFDocument, org: OrganizationProfile, l: Letter, dateLine: string): void {
  doc.addPage();
  letterhead(doc, org);
  addressBlock(doc, l.addressee);
  // The greeting and the rest of the letter come from the template.
  body(doc, l.notice.text, dateLine);
}

export interface PdfResult {
  file: string;
  letters: number;
  bytes: number;
  sha256: string;
}

async function writePdf(
  file: string,
  draw: (doc: PDFKit.PDFDocument) => void,
  meta: { title: string; author: string; drill?: boolean },
): Promise<PdfResult & { letters: 0 }> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Fixed dates make the same batch byte-identical on a retry (handy for evidence hashes).
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: INCH,
    autoFirstPage: false,
    info: { Title: meta.title, Author: meta.author, CreationDate: new Date(0), ModDate: new Date(0) },
  });
  if (meta.drill) stampDrillPages(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  await done;
  const buf = Buffer.concat(chunks);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, file);
  return { file, letters: 0, bytes: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

/** One PDF with every letter of a batch, each starting on a new page. */
export async function writeLetterBatchPdf(
  file: string,
  org: OrganizationProfile,
  letters: Letter[],
  dateLine: string,
  opts: { drill?: boolean } = {},
): Promise<PdfResult> {
  const r = await writePdf(
    file,
    (doc) => {
      for (const l of letters) drawLetter(doc, org, l, dateLine);
    },
    { title: `${org.name}: notice letters`, author: org.name, drill: opts.drill ?? false },
  );
  return { ...r, letters: letters.length };
}

/** A printable document (HHS worksheet, press release, posting text, call-center instructions). */
export async function writeDocumentPdf(
  file: string,
  org: OrganizationProfile,
  notice: RenderedNotice,
  opts: { drill?: boolean } = {},
): Promise<PdfResult> {
  return writePdf(
    file,
    (doc) => {
      doc.addPage();
      letterhead(doc, org);
      doc
        .font('Helvetica-Bold')
        .fontSize(12)
        .fillColor('black')
        .text(notice.subject, INCH, 1.7 * INCH);
      doc.moveDown();
      doc
        .font('Courier')
        .fontSize(9.5)
        .text(notice.text, { width: 6.5 * INCH, lineGap: 1 });
    },
    { title: notice.subject, author: org.name, drill: opts.drill ?? false },
  );
}

/** One letter's place in a streamed batch: 1-based first page and its page count. */
export interface LetterPages {
  firstPage: number;
  pages: number;
}

export interface StreamedBatchResult {
  file: string;
  letters: number;
  pages: number;
  bytes: number;
  sha256: string;
  /** Per letter, in the order given. */
  placement: LetterPages[];
}

/**
 * A mail-house batch (thousands of letters) streamed to disk: the PDF is never held whole in memory, the
 * SHA-256 is computed while it is written, and the event loop is given back every `yieldEvery` letters
 * (heartbeats, other activities). Written to a temporary name, then renamed: a crash never leaves half a
 * batch under the batch's name. Records each letter's first page and page count (for the manifest).
 */
export async function streamLetterBatchPdf(
  file: string,
  org: OrganizationProfile,
  letters: Iterable<Letter>,
  dateLine: string,
  /** drill: every page carries the DRILL mark (notices/drill-mark.ts). */
  opts: { yieldEvery?: number; onProgress?: (done: number) => void; drill?: boolean } = {},
): Promise<StreamedBatchResult> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: INCH,
    autoFirstPage: false,
    info: { Title: `${org.name}: notice letters`, Author: org.name, CreationDate: new Date(0), ModDate: new Date(0) },
  });
  if (opts.drill) stampDrillPages(doc);
  const tmp = `${file}.${process.pid}.tmp`;
  // pdfkit pushes many small chunks and ignores back-pressure: piped into a file stream they queue up
  // (~30 MB of buffers per 1,000 letters, measured). Collected here and written synchronously in 1 MB
  // blocks instead, hashed block by block: memory stays flat whatever the batch size.
  const fd = fs.openSync(tmp, 'w', 0o600);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const block = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    hash.update(block);
    fs.writeSync(fd, block);
  };
  doc.on('data', (c: Buffer) => {
    pending.push(c);
    pendingBytes += c.length;
    bytes += c.length;
    if (pendingBytes >= 1 << 20) flush();
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  let page = 0;
  doc.on('pageAdded', () => page++);
  const placement: LetterPages[] = [];
  const every = Math.max(1, opts.yieldEvery ?? 100);
  try {
    for (const l of letters) {
      const first = page + 1;
      drawLetter(doc, org, l, dateLine);
      placement.push({ firstPage: first, pages: page - first + 1 });
      if (placement.length % every === 0) {
        opts.onProgress?.(placement.length);
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    doc.end();
    await ended;
    flush();
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return { file, letters: placement.length, pages: page, bytes, sha256: hash.digest('hex'), placement };
}
