import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import { requireDevServer } from '../../scripts/temporal/locate.js';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { businessAssociateBreach } from '../fixtures/synthetic-facts.js';
import { SYNTHETIC_INCIDENT } from '../notices/synthetic-notice.js';
import { IncidentError } from '../../service/incident-service.js';
import { importRosterForIncident, rosterImporter } from '../../service/roster-import.js';
import { closeSharedDatabases } from '../../roster/database.js';
import { findMarkers } from './marker-scan.js';

/**
 * Issue 15, "identifiers never carry PHI": every field a person can fill gets a unique marker, the incident
 * is worked through every action, and then EVERY workflow in the namespace is dumped with Temporal's own
 * CLI (no codec, as an operator of the cluster sees it) and scanned — payloads, workflow ids, search
 * attributes, memos, failure messages — for each marker in clear or inside base64. Fields that Temporal
 * must keep in clear (the reference, the owner, a covered entity's id, a roster id) are refused when they
 * are shaped like a person's data or, for the owner, are not a known user.
 */
const M = {
  openedBy: 'ZQX01-opened-by',
  description: 'ZQX02-Patient-Quillfeather',
  ceName: 'ZQX03-Covered-Entity-Name',
  correctionReason: 'ZQX04-correction-reason',
  official: 'ZQX05-Officer-Brightwater',
  agency: 'ZQX06-Agency-Name',
  releaseNote: 'ZQX07-release-note',
  justification: 'ZQX08-justification',
  rosterName: 'ZQX09-Rosterperson',
  contactName: 'ZQX10-Contact-Dana',
  pendingInformation: 'ZQX11-pending-information',
  passphraseChannel: 'ZQX12-passphrase-channel',
  incidentText: 'ZQX13-what-happened',
  evidenceNote: 'ZQX14-evidence-note',
  evidenceReference: 'ZQX15-evidence-reference',
  ackBy: 'ZQX16-acknowledged-by',
};
const OBLIGATION = 'ce_notice:lakeside-health';
let engine: EngineUnderTest;

beforeAll(async () => {
  process.env.BREACH_NOTICE_DELIVERY = 'folder';
  engine = await startEngineUnderTest({ server: 'dev', name: 'scan' });
});
afterAll(async () => {
  await engine?.stop();
  await closeSharedDatabases();
});

