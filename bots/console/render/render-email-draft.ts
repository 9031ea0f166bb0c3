// A drafted first-touch email, ready to copy, with its rubric score and whatever still needs a look.
import type { EmailDraftCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { byStatus, labelWidth, paintGrade, renderCheck, renderEmail } from './email-text.ts';
import { role } from './format.ts';
import { clean, hang } from './text.ts';

export function renderEmailDraft(card: EmailDraftCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const who = role(card.lead);
  const lines = hang('', `Draft for ${clean(card.lead.fullName)}${who ? ` (${who})` : ''}`, width).map(style.bold);
  lines.push('', ...renderEmail(card.draft, ctx), '');
  const score = card.draft.score;
  const rubric = `Rubric: ${Math.round(score.score)}/100 (${score.grade})`;
  lines.push(...hang('', rubric, width).map((l) => paintGrade(score.grade, l, ctx)));
  const problems = byStatus(score.checks).filter((c) => c.status !== 'pass');
  const cols = labelWidth(problems, ctx);
  lines.push(...problems.flatMap((c) => renderCheck(c, ctx, cols, true)));
  return lines;
}
