// Routes Teams activities to the SalesOS flows: messages (and Action.Submit), installs, Action.Execute.
import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { TeamsBotContext } from './bot-context.ts';
import { handleFeedback } from './feedback.ts';
import { botWasAdded, botWasRemoved, handleInstall, handleUninstall, rememberConversation } from './install.ts';
import { cardActionOf, handleExecuteInvoke, handleSubmit } from './run-action.ts';
import { handleMessage } from './run-message.ts';

export class TeamsActivityRouter extends ActivityHandler {
  constructor(private readonly bot: TeamsBotContext) {
    super();
    this.onMessage(async (context, next) => {
      const submitted = cardActionOf(context.activity.value);
      if (submitted) await handleSubmit(context, bot, submitted);
      else await handleMessage(context, bot);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (botWasAdded(context)) await handleInstall(context, bot);
      await next();
    });
    const uninstalled = async (context: TurnContext) =>
      handleUninstall(context, bot).catch((err) => bot.log.error('could not mark the Teams identity unreachable after uninstall', { err }));
    this.onInstallationUpdateRemove(async (context, next) => {
      await uninstalled(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (botWasRemoved(context)) await uninstalled(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // conversationUpdate greets; this one only refreshes the stored reference (e.g. after an upgrade).
      await rememberConversation(context, bot).catch((err) => bot.log.warn('could not refresh the Teams conversation reference', { err }));
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // Thumbs up/down under an AI reply.
    if (context.activity.name === 'message/submitAction') return handleFeedback(context, this.bot);
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return handleExecuteInvoke(context, this.bot, invokeValue.action?.data);
  }
}
