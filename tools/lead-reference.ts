// Resolves what a rep calls a lead (id, email, full name) to exactly one lead they may see, or says why not.
import { parseLeadRef } from '../core/leads/lead-ref.ts';
import type { LeadSummary } from '../core/db/leads-repository.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import type { ToolContext } from './tool.ts';

export const leadRefDescription =
  'The lead: its id (from an earlier result), its email address, or its full name. For "the second one", use the id of that lead from the last list.';

export async function resolveLead(ref: string, ctx: ToolContext): Promise<LeadSummary> {
  const parsed = parseLeadRef(ref);
  const found = await ctx.services.lookup.find(parsed, ctx.scope);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new NotFoundError(
      parsed.kind === 'name'
        ? `I couldn't find a lead called "${parsed.value}" among the leads you can see. Try their email address, or search first.`
        : `I couldn't find ${parsed.kind === 'email' ? parsed.value : 'that lead'} among the leads you can see.`,
    );
  }
  const options = found.map((l) => `${l.fullName} <${l.email}>${l.company ? ` at ${l.company}` : ''}`).join('; ');
  throw new ValidationError(`Several leads are called "${parsed.value}": ${options}. Which one? Use the email address.`, {
    candidates: found.map((l) => ({ id: l.id, fullName: l.fullName, email: l.email, company: l.company })),
  });
}
