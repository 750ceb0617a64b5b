import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DrillInputError, loadScenario, loadTeamScript, parseDrillFile, Scenario, deepMerge } from '../../drill/scenario.js';
import { initialFacts, requiredByFullFacts } from '../../drill/run-drill.js';
import { checkFacts, recommend } from '../../contract/incident-rules.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
const DAY = 86_400_000;
const day0 = Date.parse('2026-03-02T16:00:00Z');
const tmp = (name: string, text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drill-scen-')), name);
  fs.writeFileSync(f, text);
  return f;
};

describe('shipped scenarios (pure: the engine rules on the facts as first known and as finally known)', () => {
  const expected: Record<string, { first: string; full: string[] }> = {
    laptop: { first: 'breach', full: ['hhs_notice', 'individual_notice', 'media_notice:CA'] },
    'network-server': {
      first: 'breach',
      full: ['hhs_notice', 'individual_notice', 'media_notice:IL', 'media_notice:IN', 'substitute_notice'],
    },
    'misdirected-mail': { first: 'low_probability_of_compromise', full: ['hhs_annual_log', 'individual_notice'] },
    'ba-ransomware': { first: 'breach', full: ['ce_notice:hilltop-clinic', 'ce_notice:riverside-hospital', 'ce_notice:valley-plan'] },
    'law-enforcement-delay': { first: 'breach', full: ['hhs_notice', 'individual_notice', 'media_notice:AZ'] },
  };
  for (const [id, want] of Object.entries(expected)) {
    it(`${id}: valid, with its team script; first known → ${want.first}; full facts → ${want.full.join(', ')}`, async () => {
      const s = loadScenario(path.join(SCENARIOS, `${id}.yaml`));
      loadTeamScript(path.join(SCENARIOS, 'teams', `${id}.yaml`), s);
      const first = checkFacts(initialFacts(s, day0), new Date(day0 + 60_000).toISOString());
      expect(first.ok && recommend(first.facts).outcome).toBe(want.first);
      const full = await requiredByFullFacts(s, day0, day0 + s.endDay * DAY);
      expect(full.obligations.map((o) => o.id).sort()).toEqual(want.full);
    });
  }

  it('the law-enforcement scenario holds every notice until the written statement ends (164.412(a))', async () => {
    const s = loadScenario(path.join(SCENARIOS, 'law-enforcement-delay.yaml'));
    const full = await requiredByFullFacts(s, day0, day0 + s.endDay * DAY);
    for (const o of full.obligations) expect(o.heldUntil).toBe(new Date(day0 + 40 * DAY).toISOString());
  });
});

describe('bad drill files are refused with the file, the field and the rule', () => {
  it('a scenario with a bad inject', () => {
    const f = tmp(
      's.yaml',
      'id: t1\ntitle: T\nocrBreachType: X\ndescription: D\nfacts: {}\ninjects:\n  - { id: a, day: 70, kind: correction, message: m }\n  - { id: a, day: 2, kind: phone_call, message: m }\n',
    );
    const err = (() => {
      try {
        loadScenario(f);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(err).toBeInstanceOf(DrillInputError);
    expect(err.message).toContain(f);
    expect(err.message).toMatch(/injects\.1\.kind: must be law_enforcement_oral/);
  });

  it('an inject after the end, a duplicate id, a written statement ending before it starts', () => {
    expect(() =>
      parseDrillFile(
        Scenario,
        'id: t1\ntitle: T\nocrBreachType: X\ndescription: D\nfacts: {}\nendDay: 30\ninjects:\n  - { id: a, day: 31, kind: correction, message: m }\n  - { id: a, day: 5, kind: law_enforcement_written, message: m, official: O, agency: A, endsOnDay: 4 }\n',
        'x.yaml',
      ),
    ).toThrow(
      /injects\.0\.day: after the drill's endDay \(30\); injects\.1\.id: duplicate inject id "a"; injects\.1\.endsOnDay: must be after/,
    );
  });

  it('a script recording an inject that does not exist, or before it arrives', () => {
    const s = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const f = tmp(
      't.yaml',
      'actions:\n  - { day: 3, do: record_inject, inject: nope }\n  - { day: 5, do: record_inject, inject: backup-recount }\n  - { day: 6, do: confirm, obligation: x, method: pigeon }\n',
    );
    expect(() => loadTeamScript(f, s)).toThrow(/actions\.2\.method: must be one of: first_class_mail/);
    const g = tmp(
      'u.yaml',
      'actions:\n  - { day: 3, do: record_inject, inject: nope }\n  - { day: 5, do: record_inject, inject: backup-recount }\n',
    );
    expect(() => loadTeamScript(g, s)).toThrow(
      /actions\.0\.inject: "nope" is not an inject of scenario laptop.*actions\.1\.day: the team cannot record inject "backup-recount" before it arrives on day 12/,
    );
  });

  it('not YAML', () => {
    expect(() => parseDrillFile(Scenario, 'a: [1,', 'broken.yaml')).toThrow(/^broken.yaml: not valid YAML/);
  });

  it('deepMerge merges objects and replaces arrays', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });
});

describe('a scenario that ships a roster (issue 19 item 5)', () => {
  it('misdirected-mail: its synthetic roster resolves beside the scenario; 9 people, 2 at the bouncing drill domain', () => {
    const s = loadScenario(path.join(SCENARIOS, 'misdirected-mail.yaml'));
    expect(s.roster?.file).toBe(path.join(SCENARIOS, 'rosters', 'misdirected-mail.csv'));
    const rows = fs.readFileSync(s.roster!.file, 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.includes('@bounces.drill.invalid'))).toHaveLength(2);
    expect(loadTeamScript(path.join(SCENARIOS, 'teams', 'misdirected-mail-mailing.yaml'), s).actions.map((a) => a.do)).toContain(
      'mail_notices',
    );
  });

  it('refuses a missing roster file, and roster actions on a scenario without a roster, naming the field', () => {
    const base = 'id: x\ntitle: T\nocrBreachType: X\ndescription: D\nfacts: {}\n';
    const f = tmp('s.yaml', `${base}roster: { file: nowhere.csv, notice: {} }\n`);
    expect(() => loadScenario(f)).toThrow(new DrillInputError(`${f}: roster.file: nowhere.csv does not exist`));
    const laptop = loadScenario(path.join(SCENARIOS, 'laptop.yaml'));
    const script = tmp('t.yaml', 'actions:\n  - { day: 3, do: import_roster }\n');
    expect(() => loadTeamScript(script, laptop)).toThrow(
      `${script}: actions.0.do: scenario laptop ships no roster (roster:), so there is nothing to import roster`,
    );
  });
});
