/**
 * An automated WCAG 2.1 A/AA audit of the page as it stands, with axe-core (Deque's engine, the one most
 * accessibility tooling is built on). Automated rules catch perhaps a third of WCAG issues — missing labels,
 * contrast, ARIA misuse, duplicate ids, landmark and heading structure — which is exactly what regresses
 * silently; keyboard use is exercised separately by the browser test.
 */
import axeCore from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the console's CSP stays strict). */
/** `bestPractice`: also axe's best-practice rules (landmarks, one banner, headings order), beyond WCAG's own criteria. */
export async function auditAccessibility(page: Page, opts: { bestPractice?: boolean } = {}): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeCore.source);
  return page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: typeof axeCore }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    [...WCAG_21_AA, ...(opts.bestPractice ? ['best-practice'] : [])],
  );
}

/** One line per finding, for a failing assertion's message. */
export function describeFindings(where: string, findings: AxeFinding[]): string {
  return findings.map((f) => `${where}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.slice(0, 5).join(', ')}`).join('\n');
}
