// A workflow that only waits (for the memory benchmark): bundled alone, or beside the engine's workflows.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';

export const idleQuery = defineQuery<string>('idle');

/** Waits until cancelled or terminated; answers one query. Holds no state of its own. */
export async function benchIdleWorkflow(): Promise<void> {
  setHandler(idleQuery, () => 'idle');
  await condition(() => false);
}
