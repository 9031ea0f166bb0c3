// LLM help for emails (critique, rewrite, draft) when a real model is configured. The rubric stays the
// judge: whatever the model writes is scored again, and a model failure never loses the rubric result.
import { generateText, Output } from 'ai';
import { z } from 'zod';
import type { EmailScore } from '../core/email/types.ts';
import { log } from '../core/log.ts';
import type { TurnModel } from './services.ts';

const rewriteSchema = z.object({
  critique: z.string().min(1).max(2000).describe('Three to five short, specific points on what to fix and why.'),
  subject: z.string().min(1).max(80).describe('The rewritten subject line: 1-4 words.'),
  body: z.string().min(1).max(2000).describe('The rewritten body: 25-50 words, one question, one call to action.'),
});

const RULES = [
  'Body 25-50 words; short sentences; reading level of grade 5 or below.',
  'Subject 1-4 words, at most 40 characters, never "Re:" or "Fwd:".',
  'One to three questions and exactly one call to action, interest-based ("Worth a look?") rather than a meeting demand.',
  'More "you" than "I/we"; no spam words (free, guarantee, act now…), no ALL CAPS, no "!!", at most one link.',
  'Personalise with a real fact about the recipient; never leave merge tokens like {{first_name}}.',
].join('\n');

export async function critiqueAndRewrite(
  llm: TurnModel,
  email: { subject?: string; body: string },
  score: EmailScore,
  signal?: AbortSignal,
): Promise<z.infer<typeof rewriteSchema> | undefined> {
  const problems = score.checks.filter((c) => c.status !== 'pass').map((c) => `- ${c.label}: ${c.measured} (target ${c.target})`);
  try {
    const { output } = await generateText({
      model: llm.model,
      output: Output.object({ schema: rewriteSchema }),
      instructions: `You are a blunt, expert cold-email coach. Rules of a good first-touch email:\n${RULES}`,
      prompt: [
        `Critique this cold email and rewrite it to follow the rules. It scored ${score.score}/100 (${score.grade}).`,
        problems.length ? `Rubric problems:\n${problems.join('\n')}` : 'The rubric found no problems; tighten it anyway.',
        `Subject: ${email.subject ?? '(none)'}\n\n${email.body}`,
      ].join('\n\n'),
      maxOutputTokens: 800,
      abortSignal: signal,
    });
    return output;
  } catch (err) {
    log.warn('the model could not critique the email; showing the rubric only', { err });
    return undefined;
  }
}

const draftSchema = z.object({ subject: z.string().min(1).max(80), body: z.string().min(1).max(2000) });

export async function draftWithModel(
  llm: TurnModel,
  facts: Record<string, unknown>,
  sender: { name: string },
  purpose: string | undefined,
  signal?: AbortSignal,
): Promise<z.infer<typeof draftSchema> | undefined> {
  try {
    const { output } = await generateText({
      model: llm.model,
      output: Output.object({ schema: draftSchema }),
      instructions: `You write first-touch sales emails that get replies. Rules:\n${RULES}\nUse only the facts given; invent nothing.`,
      prompt: `Write a first-touch email from ${sender.name}${purpose ? ` (${purpose})` : ''} to this lead:\n${JSON.stringify(facts, null, 2)}`,
      maxOutputTokens: 500,
      abortSignal: signal,
    });
    return output;
  } catch (err) {
    log.warn('the model could not draft the email; using the built-in draft', { err });
    return undefined;
  }
}
