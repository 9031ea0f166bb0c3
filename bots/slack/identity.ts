// Slack's adapter to the identity service (core/identity): a Slack user → SalesOS Actor. Known users come
// from platform identities; an unknown user's profile (users.info) goes to the service, which links or
// provisions them (SLACK_UNKNOWN_USERS) — or they are told how to get access. Every turn also checks the
// (cached) profile: guests follow SLACK_GUEST_USERS (deny, or read-only: no write tools), and people of
// another workspace (Slack Connect) are refused.
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/agent/types.ts';
import type { IdentityService } from '../../core/identity/identity-service.ts';
import { log } from '../../core/log.ts';
import type { PeopleDirectory, SlackProfile } from './people.ts';
import { slackErrorCode } from './web-api.ts';

export type IdentityResult = { ok: true; actor: Actor; provisioned?: boolean } | { ok: false; message: string };

export const ACCESS_DENIED_MESSAGE =
  "You don't have access to SalesOS yet. Ask your SalesOS admin to add you (`salesos users add <your email>`), then try again.";
export const NO_EMAIL_MESSAGE =
  "I couldn't read your email address from Slack, so I can't set up your SalesOS account. Ask your Slack admin to grant the app the users:read.email scope.";
export const NO_PROFILE_SCOPE_MESSAGE =
  "I can't read Slack profiles, so I can't tell who you are. Ask your Slack admin to grant the app the users:read and users:read.email scopes.";
export const GUEST_DENIED_MESSAGE = 'SalesOS is not available to guest accounts in this workspace. If you need it, ask your SalesOS admin.';
export const OTHER_WORKSPACE_MESSAGE = 'SalesOS only answers people of its own Slack workspace.';

export interface SlackIdentityOptions {
  identities: IdentityService;
  guestUsers: 'deny' | 'read-only';
  people: PeopleDirectory;
  /** Known identities are cached this long (role changes apply after it). */
  cacheMs?: number;
}

export function createSlackIdentity(opts: SlackIdentityOptions) {
  const cacheMs = opts.cacheMs ?? 30_000;
  const cache = new Map<string, { actor: Actor; until: number }>();

  /** Who may use SalesOS at all, from their Slack profile; the actor as this profile allows it. */
  function admit(profile: SlackProfile, teamId: string, actor?: Actor): IdentityResult | { ok: true; readOnly: boolean } {
    if (profile.is_bot || profile.deleted) return { ok: false, message: ACCESS_DENIED_MESSAGE };
    if (profile.team_id && profile.team_id !== teamId) {
      log.warn('refused a Slack user of another workspace', { slackTeam: profile.team_id, slackUser: profile.id });
      return { ok: false, message: OTHER_WORKSPACE_MESSAGE };
    }
    const guest = Boolean(profile.is_restricted || profile.is_ultra_restricted);
    if (guest && opts.guestUsers === 'deny') {
      log.info('refused a Slack guest (SLACK_GUEST_USERS=deny)', { slackUser: profile.id, userId: actor?.id });
      return { ok: false, message: GUEST_DENIED_MESSAGE };
    }
    return { ok: true, readOnly: guest };
  }

  async function profileOf(client: webApi.WebClient, userId: string): Promise<SlackProfile | { denied: IdentityResult }> {
    try {
      const profile = await opts.people.profile(client, userId);
      return profile ?? { denied: { ok: false, message: ACCESS_DENIED_MESSAGE } };
    } catch (err) {
      if (slackErrorCode(err) === 'missing_scope') {
        log.error('Slack refused users.info: the app lacks the users:read scope', { err });
        return { denied: { ok: false, message: NO_PROFILE_SCOPE_MESSAGE } };
      }
      throw err;
    }
  }

  /** `dmChannelId`: the user is writing in their DM with the bot; it is kept so digests can reach them there. */
  async function resolve(client: webApi.WebClient, teamId: string, userId: string, dmChannelId?: string): Promise<IdentityResult> {
    const found = await profileOf(client, userId);
    if ('denied' in found) return found.denied;
    const profile = found;
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return withProfile(admit(profile, teamId, hit.actor), hit.actor);

    const account = { platform: 'slack' as const, tenantId: teamId, externalUserId: userId };
    const address = dmChannelId ? { channel: dmChannelId } : undefined;
    const known = await opts.identities.find(account);
    if (known) {
      const admitted = admit(profile, teamId, known);
      if (!admitted.ok) return admitted;
      if (address) await opts.identities.link(known, { ...account, address });
      remember(key, known);
      return withProfile(admitted, known);
    }

    const admitted = admit(profile, teamId);
    if (!admitted.ok) return admitted;
    const email = profile.profile?.email;
    if (!email) return { ok: false, message: NO_EMAIL_MESSAGE };
    const name = profile.real_name || profile.profile?.real_name || profile.profile?.display_name || profile.name || email;
    const linked = await opts.identities.provision({ ...account, name, email, timeZone: profile.tz, address });
    if (!linked.ok) return { ok: false, message: ACCESS_DENIED_MESSAGE };
    remember(key, linked.user);
    return { ...(withProfile(admitted, linked.user) as { ok: true; actor: Actor }), provisioned: linked.provisioned };
  }

  /** A guest admitted read-only never gets write tools offered (tools/registry.ts honours `readOnly`). */
  function withProfile(admitted: IdentityResult | { ok: true; readOnly: boolean }, actor: Actor): IdentityResult {
    if (!admitted.ok) return admitted;
    const readOnly = 'readOnly' in admitted && admitted.readOnly;
    return { ok: true, actor: readOnly ? { ...actor, readOnly: true } : actor };
  }

  function remember(key: string, actor: Actor) {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { actor, until: Date.now() + cacheMs });
  }

  return { resolve };
}

export type SlackIdentity = ReturnType<typeof createSlackIdentity>;
