/**
 * Builds the `breach` CLI into compiled JavaScript (issue 14 item 8): dist/cli/breach.mjs and its lazily
 * loaded chunks, so `breach --help` starts without compiling TypeScript. Run on install (postinstall) and by
 * `npm run build:cli`; cli/breach.mjs runs the build when it is current and falls back to tsx otherwise.
 *
 * - The project's own modules are bundled (with code splitting: a command's heavy modules are separate
 *   chunks loaded by `await import()` only when that command runs); packages from node_modules stay
 *   external and are loaded by Node as usual.
 * - `import.meta.url` in a bundled module is replaced by its source file's URL, so modules that find files
 *   beside them (templates, the failure converter) still do.
 * - What the CLI takes from the contract is compiled in as constants, evaluated at build time: the
 *   vocabulary lists its option choices come from (contract/vocabulary.ts: incident roles, evidence
 *   methods, draft kinds) and the actions' HTTP routes (cli/action-routes.ts, from
 *   contract/incident-actions.ts). They stay defined once, and a command does not load zod, the domain's
 *   schemas and the workflow message definitions those modules also hold (that alone doubled the start).
 *   Only JSON data can be inlined; importing anything else from them in cli/ fails the build (and the
 *   bin falls back to tsx).
 * - dist/cli/build-info.json lists the source files and the build time: the launcher compares their
 *   modification times and never runs a bundle older than the sources.
 *
 * A failed build never fails `npm install`: the launcher falls back to tsx (slower, same behaviour).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT_DIR = path.join(root, 'dist', 'cli');

/** Strings, numbers, booleans, null, and arrays and plain objects of them: what a constant can be. */
function isJsonData(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isJsonData);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).every(isJsonData);
  return false;
}

/** outDir: inside the checkout (the bundle finds its packages in the checkout's node_modules). */
export async function buildCli(opts: { quiet?: boolean; outDir?: string } = {}): Promise<{ ms: number; inputs: number; outDir: string }> {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const outDir = opts.outDir ?? CLI_OUT_DIR;
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  // Source files evaluated at build time (the vocabulary and what it imports): the launcher checks them too.
  const buildTimeInputs = new Set<string>();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { breach: 'cli/cli.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'build-time-constants',
        setup(build) {
          build.onResolve({ filter: /(\/contract\/vocabulary|\/action-routes)\.js$/ }, (args) =>
            args.importer.startsWith(path.join(root, 'cli') + path.sep)
              ? { path: path.resolve(path.dirname(args.importer), args.path.replace(/\.js$/, '.ts')), namespace: 'build-time-constants' }
              : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'build-time-constants' }, async (args) => {
            const deps = await esbuild.build({
              entryPoints: [args.path],
              bundle: true,
              packages: 'external',
              platform: 'node',
              format: 'esm',
              write: false,
              metafile: true,
              logLevel: 'silent',
              absWorkingDir: root,
            });
            for (const f of Object.keys(deps.metafile.inputs)) buildTimeInputs.add(f);
            const mod = (await import(pathToFileURL(args.path).href)) as Record<string, unknown>;
            const lines = Object.entries(mod)
              .filter(([, v]) => isJsonData(v))
              .map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`);
            return {
              contents: `// Compiled from ${path.relative(root, args.path)} by scripts/build-cli.ts\n${lines.join('\n')}\n`,
              loader: 'js',
              watchFiles: [args.path],
            };
          });
        },
      },
      {
        name: 'source-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
          });
        },
      },
    ],
  });
  const inputs = [
    ...new Set(
      [...Object.keys(result.metafile.inputs), ...buildTimeInputs]
        .map((f) => f.replace(/^[\w-]+:/, '')) // a namespaced module (build-time-constants:…) is its source file
        .map((f) => (path.isAbsolute(f) ? path.relative(root, f) : f))
        .filter((f) => !f.includes('node_modules')),
    ),
  ].sort();
  fs.writeFileSync(path.join(tmp, 'build-info.json'), `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 1)}\n`);
  fs.writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  // Replace the previous build in one step (a CLI starting meanwhile sees the old or the new, not half).
  const old = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(tmp, outDir);
  fs.rmSync(old, { recursive: true, force: true });
  const ms = Math.round(performance.now() - started);
  if (!opts.quiet)
    console.log(`breach CLI built: ${path.relative(root, outDir)}/breach.mjs from ${inputs.length} source files in ${ms} ms`);
  return { ms, inputs: inputs.length, outDir };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const onInstall = process.argv.includes('--on-install');
  try {
    await buildCli();
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (!onInstall) {
      console.error(`breach CLI build failed: ${message}`);
      process.exitCode = 1;
    } else {
      // The install goes on: the bin runs the TypeScript sources through tsx instead.
      console.warn(
        `breach CLI not compiled (${message}); \`breach\` will run through tsx (slower start). Retry with \`npm run build:cli\`.`,
      );
    }
  }
}
