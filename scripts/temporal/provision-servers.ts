import fs from 'node:fs';
import { buildDevServer } from './build-dev-server.js';
import { buildTestServer } from './build-test-server.js';
import { locateDevServer, locateTestServer, ProvisioningError, sdkDownloadDir, which, type LocatedServer } from './locate.js';
import type { Progress } from './run.js';
import { TEST_SERVER_VERSION } from './versions.js';
import { setting } from '../../config/index.js';

/**
 * Last resort on a machine with internet but no Go (or no Java/Maven): let the SDK download its own
 * server into our cache by starting it once. Fails fast and clearly on a machine without internet.
 */
async function sdkDownload(kind: 'dev' | 'test', progress: Progress): Promise<void> {
  if (setting('BREACH_NO_DOWNLOAD')) {
    throw new ProvisioningError(
      kind === 'dev'
        ? 'Cannot provide the Temporal dev server: no TEMPORAL_CLI_PATH, no `temporal` on PATH, no Go to build it, and downloads are disabled (BREACH_NO_DOWNLOAD=1). Install Go, or set TEMPORAL_CLI_PATH to a Temporal CLI binary.'
        : `Cannot provide the time-skipping test server: no TEMPORAL_TEST_SERVER_PATH, no Java + Maven to fetch io.temporal:temporal-test-server:${TEST_SERVER_VERSION}, and downloads are disabled (BREACH_NO_DOWNLOAD=1). Install a JDK (17+) and Maven, or set TEMPORAL_TEST_SERVER_PATH.`,
    );
  }
  progress(`no local toolchain for the ${kind === 'dev' ? 'dev' : 'test'} server: trying the Temporal SDK's own download`);
  fs.mkdirSync(sdkDownloadDir(), { recursive: true });
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const executable = { type: 'cached-download' as const, downloadDir: sdkDownloadDir(), ttl: '3650 days' };
  try {
    const env =
      kind === 'dev'
        ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
        : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    await env.teardown();
  } catch (err) {
    throw new ProvisioningError(
      kind === 'dev'
        ? `Cannot provide the Temporal dev server: no TEMPORAL_CLI_PATH, no \`temporal\` on PATH, no Go to build it (go install github.com/temporalio/cli/cmd/temporal@v1.5.1), and the SDK download failed (${(err as Error).message}). Install Go, or set TEMPORAL_CLI_PATH to a Temporal CLI binary.`
        : `Cannot provide the time-skipping test server: no TEMPORAL_TEST_SERVER_PATH, no Java + Maven to fetch io.temporal:temporal-test-server:${TEST_SERVER_VERSION}, and the SDK download failed (${(err as Error).message}). Install a JDK (17+) and Maven, or set TEMPORAL_TEST_SERVER_PATH to a temporal-test-server binary.`,
    );
  }
}

export async function provisionDevServer(progress: Progress): Promise<LocatedServer> {
  const found = locateDevServer();
  if (found) return found;
  const go = which('go');
  if (go) await buildDevServer(go, progress);
  else await sdkDownload('dev', progress);
  const built = locateDevServer();
  if (!built) throw new ProvisioningError('The dev server was provisioned but cannot be found afterwards (cache directory not writable?)');
  return built;
}

export async function provisionTestServer(progress: Progress): Promise<LocatedServer> {
  const found = locateTestServer();
  if (found) return found;
  const java = which('java');
  const mvn = which('mvn');
  if (java && mvn) await buildTestServer(mvn, java, progress);
  else {
    if (java && !mvn) progress('Java is here but Maven (mvn) is not: cannot fetch the test server jars');
    await sdkDownload('test', progress);
  }
  const built = locateTestServer();
  if (!built) throw new ProvisioningError('The test server was provisioned but cannot be found afterwards (cache directory not writable?)');
  return built;
}
