import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformIdentity } from '../../../core/db/users-repository.ts';
import { conversation, installActivity, person, registerMember, startTeamsHarness, TENANT, type Person, type TeamsHarness } from './harness.ts';
import { adaptiveCardProblems } from './validate-card.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 60_000);
afterAll(async () => h?.close());

/** Installs the app in a fresh 1:1 chat and returns the person, the chat and their stored identity. */
async function install(name: string): Promise<{ p: Person; conv: Record<string, unknown>; identity: PlatformIdentity }> {
  const p = person(name);
  registerMember(h.connector, p);
  const conv = conversation({ kind: 'personal' });
  expect((await h.post(installActivity(h.connector, p, conv))).status).toBe(202);
  await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
  await h.bot.drain();
  const identity = await h.db.prisma.platformIdentity.findFirstOrThrow({ where: { platform: 'teams', tenantId: TENANT, externalUserId: p.aadObjectId } });
  return { p, conv, identity };
}

describe('Teams install and proactive messages', () => {
  it('installing the app greets with a welcome card and stores the conversation reference on the user identity', async () => {
    const { p, conv, identity } = await install('Wendy Welcome');
    const welcome = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(JSON.stringify(welcome.activity.attachments[0].content)).toContain("Hi Wendy, I'm SalesOS");
    expect(adaptiveCardProblems(welcome.activity.attachments[0].content)).toEqual([]);
    expect(identity.address).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversation: { id: conv.id }, user: { id: p.id } });
    const user = await h.container.users.resolveIdentity('teams', TENANT, p.aadObjectId);
    expect(user?.email).toBe(p.email);
  });

  it('a proactive card reaches the user through the stored reference', async () => {
    const { conv, identity } = await install('Pia Proactive');
    const result = await h.bot.sendProactive(identity, { type: 'error', message: 'Your digest could not be built today.' });
    expect(result.status).toBe('sent');
    const sent = await h.connector.waitFor(
      (a) => a.conversationId === conv.id && JSON.stringify(a.activity.attachments ?? []).includes('digest could not be built'),
    );
    expect(sent.method).toBe('POST');
  });

  it('a 403 on a proactive send marks the identity unreachable, and later sends are skipped without a request', async () => {
    const { conv, identity } = await install('Uma Uninstalled');
    h.connector.fail({ status: 403, pathIncludes: String(conv.id), times: 10 });
    const result = await h.bot.sendProactive(identity, 'Weekly digest is ready');
    expect(result.status).toBe('unreachable');
    const stored = await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(stored.unreachableAt).not.toBeNull();
    expect(stored.unreachableReason).toMatch(/403/);

    const attempts = h.connector.requests.filter((r) => r.path.includes(String(conv.id)) && r.status === 403).length;
    expect(attempts).toBe(1);
    expect((await h.bot.sendProactive(stored, 'again')).status).toBe('skipped');
    expect(h.connector.requests.filter((r) => r.path.includes(String(conv.id)) && r.status === 403).length).toBe(1);
  });

  it('a 404 (chat gone) on a proactive send also marks the identity unreachable', async () => {
    const { conv, identity } = await install('Gina Gone');
    h.connector.fail({ status: 404, pathIncludes: String(conv.id) });
    expect((await h.bot.sendProactive(identity, 'hello')).status).toBe('unreachable');
    expect((await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } })).unreachableReason).toMatch(/404/);
  });

  it('a 429 from the connector is retried after Retry-After and the message arrives once', async () => {
    const { conv, identity } = await install('Tom Throttled');
    h.connector.fail({ status: 429, retryAfterSeconds: 1, pathIncludes: String(conv.id) });
    const result = await h.bot.sendProactive(identity, 'Throttled hello');
    expect(result.status).toBe('sent');
    const tries = h.connector.requests.filter((r) => r.path.includes(String(conv.id)) && r.method === 'POST').slice(-2);
    expect(tries.map((r) => r.status)).toEqual([429, 201]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
    expect(h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.text === 'Throttled hello')).toHaveLength(1);
  });

  it('an identity without a usable stored reference is skipped, not sent', async () => {
    const sent = h.connector.activities.length;
    for (const address of [null, 'not a reference', { serviceUrl: h.connector.serviceUrl }]) {
      const result = await h.bot.sendProactive({ id: '00000000-0000-4000-8000-000000000000', address, unreachableAt: null }, 'hi');
      expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('no Teams conversation stored') });
    }
    expect(h.connector.activities).toHaveLength(sent);
  });
});
