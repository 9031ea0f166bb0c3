import { confirmation, joinConfirmations, q, type ConfirmationText } from './confirmation-text.ts';
import { z } from 'zod';
import type { OfferTarget } from '../core/db/offer-profiles-repository.ts';
import type { OfferPatch } from '../core/email/offer.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { defineTool, type ToolContext } from './tool.ts';

const inputSchema = z
  .object({
    level: z.enum(['organisation', 'team', 'user']).describe('organisation: everyone (admins only); team: a manager’s team; user: one rep.'),
    who: z
      .string()
      .trim()
      .email()
      .max(200)
      .optional()
      .describe('For team: the manager’s email; for user: the rep’s email. Leave out for your own team or yourself.'),
    product: z.string().trim().min(1).max(120).optional().describe('The product name, e.g. "Onboardly".'),
    valueProposition: z
      .string()
      .trim()
      .min(1)
      .max(240)
      .optional()
      .describe('One line: what changes for the customer, e.g. "cut new-vendor setup from weeks to days".'),
    proofPoints: z.array(z.string().trim().min(1).max(240)).max(10).optional().describe('Results customers got, each with a number or a name.'),
    typicalCustomer: z.string().trim().min(1).max(200).optional().describe('Who buys it, e.g. "finance teams at 50-500 person companies".'),
    preferredAsk: z.string().trim().min(1).max(200).optional().describe('The ask to end drafts with, e.g. "Should I send the two-page checklist?"'),
  })
  .refine((i) => ['product', 'valueProposition', 'proofPoints', 'typicalCustomer', 'preferredAsk'].some((k) => i[k as keyof typeof i] !== undefined), {
    message: 'give at least one field of the offer to set',
    path: ['product'],
  });
type Input = z.infer<typeof inputSchema>;

/** Where the write goes, checked against the actor's role: admins anywhere, managers their team and its reps. */
async function targetOf(input: Input, ctx: ToolContext): Promise<{ target: OfferTarget; label: string }> {
  const { actor } = ctx;
  const users = ctx.services.users;
  if (input.level === 'organisation') {
    if (actor.role !== 'admin') throw new ForbiddenError('Only an admin can set the organisation’s offer; a manager can set their team’s.');
    return { target: { level: 'organisation' }, label: 'the organisation' };
  }
  if (input.level === 'team') {
    const managerEmail = input.who;
    const manager = managerEmail ? await users.getByEmail(managerEmail) : await users.getById(actor.id);
    if (!manager) throw new NotFoundError(`There is no user ${managerEmail}.`);
    if (actor.role !== 'admin' && manager.id !== actor.id) throw new ForbiddenError('A manager can set only their own team’s offer.');
    const team = await users.teamManagedBy(manager.id);
    if (!team) throw new NotFoundError(`${manager.name} does not manage a team.`);
    return { target: { level: 'team', teamId: team.id }, label: `${team.name}` };
  }
  const user = input.who ? await users.getByEmail(input.who) : await users.getById(actor.id);
  if (!user) throw new NotFoundError(`There is no user ${input.who}.`);
  if (actor.role !== 'admin' && user.id !== actor.id && !ctx.teamMemberIds.includes(user.id)) {
    throw new ForbiddenError('A manager can set the offer only for the reps on their team.');
  }
  return { target: { level: 'user', userId: user.id }, label: user.id === actor.id ? 'you' : user.name };
}

function patchOf(input: Input): OfferPatch {
  const { product, valueProposition, proofPoints, typicalCustomer, preferredAsk } = input;
  return Object.fromEntries(Object.entries({ product, valueProposition, proofPoints, typicalCustomer, preferredAsk }).filter(([, v]) => v !== undefined));
}

/** The change in words, every value the user typed quoted and capped (it becomes the sentence they confirm). */
function describePatch(patch: OfferPatch): ConfirmationText {
  const parts: ConfirmationText[] = [];
  if (patch.product) parts.push(confirmation`product ${q(patch.product)}`);
  if (patch.valueProposition) parts.push(confirmation`value ${q(patch.valueProposition, 120)}`);
  if (patch.proofPoints) parts.push(confirmation`${patch.proofPoints.length} proof point${patch.proofPoints.length === 1 ? '' : 's'}`);
  if (patch.typicalCustomer) parts.push(confirmation`typical customer ${q(patch.typicalCustomer)}`);
  if (patch.preferredAsk) parts.push(confirmation`ask ${q(patch.preferredAsk)}`);
  return joinConfirmations(parts, ', ');
}

export const setOffer = defineTool({
  name: 'setOffer',
  description:
    'Set what the reps sell, used by draftEmail: product, one-line value proposition, proof points, typical customer, preferred ask. ' +
    'Admins set the organisation’s offer; managers override it for their team or one of their reps. Give only the fields that change. ' +
    'Asks the user to confirm before saving.',
  inputSchema,
  permission: 'offer:manage',
  statusText: 'Saving the offer…',
  redactInAudit: [],
  capability: 'set what the reps sell (product, value proposition, proof points, ask) for the organisation, a team or a rep (confirmed before saving)',
  async confirm(input, ctx) {
    const { label } = await targetOf(input, ctx);
    return joinConfirmations(
      [confirmation`Set the offer for ${label === 'you' || label === 'the organisation' ? label : q(label)}`, describePatch(patchOf(input))],
      ': ',
    );
  },
  async execute(input, ctx) {
    const { target, label } = await targetOf(input, ctx);
    const saved = await ctx.services.offers.set(target, patchOf(input), ctx.actor.id);
    return {
      summary: `Saved the offer for ${label}: ${describePatch(patchOf(input))}. New drafts use it.`,
      data: { level: target.level, offer: saved },
    };
  },
});
