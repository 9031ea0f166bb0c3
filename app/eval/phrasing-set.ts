// A phrasing set for `salesos eval`: one JSON object per line, each a message a rep might type and the
// tool call it should become. Documented in README ("Measuring a model: salesos eval").
import { z } from 'zod';
import { ValidationError } from '../../core/errors.ts';

const caseSchema = z.object({
  id: z.string().min(1).max(100),
  text: z.string().min(1).max(20_000),
  /** A message run first in the same thread (e.g. a search the case then refers to). */
  setup: z.string().min(1).max(20_000).optional(),
  /** The tool the model must call; null when it must call none (chit-chat, out of scope). */
  tool: z.string().min(1).max(60).nullable(),
  /** Required argument values; others may be present. For updateLead, "note": true means any note. */
  args: z.record(z.string(), z.unknown()).default({}),
  /** The lead meant is the setup's Nth listed lead (1-based); -1 is the last one listed. */
  ordinal: z
    .number()
    .int()
    .min(-1)
    .max(100)
    .refine((n) => n !== 0, 'ordinal is 1-based (or -1 for the last)')
    .optional(),
  note: z.string().max(500).optional(),
  split: z.string().max(40).optional(),
});

export type PhrasingCase = z.infer<typeof caseSchema>;

/** Parses JSONL text; every bad line is reported with its number. Blank lines and `//` lines are skipped. */
export function parsePhrasingSet(text: string, source = 'phrasing set'): PhrasingCase[] {
  const cases: PhrasingCase[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`line ${i + 1}: ${issue.path.join('.') || 'case'} ${issue.message}`);
      return;
    }
    if (ids.has(parsed.data.id)) {
      problems.push(`line ${i + 1}: id "${parsed.data.id}" is used twice`);
      return;
    }
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  });
  if (problems.length) {
    throw new ValidationError(`${source} has ${problems.length} bad line${problems.length === 1 ? '' : 's'}:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
  if (!cases.length) throw new ValidationError(`${source} holds no cases.`);
  return cases;
}
