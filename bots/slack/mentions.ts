// Slack's wire format → the text the rep sees: `<@U123>` becomes "@Rita Rep" (users.info, cached),
// `<!subteam^S1>` becomes "@sales" (usergroups.list where the app has usergroups:read; its label otherwise),
// `<#C1|deals>` "#deals", `<mailto:a@b.co|a@b.co>` "a@b.co", `<https://x.io|x.io>` "x.io", and &lt; &gt;
// &amp; are decoded. The model then reads names, not ids; line breaks are left as the rep typed them.
import type { webApi } from '@slack/bolt';
import { log } from '../../core/log.ts';
import { displayName, type PeopleDirectory } from './people.ts';

const TOKEN = /<([@#!])([^>|]+)(?:\|([^>]*))?>|<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>/g;

export async function mentionsToNames(client: webApi.WebClient, people: PeopleDirectory, text: string): Promise<string> {
  const users = new Set<string>();
  let needGroups = false;
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] === '@' && !m[3]) users.add(m[2]!);
    if (m[1] === '!' && m[2]!.startsWith('subteam^') && !m[3]) needGroups = true;
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...users].map(async (id) => {
      try {
        const p = await people.profile(client, id);
        if (p) names.set(id, displayName(p));
      } catch (err) {
        log.debug('could not name a mentioned Slack user', { err, slackUser: id });
      }
    }),
  );
  const groups = needGroups ? await people.userGroups(client) : undefined;

  const named = text.replace(TOKEN, (_all, sigil: string, id: string, label: string | undefined, url: string, urlLabel: string | undefined) => {
    if (url) {
      const plain = url.replace(/^mailto:/, '').replace(/^https?:\/\//, '');
      if (!urlLabel || urlLabel === plain || urlLabel === url) return url.startsWith('mailto:') ? plain : (urlLabel ?? url);
      return `${urlLabel} (${url.replace(/^mailto:/, '')})`;
    }
    if (sigil === '@') return `@${label || names.get(id) || 'unknown user'}`;
    if (sigil === '#') return label ? `#${label}` : 'a channel';
    if (id.startsWith('subteam^')) {
      const group = id.slice('subteam^'.length);
      const handle = label?.replace(/^@/, '') || groups?.get(group);
      return handle ? `@${handle}` : '@a user group';
    }
    return `@${id.split('^')[0]}`; // <!here>, <!channel>, <!everyone>
  });
  return named.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
