// One identity-provisioning service for every chat platform: a chat account (platform, workspace or
// tenant, the platform's user id) → its SalesOS user. A linked account is looked up; an unlinked one is
// linked to the SalesOS user with its email, and when nobody has that email a rep is created — unless the
// deployment refuses unknown people (SLACK_UNKNOWN_USERS=deny). Who may talk at all (Slack guests, other
// workspaces) and how a profile is read stay in each platform's thin adapter (bots/<platform>/identity.ts).
import { isTimeZone } from '../time-zone.ts';
import type { UserRepository, User } from '../db/users-repository.ts';
import type { Logger } from '../log.ts';
import { PLATFORMS, type Platform } from '../platforms/registry.ts';
import type { ChatAddress } from '../platforms/sender.ts';

/** What the service needs from the user repository (core/db/users-repository.ts). */
export type IdentityUsers = Pick<UserRepository, 'resolveIdentity' | 'getByEmail' | 'create' | 'linkIdentity'>;

export interface ChatAccount {
  platform: Platform;
  /** Slack workspace id or Teams tenant id; "" where there is none. */
  tenantId: string;
  /** Slack user id, Teams AAD object id. */
  externalUserId: string;
}

/** What the platform knows about the person behind an account. */
export interface AccountProfile extends ChatAccount {
  name: string;
  email: string;
  /** The platform's IANA zone for the person; the deployment's default when missing or unknown. */
  timeZone?: string;
  /** Where a bot can write to the account unasked, when this message tells (a Slack DM). */
  address?: ChatAddress;
  /** Teams: the channel's user id (29:…), present even when the AAD object id is not. */
  channelUserId?: string;
}

export type ProvisionResult = { ok: true; user: User; provisioned: boolean } | { ok: false; reason: 'no_account' };

export interface IdentityServiceOptions {
  users: IdentityUsers;
  /** 'deny' links people who already have a SalesOS account (by email) and refuses everyone else. */
  unknownUsers: 'provision' | 'deny';
  defaultTimeZone: string;
  log: Logger;
}

/** New people join as reps without a team; a manager or admin role is given by an admin (`salesos users`). */
const NEW_USER_ROLE = 'rep';

export function createIdentityService(opts: IdentityServiceOptions) {
  const { users, log } = opts;

  /** The active SalesOS user linked to this account, if any. */
  async function find(account: ChatAccount): Promise<User | undefined> {
    return users.resolveIdentity(account.platform, account.tenantId, account.externalUserId);
  }

  /** Link (or refresh) the account on a user: a newer name or address; an unreachable link becomes reachable. */
  async function link(user: Pick<User, 'id'>, profile: ChatAccount & Partial<Pick<AccountProfile, 'name' | 'address' | 'channelUserId'>>): Promise<void> {
    await users.linkIdentity({
      userId: user.id,
      platform: profile.platform,
      tenantId: profile.tenantId,
      externalUserId: profile.externalUserId,
      displayName: profile.name,
      address: profile.address,
      teamsUserId: profile.channelUserId,
    });
  }

  /** An account seen for the first time: linked to the user with its email, or to a new rep when allowed. */
  async function provision(profile: AccountProfile): Promise<ProvisionResult> {
    const email = profile.email.trim().toLowerCase();
    const where = { platform: profile.platform, tenantId: profile.tenantId, externalUserId: profile.externalUserId };
    let user = await users.getByEmail(email);
    let provisioned = false;
    if (!user) {
      if (opts.unknownUsers === 'deny') {
        log.info('a chat user without a SalesOS account was refused (unknown users: deny)', where);
        return { ok: false, reason: 'no_account' };
      }
      const timeZone = isTimeZone(profile.timeZone) ? profile.timeZone : opts.defaultTimeZone;
      try {
        user = await users.create({ email, name: profile.name, role: NEW_USER_ROLE, timeZone });
        provisioned = true;
      } catch (err) {
        // Two first messages at once (two replicas, two events): the other one created the user.
        user = await users.getByEmail(email);
        if (!user) throw err;
      }
    }
    await link(user, profile);
    if (provisioned) log.info(`provisioned a SalesOS rep from ${PLATFORMS[profile.platform].label}`, { userId: user.id, ...where });
    return { ok: true, user, provisioned };
  }

  return { find, link, provision };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
