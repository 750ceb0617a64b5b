import zlib from 'node:zlib';

/**
 * The text of each page of a PDF written by pdfkit (standard fonts, Flate-compressed content streams,
 * one content stream per page, in page order): the hex and literal strings of each TJ/Tj, joined.
 * WinAnsi 0x97 is the em dash. For tests only.
 */
export function pdfPageTexts(pdf: Buffer): { pages: number; texts: string[] } {
  const raw = pdf.toString('latin1');
  const pages = (raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const texts: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a Flate stream
    }
    re.lastIndex = end;
    const parts: string[] = [];
    for (const t of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      const inner = t[1] ?? (t[2] !== undefined ? `<${t[2]}>` : `(${t[3]})`);
      for (const p of inner.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g))
        parts.push(p[1] !== undefined ? Buffer.from(p[1], 'hex').toString('latin1') : p[2]!.replace(/\\(.)/g, '$1'));
      parts.push('\n');
    }
    if (parts.length) texts.push(parts.join('').replace(/\x97/g, '—'));
  }
  return { pages, texts };
}
