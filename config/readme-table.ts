import { VARIABLES, type VariableName } from './variables.js';

/** Markers around the generated table in README.md (`npm run docs:config` rewrites what is between). */
export const TABLE_START = '<!-- config-table:start (generated from config/variables.ts by `npm run docs:config`; do not edit) -->';
export const TABLE_END = '<!-- config-table:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's configuration table, one row per variable, in the order of config/variables.ts. */
export function renderConfigTable(): string {
  const rows = (Object.keys(VARIABLES) as VariableName[]).map((name) => {
    const v = VARIABLES[name];
    const secret = v.secret ? ' **Secret**: never shown in errors or logs.' : '';
    return `| \`${name}\` | ${cell(v.defaultText)} | ${v.roles.join(', ')} | ${cell(v.description)}${secret} |`;
  });
  return ['| variable | default | read by | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** README text with the table between the markers replaced; an error when the markers are missing. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md: the markers ${TABLE_START} … ${TABLE_END} are missing`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}
