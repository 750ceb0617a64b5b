import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { listIncidents, type IncidentListItem } from '../service/incident-list.js';
import type { EngineMailer } from '../delivery/engine-mailer.js';
import type { NotificationPolicy } from '../domain/notification-policy.js';

/**
 * The daily digest: to each incident owner, and to the privacy officer for all of them, what is overdue
 * and what falls due within the window. Built from Temporal's visibility (search attributes only), so it
 * carries references, stages and dates — no PHI. Idempotent per day and recipient (stable message id).
 */
export function createDailyDigestActivities(deps: { client?: Client; mailer: EngineMailer }) {
  return {
    async sendDailyDigests(input: {
      withinDays: number;
      policy: NotificationPolicy;
      day: string;
    }): Promise<{ recipients: number; incidents: number }> {
      if (!deps.client) throw new Error('the daily digest needs a Temporal client in the worker (createEngineActivities({ client }))');
      // Every matching incident, page after page: an organization with thousands open must not lose the
      // ones past the first thousand (issue 18 §2; the earlier `limit: 1000` cut them off silently).
      const all = Number.MAX_SAFE_INTEGER;
      const [due, overdue] = await Promise.all([
        listIncidents(deps.client, { dueWithinDays: input.withinDays, limit: all }, { runningOnly: true }),
        listIncidents(deps.client, { overdue: true, limit: all }, { runningOnly: true }),
      ]);
      const open = new Map<string, IncidentListItem>();
      for (const i of [...overdue, ...due]) if (i.status === 'RUNNING' && i.stage !== 'closed') open.set(i.ref, i);
      const items = [...open.values()].sort((a, b) => (a.nextDeadline ?? '').localeCompare(b.nextDeadline ?? ''));
      const chain = input.policy.escalationChain;
      const po = chain.find((c) => c.role === 'privacy_officer');
      const byRecipient = new Map<string, IncidentListItem[]>();
      for (const i of items) {
        const owner = chain.find((c) => c.userId === i.owner) ?? chain[0]!;
        byRecipient.set(owner.email, [...(byRecipient.get(owner.email) ?? []), i]);
      }
      if (po && items.length) byRecipient.set(po.email, items);
      for (const [email, list] of byRecipient) {
        const lines = list.map(
          (i) =>
            `${i.overdue ? 'OVERDUE ' : ''}${i.ref}  stage ${i.stage ?? '?'}  next deadline ${i.nextDeadline?.slice(0, 10) ?? '-'}  owner ${i.owner ?? '?'}`,
        );
        const id = crypto.createHash('sha256').update(`${input.day}\n${email}`).digest('hex').slice(0, 32);
        await deps.mailer.send({
          messageId: `${id}@breach-engine`,
          from: input.policy.fromAddress,
          to: [email],
          subject: `[Digest ${input.day}] ${list.filter((i) => i.overdue).length} overdue, ${list.length} due within ${input.withinDays} days`,
          text: [...lines, '', 'Details: breach status <ref>. This message intentionally contains no protected health information.'].join(
            '\n',
          ),
        });
      }
      return { recipients: byRecipient.size, incidents: items.length };
    },
  };
}
