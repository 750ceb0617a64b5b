import type { IncidentObligationView } from '../../contract/incident-types.js';
import type { IncidentService } from '../../service/incident-service.js';

type Evidence = { method: 'first_class_mail' | 'email' | 'hhs_portal' | 'press_release' | 'other'; reference?: string };

/**
 * Confirms every open obligation of an incident until it closes. Since issue 16 confirmations have
 * consequences: the HIPAA individual notice also meets a State's own individual notice (the engine
 * confirms it), and State items anchored on the HHS or individual notices get their dates and start — so
 * one pass over a snapshot is not enough.
 */
export async function confirmUntilClosed(
  service: IncidentService,
  ref: string,
  evidenceFor: (o: IncidentObligationView) => Evidence,
  by = 'privacy-officer',
): Promise<void> {
  for (let round = 0; round < 50; round++) {
    const s = await service.status(ref);
    if (s.stage === 'closed' || s.stage === 'closing') return;
    for (const o of s.obligations.filter((x) => x.status !== 'confirmed' && x.status !== 'withdrawn')) {
      await service.confirm(ref, { by, obligationId: o.obligation.id, evidence: evidenceFor(o) }).catch((err: unknown) => {
        if (!/is already (confirmed|withdrawn)/.test(String(err))) throw err;
      });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`incident ${ref} did not close after confirming every obligation`);
}
