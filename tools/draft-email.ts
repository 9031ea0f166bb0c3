import { z } from 'zod';
import type { EmailDraftCard } from '../core/cards.ts';
import { draftFirstTouchEmail } from '../core/email/draft.ts';
import { scoreEmail } from '../core/email/rubric.ts';
import type { LeadFacts } from '../core/email/types.ts';
import { NotFoundError } from '../core/errors.ts';
import { EMAIL_BODY_FIELDS } from '../core/audit/redact-input.ts';
import { defineTool } from './tool.ts';
import { draftWithModel } from './email-writer.ts';
import { describeLead, leadCardItem, leadForModel } from './lead-card.ts';
import { leadRefDescription, resolveLead } from './lead-reference.ts';

const GENERIC_PURPOSE = /^(an?\s+)?(intro(duction|ductory)?|first[- ]?touch|cold|outreach|quick|short|initial|prospecting)(\s+(email|note|message))?$/i;

const NO_OFFER =
  'No offer is set for you, your team or the organisation, so I will not draft a pitch: I would have to invent what you sell. ' +
  'An admin or your manager can set it in chat ("set our offer: product …; value: …; proof: …; ask: …") or with `salesos offer set`.';

export const draftEmail = defineTool({
  name: 'draftEmail',
  description:
    'Draft a short first-touch email to a lead from the team’s offer profile (product, value proposition, proof points, preferred ask) ' +
    'and what we know about the lead (notes, tech stack, industry, title), and score it with the rubric. Without an offer it says so.',
  inputSchema: z.object({
    lead: z.string().trim().min(1).max(200).describe(leadRefDescription),
    purpose: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('An angle for this email beyond the offer, e.g. "about our webinar". Leave out for a standard intro.'),
  }),
  permission: 'email:assist',
  statusText: 'Drafting the email…',
  redactInAudit: EMAIL_BODY_FIELDS,
  capability: 'draft a short, personalised first-touch email to a lead',
  async execute({ lead: ref, purpose: asked }, ctx) {
    // "an intro email" names the kind of email, not an angle.
    const purpose = asked && !GENERIC_PURPOSE.test(asked) ? asked : undefined;
    const found = await resolveLead(ref, ctx);
    const lead = await ctx.services.leads.getDetail(found.id);
    if (!lead) throw new NotFoundError('That lead no longer exists.');
    const resolved = await ctx.services.offers.effectiveFor(ctx.actor.id);
    if (!resolved) return { summary: NO_OFFER, data: { needsOffer: true, lead: leadForModel(lead) } };

    const notes = lead.activities.filter((a) => a.type === 'note' && a.body).map((a) => a.body!);
    const recentActivity = lead.activities
      .filter((a) => a.type === 'status_change' || a.type === 'enriched')
      .map((a) =>
        a.type === 'status_change'
          ? `status ${a.fromStatus ?? '?'} → ${a.toStatus ?? '?'} on ${a.createdAt.toISOString().slice(0, 10)}`
          : `enriched on ${a.createdAt.toISOString().slice(0, 10)}`,
      );
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
      notes,
    };
    const facts: LeadFacts = {
      firstName: draftLead.firstName,
      company: draftLead.company,
      title: draftLead.title,
      industry: draftLead.industry,
      city: draftLead.city,
      techStack: draftLead.techStack,
      notes,
      recentActivity,
    };
    const sender = { name: ctx.actor.name, company: resolved.offer.product };
    const composed = draftFirstTouchEmail(draftLead, sender, { offer: resolved.offer });
    let draft = { subject: composed.subject, body: composed.body };
    let score = scoreEmail({ ...draft, lead: facts });
    let writer: 'model' | 'built-in' = 'built-in';
    if (ctx.llm) {
      const written = await draftWithModel(
        ctx.llm,
        { lead: { ...draftLead, recentActivity }, offer: resolved.offer, sender, purpose, baseline: { ...draft, score } },
        ctx.signal,
      );
      const writtenScore = written && scoreEmail({ ...written, lead: facts });
      // The model's draft is re-scored; it replaces the built-in one only when it scores at least as well.
      if (written && writtenScore && writtenScore.score >= score.score) {
        draft = written;
        score = writtenScore;
        writer = 'model';
      }
    }
    await ctx.services.emailReviews.record({
      userId: ctx.actor.id,
      leadId: lead.id,
      kind: 'draft',
      score: score.score,
      grade: score.grade,
      subject: draft.subject,
    });
    await ctx.services.activities.log(lead.id, 'email_drafted', ctx.actor.id, `Drafted "${draft.subject}"`);
    const card: EmailDraftCard = { type: 'email_draft', lead: leadCardItem({ ...lead, ownerName: found.ownerName }), draft: { ...draft, score } };
    return {
      summary:
        `Drafted an email to ${describeLead(lead)} pitching ${resolved.offer.product} — subject "${draft.subject}", rubric score ${score.score}/100 (${score.grade}).` +
        (purpose && writer === 'built-in' ? ` It is a first-touch email: the angle "${purpose}" is written in only with a language model configured.` : ''),
      data: {
        lead: leadForModel(lead),
        subject: draft.subject,
        body: draft.body,
        score: score.score,
        writer,
        usedFacts: writer === 'built-in' ? composed.usedFacts : undefined,
      },
      cards: [card],
    };
  },
});
