import { z } from 'zod';
import type { EmailDraftCard } from '../core/cards.ts';
import { draftFirstTouchEmail } from '../core/email/draft.ts';
import { scoreEmail } from '../core/email/rubric.ts';
import { NotFoundError } from '../core/errors.ts';
import { defineTool } from './tool.ts';
import { draftWithModel } from './email-writer.ts';
import { describeLead, leadCardItem, leadFacts } from './lead-card.ts';
import { leadRefDescription, resolveLead } from './lead-reference.ts';

const GENERIC_PURPOSE = /^(an?\s+)?(intro(duction|ductory)?|first[- ]?touch|cold|outreach|quick|short|initial|prospecting)(\s+(email|note|message))?$/i;

export const draftEmail = defineTool({
  name: 'draftEmail',
  description:
    'Draft a short first-touch email to a lead, personalised from what we know about them (title, company, industry, ' +
    'location, tech stack), and score it with the rubric.',
  inputSchema: z.object({
    lead: z.string().trim().min(1).max(200).describe(leadRefDescription),
    purpose: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('The benefit you offer, completing "We help teams like yours …", e.g. "cut ramp time for new reps". Leave out for a standard intro.'),
  }),
  permission: 'email:assist',
  statusText: 'Drafting the email…',
  async execute({ lead: ref, purpose: asked }, ctx) {
    // "an intro email" names the kind of email, not a benefit to pitch.
    const purpose = asked && !GENERIC_PURPOSE.test(asked) ? asked : undefined;
    const found = await resolveLead(ref, ctx);
    const lead = await ctx.services.leads.getById(found.id);
    if (!lead) throw new NotFoundError('That lead no longer exists.');
    const draftLead = {
      firstName: lead.firstName ?? undefined,
      fullName: lead.fullName,
      title: lead.title ?? undefined,
      company: lead.company ?? undefined,
      industry: lead.industry ?? undefined,
      city: lead.city ?? undefined,
      country: lead.country ?? undefined,
      techStack: lead.techStack,
      companySize: lead.companySize ?? undefined,
    };
    const facts = { firstName: draftLead.firstName, company: draftLead.company, title: draftLead.title, industry: draftLead.industry, city: draftLead.city, techStack: draftLead.techStack };
    let draft = draftFirstTouchEmail(draftLead, { name: ctx.actor.name }, { purpose });
    let score = scoreEmail({ ...draft, lead: facts });
    if (ctx.llm) {
      const written = await draftWithModel(ctx.llm, draftLead, { name: ctx.actor.name }, purpose, ctx.signal);
      const writtenScore = written && scoreEmail({ ...written, lead: facts });
      // The rubric decides: the model's draft is used only when it scores at least as well.
      if (written && writtenScore && writtenScore.score >= score.score) {
        draft = written;
        score = writtenScore;
      }
    }
    await ctx.services.emailReviews.record({ userId: ctx.actor.id, leadId: lead.id, kind: 'draft', score: score.score, grade: score.grade, subject: draft.subject });
    await ctx.services.activities.log(lead.id, 'email_drafted', ctx.actor.id, `Drafted "${draft.subject}"`);
    const card: EmailDraftCard = { type: 'email_draft', lead: leadCardItem({ ...lead, ownerName: found.ownerName }), draft: { ...draft, score } };
    return {
      summary: `Drafted an email to ${describeLead(lead)} — subject "${draft.subject}", rubric score ${score.score}/100 (${score.grade}).`,
      data: { lead: leadFacts(lead), subject: draft.subject, body: draft.body, score: score.score },
      cards: [card],
    };
  },
});
