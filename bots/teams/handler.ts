// Routes Teams activities to the SalesOS flows: messages (and Action.Submit), installs, Action.Execute,
// feedback. adapter.ts dispatches each activity to one of these.
import type { TeamsBotContext } from './bot-context.ts';
import { handleFeedback } from './feedback.ts';
import { botWasAdded, botWasRemoved, handleInstall, handleUninstall, rememberConversation } from './install.ts';
import { cardActionOf, handleExecuteInvoke, handleSubmit } from './run-action.ts';
import { handleMessage } from './run-message.ts';
import type { TeamsRoutes, TeamsTurn } from './turn.ts';

export function teamsRoutes(bot: TeamsBotContext): TeamsRoutes {
  const uninstalled = async (turn: TeamsTurn) => {
    await handleUninstall(turn, bot).catch((err) => void bot.log.error('could not mark the Teams identity unreachable after uninstall', { err }));
  };
  return {
    async message(turn) {
      const submitted = cardActionOf(turn.activity.value);
      if (submitted) await handleSubmit(turn, bot, submitted);
      else await handleMessage(turn, bot);
    },
    async membersAdded(turn) {
      if (botWasAdded(turn)) await handleInstall(turn, bot);
    },
    async membersRemoved(turn) {
      if (botWasRemoved(turn)) await uninstalled(turn);
    },
    installationRemoved: uninstalled,
    async installationAdded(turn) {
      // conversationUpdate greets; this one only refreshes the stored reference (e.g. after an upgrade).
      await rememberConversation(turn, bot).catch((err) => bot.log.warn('could not refresh the Teams conversation reference', { err }));
    },
    async invoke(turn) {
      // Thumbs up/down under an AI reply.
      return turn.activity.name === 'message/submitAction' ? handleFeedback(turn, bot) : undefined;
    },
    cardAction: (turn, data) => handleExecuteInvoke(turn, bot, data),
  };
}
