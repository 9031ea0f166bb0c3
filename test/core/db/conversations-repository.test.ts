import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationRepository } from '../../../core/db/conversations-repository.ts';
import { DeliveryRepository } from '../../../core/db/deliveries-repository.ts';
import { createTestDatabase, type TestDatabase } from '../../support/db.ts';

let db: TestDatabase;
let repo: ConversationRepository;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  repo = new ConversationRepository(db.prisma);
  userId = (await db.prisma.user.create({ data: { email: 'sam@example.com', name: 'Sam' } })).id;
});
afterAll(async () => {
  await db?.drop();
});

describe('conversation memory', () => {
  it('opens a conversation on first use and returns the same one afterwards', async () => {
    const first = await repo.open('slack:T1:C1:1700000000.1', 'slack', userId);
    const again = await repo.open('slack:T1:C1:1700000000.1', 'slack', userId);
    expect(again).toEqual(first);
    expect(await db.prisma.conversation.findUniqueOrThrow({ where: { key: first.key } })).toMatchObject({ id: first.id, platform: 'slack', userId });
  });

  it('gives 20 concurrent first turns of one thread a single conversation', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, () => repo.open('teams:conv-9', 'teams')));
    expect(new Set(opened.map((c) => c.id)).size).toBe(1);
    expect(await db.prisma.conversation.count({ where: { key: 'teams:conv-9' } })).toBe(1);
  });

  it('appends the messages of a turn in order, with their parts and cards, and touches the conversation', async () => {
    const c = await repo.open('console:session-1', 'console', userId);
    const before = (await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    await repo.append(c.id, [
      { role: 'user', text: 'find CTOs in Berlin', userId, tokens: 5 },
      {
        role: 'assistant',
        text: 'Here are 3 leads.',
        parts: [{ role: 'assistant', content: [{ type: 'text', text: 'it\'s "quoted"' }] }],
        cards: [{ type: 'leadList', total: 3 }],
        tokens: 7,
      },
    ]);
    const recent = await repo.recent(c.id);
    expect(recent.map((m) => [m.role, m.text, m.tokens])).toEqual([
      ['user', 'find CTOs in Berlin', 5],
      ['assistant', 'Here are 3 leads.', 7],
    ]);
    expect(recent[0]!.parts).toBeNull();
    expect(recent[1]!.parts).toEqual([{ role: 'assistant', content: [{ type: 'text', text: 'it\'s "quoted"' }] }]);
    const stored = await db.prisma.message.findMany({ where: { conversationId: c.id }, orderBy: { createdAt: 'asc' } });
    expect(stored.map((m) => m.cards)).toEqual([null, [{ type: 'leadList', total: 3 }]]);
    expect(stored[0]!.userId).toBe(userId);
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: c.id } })).updatedAt.getTime()).toBeGreaterThan(before.getTime());
  });

  it('opens a thread and reads its newest messages in one call: new → no messages, later → the same as open + recent', async () => {
    const first = await repo.openWithRecent('slack:T1:C2:1700000000.2', 'slack', userId, 3);
    expect(first.messages).toEqual([]);
    expect(first.conversation).toEqual(await repo.open('slack:T1:C2:1700000000.2', 'slack', userId));
    for (let turn = 0; turn < 3; turn++)
      await repo.append(first.conversation.id, [
        { role: 'user', text: `q${turn}`, userId, tokens: 1 },
        { role: 'assistant', text: `a${turn}`, parts: [{ role: 'assistant', content: `a${turn}` }], tokens: 2 },
      ]);
    const later = await repo.openWithRecent('slack:T1:C2:1700000000.2', 'slack', userId, 3);
    expect(later.conversation).toEqual(first.conversation);
    expect(later.messages.map((m) => m.text)).toEqual(['a1', 'q2', 'a2']);
    expect(later.messages).toEqual(await repo.recent(first.conversation.id, 3));
    expect(await db.prisma.conversation.count({ where: { key: 'slack:T1:C2:1700000000.2' } })).toBe(1);
  });

  it('gives 20 concurrent first turns through openWithRecent a single conversation', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, () => repo.openWithRecent('teams:conv-10', 'teams')));
    expect(new Set(opened.map((c) => c.conversation.id)).size).toBe(1);
    expect(opened.every((c) => c.messages.length === 0)).toBe(true);
  });

  it('keeps only the newest messages when asked for a limit, oldest first', async () => {
    const c = await repo.open('console:session-2', 'console');
    for (let turn = 0; turn < 3; turn++)
      await repo.append(c.id, [
        { role: 'user', text: `q${turn}`, tokens: 1 },
        { role: 'assistant', text: `a${turn}`, tokens: 1 },
      ]);
    expect((await repo.recent(c.id, 3)).map((m) => m.text)).toEqual(['a1', 'q2', 'a2']);
  });

  it('claims a delivery and opens its thread in one call; a repeat reads and creates nothing', async () => {
    const key = 'slack:T1:C3:1700000000.3';
    const first = await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvClaim1' }, key, 'slack', userId, 3);
    expect(first).toMatchObject({ claimed: true, messages: [] });
    if (!first.claimed) throw new Error('unreachable');
    expect(first.conversation).toEqual(await repo.open(key, 'slack', userId));
    await repo.append(first.conversation.id, [{ role: 'user', text: 'q0', userId, tokens: 1 }]);
    // A later turn in the thread (another delivery) gets its memory; the same delivery again gets nothing.
    const next = await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvClaim2' }, key, 'slack', userId, 3);
    expect(next.claimed && next.messages.map((m) => m.text)).toEqual(['q0']);
    expect(await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvClaim1' }, key, 'slack', userId, 3)).toEqual({ claimed: false });
    // A repeat of a first turn whose thread does not exist yet creates no conversation.
    expect(await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvClaim1' }, 'slack:T1:C3:other', 'slack', userId)).toEqual({ claimed: false });
    expect(await db.prisma.conversation.count({ where: { key: 'slack:T1:C3:other' } })).toBe(0);
  });

  it('shares its claims with DeliveryRepository: a claim by either is seen by the other, and a release frees it', async () => {
    const deliveries = new DeliveryRepository(db.prisma);
    expect(await deliveries.claim('slack', 'EvShared1')).toBe(true);
    expect(await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvShared1' }, 'slack:T1:C4:1', 'slack', userId)).toEqual({ claimed: false });
    expect((await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvShared2' }, 'slack:T1:C4:2', 'slack', userId)).claimed).toBe(true);
    expect(await deliveries.claim('slack', 'EvShared2')).toBe(false);
    // Per platform: the same id on Teams is another delivery.
    expect((await repo.claimAndOpenWithRecent({ platform: 'teams', deliveryId: 'EvShared2' }, 'teams:conv-c4', 'teams', userId)).claimed).toBe(true);
    await deliveries.release('slack', 'EvShared2');
    expect((await repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvShared2' }, 'slack:T1:C4:2', 'slack', userId)).claimed).toBe(true);
  });

  it('lets exactly one of 20 concurrent claims of one delivery through, with one conversation', async () => {
    const key = 'slack:T1:C5:1700000000.5';
    const opened = await Promise.all(
      Array.from({ length: 20 }, () => repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: 'EvRace1' }, key, 'slack', userId)),
    );
    expect(opened.filter((o) => o.claimed)).toHaveLength(1);
    expect(await db.prisma.conversation.count({ where: { key } })).toBe(1);
    // Twenty different deliveries of one new thread at once: all claimed, one conversation for all.
    const key2 = 'slack:T1:C5:1700000000.6';
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repo.claimAndOpenWithRecent({ platform: 'slack', deliveryId: `EvMany${i}` }, key2, 'slack', userId)),
    );
    expect(many.every((o) => o.claimed)).toBe(true);
    expect(new Set(many.map((o) => (o.claimed ? o.conversation.id : '')))).toEqual(new Set([(await repo.open(key2, 'slack')).id]));
  });
});
