import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import YAML from 'yaml';
import { longDate } from './checklist.js';

/**
 * Notice templates: Handlebars files under templates/notices (or BREACH_TEMPLATES_DIR) that a privacy
 * officer can edit. Each file starts with a YAML front matter (`subject:` is itself a template) and the
 * body is plain text (no HTML escaping: mail bodies and letters are text). Missing templates and
 * templates that fail to compile are refused at load; a field a template drops or misspells is caught by the
 * checklist, which checks the rendered text (checklist.ts).
 */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../templates/notices/', import.meta.url));

export const TEMPLATE_NAMES = [
  'individual',
  'representative',
  'ce-notice',
  'media-release',
  'substitute-web-posting',
  'substitute-toll-free',
  'hhs-portal',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface CompiledTemplate {
  name: TemplateName;
  subject: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
  meta: Record<string, unknown>;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
  readonly phiFree = true;
}

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('longDate', (d: unknown) => (typeof d === 'string' ? longDate(d) : ''));
  hb.registerHelper('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : ''));
  hb.registerHelper('join', (xs: unknown, sep: unknown) => (Array.isArray(xs) ? xs.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('yesNo', (b: unknown) => (b === true ? 'yes' : b === false ? 'no' : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  return hb;
}

export function parseTemplate(name: TemplateName, source: string, hb = engine()): CompiledTemplate {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new TemplateError(`template ${name}: missing the front matter (--- subject: … ---)`);
  let meta: Record<string, unknown>;
  try {
    meta = (YAML.parse(m[1]!) as Record<string, unknown>) ?? {};
  } catch (err) {
    throw new TemplateError(`template ${name}: front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof meta.subject !== 'string') throw new TemplateError(`template ${name}: front matter needs a subject`);
  try {
    const opts = { noEscape: true, strict: false, preventIndent: true } as const;
    const subject = hb.compile(meta.subject, opts);
    const body = hb.compile(m[2]!, opts);
    // Compile eagerly (Handlebars compiles lazily) so syntax errors surface at load, not mid-mailing.
    hb.precompile(m[2]!, opts);
    return { name, subject, body, meta };
  } catch (err) {
    throw new TemplateError(`template ${name}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export class TemplateSet {
  private readonly cache = new Map<TemplateName, CompiledTemplate>();
  private readonly hb = engine();
  constructor(readonly dir: string = DEFAULT_TEMPLATES_DIR) {}

  get(name: TemplateName): CompiledTemplate {
    let t = this.cache.get(name);
    if (!t) {
      const file = path.join(this.dir, `${name}.hbs`);
      if (!fs.existsSync(file)) throw new TemplateError(`template ${name}.hbs not found in ${this.dir}`);
      t = parseTemplate(name, fs.readFileSync(file, 'utf8'), this.hb);
      this.cache.set(name, t);
    }
    return t;
  }
}

/** Collapses runs of blank lines left by conditional blocks; trims trailing spaces. */
export function tidy(text: string): string {
  return (
    text
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
