// The App Home tab (app_home_opened): each time a rep opens it, their budget today and their newest leads
// (views.publish). Who may see it follows the same identity rules as a message.
import type { App } from '@slack/bolt';
import { log } from '../../../core/log.ts';
import { renderHome, renderHomeMessage } from '../blocks/render-home.ts';
import type { ListenerDeps } from '../deps.ts';

const UNAVAILABLE = "I couldn't load your overview just now. Open this tab again in a moment.";

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home' || !deps.assistant.overview) return;
    if (!(await deps.assistant.claimDelivery('slack', body.event_id))) return;
    const teamId = body.team_id ?? context.teamId ?? '';
    let view;
    try {
      const who = await deps.identity.resolve(client, teamId, event.user);
      view = who.ok ? renderHome(await deps.assistant.overview(who.actor, 'slack')) : renderHomeMessage(who.message);
    } catch (err) {
      log.error('could not build the Slack App Home', { err, slackUser: event.user });
      view = renderHomeMessage(UNAVAILABLE);
    }
    try {
      await client.views.publish({ user_id: event.user, view: view as never });
    } catch (err) {
      log.warn('could not publish the Slack App Home', { err, slackUser: event.user });
    }
  });
}
