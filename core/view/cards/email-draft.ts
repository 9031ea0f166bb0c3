// A drafted first-touch email, ready to copy, with its rubric score and whatever still needs a look.
import type { EmailDraftCard } from '../../cards.ts';
import { text, type Element, type ViewCard } from '../elements.ts';
import { role } from '../format.ts';
import { byStatus, checkItem, emailBlock, gradeTone } from './email.ts';

export function emailDraftView(card: EmailDraftCard): ViewCard {
  const s = card.draft.score;
  const who = role(card.lead);
  const problems = byStatus(s.checks).filter((c) => c.status !== 'pass');
  const children: Element[] = [
    emailBlock(card.draft),
    text(`Rubric: ${Math.round(s.score)}/100 (${s.grade})${s.summary.trim() ? ` · ${s.summary.trim()}` : ''}`, { tone: gradeTone(s.grade) }),
  ];
  if (problems.length) children.push({ type: 'list', items: problems.map((c) => checkItem(c, { evidence: false })) });
  return {
    title: `Draft for ${card.lead.fullName}${who ? ` (${who})` : ''}`,
    children,
    summary: `Draft email to ${card.lead.fullName}${card.draft.subject ? ` — ${card.draft.subject}` : ''}\n\n${card.draft.body}`,
  };
}
