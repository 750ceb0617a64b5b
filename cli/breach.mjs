#!/usr/bin/env node
// Launcher for the `breach` CLI (package bin). Runs the compiled build (dist/cli/breach.mjs, made on
// install by scripts/build-cli.ts) when no source file it was built from is newer than it; otherwise the
// TypeScript sources through tsx (slower start, same behaviour). BREACH_CLI_FROM_SOURCE=1 forces tsx.
import fs from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const dist = new URL('../dist/cli/', import.meta.url);
const root = new URL('../', import.meta.url);

function currentBuild() {
  try {
    /** @type {{ builtAt: number; inputs: string[] }} */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- plain-JS launcher: the file is ours, written by scripts/build-cli.ts
    const info = JSON.parse(fs.readFileSync(new URL('build-info.json', dist), 'utf8'));
    for (const f of info.inputs) if (fs.statSync(new URL(f, root)).mtimeMs > info.builtAt) return false;
    return true;
  } catch {
    return false; // no build, or a source file moved or removed
  }
}

if (process.env.BREACH_CLI_FROM_SOURCE !== '1' && currentBuild()) {
  await import(new URL('breach.mjs', dist).href);
} else {
  if (process.stderr.isTTY && fs.existsSync(dist))
    process.stderr.write(
      'breach: sources changed since the CLI was built; running them through tsx (`npm run build:cli` for a fast start)\n',
    );
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
