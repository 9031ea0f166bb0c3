// Confirmations for write tools: a pending action bound to the user who asked, with an expiry, that
// runs at most once and only for that user.
import type { Actor } from './agent/types.ts';
import type { ConfirmationCard } from './cards.ts';
import type { Prisma } from './db/client.ts';
import { PendingActionRepository, type PendingActionRow } from './db/pending-actions-repository.ts';
import { AppError } from './errors.ts';
import type { ClaimedAction, Confirmations } from './governance.ts';

export interface ConfirmationOptions {
  ttlMinutes?: number;
}

function invalid(message: string, reason: string): AppError {
  return new AppError('confirmation_invalid', message, { details: { reason } });
}

function claimed(row: PendingActionRow): ClaimedAction {
  return { id: row.id, tool: row.tool, input: row.input, summary: row.summary };
}

function timeIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);
}

export function createConfirmations(prisma: Prisma, opts: ConfirmationOptions = {}): Confirmations {
  const repo = new PendingActionRepository(prisma);
  const ttlMinutes = opts.ttlMinutes ?? 15;

  /** Why `actor` cannot decide this action now, in words they can act on. */
  async function whyNot(actionId: string, actor: Actor, verb: 'confirm' | 'cancel'): Promise<AppError> {
    const row = await repo.find(actionId);
    if (!row) return invalid('I can\u2019t find that pending action — it may have been removed. Nothing was changed; please ask again.', 'unknown');
    if (row.userId !== actor.id) return invalid(`This action was requested by someone else, so only they can ${verb} it. Nothing was changed.`, 'foreign');
    switch (row.status) {
      case 'executed':
        return invalid(
          verb === 'confirm'
            ? `\u201c${row.summary}\u201d was already confirmed and carried out; it will not run twice.`
            : `\u201c${row.summary}\u201d was already carried out, so it can no longer be cancelled.`,
          'already_executed',
        );
      case 'cancelled':
        return invalid(
          `\u201c${row.summary}\u201d was cancelled, so it can no longer be ${verb === 'confirm' ? 'confirmed' : 'cancelled'}. Nothing was changed.`,
          'cancelled',
        );
      default:
        return invalid(
          `This confirmation expired at ${timeIn(row.expiresAt, actor.timeZone)} (${actor.timeZone}); confirmations are valid for ${ttlMinutes} minutes. Nothing was changed — please ask again.`,
          'expired',
        );
    }
  }

  return {
    async request(req): Promise<ConfirmationCard> {
      const row = await repo.create({
        userId: req.ctx.actor.id,
        conversationId: req.ctx.conversationId,
        tool: req.tool,
        input: req.input,
        summary: req.summary,
        ttlMinutes,
      });
      return { type: 'confirmation', actionId: row.id, tool: row.tool, summary: row.summary, expiresAt: row.expiresAt.toISOString(), state: 'pending' };
    },

    async claim(actionId, actor) {
      const row = await repo.transition(actionId, actor.id, 'executed');
      if (row) return claimed(row);
      throw await whyNot(actionId, actor, 'confirm');
    },

    async complete(actionId, result) {
      await repo.recordResult(actionId, result);
    },

    async ownerCheck(actionId, actor) {
      const row = await repo.find(actionId);
      if (row && row.userId !== actor.id)
        return invalid('This action was requested by someone else, so only they can confirm or cancel it. Nothing was changed.', 'foreign');
      return undefined;
    },

    async cancel(actionId, actor) {
      const row = await repo.transition(actionId, actor.id, 'cancelled');
      if (row) return claimed(row);
      throw await whyNot(actionId, actor, 'cancel');
    },
  };
}
