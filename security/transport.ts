import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { processEnv } from '../config/index.js';

/**
 * Transmission security (45 CFR 164.312(e)(1)): the API, the web console and the codec server carry
 * incident data and decoded PHI, so off the loopback interface they speak TLS only.
 *
 * BREACH_TLS_CERT_FILE / BREACH_TLS_KEY_FILE: PEM certificate (chain) and private key. Without them the
 * engine binds loopback only; binding another address in clear is refused unless
 * BREACH_ALLOW_PLAINTEXT=1 says a TLS-terminating proxy sits in front (documented in the README).
 */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

export class TransportConfigError extends Error {
  override name = 'TransportConfigError';
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

export function tlsFromEnv(env: NodeJS.ProcessEnv = processEnv()): TlsFiles | undefined {
  const certFile = env.BREACH_TLS_CERT_FILE;
  const keyFile = env.BREACH_TLS_KEY_FILE;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new TransportConfigError(
      `${certFile ? 'BREACH_TLS_KEY_FILE' : 'BREACH_TLS_CERT_FILE'}: required when ${certFile ? 'BREACH_TLS_CERT_FILE' : 'BREACH_TLS_KEY_FILE'} is set`,
    );
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new TransportConfigError(`${name}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
    }
  };
  const tls = { cert: read('BREACH_TLS_CERT_FILE', certFile), key: read('BREACH_TLS_KEY_FILE', keyFile) };
  if (!tls.cert.toString('utf8').includes('BEGIN CERTIFICATE'))
    throw new TransportConfigError('BREACH_TLS_CERT_FILE: not a PEM certificate');
  if (!/BEGIN (RSA |EC |)PRIVATE KEY/.test(tls.key.toString('utf8')))
    throw new TransportConfigError('BREACH_TLS_KEY_FILE: not a PEM private key');
  return tls;
}

/** Refuses a clear-text listener off loopback (the caller names which server). */
export function assertTransportAllowed(
  server: string,
  host: string,
  tls: TlsFiles | undefined,
  env: NodeJS.ProcessEnv = processEnv(),
): void {
  if (tls || isLoopback(host) || env.BREACH_ALLOW_PLAINTEXT === '1') return;
  throw new TransportConfigError(
    `${server} on ${host}: refusing to serve incident data without TLS off the loopback interface; set BREACH_TLS_CERT_FILE and BREACH_TLS_KEY_FILE ` +
      '(or BREACH_ALLOW_PLAINTEXT=1 when a TLS-terminating proxy is in front)',
  );
}

/**
 * Response headers for data that must not be kept: incident data is never cached by a browser or proxy
 * (`no-store`), and over TLS the browser is told to use TLS only (HSTS).
 */
export function protectResponses(app: FastifyInstance, opts: { tls: boolean; noStore: (url: string) => boolean }): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    if (opts.noStore(req.url)) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    if (opts.tls) reply.header('strict-transport-security', 'max-age=31536000');
    done(null, payload);
  });
}
