import { marked } from 'marked';
import { DRILL_BANNER } from './drill-constants.js';

/**
 * The after-action report as a standalone HTML page, with a DRILL banner fixed at the top of every
 * screen and printed page. Raw HTML in scenario text is shown as text, never interpreted.
 */
export function afterActionHtml(markdown: string, title: string): string {
  const safe = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = marked.parse(safe, { async: false });
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DRILL - ${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:75rem;margin:0 auto;padding:3.5rem 1rem 2rem;color:#111;line-height:1.45}
.drill{position:fixed;top:0;left:0;right:0;background:#b00020;color:#fff;font-weight:700;text-align:center;padding:0.5rem;letter-spacing:0.05em}
table{border-collapse:collapse;margin:0.5rem 0}td,th{border:1px solid #999;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}
code{background:#f2f2f2;padding:0 0.2rem}</style></head><body>
<div class="drill" role="banner">${esc(DRILL_BANNER)}</div>
${body}
</body></html>
`;
}
