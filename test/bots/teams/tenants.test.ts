import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, TENANT, type Person, type TeamsHarness } from './harness.ts';
import { startSignedBot, type SignedBot } from './signed-bot.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 60_000);
afterAll(async () => h?.close());

/** A 1:1 message from `from` in `tenant`, with a genuinely signed token. */
function fromTenant(from: Person, tenant: string, text = 'find leads', channelTenant = tenant) {
  const conv: Record<string, unknown> = { ...conversation({ kind: 'personal' }), tenantId: tenant };
  return { conv, activity: messageActivity(h.connector, from, conv, text, { channelData: { tenant: { id: channelTenant } } }) };
}

async function expectRefused(signed: SignedBot, from: Person, tenant: string, channelTenant = tenant) {
  const { conv, activity } = fromTenant(from, tenant, 'find leads', channelTenant);
  expect(await signed.post(activity)).toBe(401);
  await signed.bot.drain();
  // Nothing ran: no reply, no member lookup, no account.
  expect(h.connector.activities.filter((a) => a.conversationId === conv.id)).toEqual([]);
  expect(h.connector.requests.some((r) => r.path.includes(String(conv.id)))).toBe(false);
  expect(await h.container.users.getByEmail(from.email)).toBeUndefined();
  expect(await h.container.users.resolveIdentity('teams', tenant, from.aadObjectId)).toBeUndefined();
}

async function expectAnswered(signed: SignedBot, from: Person, tenant: string) {
  const { conv, activity } = fromTenant(from, tenant);
  expect(await signed.post(activity)).toBe(202);
  await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
  expect(await h.container.users.resolveIdentity('teams', tenant, from.aadObjectId)).toMatchObject({ email: from.email });
}

describe('Teams tenant isolation (signed tokens, real POST /api/messages)', () => {
  it('SingleTenant: a valid token on an activity from another tenant gets 401 and a log line; nobody is provisioned', async () => {
    const signed = await startSignedBot(h, { MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT });
    try {
      const outsider = person('Olga Outsider');
      registerMember(h.connector, outsider);
      await expectRefused(signed, outsider, 'tenant-fabrikam');
      const line = signed.lines.map((l) => JSON.parse(l)).find((l) => /tenant this bot does not serve/.test(l.message));
      expect(line).toMatchObject({ level: 'warn', tenantId: 'tenant-fabrikam', activityType: 'message' });

      // The configured tenant still gets its answer (tenant ids compare case-insensitively).
      const insider = person('Ines Insider');
      registerMember(h.connector, insider);
      await expectAnswered(signed, insider, TENANT.toUpperCase());
    } finally {
      await signed.close();
    }
  });

  it('SingleTenant: an activity whose conversation and channelData name different tenants, or no tenant, is refused', async () => {
    const signed = await startSignedBot(h, { MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT });
    try {
      const mixed = person('Mona Mixed');
      registerMember(h.connector, mixed);
      await expectRefused(signed, mixed, TENANT, 'tenant-fabrikam');
      const { conv, activity } = fromTenant(mixed, TENANT);
      delete (conv as Record<string, unknown>).tenantId;
      expect(await signed.post({ ...activity, conversation: conv, channelData: {} })).toBe(401);
    } finally {
      await signed.close();
    }
  });

  it('SingleTenant: card button invokes from another tenant are refused too', async () => {
    const signed = await startSignedBot(h, { MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT });
    try {
      const outsider = person('Ivan Invoker');
      const { activity } = fromTenant(outsider, 'tenant-fabrikam');
      const invoke = {
        ...activity,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', data: { salesos: { kind: 'tool', tool: 'findLeads', input: {} } } } },
      };
      expect(await signed.post(invoke)).toBe(401);
    } finally {
      await signed.close();
    }
  });

  it('MultiTenant with TEAMS_ALLOWED_TENANTS: listed tenants are answered, others get 401', async () => {
    const signed = await startSignedBot(h, { MICROSOFT_APP_TYPE: 'MultiTenant', TEAMS_ALLOWED_TENANTS: `${TENANT}, tenant-northwind` });
    try {
      const north = person('Nina Northwind');
      registerMember(h.connector, north);
      await expectAnswered(signed, north, 'tenant-northwind');
      const stranger = person('Sam Stranger');
      registerMember(h.connector, stranger);
      await expectRefused(signed, stranger, 'tenant-fabrikam');
    } finally {
      await signed.close();
    }
  });

  it('MultiTenant without an allow-list accepts any tenant, and users are keyed by tenant + AAD object id', async () => {
    const signed = await startSignedBot(h, { MICROSOFT_APP_TYPE: 'MultiTenant' });
    try {
      const guest = person('Gil Guest');
      registerMember(h.connector, guest);
      await expectAnswered(signed, guest, 'tenant-fabrikam');
      // The same object id in another tenant is not this identity.
      expect(await h.container.users.resolveIdentity('teams', TENANT, guest.aadObjectId)).toBeUndefined();
    } finally {
      await signed.close();
    }
  });
});
