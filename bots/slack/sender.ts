// Slack's ChatSender: replies to a turn through stream.ts (the surface the turn came from), and digests
// and other unasked messages as a DM, in the IM channel with the bot (opened
// with conversations.open the first time, then remembered as the identity's address {"channel": "D…"}).
// Retries belong to the caller (the digest queue records each attempt and honours Retry-After), so the
// Web API client itself does not retry. Every digest carries its run id in the message metadata; when an
// earlier attempt may have got through (a crash, a timeout, a 5xx), the DM's recent history is read first
// and a found message counts as sent.
import { LogLevel, webApi } from '@slack/bolt';
import type { DigestCard } from '../../core/cards.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/log.ts';
import { DependencyError } from '../../core/errors.ts';
import {
  asReply,
  DeliveryFailure,
  type ChatAddress,
  type ChatSender,
  type DigestSendContext,
  type ProactiveMessage,
  type Recipient,
  type SendResult,
} from '../../core/platforms/sender.ts';
import { renderCard as renderDigest } from './blocks/render-card.ts';
import { renderReply } from './blocks/render-reply.ts';
import { type DeliveryOptions, type DeliveryResult, slackReplies } from './stream.ts';
import type { ReplySurface } from './surfaces.ts';

export interface SlackSenderOptions {
  botToken: string;
  /** SLACK_API_URL (tests, proxies); Slack's own API when unset. */
  apiUrl?: string;
  identities: {
    /** Remembers the DM channel as the identity's address, so later messages skip conversations.open. */
    saveAddress(identityId: string, address: ChatAddress): Promise<void>;
    markIdentityUnreachable(id: string, reason: string): Promise<void>;
  };
  log: Logger;
  timeoutMs?: number;
  /** Pacing of live replies (stream.ts). */
  delivery?: DeliveryOptions;
}

/** Slack's sender: its replies open on a turn's ReplySurface and report a DeliveryResult. */
export type SlackChatSender = ChatSender<ReplySurface, DeliveryResult>;

/** The metadata event type of a digest message (Slack's message metadata: event_type + event_payload). */
export const DIGEST_EVENT_TYPE = 'salesos_digest';
// How far back the DM's history is read for an earlier post of the same run.
const HISTORY_LIMIT = 50;

// Errors that say this user can never get a DM from us (until someone relinks them).
const UNREACHABLE = new Set([
  'user_not_found',
  'users_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'user_is_restricted',
  'team_access_not_granted',
  'messages_tab_disabled',
]);
// ok:false answers after which Slack may still have stored the message.
const MAYBE_POSTED = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

function platformError(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

/** The DM channel stored as a Slack identity's address, if any. */
export function dmChannelOf(address: unknown): string | undefined {
  const channel = (address as { channel?: unknown } | null)?.channel;
  return typeof channel === 'string' && channel ? channel : undefined;
}

/** A Web API failure as a DeliveryFailure: whether the post may have landed, and Slack's Retry-After. */
function failure(err: unknown, posting: boolean, what: string): DeliveryFailure {
  const e = err as { code?: string; retryAfter?: number };
  if (e?.code === webApi.ErrorCode.RateLimitedError)
    return new DeliveryFailure('slack', `Slack is rate limiting us (retry after ${e.retryAfter ?? '?'} s).`, {
      cause: err,
      uncertain: false,
      retryAfterMs: (e.retryAfter ?? 1) * 1000,
    });
  const code = platformError(err);
  const uncertain = posting && (code === undefined || MAYBE_POSTED.has(code));
  return new DeliveryFailure('slack', `Slack did not accept the ${what}.`, { cause: err, uncertain });
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { run_id?: string } };
}

export function createSlackSender(opts: SlackSenderOptions): SlackChatSender {
  const client = new webApi.WebClient(opts.botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });

  async function dmChannel(to: Recipient): Promise<string> {
    const stored = dmChannelOf(to.address);
    if (stored) return stored;
    if (!to.externalUserId) throw new DependencyError('slack', 'No Slack user to open a DM with.', { retryable: false });
    const opened = await client.conversations.open({ users: to.externalUserId });
    const channel = opened.channel?.id;
    if (!channel) throw new DependencyError('slack', 'Slack did not open a DM channel.', { retryable: true });
    await opts.identities.saveAddress(to.id, { channel });
    return channel;
  }

  /** A refusal that says this user can never get a DM from us: marked unreachable, else undefined. */
  async function unreachable(to: Recipient, err: unknown): Promise<SendResult | undefined> {
    const code = platformError(err);
    if (!code || !UNREACHABLE.has(code)) return undefined;
    const reason = `Slack refused the DM (${code})`;
    await opts.identities.markIdentityUnreachable(to.id, reason);
    opts.log.warn('slack identity unreachable; messages to it stop until it is linked again', { identityId: to.id, code });
    return { status: 'unreachable', reason };
  }

  /** The ts of this run's digest in the DM, if an earlier attempt posted it. */
  async function findEarlierPost(channel: string, runId: string): Promise<string | undefined> {
    const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
    const found = (history.messages as HistoryMessage[] | undefined)?.find(
      (m) => m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.run_id === runId,
    );
    return found?.ts;
  }

  async function sendDigest(to: Recipient, card: DigestCard, ctx: DigestSendContext): Promise<SendResult> {
    if (to.unreachableAt) return { status: 'skipped', reason: 'identity is marked unreachable' };
    let posting = false;
    try {
      const { blocks, text } = renderDigest(card);
      const channel = await dmChannel(to);
      if (ctx.recheck) {
        const ts = await findEarlierPost(channel, ctx.runId);
        if (ts) {
          opts.log.info('digest found in the Slack DM from an earlier attempt; not posting again', { identityId: to.id, runId: ctx.runId, ts });
          return { status: 'sent', ref: ts };
        }
      }
      posting = true;
      const posted = await client.chat.postMessage({
        channel,
        blocks,
        text,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { run_id: ctx.runId } },
      });
      return { status: 'sent', ref: posted.ts };
    } catch (err) {
      const refused = await unreachable(to, err);
      if (refused) return refused;
      // A failed history read leaves the earlier attempt as uncertain as it was.
      throw failure(err, posting || ctx.recheck, 'digest');
    }
  }

  /** A message nobody asked for, as one or more DMs (a long reply is split within Slack's block limit). */
  async function sendProactive(to: Recipient, message: ProactiveMessage): Promise<SendResult> {
    if (to.unreachableAt) return { status: 'skipped', reason: 'identity is marked unreachable' };
    let posting = false;
    let first: string | undefined;
    try {
      const channel = await dmChannel(to);
      for (const [i, part] of renderReply(asReply(message)).entries()) {
        posting = true;
        const posted = await client.chat.postMessage({ channel, ...part, unfurl_links: false, unfurl_media: false });
        if (i === 0) first = posted.ts;
      }
      return { status: 'sent', ref: first };
    } catch (err) {
      const refused = await unreachable(to, err);
      if (refused) return refused;
      throw failure(err, posting, 'message');
    }
  }

  return { platform: 'slack', ...slackReplies(opts.delivery), sendDigest, sendProactive };
}

/** For every process that sends unasked (the server, `salesos worker`, `salesos digest --send`): a sender when SLACK_BOT_TOKEN is set. */
export function slackSenderFromConfig(config: Pick<Config, 'slack'>, identities: SlackSenderOptions['identities'], log: Logger): SlackChatSender | undefined {
  const { botToken, apiUrl } = config.slack;
  return botToken ? createSlackSender({ botToken, apiUrl, identities, log }) : undefined;
}