function temporalCli(args: string[]): string {
  const cli = requireDevServer().executable;
  if (cli.type !== 'existing-path') throw new Error('test needs a local Temporal CLI');
  const r = spawnSync(cli.path, [...args, '--address', engine.env.address, '--output', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('every history, dumped with Temporal’s CLI, carries no marker from any field a person fills', () => {
  it('a business associate incident worked through every action', async () => {
    const ref = `INC-SCAN-${Date.now()}`;
    const discoveredAt = new Date(Date.now() - 3_600_000).toISOString();
    const facts = businessAssociateBreach(discoveredAt, {
      coveredEntities: [
        { id: 'lakeside-health', name: M.ceName, actingAsAgent: 'no', baaNoticeTerm: { amount: 10, unit: 'business_days' }, holidays: [] },
      ],
      affected: { byJurisdiction: { NY: 3 }, insufficientContact: 0, deceased: 0, deceasedWithNextOfKinAddress: 0, minors: 0 },
    });
    const withDescription = { ...facts, phi: { ...facts.phi, description: `Records of ${M.description}` } };

    // Identifiers Temporal keeps in clear: refused when shaped like personal data.
    for (const bad of ['Jane.Doe.1980-04-12', 'MRN-00123456']) {
      const e = await engine.service.open({ ref: bad, openedBy: M.openedBy, role: 'business_associate' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(IncidentError);
      expect((e as IncidentError).message).not.toContain(bad);
    }
    const ssnOwner = await engine.service
      .open({ ref: `${ref}-X`, openedBy: M.openedBy, role: 'business_associate', owner: '123-45-6789' })
      .catch((x: unknown) => x);
    expect((ssnOwner as IncidentError).code).toBe('invalid_input');

    await engine.service.open({ ref, openedBy: M.openedBy, role: 'business_associate', facts: withDescription });
    await engine.service
      .recordFacts(ref, {
        by: M.openedBy,
        facts: { ...withDescription, affected: { ...withDescription.affected, byJurisdiction: { NY: 3 } } },
        reason: M.correctionReason,
      })
      .catch(() => undefined);
    await engine.service.hold(ref, {
      by: M.openedBy,
      statement: { kind: 'oral', official: M.official, agency: M.agency, receivedAt: new Date(Date.now() - 60_000).toISOString() },
    });
    await engine.service.release(ref, { by: M.openedBy, note: M.releaseNote });
    await engine.service.decide(ref, { by: M.openedBy, reportable: true, justification: M.justification });
    for (let i = 0; i < 100 && !(await engine.service.status(ref)).obligations.length; i++) await new Promise((r) => setTimeout(r, 100));
    await engine.service.acknowledge(ref, { by: M.ackBy });

    const csv =
      'full_name,email,email_consent,address_line1,city,state,postal_code,deceased\n' +
      [1, 2, 3].map((i) => `${M.rosterName} ${i},p${i}@recipients.example,yes,${i} Example Avenue,Testburg,NY,10001,no`).join('\n') +
      '\n';
    const { rosterId } = await importRosterForIncident({
      service: engine.service,
      importer: rosterImporter(engine.dataDir),
      ref,
      csv: Buffer.from(csv),
      by: M.openedBy,
    });
    await engine.service.sendCeNotice(ref, {
      by: M.openedBy,
      obligationId: OBLIGATION,
      to: 'privacy@lakeside.example',
      contactName: M.contactName,
      incident: { ...SYNTHETIC_INCIDENT, whatHappened: `${SYNTHETIC_INCIDENT.whatHappened} ${M.incidentText}` },
      pendingInformation: [M.pendingInformation],
      rosterId,
      passphraseChannel: M.passphraseChannel,
    });
    // The folder outbox confirms nothing: the privacy officer confirms with evidence.
    await engine.service.confirm(ref, {
      by: M.openedBy,
      obligationId: OBLIGATION,
      evidence: { method: 'secure_transfer', sentAt: new Date().toISOString(), reference: M.evidenceReference, note: M.evidenceNote },
    });

    // Every workflow in the namespace, as the server keeps it.
    const listed = JSON.parse(temporalCli(['workflow', 'list', '--limit', '1000'])) as {
      execution: { workflowId: string; runId: string };
    }[];
    const ours = listed.filter((w) => w.execution.workflowId.includes(ref));
    expect(ours.length).toBeGreaterThanOrEqual(2); // the incident and its obligations
    let scanned = 0;
    const found: string[] = [];
    for (const w of listed) {
      const shown = temporalCli([
        'workflow',
        'show',
        '--workflow-id',
        w.execution.workflowId,
        '--run-id',
        w.execution.runId,
        '--no-json-shorthand-payloads',
      ]);
      const described = temporalCli(['workflow', 'describe', '--workflow-id', w.execution.workflowId, '--run-id', w.execution.runId]);
      scanned += shown.length;
      found.push(...findMarkers(`${w.execution.workflowId}\n${shown}\n${described}`, M).map((f) => `${f} in ${w.execution.workflowId}`));
    }
    expect(found).toEqual([]);
    expect(scanned).toBeGreaterThan(20_000);

    // The scan is not blind: through the engine's own (decrypting) client the markers are there.
    const state = JSON.stringify(await engine.service.status(ref));
    for (const k of [
      'description',
      'ceName',
      'correctionReason',
      'official',
      'agency',
      'releaseNote',
      'justification',
      'evidenceReference',
      'ackBy',
    ] as const)
      expect(state, k).toContain(M[k]);
    // And an operator's plain client (no codec) sees none of them either.
    const plain = new Client({ connection: engine.env.connection });
    const desc = await plain.workflow.getHandle(`incident-${ref}`).describe();
    expect(findMarkers(JSON.stringify({ sa: desc.searchAttributes, memo: desc.memo }), M)).toEqual([]);
  });
});
