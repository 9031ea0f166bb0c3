// Teams' adapter to the identity service (core/identity): who is talking and where — a Teams user (AAD
// object id + tenant) → SalesOS Actor, and an activity → the platform-neutral conversation key. Linking and
// provisioning follow the same rules as Slack (the service); what is Teams' own stays here: the member
// API for name and email, and re-keying an identity made from the channel user id once the AAD id arrives.
import type { Actor } from '../../core/agent/types.ts';
import type { UserRepository, User } from '../../core/db/users-repository.ts';
import { ForbiddenError } from '../../core/errors.ts';
import type { IdentityService } from '../../core/identity/identity-service.ts';
import type { Logger } from '../../core/log.ts';
import type { TeamsActivity, TeamsTurn } from './turn.ts';

export type TeamsUsers = Pick<
  UserRepository,
  'resolveIdentity' | 'linkIdentity' | 'markIdentityUnreachable' | 'create' | 'getByEmail' | 'identitiesOf' | 'findTeamsIdentity' | 'mergeIdentityKey'
>;

export interface TeamsIdentityOptions {
  identities: IdentityService;
  users: Pick<TeamsUsers, 'findTeamsIdentity' | 'mergeIdentityKey'>;
  log: Logger;
}

export function tenantOf(activity: TeamsActivity): string {
  const channelTenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? channelTenant ?? '';
}

/** The AAD object id; the emulator has none, so its user id stands in. */
export function externalUserIdOf(activity: TeamsActivity): string {
  return activity.from?.aadObjectId ?? activity.from?.id ?? '';
}

/** One Teams conversation = one memory: 1:1 chat, group chat, or a channel reply chain (its id carries ;messageid=). */
export function conversationKeyOf(activity: TeamsActivity): string {
  return `teams:${tenantOf(activity)}:${activity.conversation?.id ?? ''}`;
}

export function isPersonal(activity: TeamsActivity): boolean {
  return (activity.conversation?.conversationType ?? 'personal') === 'personal';
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
async function profileOf(context: TeamsTurn, log: Logger): Promise<Profile> {
  const from = context.activity.from;
  const fallback: Profile = { name: from?.name?.trim() || 'Teams user' };
  if (context.activity.channelId !== 'msteams' || !from?.id) return fallback;
  try {
    const member = await context.member(from.id);
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

export function createTeamsIdentity(opts: TeamsIdentityOptions) {
  const { identities, users, log } = opts;

  /**
   * The SalesOS user behind this activity's sender and the key their identity has. Keyed by tenant + AAD
   * object id; the channel user id (29:…) finds the same person when the AAD id is missing (member lookup
   * failed), and an identity made that way is re-keyed to the AAD id once it arrives: one person, one user.
   */
  async function resolve(context: TeamsTurn): Promise<{ user: User; externalUserId: string }> {
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
      const known = await identities.find({ platform: 'teams', tenantId, externalUserId: aadObjectId });
      if (known) return { user: known, externalUserId: aadObjectId };
    }
    const byChannelId = teamsUserId ? await users.findTeamsIdentity(tenantId, teamsUserId) : undefined;
    if (byChannelId) {
      if (aadObjectId && byChannelId.identity.externalUserId !== aadObjectId) {
        profile ??= await profileOf(context, log);
        try {
          await users.mergeIdentityKey(byChannelId.identity.id, aadObjectId, profile.email);
          log.info('teams identity now keyed by its AAD object id', { userId: byChannelId.user.id, tenantId });
          return {
            user: (await identities.find({ platform: 'teams', tenantId, externalUserId: aadObjectId })) ?? byChannelId.user,
            externalUserId: aadObjectId,
          };
        } catch (err) {
          log.warn('could not merge a Teams identity with its AAD object id', { err, userId: byChannelId.user.id });
        }
      }
      return { user: byChannelId.user, externalUserId: byChannelId.identity.externalUserId };
    }
    profile ??= await profileOf(context, log);
    // The emulator has neither an AAD id nor a member API: its user id stands in.
    const externalUserId = aadObjectId ?? (teamsUserId || externalUserIdOf(activity));
    // Without an email from Teams, a stable placeholder keeps the user unique; it is replaced when the real one is known.
    const email = profile.email ?? `teams-${externalUserId.replace(/[^a-zA-Z0-9_.-]/g, '-')}@teams.invalid`;
    const linked = await identities.provision({
      platform: 'teams',
      tenantId,
      externalUserId,
      name: profile.name,
      email,
      timeZone: activity.localTimezone,
      channelUserId: teamsUserId || undefined,
    });
    if (!linked.ok) throw new ForbiddenError('You do not have a SalesOS account yet. Ask your admin to add you.');
    return { user: linked.user, externalUserId };
  }

  async function userFor(context: TeamsTurn): Promise<User> {
    return (await resolve(context)).user;
  }

  return {
    resolve,
    userFor,
    async actorFor(context: TeamsTurn): Promise<Actor> {
      return toActor(await userFor(context));
    },
  };
}

export type TeamsIdentity = ReturnType<typeof createTeamsIdentity>;
