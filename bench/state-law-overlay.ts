/**
 * Benchmark (not part of `npm test`): the state-law overlay's cost per incident (issue 16). Every usable
 * row of the public OCR breach list (5,356 breaches) is planned twice in the same run — the federal plan
 * alone (planObligations, the baseline) and the federal plan plus the state overlay (planWithStateLaw,
 * with the HHS notice recorded 30 days after discovery so the pending NY/IL clocks are dated too) —
 * interleaved over several rounds; facts are validated once, outside the timing.
 *
 *   npx tsx bench/state-law-overlay.ts [--rounds 5]
 *
 * Reports, per round and as the median round: ms per incident for each, and the overlay's extra cost.
 */
import { performance } from 'node:perf_hooks';
import { planObligations, validateFacts, type IncidentFacts } from '../domain/index.js';
import { currentPack, planWithStateLaw } from '../domain/state-law/index.js';
import { loadOcrBreaches, ocrFacts } from '../test/fixtures/ocr-breaches.js';

const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 ? Number(process.argv[i + 1]) : 5;
if (!Number.isInteger(ROUNDS) || ROUNDS <= 0) throw new Error('--rounds must be a positive integer');

const NOW = '2024-06-01T00:00:00Z';
const incidents: { facts: IncidentFacts; decidedAt: string; hhsAt: string }[] = [];
for (const b of loadOcrBreaches()) {
  if (!Number.isFinite(b.individuals)) continue;
  const v = validateFacts(ocrFacts(b), { now: NOW });
  if (!v.ok) continue;
  const disc = Date.parse(v.facts.dates.discoveredAt);
  incidents.push({
    facts: v.facts,
    decidedAt: new Date(disc + 2 * 86_400_000).toISOString(),
    hhsAt: new Date(disc + 30 * 86_400_000).toISOString(),
  });
}
currentPack(); // load and validate the pack once, as a worker does at start

const decision = (at: string) => ({ reportable: true, decidedBy: 'bench', decidedAt: at });
function timeBaseline(): number {
  const t = performance.now();
  for (const x of incidents) planObligations(x.facts, decision(x.decidedAt), { now: NOW });
  return (performance.now() - t) / incidents.length;
}
let stateItems = 0;
function timeOverlay(): number {
  stateItems = 0;
  const t = performance.now();
  for (const x of incidents)
    stateItems += planWithStateLaw(x.facts, decision(x.decidedAt), { now: NOW, events: { hhsNotifiedAt: x.hhsAt } }).stateLaw.obligations
      .length;
  return (performance.now() - t) / incidents.length;
}
timeBaseline(); // warm-up
timeOverlay();
const base: number[] = [];
const over: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  base.push(timeBaseline());
  over.push(timeOverlay());
  console.log(`round ${r + 1}: plan only ${base[r]!.toFixed(4)} ms/incident; plan + state overlay ${over[r]!.toFixed(4)} ms/incident`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `\n${incidents.length} OCR incidents, ${ROUNDS} rounds (median): plan only ${median(base).toFixed(4)} ms; plan + state overlay ${median(over).toFixed(4)} ms; overlay adds ${(median(over) - median(base)).toFixed(4)} ms per incident; ${stateItems} state obligations planned per round. Budget: < 1 ms per incident.`,
);
