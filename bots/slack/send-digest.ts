// Sends a manager's digest as a Slack DM: the Block Kit digest in the IM channel with the bot (opened with
// conversations.open the first time, then remembered on the identity). Retries belong to the digest
// queue, which records each attempt, so the Web API client itself does not retry (not even a 429).
import { LogLevel, webApi } from '@slack/bolt';
import type { DigestCard } from '../../core/cards.ts';
import type { DeliveryResult, DigestIdentity, DigestSender } from '../../core/digest/deliver.ts';
import { DependencyError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { renderDigest } from './blocks/render-digest.ts';

export interface SlackDigestOptions {
  botToken: string;
  /** SLACK_API_URL (tests, proxies); Slack's own API when unset. */
  apiUrl?: string;
  identities: {
    /** Remembers the DM channel on the identity, so later digests skip conversations.open. */
    saveSlackDmChannel(identityId: string, channelId: string): Promise<void>;
    markIdentityUnreachable(id: string, reason: string): Promise<void>;
  };
  log: Logger;
  timeoutMs?: number;
}

// Errors that say this user can never get a DM from us (until someone relinks them).
const UNREACHABLE = new Set([
  'user_not_found', 'users_not_found', 'user_disabled', 'account_inactive', 'cannot_dm_bot', 'channel_not_found',
  'is_archived', 'not_in_channel', 'user_is_restricted', 'team_access_not_granted', 'messages_tab_disabled',
]);

function platformError(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

export function createSlackDigestSender(opts: SlackDigestOptions): DigestSender {
  const client = new webApi.WebClient(opts.botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: opts.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });

  async function dmChannel(identity: DigestIdentity): Promise<string> {
    if (identity.slackDmChannelId) return identity.slackDmChannelId;
    const opened = await client.conversations.open({ users: identity.externalUserId });
    const channel = opened.channel?.id;
    if (!channel) throw new DependencyError('slack', 'Slack did not open a DM channel.', { retryable: true });
    await opts.identities.saveSlackDmChannel(identity.id, channel);
    return channel;
  }

  return async function sendSlackDigest(identity: DigestIdentity, card: DigestCard): Promise<DeliveryResult> {
    if (identity.unreachableAt) return { status: 'skipped', reason: 'identity is marked unreachable' };
    try {
      const { blocks, text } = renderDigest(card);
      const channel = await dmChannel(identity);
      const posted = await client.chat.postMessage({ channel, blocks, text, unfurl_links: false, unfurl_media: false });
      return { status: 'sent', ref: posted.ts };
    } catch (err) {
      const code = platformError(err);
      if (code && UNREACHABLE.has(code)) {
        const reason = `Slack refused the DM (${code})`;
        await opts.identities.markIdentityUnreachable(identity.id, reason);
        opts.log.warn('slack identity unreachable; digests to it stop until it is linked again', { identityId: identity.id, code });
        return { status: 'unreachable', reason };
      }
      throw new DependencyError('slack', 'Slack did not accept the digest; it will be retried.', { cause: err, retryable: true });
    }
  };
}
