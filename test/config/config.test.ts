import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings, setting, VARIABLES, type VariableName } from '../../config/index.js';
import { renderConfigTable, withConfigTable } from '../../config/readme-table.js';
import { loadEngineConfig } from '../../worker/engine-config.js';
import { NoticeRenderer } from '../../notices/render.js';
import { EXAMPLE_ORGANIZATION_FILE, loadOrganizationProfile } from '../../notices/organization.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).problems];
  }
  return [];
}

describe('config/: every environment variable validated in one place (issue 14 item 6)', () => {
  it('an empty environment gives the documented defaults', () => {
    const s = loadSettings({});
    expect(s.BREACH_DATA_DIR).toBe('.data');
    expect(s.BREACH_API_PORT).toBe(8080);
    expect(s.BREACH_CONSOLE_IDLE_MINUTES).toBe(15);
    expect(s.BREACH_ALLOW_LOOSE_PERMISSIONS).toBe(false);
    expect(s.BREACH_UNCONFIRMED_SENDS).toBe('resend');
    expect(s.DATABASE_URL).toBeUndefined();
    expect(s.BREACH_WORKER_DEPLOYMENT).toBeUndefined();
  });

  it('parses values: ports and counts to numbers, flags to booleans; an empty variable is unset', () => {
    const s = loadSettings({
      BREACH_API_PORT: '9090',
      BREACH_ALLOW_PLAINTEXT: '1',
      BREACH_SMTP_SECURE: 'true',
      BREACH_HISTORY_EVENT_LIMIT: '500',
      BREACH_TASK_QUEUE: '',
    });
    expect(s.BREACH_API_PORT).toBe(9090);
    expect(s.BREACH_ALLOW_PLAINTEXT).toBe(true);
    expect(s.BREACH_SMTP_SECURE).toBe(true);
    expect(s.BREACH_HISTORY_EVENT_LIMIT).toBe(500);
    expect(s.BREACH_TASK_QUEUE).toBe('breach-engine');
  });

  it('reports EVERY problem at once, each naming the variable and its rule', () => {
    const problems = problemsOf({
      BREACH_API_PORT: '80800',
      BREACH_CONSOLE_IDLE_MINUTES: 'soon',
      BREACH_UNCONFIRMED_SENDS: 'maybe',
      BREACH_ALLOW_LOOSE_PERMISSIONS: 'yes',
      BREACH_DELIVERY_PROBE_URL: 'not a url',
      BREACH_HISTORY_EVENT_LIMIT: '5',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^BREACH_HISTORY_EVENT_LIMIT: must be a whole number ≥ 20$/),
      expect.stringMatching(/^BREACH_ALLOW_LOOSE_PERMISSIONS: must be 1 \(on\) or 0 \(off\)$/),
      expect.stringMatching(/^BREACH_API_PORT: must be a port number 1-65535$/),
      expect.stringMatching(/^BREACH_CONSOLE_IDLE_MINUTES: must be a whole number from 1 to 480$/),
      expect.stringMatching(/^BREACH_DELIVERY_PROBE_URL: must be an absolute URL/),
      expect.stringMatching(/^BREACH_UNCONFIRMED_SENDS: must be one of resend, hold$/),
    ]);
    // The engine's loader says the same (npm start stops with this message and no stack).
    expect(() => loadEngineConfig({ BREACH_API_PORT: 'x', BREACH_CODEC_PORT: '0' })).toThrow(
      /2 problems[\s\S]*BREACH_API_PORT[\s\S]*BREACH_CODEC_PORT/,
    );
  });

  it('never echoes a value in an error, secrets above all', () => {
    const secrets = {
      BREACH_CODEC_TOKEN: 'short-s3cret',
      BREACH_ROSTER_KEY: 'not-a-key-but-secret-material',
      DATABASE_URL: 'mysql://admin:hunter2-secret@db.example.invalid/x',
      BREACH_PAYLOAD_KEYS: '{"current":"k1", oops-secret',
      BREACH_API_TOKENS: '[{"token": secret-token-value',
    };
    const problems = problemsOf(secrets);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(Object.keys(secrets).sort());
    const all = problems.join('\n');
    for (const value of Object.values(secrets)) expect(all).not.toContain(value);
    for (const word of ['s3cret', 'hunter2', 'oops', 'secret-token']) expect(all).not.toContain(word);
    for (const name of Object.keys(secrets) as VariableName[]) expect(VARIABLES[name].secret).toBe(true);
  });

  it('checks rules between variables: Worker Versioning needs both deployment and build id', () => {
    expect(problemsOf({ BREACH_WORKER_DEPLOYMENT: 'breach-engine' })).toEqual([
      'BREACH_WORKER_DEPLOYMENT / BREACH_WORKER_BUILD_ID: set both (Worker Versioning) or neither',
    ]);
    expect(problemsOf({ BREACH_TLS_CERT_FILE: 'cert.pem', BREACH_PAYLOAD_KEYS_FILE: 'k.json', BREACH_PAYLOAD_KEYS: '{}' })).toHaveLength(2);
    // Reported together with the single-variable problems, not after they are fixed.
    expect(problemsOf({ BREACH_WORKER_BUILD_ID: 'abc', BREACH_API_PORT: 'x' })).toEqual([
      'BREACH_API_PORT: must be a port number 1-65535',
      'BREACH_WORKER_DEPLOYMENT / BREACH_WORKER_BUILD_ID: set both (Worker Versioning) or neither',
    ]);
    expect(loadEngineConfig({ BREACH_WORKER_DEPLOYMENT: 'breach-engine', BREACH_WORKER_BUILD_ID: 'abc123' }).deployment).toEqual({
      deploymentName: 'breach-engine',
      buildId: 'abc123',
      defaultVersioningBehavior: 'PINNED',
    });
    expect(
      loadEngineConfig({ BREACH_WORKER_DEPLOYMENT: 'd', BREACH_WORKER_BUILD_ID: 'b', BREACH_WORKER_VERSIONING_BEHAVIOR: 'auto-upgrade' })
        .deployment?.defaultVersioningBehavior,
    ).toBe('AUTO_UPGRADE');
    expect(loadEngineConfig({}).deployment).toBeUndefined();
  });

  it('setting() reads one variable through the same rule', () => {
    expect(setting('BREACH_CLI_TIMEOUT_SECONDS', { BREACH_CLI_TIMEOUT_SECONDS: '2.5' })).toBe(2.5);
    expect(() => setting('BREACH_CLI_TIMEOUT_SECONDS', { BREACH_CLI_TIMEOUT_SECONDS: '-1' })).toThrow(
      /^Invalid configuration: BREACH_CLI_TIMEOUT_SECONDS: must be a positive number$/,
    );
  });

  it('every variable has a description, a default text and at least one role', () => {
    for (const [name, v] of Object.entries(VARIABLES)) {
      expect(v.description.length, name).toBeGreaterThan(5);
      expect(v.defaultText.length, name).toBeGreaterThan(0);
      expect(v.roles.length, name).toBeGreaterThan(0);
    }
  });
});

