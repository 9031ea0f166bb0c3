// Proactive sends that never duplicate: what is retried, what is final, what is checked before a retry,
// and uninstalls that stop sends at once — against the fake Bot Connector over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformIdentity } from '../../../core/db/users-repository.ts';
import { DependencyError } from '../../../core/errors.ts';
import {
  conversation,
  installActivity,
  messageActivity,
  person,
  registerMember,
  startTeamsHarness,
  TENANT,
  BOT,
  type Person,
  type TeamsHarness,
} from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ bot: () => ({ retry: { proactive: { baseDelayMs: 50, timeoutMs: 400 }, throttleBaseDelayMs: 50 } }) });
}, 60_000);
afterAll(async () => h?.close());

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

const posted = (conv: Record<string, unknown>, text: string) => h.connector.activities.filter((a) => a.conversationId === conv.id && a.activity.text === text);
const postsTo = (conv: Record<string, unknown>) => h.connector.requests.filter((r) => r.method === 'POST' && r.path.includes(`${String(conv.id)}/activities`));

describe('proactive sends never duplicate', () => {
  it('a post the connector stored before answering 500 is found and not sent again', async () => {
    const { conv, identity } = await install('Sara Stored');
    h.connector.fail({ status: 500, stored: true, pathIncludes: String(conv.id) });
    const result = await h.bot.sendProactive(identity, 'Digest: stored then 500');
    const copies = posted(conv, 'Digest: stored then 500');
    expect(copies).toHaveLength(1);
    expect(result).toEqual({ status: 'sent', ref: copies[0]!.activityId });
    expect(postsTo(conv).map((r) => r.status)).toEqual([201, 500]); // the welcome, then the one post
    expect(h.connector.requests.some((r) => r.method === 'GET' && r.path.endsWith(`${String(conv.id)}/activities`))).toBe(true);
  });

  it('a 503 that stored nothing is retried once the check shows it missing, and arrives once', async () => {
    const { conv, identity } = await install('Rene Retry');
    h.connector.fail({ status: 503, pathIncludes: String(conv.id) });
    expect((await h.bot.sendProactive(identity, 'Digest: 503 then ok')).status).toBe('sent');
    expect(posted(conv, 'Digest: 503 then ok')).toHaveLength(1);
    expect(
      postsTo(conv)
        .slice(1)
        .map((r) => r.status),
    ).toEqual([503, 201]);
  });

  it('a post that times out but was stored is not sent again', async () => {
    const { conv, identity } = await install('Tina Timeout');
    h.connector.fail({ status: 504, stored: true, delayMs: 1500, pathIncludes: String(conv.id) });
    expect((await h.bot.sendProactive(identity, 'Digest: slow connector')).status).toBe('sent');
    await new Promise((r) => setTimeout(r, 1600)); // let the held answer finish
    expect(posted(conv, 'Digest: slow connector')).toHaveLength(1);
  });

  it('when the channel cannot say whether an ambiguous post was stored, it is not re-sent and the error says why', async () => {
    const { conv, identity } = await install('Uli Unknown');
    h.connector.fail({ status: 500, stored: true, when: () => true, pathIncludes: String(conv.id) });
    h.connector.fail({ status: 404, code: 'NotSupported', pathIncludes: `${String(conv.id)}/activities` });
    const err = await h.bot.sendProactive(identity, 'Digest: unknown').catch((e) => e);
    expect(err).toBeInstanceOf(DependencyError);
    expect(err.retryable).toBe(false);
    expect(err.userMessage).toMatch(/not sent again, to avoid a duplicate/);
    expect(posted(conv, 'Digest: unknown')).toHaveLength(1);
    // A 404 on the listing is not the user being gone.
    expect((await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } })).unreachableAt).toBeNull();
  });

  it('429 without Retry-After is retried; the message arrives once', async () => {
    const { conv, identity } = await install('Theo Throttled');
    h.connector.fail({ status: 429, pathIncludes: String(conv.id), times: 2 });
    expect((await h.bot.sendProactive(identity, 'Digest: throttled')).status).toBe('sent');
    expect(posted(conv, 'Digest: throttled')).toHaveLength(1);
    expect(
      postsTo(conv)
        .slice(1)
        .map((r) => r.status),
    ).toEqual([429, 429, 201]);
  });

  it.each([400, 413] as const)('%i is final: one try, a non-retryable error, the identity stays reachable', async (status) => {
    const { conv, identity } = await install(`Fiona Final ${status}`);
    h.connector.fail({ status, code: status === 413 ? 'MessageSizeTooBig' : 'BadArgument', pathIncludes: String(conv.id), times: 5 });
    const err = await h.bot.sendProactive(identity, `Digest: final ${status}`).catch((e) => e);
    expect(err).toBeInstanceOf(DependencyError);
    expect(err.retryable).toBe(false);
    expect(
      postsTo(conv)
        .slice(1)
        .map((r) => r.status),
    ).toEqual([status]);
    expect((await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } })).unreachableAt).toBeNull();
  });
});

describe('replies inside a turn', () => {
  it('a reply the connector stored before answering 502 is not re-sent by the connector client', async () => {
    const p = person('Ria Reply');
    registerMember(h.connector, p);
    const conv = conversation({ kind: 'groupChat' });
    h.connector.fail({ status: 502, stored: true, pathIncludes: String(conv.id), when: (a) => a.type === 'message' });
    await h.post(messageActivity(h.connector, p, conv, 'how much budget do I have left?'));
    await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    await h.bot.drain();
    const answers = h.connector.activities.filter(
      (a) => a.conversationId === conv.id && a.activity.type === 'message' && JSON.stringify(a.activity).includes('budget'),
    );
    expect(answers).toHaveLength(1);
  });
});

describe('uninstall marks the identity unreachable at once', () => {
  it('installationUpdate remove: unreachable, and the next send is skipped without a request', async () => {
    const { p, conv, identity } = await install('Ian Installed');
    const remove = { ...installActivity(h.connector, p, conv), type: 'installationUpdate', action: 'remove', membersAdded: undefined };
    expect((await h.post(remove)).status).toBe(202);
    await h.bot.drain();
    const stored = await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(stored.unreachableAt).not.toBeNull();
    expect(stored.unreachableReason).toMatch(/removed/);
    const before = h.connector.requests.length;
    expect((await h.bot.sendProactive(stored, 'after uninstall')).status).toBe('skipped');
    expect(h.connector.requests.length).toBe(before);
  });

  it('the bot in membersRemoved of a 1:1 chat: unreachable; reinstalling makes it reachable again', async () => {
    const { p, conv, identity } = await install('Mo Removed');
    const removed = { ...installActivity(h.connector, p, conv), membersAdded: undefined, membersRemoved: [BOT] };
    await h.post(removed);
    await h.bot.drain();
    expect((await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } })).unreachableAt).not.toBeNull();
    await h.post(installActivity(h.connector, p, conv));
    await h.bot.drain();
    expect((await h.db.prisma.platformIdentity.findUniqueOrThrow({ where: { id: identity.id } })).unreachableAt).toBeNull();
  });
});
