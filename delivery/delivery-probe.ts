/**
 * SMTP has no idempotency key. If a worker dies after the relay answered 250 but before the ledger
 * recorded `sent`, the outcome of that one message is unknown (at most one per parallel SMTP transaction
 * per crash). A probe asks the relay (or a journal/BCC archive) whether a Message-ID was accepted:
 * true → record sent, false → send again, undefined → apply the policy (resend | hold).
 */
export interface DeliveryProbe {
  wasAccepted(messageId: string): Promise<boolean | undefined>;
}

/**
 * BREACH_DELIVERY_PROBE_URL: GET <url>/<message-id> answers 200 (accepted) or 404 (not accepted), e.g. a
 * small lookup service in front of the relay's log or the journal mailbox.
 */
export function httpDeliveryProbe(baseUrl: string): DeliveryProbe {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async wasAccepted(messageId) {
      try {
        const res = await fetch(`${base}/${encodeURIComponent(messageId)}`, { signal: AbortSignal.timeout(10_000) });
        if (res.status === 200) return true;
        if (res.status === 404) return false;
        return undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function deliveryProbeFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryProbe | undefined {
  return env.BREACH_DELIVERY_PROBE_URL ? httpDeliveryProbe(env.BREACH_DELIVERY_PROBE_URL) : undefined;
}