describe('README and source agree with config/', () => {
  it("the README's configuration table is the one generated from config/variables.ts (npm run docs:config)", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(withConfigTable(readme)).toBe(readme);
    for (const name of Object.keys(VARIABLES)) expect(renderConfigTable()).toContain(`| \`${name}\` |`);
  });

  /** Source files outside tests, benches and node_modules. */
  function sourceFiles(dir = root): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory())
        return ['node_modules', 'test', 'test-cluster', 'bench', '.data', '.git', 'dist'].includes(e.name) ? [] : sourceFiles(p);
      return /\.(ts|mts|mjs)$/.test(e.name) ? [p] : [];
    });
  }

  it('nothing outside config/ reads process.env, and every variable read from an env record is declared', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    // The plain-JavaScript launchers (cli/breach.mjs, engine/engine.mjs) run before any TypeScript is loaded:
    // they read their one declared variable directly.
    const launchers = new Set(['cli/breach.mjs', 'engine/engine.mjs'].map((f) => path.join(root, f)));
    const offenders = files.filter(
      (f) => !f.startsWith(path.join(root, 'config')) && !launchers.has(f) && /process\.env/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
    const undeclared = new Set<string>();
    // Reads by name from an environment record: env.X, env?.X, processEnv().X, setting('X').
    const read = /(?:\benv\??\.|processEnv\(\)\.|setting\(')([A-Z][A-Z0-9_]+)/g;
    const childEnv = new Set(['PATH', 'TMPDIR', 'LD_LIBRARY_PATH', 'FONTCONFIG_PATH']);
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(read)) {
        const name = m[1]!;
        if (!(name in VARIABLES) && !childEnv.has(name)) undeclared.add(`${path.relative(root, f)}: ${name}`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});

describe('BREACH_TEMPLATES_DIR (documented, and now read)', () => {
  it('the notice renderer takes its templates from BREACH_TEMPLATES_DIR when no directory is passed', () => {
    const org = loadOrganizationProfile(EXAMPLE_ORGANIZATION_FILE.pathname);
    const dir = path.join(root, 'templates', 'notices');
    const saved = process.env.BREACH_TEMPLATES_DIR;
    process.env.BREACH_TEMPLATES_DIR = '/srv/privacy-office/templates';
    try {
      expect(new NoticeRenderer({ org }).templates.dir).toBe('/srv/privacy-office/templates');
      expect(new NoticeRenderer({ org, templatesDir: dir }).templates.dir).toBe(dir);
    } finally {
      if (saved === undefined) delete process.env.BREACH_TEMPLATES_DIR;
      else process.env.BREACH_TEMPLATES_DIR = saved;
    }
  });
});
