import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineUnderTest, type EngineUnderTest } from '../harness/engine-under-test.js';
import { IncidentError } from '../../service/incident-service.js';
import { checkDrillDataDir, DrillIsolationError, startDrillEngine } from '../../drill/drill-engine.js';
import { loadScenario, loadTeamScript } from '../../drill/scenario.js';
import { playScript, runDrill, type DrillResult } from '../../drill/run-drill.js';
import { serveDrillApi } from '../../drill/drill-api.js';
import { closeSharedDatabases } from '../../roster/database.js';
import { pdfPageTexts } from './pdf-text.js';

const scenarioFile = (f: string) => new URL(`../../scenarios/${f}`, import.meta.url).pathname;

/**
 * A drill cannot reach production: with every production setting pointed at live targets (the real
 * engine's Temporal server, task queue and data directory; an SMTP relay; a roster database), a drill
 * that sends reminders, escalations and overdue notices writes them only to its own outbox, marked DRILL;
 * its incident does not exist on the real engine; nothing of the real engine changes.
 */
let prod: EngineUnderTest;
let smtp: net.Server;
let smtpConnections = 0;
const saved: Record<string, string | undefined> = {};
const PROD_ENV = [
  'BREACH_SMTP_HOST',
  'BREACH_SMTP_PORT',
  'BREACH_NOTICE_SMTP_HOST',
  'BREACH_NOTICE_SMTP_PORT',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'BREACH_TASK_QUEUE',
  'BREACH_DATA_DIR',
  'BREACH_DELIVERY_PROBE_URL',
  'BREACH_ROSTER_KEY',
  'BREACH_EVIDENCE_SIGNING_KEY_FILE',
  'BREACH_ORGANIZATION_FILE',
  'BREACH_TEMPLATES_DIR',
  'BREACH_NOTICE_DELIVERY',
  'BREACH_ARCHIVE_S3_BUCKET',
  'BREACH_ARCHIVE_S3_ENDPOINT',
  'BREACH_AUDIT_KEY_FILE',
];
const listFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : []);

