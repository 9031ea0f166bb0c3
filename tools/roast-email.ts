import { z } from 'zod';
import type { EmailRoastCard } from '../core/cards.ts';
import { parseEmailText } from '../core/email/parse-email.ts';
import { scoreEmail } from '../core/email/rubric.ts';
import { ValidationError } from '../core/errors.ts';
import { EMAIL_BODY_FIELDS } from '../core/audit/redact-input.ts';
import { defineTool } from './tool.ts';
import { critiqueAndRewrite } from './email-writer.ts';

/** Longest email body reviewed; a cold email is far shorter, a longer paste is usually a whole thread. */
export const MAX_EMAIL_CHARS = 10_000;

/** What the rep reads when the paste is too long: the size, the limit and what to do. */
export function emailTooLongMessage(chars: number): string {
  return (
    `the pasted email is ${chars.toLocaleString('en-US')} characters long and I can review at most ${MAX_EMAIL_CHARS.toLocaleString('en-US')}. ` +
    'Paste only the email you want reviewed (without quoted replies, signatures or disclaimers), or split it and send each part on its own'
  );
}

export const roastEmail = defineTool({
  name: 'roastEmail',
  description:
    'Score a cold email 0-100 against a research-based rubric: substance first (a concrete value proposition, a proof point, ' +
    'relevance to a real fact about the prospect, exactly one clear ask), then clichés, nagging follow-ups, feature dumps, ' +
    'keyword stuffing, spam, length and reading level, with the evidence for each problem, plus a critique and a rewrite ' +
    'when a language model is available. Pass the email exactly as the rep wrote it.',
  inputSchema: z.object({
    subject: z.string().trim().max(300).optional().describe('The subject line, if the rep gave one.'),
    body: z
      .string()
      .trim()
      .min(1, 'the email body is empty')
      .max(MAX_EMAIL_CHARS, { error: (iss) => emailTooLongMessage(String(iss.input ?? '').length) })
      .describe('The email body (may include a "Subject:" first line).'),
  }),
  permission: 'email:assist',
  statusText: 'Reading your email…',
  redactInAudit: EMAIL_BODY_FIELDS,
  capability: 'score a cold email against a research-based rubric, explain each problem, and rewrite it',
  async execute(input, ctx) {
    const parsed = input.subject ? { subject: input.subject, body: parseEmailText(input.body).body } : parseEmailText(input.body);
    if (!parsed.body.trim()) throw new ValidationError('There is no email body to score — paste the email after "roast this email:".');
    const score = scoreEmail({ subject: parsed.subject, body: parsed.body });
    const card: EmailRoastCard = { type: 'email_roast', original: { subject: parsed.subject, body: parsed.body, score } };

    let rewriteSummary = '';
    if (ctx.llm) {
      const better = await critiqueAndRewrite(ctx.llm, parsed, score, ctx.signal);
      if (better) {
        const rescored = scoreEmail({ subject: better.subject, body: better.body });
        card.critique = better.critique;
        card.rewrite = { subject: better.subject, body: better.body, score: rescored };
        rewriteSummary = ` The rewrite scores ${rescored.score}/100 (${rescored.grade}).`;
      }
    }
    await ctx.services.emailReviews.record({ userId: ctx.actor.id, kind: 'roast', score: score.score, grade: score.grade, subject: parsed.subject });
    const problems = score.checks.filter((c) => c.status === 'fail').map((c) => c.label);
    return {
      summary: `${score.summary}${rewriteSummary}`,
      data: { score: score.score, grade: score.grade, failed: problems, wordCount: score.wordCount },
      cards: [card],
    };
  },
});
