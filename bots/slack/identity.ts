// Slack user → SalesOS Actor. Known users come from platform identities; an unknown user is looked up with
// users.info and either provisioned as a rep (SLACK_UNKNOWN_USERS=provision) or told how to get access (deny).
import type { webApi } from '@slack/bolt';
import type { Actor, Platform, Role } from '../../core/agent/types.ts';
import { log } from '../../core/log.ts';

/** What the bot needs from the user repository; core/db/users-repository.ts's UserRepository fits. */
export interface UserDirectory {
  resolveIdentity(platform: Platform, tenantId: string, externalUserId: string): Promise<Actor | null | undefined>;
  getByEmail(email: string): Promise<Actor | null | undefined>;
  create(input: { email: string; name: string; role: Role; timeZone: string }): Promise<Actor>;
  linkIdentity(input: {
    userId: string;
    platform: Platform;
    tenantId: string;
    externalUserId: string;
    displayName?: string;
    slackDmChannelId?: string;
  }): Promise<unknown>;
}

export type IdentityResult = { ok: true; actor: Actor; provisioned?: boolean } | { ok: false; message: string };

export const ACCESS_DENIED_MESSAGE =
  "You don't have access to SalesOS yet. Ask your SalesOS admin to add you (`salesos users add <your email>`), then try again.";
const NO_EMAIL_MESSAGE =
  "I couldn't read your email address from Slack, so I can't set up your SalesOS account. Ask your Slack admin to grant the app the users:read.email scope.";

interface SlackProfile {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { email?: string; real_name?: string; display_name?: string };
}

export interface IdentityResolverOptions {
  users: UserDirectory;
  unknownUsers: 'provision' | 'deny';
  /** Known identities are cached this long (role changes apply after it). */
  cacheMs?: number;
}

export function createIdentityResolver(opts: IdentityResolverOptions) {
  const cacheMs = opts.cacheMs ?? 30_000;
  const cache = new Map<string, { actor: Actor; until: number }>();

  /** `dmChannelId`: the user is writing in their DM with the bot; it is kept so digests can reach them there. */
  async function resolve(client: webApi.WebClient, teamId: string, userId: string, dmChannelId?: string): Promise<IdentityResult> {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return { ok: true, actor: hit.actor };

    const known = await opts.users.resolveIdentity('slack', teamId, userId);
    if (known) {
      if (dmChannelId) await opts.users.linkIdentity({ userId: known.id, platform: 'slack', tenantId: teamId, externalUserId: userId, slackDmChannelId: dmChannelId });
      remember(key, known);
      return { ok: true, actor: known };
    }

    const info = (await client.users.info({ user: userId })) as { user?: SlackProfile };
    const profile = info.user;
    if (!profile || profile.is_bot || profile.deleted) return { ok: false, message: ACCESS_DENIED_MESSAGE };
    const email = profile.profile?.email?.toLowerCase();
    if (!email) return { ok: false, message: NO_EMAIL_MESSAGE };
    const name = profile.real_name || profile.profile?.real_name || profile.profile?.display_name || profile.name || email;

    let actor = await opts.users.getByEmail(email);
    let provisioned = false;
    if (!actor) {
      if (opts.unknownUsers === 'deny') {
        log.info('slack user without SalesOS access', { slackTeam: teamId, slackUser: userId });
        return { ok: false, message: ACCESS_DENIED_MESSAGE };
      }
      try {
        actor = await opts.users.create({ email, name, role: 'rep', timeZone: validTimeZone(profile.tz) });
        provisioned = true;
      } catch (err) {
        // Two replicas provisioning the same person at once: the other one won, use its row.
        actor = await opts.users.getByEmail(email);
        if (!actor) throw err;
      }
    }
    await opts.users.linkIdentity({ userId: actor.id, platform: 'slack', tenantId: teamId, externalUserId: userId, displayName: name, slackDmChannelId: dmChannelId });
    if (provisioned) log.info('provisioned a SalesOS rep from Slack', { userId: actor.id, slackTeam: teamId, slackUser: userId });
    remember(key, actor);
    return { ok: true, actor, provisioned };
  }

  function remember(key: string, actor: Actor) {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { actor, until: Date.now() + cacheMs });
  }

  return { resolve };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;

function validTimeZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}
