// A roasted cold email: score and grade, every rubric check with the words that cost points and how to fix
// them, the model's critique, and the rewrite with what it gained.
import type { EmailRoastCard } from '../../cards.ts';
import { bold, section, text, type Element, type ViewCard } from '../elements.ts';
import { signed } from '../format.ts';
import { byStatus, checkItem, emailBlock, gradeTone } from './email.ts';

export function emailRoastView(card: EmailRoastCard): ViewCard {
  const s = card.original.score;
  const children: Element[] = [];
  if (s.summary.trim()) children.push(text(s.summary, { tone: gradeTone(s.grade) }));
  if (s.checks.length) children.push({ type: 'list', items: byStatus(s.checks).map((c) => checkItem(c, { evidence: true })) });
  if (card.critique?.trim()) children.push(section('Critique', [text(card.critique.trim())]));
  if (card.rewrite) {
    const r = card.rewrite.score;
    const before = Math.round(s.score);
    const after = Math.round(r.score);
    children.push(
      { type: 'divider' },
      text([bold('Rewrite'), ` — ${after}/100 (${r.grade}) · ${before} → ${after}, ${signed(after - before)}`], { tone: gradeTone(r.grade) }),
      emailBlock(card.rewrite),
    );
  }
  const failed = s.checks
    .filter((c) => c.status !== 'pass')
    .map((c) => c.label)
    .join(', ');
  return {
    title: `Email roast: ${Math.round(s.score)}/100 (${s.grade})`,
    children,
    summary: `Email roast: ${Math.round(s.score)}/100 (${s.grade}). ${s.summary}${failed ? ` Problems: ${failed}.` : ''}${
      card.rewrite ? ` Rewrite scores ${Math.round(card.rewrite.score.score)}/100.` : ''
    }`,
  };
}
