/**
 * The Chromium that the console's browser tests drive, with nothing installed by hand.
 *
 * Order: `CHROMIUM_PATH` (must exist) → a system Chromium (`/usr/bin/chromium`, or `chromium` /
 * `chromium-browser` / `google-chrome` on PATH) → the headless-shell build that ships inside the npm
 * package `@sparticuz/chromium`, extracted once into the shared cache (`<cache>/chromium-<version>/`).
 * `BREACH_CHROMIUM=bundled` skips the system lookup (proves the npm one works on a machine that has a
 * system Chromium); `BREACH_CHROMIUM=system` refuses the npm fallback.
 *
 * The extraction is staged in a sibling directory and renamed into place, so parallel test processes
 * and an interrupted run never leave a half-written browser behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cacheDir } from '../temporal/cache-dir.js';
import { processEnv, setting } from '../../config/index.js';

export interface LocatedChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm @sparticuz/chromium';
  /** Extra environment for the browser process (fonts and, where the system lacks them, NSS libraries). */
  env: Record<string, string>;
  /** Launch arguments that suit this build. */
  args: string[];
}

export class ChromiumNotFound extends Error {
  override name = 'ChromiumNotFound';
}

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];
const SYSTEM_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

function mode(): 'auto' | 'bundled' | 'system' {
  const m = processEnv().BREACH_CHROMIUM || 'auto'; // checked here: its error is ChromiumNotFound
  if (m === 'auto' || m === 'bundled' || m === 'system') return m;
  throw new ChromiumNotFound(`BREACH_CHROMIUM must be "auto", "bundled" or "system" (got "${m}")`);
}

function onPath(name: string): string | undefined {
  for (const dir of (processEnv().PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function systemChromium(): string | undefined {
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of SYSTEM_CANDIDATES) {
    const p = onPath(name);
    if (p) return p;
  }
  return undefined;
}

/** The npm package's directory and version (throws a clear error when it is not installed). */
function bundledPackage(): { binDir: string; version: string } {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    // The package exports only its entry point (build/index.js); package.json is two levels up.
    pkgJson = path.join(path.dirname(path.dirname(require.resolve('@sparticuz/chromium'))), 'package.json');
  } catch {
    throw new ChromiumNotFound(
      'no Chromium: CHROMIUM_PATH is unset, no system Chromium, and the npm package @sparticuz/chromium is not installed (run npm install)',
    );
  }
  const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string };
  return { binDir: path.join(path.dirname(pkgJson), 'bin'), version };
}

/** Whether the dynamic loader already finds a library (ldconfig's cache). */
function systemHasLibrary(soname: string): boolean {
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(soname);
  } catch {
    return false;
  }
}

async function inflateInto(dir: string, archives: string[]): Promise<void> {
  // The package's inflate() writes next to os.tmpdir(), which reads TMPDIR on every call; its output
  // path is fixed synchronously at the call, so TMPDIR is pointed at the staging dir only for the calls.
  const { inflate } = (await import('@sparticuz/chromium')) as { inflate: (file: string) => Promise<string> };
  const env = processEnv(); // the process's own environment, changed for the inflate calls only
  const saved = env.TMPDIR;
  env.TMPDIR = dir;
  let pending: Promise<string>[];
  try {
    if (os.tmpdir() !== dir) throw new Error('TMPDIR override not honoured');
    pending = archives.map((a) => inflate(a));
  } finally {
    if (saved === undefined) delete env.TMPDIR;
    else env.TMPDIR = saved;
  }
  await Promise.all(pending);
}

function fontsConf(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${path.join(dir, 'fonts')}</dir>`,
    `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>`,
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    '</fontconfig>',
    '',
  ].join('\n');
}

/**
 * Extracts the npm package's Chromium into the cache once; later calls only check it is there.
 * Layout: chromium, swiftshader libs, fonts/ (Open Sans + fonts.conf), al2023/lib (NSS, for machines
 * without libnss3), and a `.complete` marker written last.
 */
export async function extractBundledChromium(progress: (line: string) => void = () => undefined): Promise<string> {
  const { binDir, version } = bundledPackage();
  const dir = path.join(cacheDir(), `chromium-${version}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const started = Date.now();
  progress(`extracting Chromium ${version} from npm @sparticuz/chromium into ${dir}`);
  const staging = fs.mkdtempSync(`${dir}.staging-`);
  fs.chmodSync(staging, 0o755);
  try {
    await inflateInto(
      staging,
      ['chromium.br', 'fonts.tar.br', 'swiftshader.tar.br', 'al2023.tar.br'].map((f) => path.join(binDir, f)),
    );
    fs.chmodSync(path.join(staging, 'chromium'), 0o755);
    fs.writeFileSync(path.join(staging, 'fonts', 'fonts.conf'), fontsConf(path.join(dir, 'fonts')));
    fs.writeFileSync(path.join(staging, '.complete'), `${version}\n`);
    // A leftover from an earlier, differently laid out attempt (no marker) is moved aside.
    if (fs.existsSync(dir) && !fs.existsSync(path.join(dir, '.complete'))) fs.renameSync(dir, `${dir}.stale-${process.pid}-${Date.now()}`);
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      // Another process finished first: use its copy.
      if (!fs.existsSync(path.join(dir, '.complete'))) throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const old of fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith(`chromium-${version}.stale-`))) {
    fs.rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
  }
  progress(`Chromium ${version} extracted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

export async function locateChromium(progress?: (line: string) => void): Promise<LocatedChromium> {
  const fromEnv = setting('CHROMIUM_PATH');
  if (fromEnv) {
    if (!fs.existsSync(fromEnv))
      throw new ChromiumNotFound(`CHROMIUM_PATH points at ${fromEnv}, which does not exist (unset it to use a system or the npm Chromium)`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH', env: {}, args: BASE_ARGS };
  }
  const m = mode();
  if (m !== 'bundled') {
    const sys = systemChromium();
    if (sys) return { executablePath: sys, source: 'system', env: {}, args: BASE_ARGS };
    if (m === 'system')
      throw new ChromiumNotFound('BREACH_CHROMIUM=system but no system Chromium was found (/usr/bin/chromium or chromium on PATH)');
  }
  const dir = await extractBundledChromium(progress);
  const env: Record<string, string> = { FONTCONFIG_PATH: path.join(dir, 'fonts') };
  if (!systemHasLibrary('libnss3.so')) {
    env.LD_LIBRARY_PATH = [path.join(dir, 'al2023', 'lib'), processEnv().LD_LIBRARY_PATH].filter(Boolean).join(':');
  }
  return {
    executablePath: path.join(dir, 'chromium'),
    source: 'npm @sparticuz/chromium',
    env,
    args: [...BASE_ARGS, '--no-zygote', '--use-gl=angle', '--use-angle=swiftshader'],
  };
}
