// The bot was added to a chat: greet once, and in a 1:1 chat keep the conversation reference on the
// installer's identity so digests and other proactive messages can reach them later.
import { toAppError } from '../../core/errors.ts';
import type { TeamsBotContext } from './bot-context.ts';
import { renderWelcomeCard } from './cards/render-welcome.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/render-reply.ts';
import { isPersonal, tenantOf } from './identity.ts';
import type { TeamsTurn } from './turn.ts';

export function botWasAdded(context: TeamsTurn): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((m) => m.id === botId);
}

/** Store (or refresh) the 1:1 conversation reference on the sender's Teams identity. */
export async function rememberConversation(context: TeamsTurn, bot: TeamsBotContext): Promise<void> {
  const activity = context.activity;
  if (!isPersonal(activity)) return;
  const { user, externalUserId } = await bot.identities.resolve(context);
  const reference = context.conversationAddress();
  await bot.users.linkIdentity({
    userId: user.id,
    platform: 'teams',
    tenantId: tenantOf(activity),
    externalUserId,
    displayName: activity.from?.name,
    address: JSON.parse(JSON.stringify(reference)),
    teamsUserId: activity.from?.id,
  });
}

/**
 * The app was uninstalled from a 1:1 chat (installationUpdate remove, or the bot in membersRemoved): the
 * user's Teams identity is marked unreachable at once, so digests skip it instead of failing against Teams.
 * Removal from a group chat or team leaves the personal install alone.
 */
export async function handleUninstall(context: TeamsTurn, bot: TeamsBotContext): Promise<void> {
  const activity = context.activity;
  if (!isPersonal(activity)) return;
  const tenantId = tenantOf(activity);
  const found = activity.from?.aadObjectId
    ? await bot.users.resolveIdentity('teams', tenantId, activity.from.aadObjectId).then((user) => user && { user })
    : activity.from?.id
      ? await bot.users.findTeamsIdentity(tenantId, activity.from.id)
      : undefined;
  if (!found) return;
  const ids = new Set([activity.from?.aadObjectId, activity.from?.id].filter(Boolean));
  const reason = 'The SalesOS app was removed from this Teams chat';
  for (const identity of await bot.users.identitiesOf(found.user.id)) {
    const same = ids.has(identity.externalUserId) || (identity.teamsUserId !== null && ids.has(identity.teamsUserId));
    if (identity.platform !== 'teams' || identity.tenantId !== tenantId || !same) continue;
    await bot.users.markIdentityUnreachable(identity.id, reason);
    bot.log.info('teams app removed; identity marked unreachable', { identityId: identity.id });
  }
}

export function botWasRemoved(context: TeamsTurn): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersRemoved ?? []).some((m) => m.id === botId);
}

export async function handleInstall(context: TeamsTurn, bot: TeamsBotContext): Promise<void> {
  const activity = context.activity;
  if (activity.id && !(await bot.assistant.claimDelivery('teams', `install:${activity.id}`))) return;
  try {
    await rememberConversation(context, bot);
  } catch (err) {
    // The welcome still goes out; the reference is stored again on the next install event.
    bot.log.error('could not store the Teams conversation reference', { err: toAppError(err) });
  }
  const content = renderWelcomeCard({ name: isPersonal(activity) ? activity.from?.name : undefined, inChannel: !isPersonal(activity) });
  await context.sendActivity({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] });
}
