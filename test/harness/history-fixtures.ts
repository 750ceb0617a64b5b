import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';

const { temporal } = proto; // CommonJS module: named ESM imports are not detectable under plain Node

const { History } = temporal.api.history.v1;

/**
 * Recorded workflow histories, committed under test/replay/histories, replayed on every test run against
 * the current workflow code (test/replay/replay.test.ts): a change that would break a running 60-day
 * incident fails there first. Recorded by the tests that produce them, when the file is missing or
 * RECORD_HISTORIES=1. Their payloads are encrypted with the fixed test keys, never real data.
 */
export const HISTORY_DIR = fileURLToPath(new URL('../replay/histories', import.meta.url));

export interface HistoryFixture {
  name: string;
  workflowId: string;
  history: proto.temporal.api.history.v1.IHistory;
}

export async function saveHistoryFixture(
  name: string,
  handle: { workflowId: string; fetchHistory(): Promise<proto.temporal.api.history.v1.IHistory> },
): Promise<void> {
  // RECORD_HISTORIES_SUFFIX=<date> records a new generation beside the old ones (`<name>-<date>.json`)
  // before a change to workflow code, so histories from every earlier version keep replaying.
  const suffix = process.env.RECORD_HISTORIES_SUFFIX;
  const file = path.join(HISTORY_DIR, suffix ? `${name}-${suffix}.json` : `${name}.json`);
  if (process.env.RECORD_HISTORIES !== '1') {
    if (fs.existsSync(file)) return;
    // Without a suffix, any recorded generation of this fixture is enough: nothing new appears in the tree.
    const generation = new RegExp(`^${name}(-\\d{4}-\\d{2}-\\d{2}[a-z]?)?\\.json$`);
    if (!suffix && fs.existsSync(HISTORY_DIR) && fs.readdirSync(HISTORY_DIR).some((f) => generation.test(f))) return;
  }
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  // Plain protobuf JSON form (enum names, int64 as strings, bytes as base64): stable, diffable, and read
  // back with History.fromObject.
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  fs.writeFileSync(file, JSON.stringify({ workflowId: handle.workflowId, history: json }, null, 1));
}

export function loadHistoryFixtures(): HistoryFixture[] {
  if (!fs.existsSync(HISTORY_DIR)) return [];
  return fs
    .readdirSync(HISTORY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(fs.readFileSync(path.join(HISTORY_DIR, f), 'utf8')) as { workflowId: string; history: unknown };
      return {
        name: f.replace(/\.json$/, ''),
        workflowId: raw.workflowId,
        history: History.fromObject(raw.history as Record<string, unknown>),
      };
    });
}
