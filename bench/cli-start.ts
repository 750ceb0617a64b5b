/**
 * Benchmark (not part of `npm test`): how fast `breach --help` answers (issue 14 item 8). In one run, in
 * turn (A B C A B C …, so a drifting machine load hits all alike):
 *   A  the bin as installed: `node cli/breach.mjs --help` (the compiled build, rebuilt first if stale)
 *   B  the TypeScript sources through tsx: `node --import tsx cli/cli.ts --help` (what the bin ran before)
 *   C  Node itself doing nothing: `node -e 0` (the floor no CLI can go under on this machine)
 *
 *   npm run bench:cli-start -- [--runs 10]
 *
 * Reports each one's median and min-max wall time, and the ratios B/A (how much faster the build starts)
 * and A-C (what the CLI adds to Node's own start).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../scripts/build-cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const runs = arg('runs', 10);

const commands = {
  'bin (compiled)': ['cli/breach.mjs', '--help'],
  'tsx cli/cli.ts': ['--import', 'tsx', 'cli/cli.ts', '--help'],
  'node -e 0': ['-e', '0'],
} as const;
type Name = keyof typeof commands;

function once(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BREACH_CLI_FROM_SOURCE: '' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
  return ms;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

await buildCli({ quiet: true });
const names = Object.keys(commands) as Name[];
for (const n of names) once(commands[n]); // warm-up: file cache, tsx's transform cache
const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
for (let i = 0; i < runs; i++) for (const n of names) times[n].push(once(commands[n]));

const m = Object.fromEntries(names.map((n) => [n, median(times[n])])) as Record<Name, number>;
console.log(`breach --help, ${runs} runs each, interleaved (wall ms: median [min-max])`);
for (const n of names)
  console.log(
    `  ${n.padEnd(16)} ${m[n].toFixed(0).padStart(6)}  [${Math.min(...times[n]).toFixed(0)}-${Math.max(...times[n]).toFixed(0)}]`,
  );
const ratios = times['tsx cli/cli.ts'].map((t, i) => t / times['bin (compiled)'][i]!);
console.log(`  tsx / compiled: ${median(ratios).toFixed(2)}x (median of pairwise ratios)`);
console.log(`  compiled - node -e 0: ${(m['bin (compiled)'] - m['node -e 0']).toFixed(0)} ms added by the CLI to Node's own start`);
