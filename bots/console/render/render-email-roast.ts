// A roasted cold email: the score, a checklist with the exact words that cost points and how to fix
// them, the model's critique, and the rewrite with how much it gained.
import type { EmailRoastCard } from '../../../core/cards.ts';
import type { RenderContext } from './context.ts';
import { byStatus, labelWidth, paintGrade, renderCheck, renderEmail, scoreText } from './email-text.ts';
import { signed } from './format.ts';
import { clean, cleanBlock, hang, indent } from './text.ts';

export function renderEmailRoast(card: EmailRoastCard, ctx: RenderContext): string[] {
  const { style, width } = ctx;
  const score = card.original.score;
  const lines = hang('', scoreText(score), width).map((l) => style.bold(paintGrade(score.grade, l, ctx)));
  const summary = clean(score.summary);
  if (summary) lines.push(...hang('', summary, width));
  if (score.checks.length) {
    const cols = labelWidth(score.checks, ctx);
    lines.push('', ...byStatus(score.checks).flatMap((c) => renderCheck(c, ctx, cols)));
  }
  const critique = card.critique ? cleanBlock(card.critique) : '';
  if (critique.trim()) lines.push('', style.bold('Critique'), ...indent(critique.split('\n'), '  ', width));
  if (card.rewrite) {
    const after = card.rewrite.score;
    const change = `${Math.round(score.score)} → ${Math.round(after.score)}, ${signed(Math.round(after.score) - Math.round(score.score))}`;
    lines.push(
      '',
      ...hang('', `Rewrite · ${change}`, width).map(style.bold),
      ...hang('', scoreText(after), width).map((l) => paintGrade(after.grade, l, ctx)),
      '',
      ...renderEmail(card.rewrite, ctx),
    );
  }
  return lines;
}
