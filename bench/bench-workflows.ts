// The engine's workflows plus the baseline the OCR replay benchmark measures them against.
import {
  condition,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  defineUpdate,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';

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

// ---- action-latency baseline (bench/action-latency.ts) --------------------------------------------------
/**
 * The shape of a person's action as the engine's history records it: activities run before the update
 * answers (`sync`), activities after it (`async`), child workflows started after it (`children`), and
 * what the update awaits before it answers besides activities: child workflows started (`syncChildren`,
 * e.g. the mailing) and signals to other workflows (`syncSignals`, e.g. a confirmation to the obligation).
 */
export interface ActionShape {
  sync: number;
  async: number;
  children: number;
  syncChildren?: number;
  syncSignals?: number;
}
export const baselineActUpdate = defineUpdate<number, [ActionShape]>('act');
export const baselineChildrenQuery = defineQuery<number>('childrenStarted');
export const baselinePokeSignal = defineSignal('poke');

/** The trivial child: one activity (the obligation's reminder schedule), then it waits like an obligation. */
export async function baselineChildWorkflow(): Promise<void> {
  let pokes = 0;
  setHandler(baselinePokeSignal, () => void pokes++);
  await benchNoop();
  await condition(() => false);
}

/**
 * The trivial incident: the same number of activities, update round trips, signals and child workflows as
 * the engine's incident for each action, and nothing else (no state, no rules, no search attributes).
 */
export async function baselineShapeWorkflow(open: ActionShape): Promise<void> {
  const pending: ActionShape[] = [open];
  let children = 0;
  const startOne = async () => {
    await startChild(baselineChildWorkflow, {
      workflowId: `${workflowInfo().workflowId}/child-${children++}`,
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  };
  setHandler(baselineChildrenQuery, () => children);
  setHandler(baselineActUpdate, async (shape: ActionShape) => {
    for (let i = 0; i < shape.sync; i++) await benchNoop();
    for (let i = 0; i < (shape.syncSignals ?? 0); i++)
      await getExternalWorkflowHandle(`${workflowInfo().workflowId}/child-0`).signal(baselinePokeSignal);
    for (let i = 0; i < (shape.syncChildren ?? 0); i++) await startOne();
    pending.push(shape);
    return children;
  });
  for (;;) {
    await condition(() => pending.length > 0);
    const shape = pending.shift()!;
    for (let i = 0; i < shape.async; i++) await benchNoop();
    for (let i = 0; i < shape.children; i++) await startOne();
  }
}
