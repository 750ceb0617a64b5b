// The engine's workflows plus the baseline the OCR replay benchmark measures them against.
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export * from '../workflows/index.js';

export const baselineDecideUpdate = defineUpdate<boolean, [boolean]>('decide');
const { benchNoop } = proxyActivities<{ benchNoop(): Promise<string> }>({ startToCloseTimeout: '1 minute' });

/**
 * The floor an incident cannot beat on the same server and worker: started, one update answered, one
 * activity, done. The engine does the same round trips plus its real work (policy, service level,
 * planning, one child workflow per obligation with its reminder schedule).
 */
export async function benchBaselineWorkflow(): Promise<string> {
  let decided = false;
  setHandler(baselineDecideUpdate, (v: boolean) => {
    decided = true;
    return v;
  });
  await condition(() => decided);
  return benchNoop();
}

export { benchIdleWorkflow } from '../test/fixtures/idle-workflow.js';
