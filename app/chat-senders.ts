// Each chat platform's sender (replies, proactive messages and digests), built from config. The
// record is keyed by the registry's proactive platforms, so registering one without a sender here does
// not compile.
import { slackSenderFromConfig } from '../bots/slack/sender.ts';
import { teamsSenderFromConfig } from '../bots/teams/sender.ts';
import type { Config } from '../core/config.ts';
import { DigestRepository } from '../core/db/digest-repository.ts';
import { log, type Logger } from '../core/log.ts';
import { PROACTIVE_PLATFORMS, type ProactivePlatform } from '../core/platforms/registry.ts';
import { chatSenders, type ChatSender, type ChatSenders } from '../core/platforms/sender.ts';
import type { Container } from './container.ts';

type SenderFromConfig = (config: Config, identities: DigestRepository, log: Logger) => ChatSender | undefined;

const SENDERS: Record<ProactivePlatform, SenderFromConfig> = {
  slack: slackSenderFromConfig,
  teams: teamsSenderFromConfig,
};

/**
 * A sender for every configured platform. `mounted`: senders of bots this process already runs (the
 * Teams bot's own proactive sender), used instead of building a second one from config.
 */
export function buildChatSenders(container: Pick<Container, 'config' | 'db'>, mounted: ChatSender[] = []): ChatSenders {
  const identities = new DigestRepository(container.db.prisma);
  const ready = new Map(mounted.map((s) => [s.platform, s]));
  return chatSenders(...PROACTIVE_PLATFORMS.map((p) => ready.get(p) ?? SENDERS[p](container.config, identities, log)));
}
