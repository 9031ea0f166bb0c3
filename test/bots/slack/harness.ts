// The Slack bot as it runs in production, for end-to-end tests and the benchmark: our HTTP server with the
// bot mounted at POST /slack/events, the real assistant (offline model) over a fresh PostgreSQL database,
// and the fake Slack Web API. Requests are signed as Slack signs them.
import { buildContainer, type Container } from '../../../app/container.ts';
import { createHttpServer, type HttpServer } from '../../../app/http-server.ts';
import { createSlackBot, SLACK_EVENTS_PATH, type SlackBot, type SlackBotOptions } from '../../../bots/slack/app.ts';
import { loadConfig } from '../../../core/config.ts';
import { DemoRepository } from '../../../core/db/demo-repository.ts';
import { seedDemoOrganisation } from '../../../core/demo/seed.ts';
import type { Assistant } from '../../../assistant/assistant-contract.ts';
import type { ReplyEvent, Turn } from '../../../core/agent/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';
import {
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  FAKE_TEAM_ID,
  SLACK_TEST_NOW_S,
  signSlackRequest,
  startFakeSlackApi,
  type FakeSlackApi,
} from '../../support/fake-slack-api.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM = FAKE_TEAM_ID;
export const BOT_USER = FAKE_BOT_USER_ID;

export interface HarnessOptions {
  unknownUsers?: 'provision' | 'deny';
  streaming?: boolean;
  delivery?: SlackBotOptions['delivery'];
  /** Seed the demo organisation with this many leads (0: empty database). */
  demoLeads?: number;
  /** Wrap the real assistant (e.g. to observe calls) — never replace it. */
  wrapAssistant?: (real: Assistant) => Assistant;
  /** Clock of the profile / user-group cache, to expire it without waiting. */
  peopleClock?: () => number;
  /** Turns running and waiting at once (the turn gate's bounds). */
  turns?: SlackBotOptions['turns'];
  /** More environment (SLACK_API_TIMEOUT_MS, SLACK_TEAM_ID, SLACK_GUEST_USERS…). */
  env?: Record<string, string>;
  /** Clock the signatures are checked against; tests sign at SLACK_TEST_NOW_S, the benchmark at the real time. */
  now?: () => number;
}

export interface SlackHarness {
  db: TestDatabase;
  fake: FakeSlackApi;
  container: Container;
  bot: SlackBot;
  http: HttpServer;
  url: string;
  /** POST a raw body with headers; signed unless `headers` override the signature. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  /** An Events API callback wrapping `event`. */
  sendEvent(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number; teamId?: string }): Promise<Response>;
  sendCommand(text: string, opts?: { userId?: string; channel?: string; triggerId?: string; responseId?: string }): Promise<Response>;
  sendAction(payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

let eventCounter = 0;
export const nextEventId = () => `Ev${Date.now().toString(36)}${++eventCounter}`;

/** The real assistant with only its turns replaced (observed, held, paced): every other call goes to it unchanged. */
export function withTurns(real: Assistant, handleTurn: (turn: Turn) => AsyncIterable<ReplyEvent>): Assistant {
  return {
    claimDelivery: (p, id) => real.claimDelivery(p, id),
    releaseDelivery: (p, id) => real.releaseDelivery(p, id),
    checkAction: (actor, action) => real.checkAction(actor, action),
    rateReply: (rating) => real.rateReply(rating),
    handleAction: (r) => real.handleAction(r),
    handleTurn,
  };
}

export async function startSlackHarness(opts: HarnessOptions = {}): Promise<SlackHarness> {
  const db = await createTestDatabase();
  const fake = await startFakeSlackApi();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgresql://unused/in-tests',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_UNKNOWN_USERS: opts.unknownUsers ?? 'provision',
    ...opts.env,
  });
  if (opts.demoLeads) await seedDemoOrganisation(new DemoRepository(db.prisma), { leads: opts.demoLeads, seed: 7 });
  const container = await buildContainer({ config, db, close: async () => undefined });
  const assistant = opts.wrapAssistant ? opts.wrapAssistant(container.assistant) : container.assistant;
  const bot = createSlackBot({
    config,
    assistant,
    users: container.users,
    audit: container.guards.audit,
    botUserId: FAKE_BOT_USER_ID,
    botId: FAKE_BOT_ID,
    streaming: opts.streaming,
    delivery: opts.delivery,
    people: opts.peopleClock ? { now: opts.peopleClock } : undefined,
    turns: opts.turns,
    // Signatures are checked against the instant the tests sign at, not the real clock.
    now: opts.now ?? (() => SLACK_TEST_NOW_S * 1000),
  });
  // As `salesos start` does: learns the workspace from auth.test unless SLACK_TEAM_ID is set.
  await bot.start();
  const http = createHttpServer();
  http.route('POST', SLACK_EVENTS_PATH, bot.handler!);
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`;

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, ...signSlackRequest(SIGNING_SECRET, body), ...headers } });

  return {
    db,
    fake,
    container,
    bot,
    http,
    url,
    post,
    sendEvent(event, o = {}) {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: o.teamId ?? TEAM,
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: o.eventId ?? nextEventId(),
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
        event,
      });
      return post(body, 'application/json', o.retryNum ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {});
    },
    sendCommand(text, o = {}) {
      const form = new URLSearchParams({
        token: 'legacy',
        team_id: TEAM,
        channel_id: o.channel ?? 'C1',
        user_id: o.userId ?? 'U1',
        user_name: 'rita',
        command: '/salesos',
        text,
        api_app_id: 'A1',
        response_url: fake.responseUrl(o.responseId ?? 'cmd'),
        trigger_id: o.triggerId ?? `trig.${nextEventId()}`,
      }).toString();
      return post(form, 'application/x-www-form-urlencoded');
    },
    sendAction(payload) {
      const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(form, 'application/x-www-form-urlencoded');
    },
    async close() {
      await http.close(1_000);
      await fake.close();
      await db.drop();
    },
  };
}

/** A block_actions payload as Slack sends it for a click on `button` in a channel message. */
export function buttonClick(opts: {
  button: { action_id: string; value: string; text?: string };
  userId?: string;
  channel?: string;
  messageTs: string;
  threadTs?: string;
  ephemeral?: boolean;
  responseId?: string;
  fake: FakeSlackApi;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: TEAM, domain: 'acme' },
    user: { id: opts.userId ?? 'U1', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trig.${nextEventId()}`,
    container: { type: 'message', message_ts: opts.messageTs, channel_id: opts.channel ?? 'C1', is_ephemeral: Boolean(opts.ephemeral) },
    channel: { id: opts.channel ?? 'C1' },
    message: opts.ephemeral ? undefined : { ts: opts.messageTs, thread_ts: opts.threadTs, type: 'message', text: '' },
    response_url: opts.fake.responseUrl(opts.responseId ?? 'act'),
    actions: [
      {
        type: 'button',
        action_id: opts.button.action_id,
        block_id: 'b1',
        value: opts.button.value,
        text: { type: 'plain_text', text: opts.button.text ?? 'x' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** Buttons found in a Slack API call's blocks. */
export function buttonsIn(blocks: any[] | undefined): { text: string; action_id: string; value: string }[] {
  return (blocks ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.map((e: any) => ({ text: e.text.text, action_id: e.action_id, value: e.value })));
}
