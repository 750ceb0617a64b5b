import crypto from 'node:crypto';
import type { EngineMailer } from '../delivery/engine-mailer.js';
import type { AuditLog } from './audit-log.js';

/**
 * Emergency access procedure (45 CFR 164.312(a)(2)(ii)): a break-glass credential works only with a
 * stated reason, for a limited time (its token expires within 72 hours), every request audited with the
 * purpose `break_glass`, and the privacy officer told by mail at once — the reason included, so the use
 * is reviewed while it happens, not found later. The reason goes to the privacy officer only; the audit
 * log keeps its SHA-256 (the log holds no free text).
 */
export interface EmergencyAccessEvent {
  userId: string;
  action: string;
  incident?: string;
  reason: string;
  at: string;
}

export function emergencyAccessNotifier(deps: {
  mailer: EngineMailer;
  from: string;
  privacyOfficers: string[];
  audit?: AuditLog;
  say?: (line: string) => void;
}) {
  /** One mail per user and reason an hour, not one per request. */
  const recent = new Map<string, number>();
  return (e: EmergencyAccessEvent): void => {
    const reasonHash = crypto.createHash('sha256').update(e.reason).digest('hex');
    deps.audit?.append({
      actor: e.userId,
      action: 'break_glass.used',
      ...(e.incident ? { incident: e.incident } : {}),
      object: `reason-sha256:${reasonHash.slice(0, 16)}`,
      purpose: 'break_glass',
      outcome: 'ok',
    });
    const key = `${e.userId}\n${reasonHash}`;
    const now = Date.parse(e.at);
    if ((recent.get(key) ?? 0) > now - 3_600_000) return;
    recent.set(key, now);
    deps.say?.(`emergency access by ${e.userId}: privacy officer notified`);
    void deps.mailer
      .send({
        messageId: `break-glass-${reasonHash.slice(0, 12)}-${now}@breach-engine`,
        from: deps.from,
        to: deps.privacyOfficers,
        subject: `Emergency (break-glass) access used by ${e.userId}`,
        text: [
          `${e.userId} used an emergency access credential at ${e.at}.`,
          `First request: ${e.action}${e.incident ? ` on incident ${e.incident}` : ''}.`,
          `Stated reason: ${e.reason}`,
          '',
          'Every request made with it is in the audit log (purpose break_glass): `breach audit export`.',
          'Review the use and revoke the credential when the emergency is over (HIPAA 164.312(a)(2)(ii)).',
        ].join('\n'),
      })
      .catch(() => deps.say?.('emergency access notification could not be sent: check the mail settings'));
  };
}
