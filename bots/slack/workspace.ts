// One workspace: SalesOS serves the Slack workspace of SLACK_TEAM_ID, or the bot token's own (auth.test) when
// it is unset. Anything from another workspace is refused before any listener runs, and logged.
import type { App } from '@slack/bolt';
import { log } from '../../core/log.ts';

export interface WorkspaceGate {
  /** The served workspace id; learned once from auth.test when not configured (a failure is retried next time). */
  teamId(): Promise<string>;
}

export function createWorkspaceGate(configured: string | undefined, learn: () => Promise<string | undefined>): WorkspaceGate {
  let known = configured;
  let learning: Promise<string> | undefined;
  return {
    teamId() {
      if (known) return Promise.resolve(known);
      learning ??= learn().then(
        (id) => {
          if (!id) throw new Error('auth.test returned no team_id');
          known = id;
          log.info('serving the Slack workspace of the bot token', { slackTeam: id });
          return id;
        },
        (err) => {
          learning = undefined;
          throw err;
        },
      );
      return learning;
    },
  };
}

/** The workspace a request comes from (events, interactivity, slash commands, views). */
export function teamOf(body: Record<string, any>): string | undefined {
  return body.team_id ?? body.team?.id ?? body.user?.team_id ?? body.view?.team_id ?? undefined;
}

/** Global middleware: requests from any other workspace stop here. */
export function refuseOtherWorkspaces(app: App, gate: WorkspaceGate): void {
  app.use(async ({ body, next }) => {
    const from = teamOf(body as Record<string, any>);
    const served = await gate.teamId();
    if (from !== served) {
      const b = body as Record<string, any>;
      log.warn('refused a Slack request from another workspace', { slackTeam: from ?? 'none', servedTeam: served, type: b.event?.type ?? b.type ?? b.command });
      return;
    }
    await next();
  });
}
