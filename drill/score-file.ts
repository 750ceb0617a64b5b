/**
 * A drill's JSON score read back (`breach drill report`): checked with zod before it is rendered, so a
 * wrong or edited file is refused naming the file, the field and the rule — never a stack trace.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { DrillInputError, type Scenario } from './scenario.js';
import type { DrillScore } from './score.js';

const n = z.number({ error: 'must be a number' });
const s = z.string({ error: 'must be a text' });
const count = z.number({ error: 'must be a count' }).int().min(0);

const ObligationScoreFile = z.object({
  id: s,
  label: s,
  citation: s,
  law: z.enum(['federal', 'state']).optional(),
  jurisdiction: s.optional(),
  verification: z.enum(['verified', 'secondary_sources', 'unverified']).optional(),
  outerLimit: z.object({ date: s, day: n, citation: s, met: z.boolean().optional() }).optional(),
  required: z.boolean(),
  planned: z.boolean(),
  targetDate: s,
  deadlineDate: s,
  targetDay: n,
  deadlineDay: n,
  confirmedDay: n.optional(),
  confirmedBy: s.optional(),
  outcome: z.enum(['on_target', 'late_but_lawful', 'missed_deadline', 'never_planned', 'open_at_end', 'withdrawn']),
  reminders: count,
  escalations: count,
  overdueNotices: count,
  acknowledgements: count,
  maxEscalationLevel: count,
  points: n.optional(),
});

export const DrillScoreFile = z.object({
  drill: z.literal(true, { error: 'must be true (a drill score)' }),
  banner: s,
  scenario: s,
  team: s,
  ref: s,
  day0: s,
  endDay: n,
  overall: n.min(0).max(100),
  decision: z.object({
    day: n.optional(),
    dueDay: n.optional(),
    dueDate: s.optional(),
    reportable: z.boolean().optional(),
    requiredReportable: z.boolean(),
    withinServiceLevel: z.boolean().optional(),
    reminders: count,
    escalations: count,
    overdueNotices: count,
    acknowledgements: count,
    points: n,
  }),
  obligations: z.array(ObligationScoreFile),
  injects: z.array(z.object({ id: s, kind: s, day: n, recordedDay: n.optional(), responseDays: n.optional(), points: n })),
  stateNotScored: z
    .array(
      z.object({
        id: s,
        label: s,
        citation: s,
        verification: z.enum(['verified', 'secondary_sources', 'unverified']),
        status: s,
        why: s,
      }),
    )
    .optional(),
  missed: z.array(s),
  timeline: z.array(z.object({ day: n, at: s, by: s, action: s, detail: s.optional() })),
});

export function readScoreFile(file: string, scenario: Scenario): DrillScore {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DrillInputError(`${file}: ${code ? `cannot be read (${code})` : 'not valid JSON'}`);
  }
  const r = DrillScoreFile.safeParse(raw);
  if (!r.success)
    throw new DrillInputError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  if (r.data.scenario !== scenario.id)
    throw new DrillInputError(`${file}: scenario: the score is of scenario "${r.data.scenario}", not "${scenario.id}"`);
  return r.data as DrillScore;
}
