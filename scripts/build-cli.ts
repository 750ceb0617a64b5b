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

/** outDir: inside the checkout (the bundle finds its packages in the checkout's node_modules). */
export async function buildCli(opts: { quiet?: boolean; outDir?: string } = {}): Promise<{ ms: number; inputs: number; outDir: string }> {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const outDir = opts.outDir ?? CLI_OUT_DIR;
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
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
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  fs.writeFileSync(path.join(tmp, 'build-info.json'), `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 1)}\n`);
  fs.writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  // Replace the previous build in one step (a CLI starting meanwhile sees the old or the new, not half).
  const old = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(tmp, outDir);
  fs.rmSync(old, { recursive: true, force: true });
  const ms = Math.round(performance.now() - started);
  if (!opts.quiet) console.log(`breach CLI built: ${path.relative(root, outDir)}/breach.mjs from ${inputs.length} source files in ${ms} ms`);
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
      console.warn(`breach CLI not compiled (${message}); \`breach\` will run through tsx (slower start). Retry with \`npm run build:cli\`.`);
    }
  }
}
