// Slack profiles (users.info) and user groups (usergroups.list), cached with a TTL: identity checks every
// turn for guest status, and mentions in a message become names, without a Web API call per message.
import type { webApi } from '@slack/bolt';

export interface SlackProfile {
  id: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  /** Multi-channel guest. */
  is_restricted?: boolean;
  /** Single-channel guest. */
  is_ultra_restricted?: boolean;
  profile?: { email?: string; real_name?: string; display_name?: string };
}

export interface PeopleOptions {
  /** How long a profile or the group list is trusted (name, guest status and email changes apply after it). */
  ttlMs?: number;
  now?: () => number;
  maxEntries?: number;
}

export function createPeopleDirectory(opts: PeopleOptions = {}) {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const profiles = new Map<string, { value: Promise<SlackProfile | undefined>; until: number }>();
  let groups: { value: Promise<Map<string, string> | undefined>; until: number } | undefined;

  /** The user's profile; undefined when Slack does not know them. Other failures (missing scope, deadline) throw. */
  function profile(client: webApi.WebClient, userId: string): Promise<SlackProfile | undefined> {
    const hit = profiles.get(userId);
    if (hit && hit.until > now()) return hit.value;
    if (profiles.size >= maxEntries) profiles.clear();
    const value = client.users.info({ user: userId }).then(
      (res) => (res as { user?: SlackProfile }).user,
      (err) => {
        profiles.delete(userId);
        if ((err as { data?: { error?: string } }).data?.error === 'user_not_found') return undefined;
        throw err;
      },
    );
    profiles.set(userId, { value, until: now() + ttlMs });
    return value;
  }

  /** Group id → handle; undefined when the app may not read user groups (no usergroups:read scope). */
  function userGroups(client: webApi.WebClient): Promise<Map<string, string> | undefined> {
    if (groups && groups.until > now()) return groups.value;
    const value = client.usergroups.list({}).then(
      (res) => new Map((res.usergroups ?? []).map((g) => [String(g.id), String(g.handle ?? g.name ?? g.id)])),
      () => undefined,
    );
    groups = { value, until: now() + ttlMs };
    return value;
  }

  return { profile, userGroups };
}

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;

export function displayName(p: SlackProfile): string {
  return p.profile?.display_name || p.real_name || p.profile?.real_name || p.name || p.id;
}
