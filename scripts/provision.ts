/**
 * `npm run provision`: makes sure both Temporal servers are available offline, building them into the
 * cache (see scripts/temporal/) when they are not, and locates the Chromium of the console's browser
 * tests (extracting the npm one when there is no other, scripts/browser/chromium.ts). Idempotent: a
 * second run only locates them.
 *   --quiet   print only what is built, and one summary line
 */
import { cacheDir } from './temporal/cache-dir.js';
import { ProvisioningError, type LocatedServer } from './temporal/locate.js';
import { provisionDevServer, provisionTestServer } from './temporal/provision-servers.js';
import { ChromiumNotFound, locateChromium } from './browser/chromium.js';

const quiet = process.argv.includes('--quiet');
const started = Date.now();
const progress = (line: string) => console.log(`[provision] ${line}`);
const describe = (s: LocatedServer) =>
  s.executable.type === 'existing-path' ? `${s.executable.path} (${s.source})` : `SDK download in ${s.executable.downloadDir}`;

try {
  if (!quiet) progress(`cache: ${cacheDir()}`);
  const dev = await provisionDevServer(progress);
  if (!quiet) progress(`dev server:  ${describe(dev)}`);
  const test = await provisionTestServer(progress);
  if (!quiet) progress(`test server: ${describe(test)}`);
  const chrome = await locateChromium(progress);
  if (!quiet) progress(`chromium:    ${chrome.executablePath} (${chrome.source})`);
  progress(`Temporal servers and Chromium ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  if (err instanceof ProvisioningError || err instanceof ChromiumNotFound) {
    console.error(`[provision] FAILED: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
