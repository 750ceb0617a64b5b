/** The console's stylesheet: system fonts, WCAG 2.1 AA contrast (≥ 4.5:1 text), visible focus. */
export const CONSOLE_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.45; }
body { margin: 0; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; z-index: 10; }
header.top { display: flex; gap: 1rem; align-items: center; background: #123a5a; color: #fff; padding: .5rem 1rem; }
header.top a { color: #fff; } header.top button.secondary { color: #123a5a; background: #fff; }
header.top .who { margin-left: auto; }
.drill-banner { background: #b00020; color: #fff; padding: .45rem 1rem; text-align: center; letter-spacing: .02em; }
.drill-facilitator { border: 3px solid #b00020; margin: 1rem; padding: .5rem 1rem; max-width: 1200px; }
main { padding: 1rem; max-width: 1200px; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
fieldset { border: 1px solid #888; margin: 0 0 1rem; padding: .5rem 1rem; }
label { display: block; font-weight: 600; margin-top: .5rem; }
.help { color: #444; font-size: .9rem; margin: .1rem 0; }
.field-error { color: #a00000; font-weight: 600; margin: .2rem 0; }
.alert { border-left: 5px solid #a00000; background: #fdeaea; padding: .5rem 1rem; }
.ok { border-left: 5px solid #1d6b2b; background: #e8f5ea; padding: .5rem 1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; } .filters label { margin: 0; }
button { font: inherit; padding: .3rem .8rem; border: 1px solid #123a5a; background: #123a5a; color: #fff; border-radius: 3px; cursor: pointer; }
button.secondary { background: #fff; color: #123a5a; }
button:disabled { background: #ddd; color: #555; border-color: #999; cursor: not-allowed; }
input, select, textarea { font: inherit; padding: .2rem; border: 1px solid #666; }
textarea { width: 100%; }
.urgency-overdue { background: #a00000; color: #fff; padding: 0 .3rem; }
.urgency-within-3-days { background: #b35c00; color: #fff; padding: 0 .3rem; }
.urgency-within-14-days { background: #fff3c4; color: #4a3b00; padding: 0 .3rem; }
.urgency-later { background: #e8f5ea; color: #1d4b22; padding: 0 .3rem; }
.unknown { color: #a00000; }
.open-incident { border: 1px solid #888; padding: .5rem 1rem; margin-bottom: 1rem; } .open-incident summary { font-weight: 600; cursor: pointer; }
label.check { display: inline-block; font-weight: 400; margin: .2rem 1rem .2rem 0; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; } @media (max-width: 800px) { .grid2 { grid-template-columns: 1fr; } }
`;
