// Pieces the roast and the draft share: the score headline, one rubric check, and an email laid out.
import type { EmailVersion } from '../../../core/cards.ts';
import type { Check, EmailScore, Grade } from '../../../core/email/types.ts';
import type { RenderContext } from './context.ts';
import { cleanBlock, clean, displayWidth, hang, indent, padEnd, truncate } from './text.ts';

const MAX_EVIDENCE = 3;

export function paintGrade(grade: Grade, text: string, ctx: RenderContext): string {
  if (grade === 'A' || grade === 'B') return ctx.style.green(text);
  if (grade === 'C') return ctx.style.yellow(text);
  return ctx.style.red(text);
}

/** "Score 42/100 · grade F". */
export function scoreText(score: EmailScore): string {
  return `Score ${Math.round(score.score)}/100 · grade ${score.grade}`;
}

const SYMBOL = { pass: '✓', warn: '!', fail: '✗' } as const;

function paintSymbol(check: Check, ctx: RenderContext): string {
  const s = SYMBOL[check.status];
  return check.status === 'pass' ? ctx.style.green(s) : check.status === 'warn' ? ctx.style.yellow(s) : ctx.style.red(s);
}

export function labelWidth(checks: Check[], ctx: RenderContext): number {
  return Math.min(Math.max(0, ...checks.map((c) => displayWidth(clean(c.label)))), Math.floor(ctx.width / 3));
}

/**
 * One check: "✗ Length        180 · target 50–125 words", then for a problem the quoted evidence
 * (at most three) and the advice. `brief` leaves the evidence out (the draft card).
 */
export function renderCheck(check: Check, ctx: RenderContext, labelCols: number, brief = false): string[] {
  const label = padEnd(truncate(clean(check.label), labelCols), labelCols);
  const measured = `${clean(check.measured)} · target ${clean(check.target)}`;
  const [first = '', ...rest] = hang(`x ${label}  `, measured, ctx.width);
  const lines = [paintSymbol(check, ctx) + first.slice(1), ...rest];
  if (check.status === 'pass') return lines;
  if (!brief) {
    const evidence = check.evidence.map(clean).filter(Boolean);
    // Evidence that already quotes the email ("…" (grade 9)) keeps its own quotes instead of gaining a second pair.
    for (const e of evidence.slice(0, MAX_EVIDENCE)) {
      const quoted = e.startsWith('"');
      lines.push(...hang(quoted ? '    ' : '    "', quoted ? e : `${e}"`, ctx.width, 5).map(ctx.style.dim));
    }
    if (evidence.length > MAX_EVIDENCE) lines.push(ctx.style.dim(`    …and ${evidence.length - MAX_EVIDENCE} more`));
  }
  const advice = clean(check.advice);
  if (advice) lines.push(...hang('    → ', advice, ctx.width));
  return lines;
}

/** Problems first (fails, then warnings), each group in rubric order. */
export function byStatus(checks: Check[]): Check[] {
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return [...checks].sort((a, b) => rank[a.status] - rank[b.status]);
}

/** Subject and body indented under the heading, paragraphs kept. */
export function renderEmail(email: EmailVersion, ctx: RenderContext): string[] {
  const lines: string[] = [];
  const subject = clean(email.subject);
  if (subject) lines.push(...hang('  Subject: ', subject, ctx.width, 4).map((l, i) => (i === 0 ? `  ${ctx.style.bold('Subject:')}${l.slice(10)}` : l)), '');
  lines.push(...indent(cleanBlock(email.body).split('\n'), '  ', ctx.width));
  return lines;
}