beforeAll(async () => {
  prod = await startEngineUnderTest({ server: 'time-skipping', name: 'prod-beside-drill' });
  smtp = net.createServer((socket) => {
    smtpConnections++;
    socket.end('421 this relay must never be reached from a drill\r\n');
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = String((smtp.address() as net.AddressInfo).port);
  for (const k of PROD_ENV) saved[k] = process.env[k];
  Object.assign(process.env, {
    BREACH_SMTP_HOST: '127.0.0.1',
    BREACH_SMTP_PORT: port,
    BREACH_NOTICE_SMTP_HOST: '127.0.0.1',
    BREACH_NOTICE_SMTP_PORT: port,
    DATABASE_URL: `postgres://drill:drill@127.0.0.1:${port}/production`,
    BREACH_DELIVERY_PROBE_URL: `http://127.0.0.1:${port}/probe`,
    TEMPORAL_ADDRESS: prod.env.address,
    BREACH_TASK_QUEUE: prod.taskQueue,
    BREACH_DATA_DIR: prod.dataDir,
    BREACH_ROSTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    BREACH_EVIDENCE_SIGNING_KEY_FILE: path.join(prod.dataDir, 'production-signing-key.pem'),
    // Poison: each of these would fail or connect if a drill activity read it.
    BREACH_ORGANIZATION_FILE: path.join(prod.dataDir, 'no-such-production-organization.yaml'),
    BREACH_TEMPLATES_DIR: path.join(prod.dataDir, 'no-such-production-templates'),
    BREACH_NOTICE_DELIVERY: 'smtp',
    BREACH_ARCHIVE_S3_BUCKET: 'production-evidence',
    BREACH_ARCHIVE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    BREACH_AUDIT_KEY_FILE: path.join(prod.dataDir, 'no-such-production-audit-key'),
  });
});
afterAll(async () => {
  for (const k of PROD_ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await new Promise((r) => smtp?.close(r));
  await prod?.stop();
  await closeSharedDatabases();
});

describe('a drill cannot reach production', () => {
  it('refuses the production data directory, anything inside it, or a directory containing it', async () => {
    expect(() => checkDrillDataDir(prod.dataDir)).toThrow(DrillIsolationError);
    expect(() => checkDrillDataDir(path.join(prod.dataDir, 'drills'))).toThrow(
      /dataDir: a drill may not use the production data directory/,
    );
    expect(() => checkDrillDataDir(path.dirname(prod.dataDir))).toThrow(DrillIsolationError);
    await expect(startDrillEngine({ dataDir: path.join(prod.dataDir, 'x') })).rejects.toThrow(DrillIsolationError);
  });

  it('mail goes only to the drill outbox, marked DRILL; the drill incident never appears on the real engine', async () => {
    const prodFilesBefore = listFiles(prod.dataDir);
    const scenario = loadScenario(scenarioFile('laptop.yaml'));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-iso-'));
    let r: DrillResult;
    try {
      r = await runDrill({ scenario, script: loadTeamScript(scenarioFile('teams/laptop-late.yaml'), scenario), dataDir, keepData: true });
      // The late team drew reminders, escalations and overdue notices: all in the drill's own outbox.
      expect(r.mails.length).toBeGreaterThan(5);
      for (const m of r.mails) {
        expect(m.file.startsWith(path.join(dataDir, 'drill-'))).toBe(true);
        expect(m.text).toMatch(/^Subject: \[DRILL\]/m);
        expect(m.text).toContain('DRILL - tabletop exercise');
      }
      expect(r.mails.some((m) => /OVERDUE/.test(m.text))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    expect(r.ref).toMatch(/^DRILL-/);
    // Named as ignored (values never shown); the environment itself is left alone.
    expect(r.ignoredSettings).toEqual([
      'BREACH_ARCHIVE_S3_BUCKET',
      'BREACH_ARCHIVE_S3_ENDPOINT',
      'BREACH_DELIVERY_PROBE_URL',
      'BREACH_EVIDENCE_SIGNING_KEY_FILE',
      'BREACH_NOTICE_DELIVERY',
      'BREACH_NOTICE_SMTP_HOST',
      'BREACH_NOTICE_SMTP_PORT',
      'BREACH_ORGANIZATION_FILE',
      'BREACH_ROSTER_KEY',
      'BREACH_SMTP_HOST',
      'BREACH_SMTP_PORT',
      'BREACH_TEMPLATES_DIR',
      'DATABASE_URL',
    ]);
    expect(process.env.DATABASE_URL).toMatch(/^postgres:/);
    expect(smtpConnections).toBe(0);
    // Not on the real engine's server, under any id the drill used.
    const err = await prod.service.status(r.ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncidentError);
    expect((err as IncidentError).code).toBe('not_found');
    await expect(prod.env.client.workflow.getHandle(`incident-${r.ref}`).describe()).rejects.toThrow(/not found/i);
    // Nothing of the real engine changed: no mail, no files.
    expect(prod.mails()).toEqual([]);
    expect(listFiles(prod.dataDir)).toEqual(prodFilesBefore);
  });

  it("a drill's notice, evidence and report activities take the drill's settings as deps: with every production setting poisoned the mailing works, bounces, and everything it produces is marked DRILL", async () => {
    const prodFilesBefore = listFiles(prod.dataDir);
    const scenario = loadScenario(scenarioFile('misdirected-mail.yaml'));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-drill-mail-'));
    const engine = await startDrillEngine({ dataDir });
    try {
      // The environment still holds the poison (nothing is set aside any more): the deps alone keep the drill off it.
      expect(process.env.DATABASE_URL).toMatch(/^postgres:/);
      const played = await playScript(engine, scenario, loadTeamScript(scenarioFile('teams/misdirected-mail-mailing.yaml'), scenario));
      expect(played.score.missed, played.markdown).toEqual([]);
      expect(played.score.overall, played.markdown).toBe(100);
      const s = await engine.service.status(played.ref);
      // 9 synthetic people: 7 emails in the drill's notice outbox, 2 bounced (550) and followed by letters.
      expect(s.mailings?.[0]?.counts).toMatchObject({ sent: 7, bounced: 0, printed: 2 });
      const notices = engine.mails().filter((m) => m.file.startsWith(engine.noticeOutboxDir));
      expect(notices).toHaveLength(7);
      for (const m of notices) {
        expect(m.text).toMatch(/^Subject: \[DRILL\] /m);
        expect(m.text).toContain('DRILL =E2=80=94 NOT A REAL BREACH NOTICE');
        expect(m.text).not.toMatch(/bounces\.drill\.invalid/);
      }
      // The letters of the bounced: every page of the mail-house PDF carries the mark.
      const pdfs = listFiles(path.join(dataDir, 'print')).filter((f) => f.endsWith('.pdf'));
      expect(pdfs.length).toBeGreaterThanOrEqual(1);
      for (const f of pdfs) {
        const { pages, texts } = pdfPageTexts(fs.readFileSync(path.join(dataDir, 'print', f)));
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(texts).toHaveLength(pages);
        for (const t of texts) expect(t.startsWith('DRILL — NOT A REAL BREACH NOTICE\n')).toBe(true);
      }

      // The API and console of the drill: regulator drafts, the evidence bundle and the counsel report are marked.
      const api = await serveDrillApi(engine, played.session);
      try {
        const h = { authorization: `Bearer ${api.tokens.team}` };
        // The board's list: the drill's incident (the test server has no visibility; before, this list failed).
        const listRes = await fetch(`${api.url}/incidents`, { headers: h });
        expect(listRes.status).toBe(200);
        const listed = (await listRes.json()) as { incidents: { ref: string; stage: string }[] };
        expect(listed.incidents.map((i) => i.ref)).toEqual([played.ref]);
        const otherStage = listed.incidents[0]!.stage === 'intake' ? 'closed' : 'intake';
        const none = (await (await fetch(`${api.url}/incidents?stage=${otherStage}`, { headers: h })).json()) as { incidents: unknown[] };
        expect(none.incidents).toEqual([]);
        const bundle = (await (await fetch(`${api.url}/incidents/${played.ref}/report?format=evidence`, { headers: h })).json()) as {
          drill?: string;
          entries: { type: string; data: unknown }[];
          signature?: unknown;
        };
        expect(bundle.drill).toBe('DRILL — NOT A REAL BREACH NOTICE');
        expect(bundle.entries[0]).toMatchObject({ type: 'drill', data: { mark: 'DRILL — NOT A REAL BREACH NOTICE' } });
        expect(bundle.signature).toBeDefined();
        const html = await (await fetch(`${api.url}/incidents/${played.ref}/report?format=html`, { headers: h })).text();
        expect(html).toContain('<div class="drill" role="banner">DRILL — NOT A REAL BREACH NOTICE</div>');
        const pdf = pdfPageTexts(
          Buffer.from(await (await fetch(`${api.url}/incidents/${played.ref}/report?format=pdf`, { headers: h })).arrayBuffer()),
        );
        expect(pdf.pages).toBeGreaterThanOrEqual(2);
        for (const t of pdf.texts) expect(t.startsWith('DRILL — NOT A REAL BREACH NOTICE\n')).toBe(true);
        const draft = (await (
          await fetch(`${api.url}/incidents/${played.ref}/drafts/individual`, {
            method: 'POST',
            headers: { ...h, 'content-type': 'application/json' },
            body: JSON.stringify({ content: scenario.roster!.notice }),
          })
        ).json()) as unknown;
        expect(JSON.stringify(draft)).toContain('DRILL — NOT A REAL BREACH NOTICE');
      } finally {
        await api.close();
      }
    } finally {
      await engine.stop();
    }
    expect(smtpConnections).toBe(0);
    expect(listFiles(prod.dataDir)).toEqual(prodFilesBefore);
  });
});
