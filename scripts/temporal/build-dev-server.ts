import fs from 'node:fs';
import path from 'node:path';
import { devServerCachePath } from './locate.js';
import { ProvisioningError } from './locate.js';
import { run, type Progress } from './run.js';
import { TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION } from './versions.js';
import { processEnv } from '../../config/index.js';

/**
 * Builds the Temporal CLI from Go modules into the cache: `go install <module>@v1.5.1` with GOBIN set
 * to a scratch folder that is renamed into place only once the build succeeded, so a failed or
 * interrupted build never leaves a half-written binary behind.
 */
export async function buildDevServer(goBinary: string, progress: Progress): Promise<string> {
  const finalPath = devServerCachePath();
  const finalDir = path.dirname(finalPath);
  const scratch = `${finalDir}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  try {
    progress(
      `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with ${goBinary} (first time: a few minutes; Go's module and build caches make later builds fast)`,
    );
    // -ldflags stamps the release number the CLI would otherwise report as 0.0.0-DEV.
    const ldflags = `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`;
    await run(goBinary, ['install', `-ldflags=${ldflags}`, `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
      env: { ...processEnv(), GOBIN: scratch },
      progress,
      label: 'go install',
    });
    const built = path.join(scratch, 'temporal');
    if (!fs.existsSync(built)) throw new ProvisioningError(`go install finished but produced no binary at ${built}`);
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(scratch, finalDir);
    return finalPath;
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}
