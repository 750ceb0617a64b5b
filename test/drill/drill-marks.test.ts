/**
 * The DRILL mark of a drill renderer (issue 19 item 3), without a server: a covered-entity notice and an
 * individual letter carry "DRILL — NOT A REAL BREACH NOTICE" (subject, first and last line; every page of
 * a letter batch PDF); the same notices of a production renderer carry none, and the checks see the same
 * text either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoticeRenderer } from '../../notices/render.js';
import { writeLetterBatchPdf } from '../../notices/pdf-letters.js';
import { DRILL_MARK } from '../../notices/drill-mark.js';
import { SYNTHETIC_INCIDENT, SYNTHETIC_ORG } from '../notices/synthetic-notice.js';
import { pdfPageTexts } from './pdf-text.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-marks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const drill = new NoticeRenderer({ org: SYNTHETIC_ORG, drill: true });
const real = new NoticeRenderer({ org: SYNTHETIC_ORG });
const person = {
  fullName: 'Alex Sample',
  email: 'alex.sample@example.invalid',
  postal: { line1: '12 Test Lane', city: 'Testville', state: 'IL', postalCode: '62702' },
};
const ce = {
  incident: SYNTHETIC_INCIDENT,
  coveredEntity: { name: 'Example Covered Plan', email: 'privacy@example-plan.example' },
  individualsIdentified: 1200,
  identification: { method: 'to_follow' as const },
};

describe('DRILL marks of a drill renderer', () => {
  it('a covered-entity notice: subject and first and last line marked; the production renderer marks nothing', () => {
    const d = drill.ceNotice(ce);
    const r = real.ceNotice(ce);
    expect(d.subject).toBe(`[DRILL] ${r.subject}`);
    expect(d.text).toBe(`${DRILL_MARK}\n\n${r.text.trimEnd()}\n\n${DRILL_MARK}\n`);
    expect(r.text + r.subject).not.toContain('DRILL');
  });

  it('letters: every page of the batch PDF is marked in a drill, none otherwise', async () => {
    const letters = (renderer: NoticeRenderer) => {
      const prepared = renderer.prepareIndividual({
        ...SYNTHETIC_INCIDENT,
        whatHappened: `${SYNTHETIC_INCIDENT.whatHappened} `.repeat(12),
      });
      return Array.from({ length: 3 }, (_, i) => {
        const a = { ...person, fullName: `Sample Person ${i}` };
        return { addressee: a, notice: prepared.render(a, 'mail') };
      });
    };
    const d = pdfPageTexts(
      fs.readFileSync(
        (await writeLetterBatchPdf(path.join(tmp, 'd.pdf'), SYNTHETIC_ORG, letters(drill), 'March 20, 2026', { drill: true })).file,
      ),
    );
    expect(d.pages).toBeGreaterThan(3); // letters run onto a second page: those pages are marked too
    expect(d.texts).toHaveLength(d.pages);
    for (const t of d.texts) expect(t.startsWith(`${DRILL_MARK}\n`)).toBe(true);
    const r = pdfPageTexts(
      fs.readFileSync((await writeLetterBatchPdf(path.join(tmp, 'r.pdf'), SYNTHETIC_ORG, letters(real), 'March 20, 2026')).file),
    );
    expect(r.texts.join('')).not.toContain('DRILL');
  });
});
