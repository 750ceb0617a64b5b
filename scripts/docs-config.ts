/**
 * `npm run docs:config`: rewrites the configuration table in README.md from config/variables.ts.
 * `--check` only reports whether the README is current (exit 1 when not). test/config runs the check.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigTable } from '../config/readme-table.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const current = fs.readFileSync(readmePath, 'utf8');
const next = withConfigTable(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md: the configuration table differs from config/variables.ts; run `npm run docs:config`');
    process.exitCode = 1;
  }
} else if (next !== current) {
  fs.writeFileSync(readmePath, next);
  console.log('README.md: configuration table rewritten');
} else {
  console.log('README.md: configuration table already current');
}
