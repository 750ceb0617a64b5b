import { Connection } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { loadClientConnectConfig } from '@temporalio/envconfig';

export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions;
  namespace: string;
  /** Human description for start-up output (address only: never credentials). */
  description: string;
}

/**
 * Connection settings for an external cluster or Temporal Cloud, read the way every Temporal tool reads
 * them: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_CLIENT_CERT_PATH /
 * TEMPORAL_TLS_CLIENT_KEY_PATH, TEMPORAL_PROFILE and the temporal.toml profile file.
 */
export function externalTarget(): TemporalTarget {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  const address = connectionOptions.address ?? 'localhost:7233';
  return {
    connectionOptions,
    namespace: namespace ?? 'default',
    description: `${address} (namespace ${namespace ?? 'default'}${connectionOptions.tls ? ', TLS' : ''}${connectionOptions.apiKey ? ', API key' : ''})`,
  };
}

/** A start-up failure to use Temporal with the settings given: one line, naming the setting to fix. */
export class TemporalStartError extends Error {
  override name = 'TemporalStartError';
}

export class UnreachableTemporalError extends TemporalStartError {
  override name = 'UnreachableTemporalError';
}

/** The cluster answers, but the namespace of TEMPORAL_NAMESPACE does not exist there. */
export class UnknownNamespaceError extends TemporalStartError {
  override name = 'UnknownNamespaceError';
}

/** The TLS handshake failed: the certificate the server presents is not one the client settings accept. */
export class TlsHandshakeError extends UnreachableTemporalError {
  override name = 'TlsHandshakeError';
}

/**
 * What a failed TLS handshake means, in terms of the TEMPORAL_TLS_* settings, from the native (Rust)
 * connection's error (the JS client only says "Failed to connect before the deadline"). Undefined when
 * the error is not a certificate problem.
 */
export function explainTlsFailure(message: string): string | undefined {
  if (/UnknownIssuer|BadSignature|UnknownCA|unable to (get|verify)|self[- ]signed/i.test(message))
    return (
      "the server's certificate is not signed by a CA the client trusts: set TEMPORAL_TLS_SERVER_CA_CERT_PATH to the CA " +
      'that signed the server certificate (unset: the system CAs)'
    );
  if (/Expired|NotValidYet|certificate has expired|not yet valid/i.test(message))
    return (
      "the server's certificate has expired or is not yet valid (check its dates and this host's clock); the client checks it " +
      'against TEMPORAL_TLS_SERVER_CA_CERT_PATH'
    );
  const name = /NotValidForName(?:Context)?\s*\{\s*expected:\s*(?:DnsName|IpAddress)\("?([A-Za-z0-9.:-]{1,253})"?\)/.exec(message);
  if (name || /NotValidForName|altnames|Hostname\/IP does not match/i.test(message))
    return (
      `the server's certificate is not valid for the name ${name ? `"${name[1]}"` : 'the client asked for'}: set TEMPORAL_TLS_SERVER_NAME ` +
      'to a name the certificate holds (default: the host of TEMPORAL_ADDRESS)'
    );
  if (/BadCertificate|CertificateRequired|certificate required|bad certificate|UnknownCertificate|InvalidCertificate/i.test(message))
    return (
      'the server refused the client certificate or the handshake: check TEMPORAL_TLS_CLIENT_CERT_PATH / TEMPORAL_TLS_CLIENT_KEY_PATH ' +
      '(mTLS) and TEMPORAL_TLS_SERVER_CA_CERT_PATH'
    );
  return undefined;
}

/** The native connection's diagnosis of a failed TLS connection (bounded in time). */
async function diagnoseTls(target: TemporalTarget, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const probe = NativeConnection.connect(target.connectionOptions).then(
    async (c) => {
      await c.close().catch(() => undefined);
      return undefined;
    },
    (err: unknown) => explainTlsFailure(String((err as Error)?.message ?? err)),
  );
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const grpcCode = (err: unknown): number | undefined => {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
};
const NOT_FOUND = 5;

/**
 * Connects the client and the worker's native connection, failing within `timeoutMs` with one line that
 * says what was tried and which setting to check, instead of hanging on an address nobody answers:
 * unreachable (TEMPORAL_ADDRESS), a certificate the TLS settings do not accept (TEMPORAL_TLS_*), a
 * namespace the cluster does not have (TEMPORAL_NAMESPACE).
 */
export async function connectOrFail(target: TemporalTarget, timeoutMs = 5000): Promise<{ client: Connection; native: NativeConnection }> {
  const started = Date.now();
  let client: Connection;
  try {
    client = await Connection.connect({
      address: target.connectionOptions.address,
      tls: target.connectionOptions.tls,
      apiKey: target.connectionOptions.apiKey,
      metadata: target.connectionOptions.metadata,
      connectTimeout: timeoutMs,
    });
    await client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
  } catch (err) {
    const tls = target.connectionOptions.tls ? await diagnoseTls(target, timeoutMs) : undefined;
    if (tls) throw new TlsHandshakeError(`TLS to Temporal at ${target.description} failed: ${tls}.`);
    throw new UnreachableTemporalError(
      `Cannot reach Temporal at ${target.description} within ${Math.round((Date.now() - started) / 1000)} s: ${(err as Error).message}. ` +
        'Check TEMPORAL_ADDRESS (host:port), TLS/API-key settings (TEMPORAL_TLS_*, TEMPORAL_API_KEY), and that the server is running; ' +
        'unset TEMPORAL_ADDRESS to use the embedded dev server.',
    );
  }
  try {
    await client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.describeNamespace({ namespace: target.namespace }));
  } catch (err) {
    // Only a namespace that is not there stops the start: an API key limited to its namespace may not describe it.
    if (grpcCode(err) === NOT_FOUND) {
      await client.close().catch(() => undefined);
      throw new UnknownNamespaceError(
        `Temporal at ${target.connectionOptions.address ?? target.description} has no namespace "${target.namespace}": ` +
          'set TEMPORAL_NAMESPACE to an existing namespace (or create it: temporal operator namespace create).',
      );
    }
  }
  const native = await NativeConnection.connect(target.connectionOptions);
  return { client, native };
}
