// Which Microsoft Entra tenants may talk to the bot. A valid Bot Framework token proves the activity came
// through the Bot Connector for this app id, not which organisation sent it: a MultiTenant app can be
// installed by anyone, so the activity's own tenant is checked against the configuration.
import type { Config } from '../../core/config.ts';
import type { TeamsActivity } from './turn.ts';

export interface TenantGate {
  /** undefined accepts every tenant. */
  allowed?: ReadonlySet<string>;
  /** Why an activity is refused, or undefined when it may pass. */
  refusal(activity: TeamsActivity): string | undefined;
}

export function tenantGate(teams: Pick<Config['teams'], 'appType' | 'tenantId' | 'allowedTenants'>): TenantGate {
  const single = teams.appType !== 'MultiTenant' && teams.tenantId;
  const list = single ? [teams.tenantId!] : teams.allowedTenants;
  const allowed = list?.length ? new Set(list.map((t) => t.toLowerCase())) : undefined;
  return {
    allowed,
    refusal(activity) {
      if (!allowed) return undefined;
      const fromConversation = activity.conversation?.tenantId;
      const fromChannel = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      // Both fields name the sender's tenant; a mismatch is a forged or broken activity.
      if (fromConversation && fromChannel && fromConversation.toLowerCase() !== fromChannel.toLowerCase()) return 'the activity names two different tenants';
      const tenant = (fromConversation ?? fromChannel)?.toLowerCase();
      if (!tenant) return 'the activity carries no tenant id';
      if (!allowed.has(tenant)) return single ? 'the tenant is not the one this SingleTenant bot belongs to' : 'the tenant is not in TEAMS_ALLOWED_TENANTS';
      return undefined;
    },
  };
}
