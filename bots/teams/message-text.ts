// The text of a Teams message as the person wrote it: line breaks and paragraphs kept (a pasted email keeps
// its shape), other people's @mentions read as their names, and only the bot's own @mention removed.
import type { TeamsActivity, TeamsEntity } from './turn.ts';

interface MentionEntity extends TeamsEntity {
  type: 'mention';
  text?: string;
  mentioned?: { id?: string; name?: string };
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function messageText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity.type !== 'mention' || !entity.text) continue;
    const own = Boolean(botId) && entity.mentioned?.id === botId;
    const name = entity.mentioned?.name ?? entity.text.replace(/<\/?at>/g, '');
    text = text.split(entity.text).join(own ? '' : name);
  }
  return (
    text
      // Mention markup without an entity (older clients) still reads as the name.
      .replace(/<at>([^<]*)<\/at>/g, '$1')
      .replace(/\r\n?/g, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m)
      // Runs of spaces inside a line and spaces at line ends are layout, not content; line breaks are content.
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
