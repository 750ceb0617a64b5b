import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from './cache-dir.js';
import { TEMPORAL_CLI_VERSION, TEST_SERVER_RECIPE, TEST_SERVER_VERSION } from './versions.js';
import { processEnv, setting } from '../../config/index.js';

/** What `@temporalio/testing` accepts as `server.executable`. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download'; downloadDir: string; ttl: string };

export interface LocatedServer {
  executable: ServerExecutable;
  /** Where it came from, for progress output and error messages. */
  source: string;
}

export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
}

export const devServerCachePath = (): string => path.join(cacheDir(), `cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
export const testServerCacheDir = (): string => path.join(cacheDir(), `test-server-${TEST_SERVER_VERSION}-r${TEST_SERVER_RECIPE}`);
export const testServerCachePath = (): string => path.join(testServerCacheDir(), 'temporal-test-server');
/** Where the SDK's own download lands when a machine has internet but no Go/Java. */
export const sdkDownloadDir = (): string => path.join(cacheDir(), 'sdk-download');

function isExecutableFile(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Finds an executable on PATH, like `command -v`. */
export function which(name: string): string | undefined {
  for (const dir of (processEnv().PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function sdkDownloaded(prefix: RegExp): boolean {
  try {
    return fs.readdirSync(sdkDownloadDir()).some((f) => prefix.test(f));
  } catch {
    return false;
  }
}

const sdkDownload = (): ServerExecutable => ({ type: 'cached-download', downloadDir: sdkDownloadDir(), ttl: '3650 days' });

/**
 * The Temporal CLI (dev server): `TEMPORAL_CLI_PATH`, then `temporal` on PATH, then the project cache
 * (built by `npm run provision`), then an earlier SDK download. Undefined when none is there.
 */
export function locateDevServer(): LocatedServer | undefined {
  const fromEnv = setting('TEMPORAL_CLI_PATH');
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new ProvisioningError(
        `TEMPORAL_CLI_PATH=${fromEnv} is not an executable file: point it at a Temporal CLI binary (temporal) or unset it.`,
      );
    }
    return { executable: { type: 'existing-path', path: fromEnv }, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = which('temporal');
  if (onPath) return { executable: { type: 'existing-path', path: onPath }, source: 'PATH' };
  const cached = devServerCachePath();
  if (isExecutableFile(cached)) return { executable: { type: 'existing-path', path: cached }, source: 'project cache' };
  if (sdkDownloaded(/^temporal-(?!test-server)/)) return { executable: sdkDownload(), source: 'SDK download cache' };
  return undefined;
}

/**
 * The time-skipping test server: `TEMPORAL_TEST_SERVER_PATH`, then the project cache (the Maven artifact
 * behind a wrapper, made by `npm run provision`), then an earlier SDK download.
 */
export function locateTestServer(): LocatedServer | undefined {
  const fromEnv = setting('TEMPORAL_TEST_SERVER_PATH');
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new ProvisioningError(
        `TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file: point it at a temporal-test-server binary or wrapper, or unset it.`,
      );
    }
    return { executable: { type: 'existing-path', path: fromEnv }, source: 'TEMPORAL_TEST_SERVER_PATH' };
  }
  const cached = testServerCachePath();
  if (isExecutableFile(cached)) return { executable: { type: 'existing-path', path: cached }, source: 'project cache' };
  if (sdkDownloaded(/^temporal-test-server-/)) return { executable: sdkDownload(), source: 'SDK download cache' };
  return undefined;
}

const HOW_TO_SUPPLY =
  'Run `npm run provision` (needs Go for the dev server, Java + Maven for the test server, or internet for the SDK download), ' +
  'or supply binaries yourself: TEMPORAL_CLI_PATH=/path/to/temporal and TEMPORAL_TEST_SERVER_PATH=/path/to/temporal-test-server.';

export function requireDevServer(): LocatedServer {
  const found = locateDevServer();
  if (!found) throw new ProvisioningError(`No Temporal dev server (Temporal CLI) found. ${HOW_TO_SUPPLY}`);
  return found;
}

export function requireTestServer(): LocatedServer {
  const found = locateTestServer();
  if (!found) throw new ProvisioningError(`No Temporal time-skipping test server found. ${HOW_TO_SUPPLY}`);
  return found;
}
