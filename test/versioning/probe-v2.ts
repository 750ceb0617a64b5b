// Workflow code of "release v2" for test/versioning: waits for a signal, then says which code ran it.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const releaseProbe = defineSignal('releaseProbe');

export async function versionProbe(): Promise<string> {
  let released = false;
  setHandler(releaseProbe, () => {
    released = true;
  });
  await condition(() => released);
  return 'code v2';
}
