// Who is talking and where: a Teams user (AAD object id + tenant) → SalesOS Actor, and an activity →
// the platform-neutral conversation key. Unknown users are provisioned as reps, as in Slack.
import { TeamsInfo, type Activity, type TurnContext } from 'botbuilder';
import type { Actor } from '../../core/agent/types.ts';
import type { UserRepository, User } from '../../core/db/users-repository.ts';
import { ConflictError, ForbiddenError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';

export type TeamsUsers = Pick<
  UserRepository,
  'resolveIdentity' | 'linkIdentity' | 'markIdentityUnreachable' | 'create' | 'getByEmail' | 'identitiesOf' | 'findTeamsIdentity' | 'mergeIdentityKey'
>;

export interface TeamsIdentityOptions {
  users: TeamsUsers;
  log: Logger;
  defaultTimeZone: string;
  /** 'deny' refuses people without a SalesOS account instead of creating one. */
  unknownUsers: 'provision' | 'deny';
}

export function tenantOf(activity: Partial<Activity>): string {
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? channelTenant ?? '';
}

/** The AAD object id; the emulator has none, so its user id stands in. */
export function externalUserIdOf(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId ?? activity.from?.id ?? '';
}

/** One Teams conversation = one memory: 1:1 chat, group chat, or a channel reply chain (its id carries ;messageid=). */
export function conversationKeyOf(activity: Partial<Activity>): string {
  return `teams:${tenantOf(activity)}:${activity.conversation?.id ?? ''}`;
}

export function isPersonal(activity: Partial<Activity>): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
}

function validTimeZone(tz: string | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function toActor(user: User): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone, teamId: user.teamId };
}

interface Profile {
  name: string;
  email?: string;
  aadObjectId?: string;
}

/** Name and email from Teams' member API; the activity only carries a display name. */
async function profileOf(context: TurnContext, log: Logger): Promise<Profile> {
  const from = context.activity.from;
  const fallback: Profile = { name: from?.name?.trim() || 'Teams user' };
  if (context.activity.channelId !== 'msteams') return fallback;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    return {
      name: member.name?.trim() || fallback.name,
      email: member.email ?? member.userPrincipalName ?? undefined,
      aadObjectId: member.aadObjectId ?? undefined,
    };
  } catch (err) {
    log.warn('teams member lookup failed; provisioning from the activity only', { err });
    return fallback;
  }
}

export function createIdentityResolver(opts: TeamsIdentityOptions) {
  const { users, log } = opts;

  /**
   * The SalesOS user behind this activity's sender and the key their identity has. Keyed by tenant + AAD
   * object id; the channel user id (29:…) finds the same person when the AAD id is missing (member lookup
   * failed), and an identity made that way is re-keyed to the AAD id once it arrives: one person, one user.
   */
  async function resolve(context: TurnContext): Promise<{ user: User; externalUserId: string }> {
    const activity = context.activity;
    const tenantId = tenantOf(activity);
    const teamsUserId = activity.from?.id ?? '';
    let profile: Profile | undefined;
    let aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId && activity.channelId === 'msteams') {
      profile = await profileOf(context, log);
      aadObjectId = profile.aadObjectId;
    }
    if (aadObjectId) {
      const known = await users.resolveIdentity('teams', tenantId, aadObjectId);
      if (known) return { user: known, externalUserId: aadObjectId };
    }
    const byChannelId = teamsUserId ? await users.findTeamsIdentity(tenantId, teamsUserId) : undefined;
    if (byChannelId) {
      if (aadObjectId && byChannelId.identity.externalUserId !== aadObjectId) {
        profile ??= await profileOf(context, log);
        try {
          await users.mergeIdentityKey(byChannelId.identity.id, aadObjectId, profile.email);
          log.info('teams identity now keyed by its AAD object id', { userId: byChannelId.user.id, tenantId });
          return { user: (await users.resolveIdentity('teams', tenantId, aadObjectId)) ?? byChannelId.user, externalUserId: aadObjectId };
        } catch (err) {
          log.warn('could not merge a Teams identity with its AAD object id', { err, userId: byChannelId.user.id });
        }
      }
      return { user: byChannelId.user, externalUserId: byChannelId.identity.externalUserId };
    }
    if (opts.unknownUsers === 'deny') throw new ForbiddenError('You do not have a SalesOS account yet. Ask your admin to add you.');

    profile ??= await profileOf(context, log);
    // The emulator has neither an AAD id nor a member API: its user id stands in.
    const externalUserId = aadObjectId ?? (teamsUserId || externalUserIdOf(activity));
    // Without an email from Teams, a stable placeholder keeps the user unique; it is replaced when the real one is known.
    const email = (profile.email ?? `teams-${externalUserId.replace(/[^a-zA-Z0-9_.-]/g, '-')}@teams.invalid`).toLowerCase();
    let user = await users.getByEmail(email);
    if (!user) {
      const timeZone = validTimeZone(activity.localTimezone) ? activity.localTimezone : opts.defaultTimeZone;
      try {
        user = await users.create({ email, name: profile.name, role: 'rep', timeZone });
        log.info('provisioned a SalesOS rep for a new Teams user', { userId: user.id, tenantId });
      } catch (err) {
        // Two first messages at once: the other one created the user.
        if (!(err instanceof ConflictError)) throw err;
        user = await users.getByEmail(email);
        if (!user) throw err;
      }
    }
    await users.linkIdentity({
      userId: user.id,
      platform: 'teams',
      tenantId,
      externalUserId,
      displayName: profile.name,
      teamsUserId: teamsUserId || undefined,
    });
    return { user, externalUserId };
  }

  async function userFor(context: TurnContext): Promise<User> {
    return (await resolve(context)).user;
  }

  return {
    resolve,
    userFor,
    async actorFor(context: TurnContext): Promise<Actor> {
      return toActor(await userFor(context));
    },
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
