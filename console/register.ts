/**
 * The web console (GitHub issue 8): static pages served by the HTTP API's own fastify process, same
 * origin, same tokens and roles. The browser code (console/ui/) is bundled in-process with esbuild
 * on the first request and cached — no build step for `npm start` or `npm test`. The console only calls
 * the JSON API; it holds no state of its own.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const here = path.dirname(fileURLToPath(import.meta.url));

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface ConsoleOptions {
  /** Page title (organization name, environment). */
  title?: string;
  /** A drill's console (issue 19): marked DRILL from the first screen, before anyone signs in. */
  drill?: boolean;
}

let bundle: Promise<string> | undefined;
const gzipped = new Map<string, Buffer>();
/** The bundle is about half a megabyte (preact, zod, date-fns, the rule engine): gzip it once, when asked for. */
function sendText(req: FastifyRequest, reply: FastifyReply, text: string) {
  if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.send(text);
  let gz = gzipped.get(text);
  if (!gz) {
    gzipped.clear();
    gz = zlib.gzipSync(text);
    gzipped.set(text, gz);
  }
  return reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').send(gz);
}
/** The browser bundle: preact + htm + the console + the pure domain/ rule engine (for the live preview). */
export function consoleBundle(): Promise<string> {
  bundle ??= import('esbuild')
    .then(({ build }) =>
      build({
        entryPoints: [path.join(here, 'ui', 'app.ts')],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        target: ['es2022'],
        minify: true,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'silent',
      }),
    )
    .then((r) => r.outputFiles[0]!.text)
    .catch((e: unknown) => {
      bundle = undefined;
      throw e;
    });
  return bundle;
}

const page = (title: string, drill: boolean) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${drill ? '<section class="drill-banner" id="drill-static-mark" aria-label="Drill exercise">DRILL — an exercise environment: no real incident, no real notice</section>\n' : ''}<div id="root"><main id="main"><p>Loading the console…</p></main></div>
<noscript>The console needs JavaScript. The HTTP API and the <code>breach</code> CLI offer the same actions.</noscript>
</body>
</html>`;

export function registerConsole(app: FastifyInstance, opts: ConsoleOptions = {}): void {
  const title = `${opts.drill ? 'DRILL — ' : ''}${(opts.title ?? 'Breach engine console').replace(/[<>&"]/g, '')}`;
  const headers = {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  app.get('/', (_req, reply) => reply.redirect('/console/'));
  app.get('/console', (_req, reply) => reply.redirect('/console/'));
  app.get('/console/', (_req, reply) =>
    reply
      .headers(headers)
      .type('text/html; charset=utf-8')
      .send(page(title, Boolean(opts.drill))),
  );
  app.get('/console/app.js', async (req, reply) =>
    sendText(req, reply.headers(headers).type('text/javascript; charset=utf-8'), await consoleBundle()),
  );
  app.get('/console/console.css', async (_req, reply) => {
    const { CONSOLE_CSS } = await import('./console-css.js');
    return reply.headers(headers).type('text/css; charset=utf-8').send(CONSOLE_CSS);
  });
}
