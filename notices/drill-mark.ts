/**
 * The visible mark on everything a drill produces (issue 19 item 3): notices, letters (every PDF page),
 * covered-entity notices, regulator drafts, the evidence bundle and the counsel report of a drill
 * incident. Whether to mark is a flag the caller passes (activity deps, the API's options), never read
 * from the environment.
 */
export const DRILL_MARK = 'DRILL — NOT A REAL BREACH NOTICE';

/** A rendered text with the mark as its first and last line, and a subject prefixed with it. */
export function markDrillText(text: string): string {
  return `${DRILL_MARK}\n\n${text.trimEnd()}\n\n${DRILL_MARK}\n`;
}
export const markDrillSubject = (subject: string): string => (subject.startsWith('[DRILL]') ? subject : `[DRILL] ${subject}`);

/**
 * Stamps the mark at the top of every page `doc` adds from now on (red, bold, in the top margin), leaving
 * the text cursor where it was so the page's own layout is unchanged.
 */
export function stampDrillPages(doc: PDFKit.PDFDocument, mark: string = DRILL_MARK): void {
  // pdfkit keeps the current font on the document object (emitted with every text run): put it back after
  // the stamp, so a paragraph that flows onto a new page keeps its own font; the colour is restored by
  // the graphics state (save/restore).
  const d = doc as unknown as { _font?: { name?: string }; _fontSize?: number };
  doc.on('pageAdded', () => {
    const { x, y } = doc;
    const font = d._font?.name;
    const size = d._fontSize;
    doc.save();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#b00020')
      .text(mark, 0, 20, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.restore();
    if (font) doc.font(font);
    if (size) doc.fontSize(size);
    doc.x = x;
    doc.y = y;
  });
}
