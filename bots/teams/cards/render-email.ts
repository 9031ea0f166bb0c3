// Shared pieces of the email cards: a version (subject, body, grade) and its rubric checks.
import type { EmailVersion } from '../../../core/cards.ts';
import { container, text, type Element } from './elements.ts';

const COLOR = { pass: 'Good', warn: 'Warning', fail: 'Attention' } as const;
const MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

export function emailVersion(label: string, v: EmailVersion, opts: { checks?: boolean } = {}): Element[] {
  const out: Element[] = [
    text(`**${label}** · ${v.score.grade} (${v.score.score}/100) · ${v.score.wordCount} words`),
    container([...(v.subject ? [text(`Subject: ${v.subject}`, { max: 300 })] : []), text(v.body || '(empty)', { max: 3000 })], { style: 'emphasis' }),
    text(v.score.summary, { subtle: true, max: 600 }),
  ];
  if (opts.checks) {
    const problems = v.score.checks.filter((c) => c.status !== 'pass');
    for (const c of problems.slice(0, 13)) {
      out.push(
        text(
          `${MARK[c.status]} **${c.label}**: ${c.measured} (target ${c.target}). ${c.advice}${c.evidence.length ? ` — "${c.evidence.slice(0, 2).join('", "')}"` : ''}`,
          {
            color: COLOR[c.status],
            size: 'Small',
            max: 500,
          },
        ),
      );
    }
  }
  return out;
}

export function emailVersionText(label: string, v: EmailVersion): string {
  return [`${label}: ${v.score.grade} (${v.score.score}/100)`, v.subject ? `Subject: ${v.subject}` : '', v.body, v.score.summary].filter(Boolean).join('\n');
}
