// Calibration of the email rubric on labelled emails written by people who had not read the rubric.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreEmail } from '../../core/email/rubric.ts';

export interface LabelledEmail {
  id: string;
  label: 'strong' | 'weak';
  subject: string;
  body: string;
  reasons: string[];
  kind: string;
  split: string;
}

export interface ScoredEmail extends LabelledEmail {
  score: number;
}

export interface Calibration {
  strong: number;
  weak: number;
  /** Share of (strong, weak) pairs where the strong email scores strictly higher. */
  pairwiseAccuracy: number;
  weakAtOrAbove65: ScoredEmail[];
  strongBelow75: ScoredEmail[];
  minStrong: number;
  maxWeak: number;
}

const DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The labelled sets, each written by a different helper who had not read the rubric, in the order they were
 * written. Each was held out until it was measured once; after that it became tuning data.
 */
export const EMAIL_SETS = ['emails-independent.jsonl', 'emails-heldout.jsonl', 'emails-heldout-3.jsonl', 'emails-heldout-4.jsonl'] as const;

export function loadEmails(file: (typeof EMAIL_SETS)[number], split?: string): LabelledEmail[] {
  const full = path.join(DIR, file);
  if (!fs.existsSync(full)) return [];
  return fs
    .readFileSync(full, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledEmail)
    .filter((e) => split === undefined || e.split === split);
}

export function calibrate(emails: LabelledEmail[]): Calibration {
  const scored: ScoredEmail[] = emails.map((e) => ({ ...e, score: scoreEmail({ subject: e.subject, body: e.body }).score }));
  const strong = scored.filter((e) => e.label === 'strong');
  const weak = scored.filter((e) => e.label === 'weak');
  let right = 0;
  for (const s of strong) for (const w of weak) if (s.score > w.score) right++;
  return {
    strong: strong.length,
    weak: weak.length,
    pairwiseAccuracy: right / (strong.length * weak.length),
    weakAtOrAbove65: weak.filter((e) => e.score >= 65),
    strongBelow75: strong.filter((e) => e.score < 75),
    minStrong: Math.min(...strong.map((e) => e.score)),
    maxWeak: Math.max(...weak.map((e) => e.score)),
  };
}
