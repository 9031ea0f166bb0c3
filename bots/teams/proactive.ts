// Messages nobody asked for right now (digests, reminders), sent through the conversation reference stored
// at install. A 403/404 means the bot was removed or the user is gone: the identity is marked unreachable
// and never retried; 429s are retried by the connector client after Retry-After.
import type { ConversationReference } from 'botbuilder';
import type { Card } from '../../core/cards.ts';
import type { PlatformIdentity } from '../../core/db/users-repository.ts';
import { DeliveryFailure } from '../../core/digest/deliver.ts';
import type { Logger } from '../../core/log.ts';
import type { TeamsTransport } from './adapter.ts';
import { renderReply } from './cards/render-reply.ts';
import type { TeamsUsers } from './identity.ts';

export type ProactiveContent = string | Card | { text: string; cards: Card[] };

export type ProactiveResult =
  | { status: 'sent'; activityId?: string }
  | { status: 'unreachable'; reason: string }
  | { status: 'skipped'; reason: string };

export type ProactiveIdentity = Pick<PlatformIdentity, 'id' | 'teamsConversation' | 'unreachableAt'>;

function toReply(content: ProactiveContent): { text: string; cards: Card[] } {
  if (typeof content === 'string') return { text: content, cards: [] };
  if ('type' in content) return { text: '', cards: [content] };
  return content;
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.status ?? e?.response?.status;
}

/** The connector's Retry-After (seconds or an HTTP date) on a 429, in ms. */
function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } & Record<string, unknown> } })?.response?.headers;
  const raw = headers?.get?.('retry-after') ?? (headers?.['retry-after'] as string | undefined);
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function createProactiveSender(deps: { transport: TeamsTransport; users: Pick<TeamsUsers, 'markIdentityUnreachable'>; log: Logger }) {
  return async function sendProactive(identity: ProactiveIdentity, content: ProactiveContent): Promise<ProactiveResult> {
    if (identity.unreachableAt) return { status: 'skipped', reason: 'identity is marked unreachable' };
    const reference = identity.teamsConversation as Partial<ConversationReference> | null;
    if (!reference?.conversation?.id || !reference.serviceUrl) return { status: 'skipped', reason: 'no Teams conversation stored (the app was never installed in a 1:1 chat)' };
    let activityId: string | undefined;
    try {
      await deps.transport.continueConversation(reference, async (context) => {
        activityId = (await context.sendActivity(renderReply(toReply(content))))?.id;
      });
      return { status: 'sent', activityId };
    } catch (err) {
      const status = statusOf(err);
      if (status === 403 || status === 404) {
        const reason = status === 403 ? 'Teams refused the message (403): the app was removed or the user blocked it' : 'Teams conversation not found (404): the user or chat is gone';
        await deps.users.markIdentityUnreachable(identity.id, reason);
        deps.log.warn('teams identity unreachable; proactive messages to it stop', { identityId: identity.id, status });
        return { status: 'unreachable', reason };
      }
      // A 4xx answer means the message was not stored; a 5xx, a timeout or a lost connection may hide one that was.
      const refused = status !== undefined && status >= 400 && status < 500;
      throw new DeliveryFailure('teams', 'Microsoft Teams did not accept the message; try again later.', {
        cause: err,
        uncertain: !refused,
        retryAfterMs: status === 429 ? (retryAfterOf(err) ?? 1000) : undefined,
      });
    }
  };
}

export type SendProactive = ReturnType<typeof createProactiveSender>;
