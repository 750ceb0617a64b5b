import { z } from 'zod';

/**
 * The organization's notification policy: how early to remind, whom to escalate to, how long an
 * assessment may take. The law fixes the outer limits (60 days, 164.404(b), 164.410(b)); this policy is
 * how the organization stays "without unreasonable delay" inside them. A change affects timers set after
 * it, never what history already recorded.
 */

const email = z.string().email('must be an email address');

/** One rung of the escalation chain: owner → privacy officer → counsel/executive. */
export const EscalationContact = z.object({
  role: z.enum(['owner', 'privacy_officer', 'counsel', 'executive', 'other']),
  /** Opaque user id (workforce member, not PHI), used in search attributes and the timeline. */
  userId: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'letters, digits and . _ @ - only'),
  email,
});
export type EscalationContact = z.infer<typeof EscalationContact>;

export const NotificationPolicy = z
  .object({
    /** Default org time zone when facts do not say (IANA name). */
    timeZone: z.string().min(1).default('America/New_York'),
    /** "Without unreasonable delay": the target date reminders aim at, in days after discovery (164.404(b)). */
    targetDays: z.number().int().min(1).max(60).default(30),
    /** Reminder offsets in whole days before the target and before the legal deadline; 0 = on the day. */
    reminderDaysBeforeTarget: z.array(z.number().int().min(0).max(60)).default([14, 7, 3, 1, 0]),
    reminderDaysBeforeDeadline: z.array(z.number().int().min(0).max(60)).default([30, 14, 7, 3, 1, 0]),
    /** A reminder not acknowledged within this many hours escalates to the next rung. */
    acknowledgeWithinHours: z
      .number()
      .positive()
      .max(24 * 14)
      .default(24),
    /** Within this many days of the legal deadline every reminder also goes to the next rung. */
    escalateWhenDeadlineWithinDays: z.number().int().min(0).max(60).default(3),
    /** After the deadline has passed: re-escalate (one rung higher, then the top again) this often. */
    overdueReescalateEveryHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
    /** Service level of the assessment stage: a decision is expected within N days of discovery. */
    assessmentDecisionWithinDays: z.number().int().min(1).max(60).default(10),
    /**
     * A notice mailing whose mail relay keeps failing (connection refused, timeouts, 4xx) keeps retrying
     * with backoff — a transient failure is never insufficient contact (164.404(d)(2)) — and after this
     * many minutes the owner and the next rung are told. Policy, not law.
     */
    mailRelayOutageEscalateAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    /** An incident whose evidence bundle cannot be archived (stage "closing — evidence pending"): tell the owner after this many hours. */
    evidencePendingNotifyAfterHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(4),
    /** Escalation chain, lowest rung first. The first rung is the default owner. */
    escalationChain: z.array(EscalationContact).min(1, 'at least one contact (the owner) is required'),
    /**
     * How a law-enforcement delay (45 CFR 164.412) meets the legal deadline (domain/notice-clock.ts):
     * "postpone" (default, conservative) — the deadline is the later of the undelayed deadline and the end
     * of the delay; "extend" — the delay stops the clock and the deadline moves by its length. 164.412 says
     * to delay the notice; it grants no extra time in words, so choose "extend" only on counsel's advice
     * and record why in `lawEnforcementDelayRationale`.
     */
    lawEnforcementDelayReading: z.enum(['postpone', 'extend']).default('postpone'),
    /** Why the organization chose "extend" (required with it): counsel's opinion, date, reference. */
    lawEnforcementDelayRationale: z.string().min(1).max(2000).optional(),
    /** Sender of reminder/escalation mail. */
    fromAddress: email.default('breach-engine@localhost'),
  })
  .strict()
  .refine((p) => p.lawEnforcementDelayReading !== 'extend' || Boolean(p.lawEnforcementDelayRationale?.trim()), {
    path: ['lawEnforcementDelayRationale'],
    message:
      'is required when lawEnforcementDelayReading is "extend": record why the organization reads 45 CFR 164.412 as extending the deadline',
  });
export type NotificationPolicy = z.infer<typeof NotificationPolicy>;
export type NotificationPolicyInput = z.input<typeof NotificationPolicy>;

/** Built-in defaults for the embedded engine and tests (synthetic contacts; replace in production). */
export const DEFAULT_POLICY_INPUT: NotificationPolicyInput = {
  escalationChain: [
    { role: 'owner', userId: 'incident-owner', email: 'owner@example.org' },
    { role: 'privacy_officer', userId: 'privacy-officer', email: 'privacy@example.org' },
    { role: 'counsel', userId: 'counsel', email: 'counsel@example.org' },
  ],
};

/** Parses a policy; errors name the field path and the rule. */
export function parsePolicy(input: unknown): NotificationPolicy {
  const r = NotificationPolicy.safeParse(input);
  if (!r.success) {
    throw new Error(
      `Invalid notification policy: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}
