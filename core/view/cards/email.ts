// What the roast and the draft share: a rubric check as a checklist item, the email as written, the grade's tone.
import type { EmailVersion } from '../../cards.ts';
import type { Check, Grade } from '../../email/types.ts';
import { bold, type ListItem, type Tone, type VerbatimElement } from '../elements.ts';

export function gradeTone(grade: Grade): Tone {
  return grade === 'A' || grade === 'B' ? 'good' : grade === 'C' ? 'warning' : 'attention';
}

/** Problems first (fails, then warnings), each group in rubric order. */
export function byStatus(checks: Check[]): Check[] {
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return [...checks].sort((a, b) => rank[a.status] - rank[b.status]);
}

/** "✗ Length — 180 words · target 50–125 words", the words that cost points, and what to do. */
export function checkItem(check: Check, opts: { evidence: boolean }): ListItem {
  const item: ListItem = { mark: check.status, label: check.label, text: [`${check.measured} · target ${check.target}`] };
  if (check.status === 'pass') return item;
  if (opts.evidence && check.evidence.length) item.quotes = check.evidence;
  if (check.advice.trim()) item.note = [check.advice];
  return item;
}

export function emailBlock(email: EmailVersion): VerbatimElement {
  return { type: 'verbatim', ...(email.subject?.trim() ? { heading: [bold('Subject:'), ` ${email.subject}`] } : {}), text: email.body };
}
