import { proxyActivities } from '@temporalio/workflow';
import type { createAnnualLogActivities } from '../activities/hhs-annual-log.js';

const { assembleHhsAnnualLog } = proxyActivities<ReturnType<typeof createAnnualLogActivities>>({ startToCloseTimeout: '30 minutes' });

/**
 * Started after 31 December by the `breach-hhs-annual-log` schedule (or by hand for a given year):
 * assembles the year's under-500 breaches into the HHS annual log worksheet (45 CFR 164.408(c)).
 */
export async function hhsAnnualLogWorkflow(input: { year?: number } = {}): Promise<{ file: string; entries: number; dueDate?: string }> {
  const year = input.year ?? new Date().getUTCFullYear() - 1;
  return assembleHhsAnnualLog({ year });
}
