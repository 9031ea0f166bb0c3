// Email roast: score and grade, each failed or weak check with the quoted evidence and advice, then the rewrite.
import type { EmailRoastCard, EmailVersion } from '../../../core/cards.ts';
import type { Check } from '../../../core/email/types.ts';
import { context, divider, esc, header, longSections, section, type Block, type RenderedCard } from './limits.ts';

const MAX_EVIDENCE = 3;

function checkLine(c: Check): string {
  const mark = c.status === 'fail' ? ':x:' : ':warning:';
  const evidence = c.evidence
    .slice(0, MAX_EVIDENCE)
    .map((e) => `> ${esc(e)}`)
    .join('\n');
  return `${mark} *${esc(c.label)}* — ${esc(String(c.measured))} (target ${esc(c.target)})\n${esc(c.advice)}${evidence ? `\n${evidence}` : ''}`;
}

export function emailText(v: EmailVersion): string {
  return `${v.subject ? `*Subject:* ${esc(v.subject)}\n` : ''}\`\`\`${v.body.replace(/```/g, "'''")}\`\`\``;
}

export function renderEmailRoast(card: EmailRoastCard): RenderedCard {
  const s = card.original.score;
  const blocks: Block[] = [header(`Email roast: ${s.score}/100 (${s.grade})`), section(esc(s.summary))];
  const problems = s.checks.filter((c) => c.status !== 'pass');
  // Each check gets its own section so evidence is never cut off by the 3000-character limit.
  for (const c of problems.slice(0, 15)) blocks.push(section(checkLine(c)));
  if (problems.length === 0) blocks.push(section(':white_check_mark: Every check passed.'));
  const passed = s.checks.filter((c) => c.status === 'pass').map((c) => c.label);
  if (passed.length) blocks.push(context(`Passed: ${esc(passed.join(', '))}`));
  if (card.critique) blocks.push(...longSections(`*Critique*\n${esc(card.critique)}`, 3));
  if (card.rewrite) {
    const r = card.rewrite.score;
    blocks.push(divider(), section(`*Rewrite* — ${r.score}/100 (${r.grade})`), ...longSections(emailText(card.rewrite), 6));
  }
  const failed = problems.map((c) => c.label).join(', ');
  const text = `Email roast: ${s.score}/100 (${s.grade}). ${s.summary}${failed ? ` Problems: ${failed}.` : ''}${
    card.rewrite ? ` Rewrite scores ${card.rewrite.score.score}/100.` : ''
  }`;
  return { blocks, text };
}
