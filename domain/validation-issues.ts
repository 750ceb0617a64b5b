import type { z } from 'zod';

/**
 * One problem with an input, as `path: message` — the path a dotted field path (`dates.discoveredAt`,
 * `coveredEntities.0.holidays.2`, `affected.byJurisdiction.XX`) and the message the rule broken.
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * A short, safe description of an input value for an error message: a string quoted and cut to 60
 * characters, anything else by its kind. Never calls the value's own toString/valueOf (a client can send
 * `{"toString": 1}`), so it cannot throw.
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export const formatIssue = (i: ValidationIssue): string => `${i.path}: ${i.message}`;

export function joinPath(parts: readonly PropertyKey[], prefix = ''): string {
  const p = parts.map(String).join('.');
  if (prefix && p) return `${prefix}.${p}`;
  return prefix || p || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const GENERIC =
  /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid ISO|Invalid discriminator|Invalid key|Invalid element|Invalid value)/;

function generic(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String(issue.expected);
      const words: Record<string, string> = {
        object: 'an object',
        array: 'a list',
        boolean: 'true or false',
        string: 'a string',
        number: 'a number',
        int: 'a whole number',
      };
      return `must be ${words[expected] ?? expected}`;
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `must list at least ${String(issue.minimum)}`
        : issue.origin === 'string'
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into ValidationIssues against the raw `input`: a missing field reads "is required",
 * each unknown field is its own problem, and generic zod wording is replaced by the rule.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix = ''): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({
          path: joinPath([...issue.path, key], prefix),
          message: 'is not a field of this schema (check the spelling; unknown fields are refused, not ignored)',
        });
      continue;
    }
    // A record key that failed its own check: the key's message is the rule.
    const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    const message = inner ?? (GENERIC.test(issue.message) ? generic(issue) : issue.message);
    const missing =
      valueAt(input, issue.path) === undefined &&
      (issue.code === 'invalid_type' ||
        issue.code === 'invalid_value' ||
        issue.code === 'invalid_union' ||
        issue.code === 'invalid_format');
    if (issue.path.length === 0 && missing) {
      out.push({ path: joinPath([], prefix), message: 'is required' });
      continue;
    }
    out.push({ path: joinPath(issue.path, prefix), message: missing ? `is required (${message})` : message });
  }
  return out;
}
