// Conversation keys: the unit of memory. A channel thread, a DM (or one of its threads), or one user's
// slash commands in one channel.
export function threadKey(teamId: string, channel: string, threadTs: string): string {
  return `slack:${teamId}:${channel}:${threadTs}`;
}

export function dmKey(teamId: string, channel: string, threadTs?: string): string {
  return threadTs ? threadKey(teamId, channel, threadTs) : `slack:${teamId}:${channel}`;
}

export function commandKey(teamId: string, channel: string, userId: string): string {
  return `slack:${teamId}:${channel}:cmd:${userId}`;
}

/** Drop the bot's own "<@UBOT>" so the model sees only the question; line breaks (a pasted email) stay. */
export function stripMention(text: string, botUserId?: string): string {
  const own = botUserId ? ownMention(botUserId) : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text
    .replace(own, '')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

// One bot user id per process: its pattern is compiled once, not per message.
let own: { id: string; pattern: RegExp } | undefined;
function ownMention(botUserId: string): RegExp {
  if (own?.id !== botUserId) own = { id: botUserId, pattern: new RegExp(`<@${botUserId.replace(/[^A-Za-z0-9]/g, '')}(\\|[^>]*)?>`, 'g') };
  return own.pattern;
}
