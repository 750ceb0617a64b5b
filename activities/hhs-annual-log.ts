import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { incidentStateQuery } from '../contract/incident-messages.js';

/**
 * 45 CFR 164.408(c): breaches of fewer than 500 are logged and submitted to HHS within 60 days after the
 * end of the calendar year of discovery (each breach is its own report on the OCR portal). After 31
 * December this assembles, from the open incidents' own records, every such breach discovered that year
 * into one log — the worksheet the privacy officer submits from — written under the data directory (0600;
 * it holds breach facts, never patient identities). Each incident's `hhs_annual_log` obligation keeps
 * tracking its own submission and reminders.
 */
export interface AnnualLogEntry {
  ref: string;
  obligationStatus: string;
  deadline: string;
  affected?: number;
  discoveredAt?: string;
  occurredAt?: string;
}

export function createAnnualLogActivities(deps: { client?: Client; dataDir: string }) {
  return {
    async assembleHhsAnnualLog(input: { year: number }): Promise<{ file: string; entries: number; dueDate?: string }> {
      if (!deps.client) throw new Error('the HHS annual log needs a Temporal client in the worker (createEngineActivities({ client }))');
      const entries: AnnualLogEntry[] = [];
      for await (const wf of deps.client.workflow.list({ query: `WorkflowType = 'incidentWorkflow' AND ExecutionStatus = 'Running'` })) {
        const state = await deps.client.workflow.getHandle(wf.workflowId).query(incidentStateQuery);
        const log = state.obligations.find((o) => o.obligation.kind === 'hhs_annual_log');
        // Due 60 days after the end of the discovery year: its deadline falls in the following year.
        if (!log || Number(log.obligation.deadline.date.slice(0, 4)) !== input.year + 1) continue;
        const facts = (state.facts ?? {}) as { dates?: { discoveredAt?: string; occurredAt?: string } };
        entries.push({
          ref: state.ref,
          obligationStatus: log.status,
          deadline: log.obligation.deadline.date,
          ...(log.obligation.count !== undefined ? { affected: log.obligation.count } : {}),
          ...(facts.dates?.discoveredAt ? { discoveredAt: facts.dates.discoveredAt } : {}),
          ...(facts.dates?.occurredAt ? { occurredAt: facts.dates.occurredAt } : {}),
        });
      }
      entries.sort((a, b) => (a.discoveredAt ?? '').localeCompare(b.discoveredAt ?? ''));
      const dir = path.join(deps.dataDir, 'hhs-annual-log');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${input.year}.json`);
      const dueDate = entries[0]?.deadline;
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ year: input.year, rule: '45 CFR 164.408(c)', dueDate, entries }, null, 2), {
        mode: 0o600,
      });
      fs.renameSync(`${file}.tmp`, file);
      return { file, entries: entries.length, ...(dueDate ? { dueDate } : {}) };
    },
  };
}
