import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { buildHttpApi } from '../../api/http-api.js';
import { TokenStore } from '../../security/api-tokens.js';
import type { IncidentService } from '../../service/incident-service.js';
import { validateFacts } from '../../domain/facts-validation.js';
import { businessAssociateBreach } from '../fixtures/synthetic-facts.js';

const TOKEN = 'tok-responder-0123456789';
let started = 0;
const service = {
  open: () => {
    started++;
    return Promise.resolve({ ref: 'x', workflowId: 'x', created: true });
  },
} as unknown as IncidentService;
const api = buildHttpApi({
  service,
  client: {} as Client,
  tokens: new TokenStore([{ userId: 'rita-responder', role: 'responder', token: TOKEN }]),
  accessLog: () => undefined,
  console: false,
});
const open = (body: unknown) =>
  api.inject({
    method: 'POST',
    url: '/incidents',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: body as Record<string, unknown>,
  });

describe('identifiers Temporal keeps in clear never carry PHI (164.312(a), 164.514(b))', () => {
  it('refuses references shaped like a name, a medical record number or a birth date — the error never repeats them', async () => {
    for (const ref of ['Jane.Doe.1980-04-12', 'MRN-00123456', 'INC-04-12-1980']) {
      const r = await open({ ref, role: 'covered_entity' });
      expect(r.statusCode, ref).toBe(400);
      expect(r.body).not.toContain(ref);
      expect(r.json<{ issues: { path: string }[] }>().issues[0]!.path).toBe('body.ref');
    }
    expect(started).toBe(0);
  });

  it('refuses an owner (a search attribute) shaped like an SSN; accepts a staff user id', async () => {
    const r = await open({ ref: 'INC-2026-0042', role: 'covered_entity', owner: '123-45-6789' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/body\.owner/);
    expect(r.body).not.toContain('123-45-6789');
    expect((await open({ ref: 'INC-2026-0042', role: 'covered_entity', owner: 'pat.privacy' })).statusCode).toBe(201);
  });

  it("refuses a covered entity's id (part of a child workflow id) shaped like a patient identifier", () => {
    const facts = businessAssociateBreach('2026-11-02T15:00:00Z', {
      coveredEntities: [{ id: 'MRN-00123456', name: 'Synthetic Clinic', holidays: [] }],
    });
    const r = validateFacts(facts, { now: '2026-11-03T00:00:00Z' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.find((i) => i.path === 'coveredEntities.0.id')?.message).toMatch(/patient identifier.*workflow id/);
  });
});

describe('an owner comes from the user registry (issue 15 item 6)', () => {
  it('refuses an owner that is no known user before anything reaches Temporal; accepts a known user and the opener', async () => {
    let starts = 0;
    const client = {
      workflow: {
        getHandle: () => ({ describe: () => Promise.reject(new Error('not found')) }),
        start: () => {
          starts++;
          return Promise.resolve({ workflowId: 'x', firstExecutionRunId: 'r' });
        },
      },
    } as unknown as Client;
    const { IncidentService } = await import('../../service/incident-service.js');
    const svc = new IncidentService({ client, taskQueue: 'q', knownUser: (id) => id === 'pat.privacy' });
    const refused = await svc
      .open({ ref: 'INC-2026-0043', openedBy: 'rita-responder', role: 'covered_entity', owner: 'quill.feather' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_input' });
    expect((refused as Error).message).toMatch(/^owner: not a known user id/);
    expect((refused as Error).message).not.toContain('quill.feather');
    expect(starts).toBe(0);
    await svc
      .open({ ref: 'INC-2026-0043', openedBy: 'rita-responder', role: 'covered_entity', owner: 'pat.privacy' })
      .catch(() => undefined);
    await svc
      .open({ ref: 'INC-2026-0044', openedBy: 'rita-responder', role: 'covered_entity', owner: 'rita-responder' })
      .catch(() => undefined);
    expect(starts).toBe(2);
  });
});
