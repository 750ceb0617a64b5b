/**
 * The practical ceiling for letters: pdfkit rendering the same letter (same template, same drawing code,
 * same synthetic people) into PDF files of BATCH letters each, streamed to disk, without Temporal,
 * database, ledger, encryption or manifests. Env: COUNT, BATCH, OUT_DIR.
 * Prints `raw-done <ms> <pages> <peak rss bytes> <cpu µs>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { NoticeRenderer } from '../notices/render.js';
import { drawLetter } from '../notices/pdf-letters.js';
import { longDate } from '../notices/checklist.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../test/notices/synthetic-notice.js';
import { syntheticRosterLines } from '../test/fixtures/synthetic-roster.js';

const count = Number(process.env.COUNT);
const batch = Number(process.env.BATCH ?? 5000);
const outDir = process.env.OUT_DIR!;
fs.mkdirSync(outDir, { recursive: true });
const notice = new NoticeRenderer({ org: SYNTHETIC_ORG }).prepareIndividual(SYNTHETIC_INCIDENT);
const dateLine = longDate(new Date().toISOString().slice(0, 10));
let peakRss = 0;
const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const start = performance.now();
const cpu0 = process.cpuUsage();
const lines = syntheticRosterLines({ size: count, mailEvery: 1 });
lines.next(); // header
let pages = 0;
for (let b = 0; b * batch < count; b++) {
  const doc = new PDFDocument({ size: 'LETTER', margin: 72, autoFirstPage: false });
  doc.on('pageAdded', () => pages++);
  // Written the way a careful raw program would (and the engine does): chunks collected, 1 MB blocks written.
  const fd = fs.openSync(path.join(outDir, `raw-${b + 1}.pdf`), 'w');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    fs.writeSync(fd, Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  doc.on('data', (c: Buffer) => {
    pending.push(c);
    pendingBytes += c.length;
    if (pendingBytes >= 1 << 20) flush();
  });
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let i = b * batch + 1; i <= Math.min(count, (b + 1) * batch); i++) {
    const [fullName, , , line1, city, state, postalCode] = (lines.next().value as string).trimEnd().split(',');
    const addressee = { fullName: fullName!, postal: { line1: line1!, city: city!, state: state!, postalCode: postalCode! } };
    drawLetter(doc, SYNTHETIC_ORG, { addressee, notice: notice.render(addressee, 'mail') }, dateLine);
    // Same courtesy to the event loop as the activity.
    if (i % 100 === 0) await new Promise<void>((r) => setImmediate(r));
  }
  doc.end();
  await done;
  flush();
  fs.closeSync(fd);
}
clearInterval(rss);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const cpu = process.cpuUsage(cpu0);
console.log(`raw-done ${Math.round(performance.now() - start)} ${pages} ${peakRss} ${cpu.user + cpu.system}`);
