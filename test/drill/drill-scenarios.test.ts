import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrillEngine, type DrillEngine } from '../../drill/drill-engine.js';
import { loadScenario, loadTeamScript } from '../../drill/scenario.js';
import { playScript } from '../../drill/run-drill.js';

const SCENARIOS = fileURLToPathSafe('../../scenarios');
function fileURLToPathSafe(rel: string): string {
  return new URL(rel, import.meta.url).pathname;
}

/**
 * Every shipped scenario, played end to end by a scripted on-time team on ONE drill engine (the
 * time-skipping server: 60+ simulated days in seconds), scores what it should.
 */
let engine: DrillEngine;
beforeAll(async () => {
  engine = await startDrillEngine({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-scen-')) });
});
afterAll(() => engine?.stop());

describe('shipped scenarios, scripted on-time teams', () => {
  for (const id of ['laptop', 'network-server', 'misdirected-mail', 'ba-ransomware', 'law-enforcement-delay']) {
    it(`${id}: every deadline met, every inject recorded, score 100`, async () => {
      const scenario = loadScenario(path.join(SCENARIOS, `${id}.yaml`));
      const script = loadTeamScript(path.join(SCENARIOS, 'teams', `${id}.yaml`), scenario);
      const { score, markdown } = await playScript(engine, scenario, script);
      expect(score.missed, markdown).toEqual([]);
      expect(score.overall).toBe(100);
      expect(markdown).toMatch(/^# DRILL - After-action report/);
    });
  }
});
