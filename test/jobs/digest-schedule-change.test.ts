// A manager changes the digest schedule in chat; the running scheduler applies it without a restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../core/actor.ts';
import type { Actor, ReplyEvent } from '../../core/agent/types.ts';
import { DigestRepository } from '../../core/db/digest-repository.ts';
import { createDigestScheduler, type DigestScheduler } from '../../core/jobs/digest-scheduler.ts';
import { log } from '../../core/log.ts';
import { toolNamed } from '../../tools/registry.ts';
import { runTool } from '../../assistant/run-tool.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { createManager, dropPrefix, REDIS_URL, uniquePrefix, until } from './digest-fixtures.ts';

const prefix = uniquePrefix('schedule');
let c: TestContainer;
let scheduler: DigestScheduler;
let manager: Actor;

beforeAll(async () => {
  c = await createTestContainer({ REDIS_URL });
  const m = await createManager(c.db.prisma);
  manager = actorOf(await c.db.prisma.user.findUniqueOrThrow({ where: { id: m.id } }));
  scheduler = createDigestScheduler({ redisUrl: REDIS_URL, prefix, source: new DigestRepository(c.db.prisma), log, pollMs: 100 });
  await scheduler.sync();
  scheduler.start();
}, 60_000);

afterAll(async () => {
  await scheduler?.close();
  await dropPrefix(prefix);
  await c?.db.drop();
});

/** One chat message; a schedule change asks for confirmation first, which the manager gives. */
async function say(actor: Actor, text: string): Promise<string> {
  let reply = '';
  let pending: string | undefined;
  const conversationKey = `console:${randomUUID()}`;
  for await (const e of c.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor, conversationKey, text }) as AsyncIterable<ReplyEvent>) {
    if (e.type === 'card' && e.card.type === 'confirmation' && e.card.state === 'pending') pending = e.card.actionId;
    if (e.type === 'done') reply = e.reply.text;
  }
  if (!pending) return reply;
  for await (const e of c.assistant.handleAction({
    deliveryId: randomUUID(),
    platform: 'console',
    actor,
    conversationKey,
    action: { kind: 'confirm', actionId: pending },
  }) as AsyncIterable<ReplyEvent>)
    if (e.type === 'done') reply = e.reply.text;
  return reply;
}

const schedulerOf = (id: string) => scheduler.queue.getJobScheduler(`digest:${id}`);

describe('changing the digest schedule at runtime', () => {
  it('a manager without a preference is scheduled weekdays at 08:30 in their time zone', async () => {
    expect(await schedulerOf(manager.id)).toMatchObject({ pattern: '30 8 * * 1-5', tz: 'Europe/Berlin' });
  });

  it('"send my digest Mondays at 9" re-schedules the running scheduler', async () => {
    const reply = await say(manager, 'send my digest Mondays at 9');
    expect(reply).toMatch(/Mondays at 09:00/);
    const s = await until('the new pattern', async () => {
      const found = await schedulerOf(manager.id);
      return found?.pattern === '0 9 * * 1' ? found : undefined;
    });
    expect(s.tz).toBe('Europe/Berlin');
    // The next fire is a Monday 09:00 in Berlin.
    const next = new Date(s.next!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(next)).toBe(
      'Mon 09:00',
    );
  });

  it('"pause my digest" removes the job scheduler, and resuming brings it back', async () => {
    expect(await say(manager, 'pause my digest')).toMatch(/paused/i);
    await until('the scheduler to be removed', async () => (await schedulerOf(manager.id)) === undefined || undefined);
    await say(manager, 'resume my digest');
    const s = await until('the scheduler to return', async () => schedulerOf(manager.id));
    expect(s.pattern).toBe('0 9 * * 1');
  });

  it('a new time zone for the manager moves the schedule', async () => {
    await c.db.prisma.user.update({ where: { id: manager.id }, data: { timeZone: 'America/New_York' } });
    await until('the new time zone', async () => (await schedulerOf(manager.id))?.tz === 'America/New_York' || undefined);
  });

  it('a rep may not change digests: the tool is denied', async () => {
    const rep = actorOf(await c.db.prisma.user.findFirstOrThrow({ where: { role: 'rep' } }));
    const out = await runTool(
      toolNamed('setDigestSchedule')!,
      { enabled: false },
      { actor: rep, platform: 'console', scope: await c.users.scopeFor(rep), teamMemberIds: [], services: c.services },
    );
    expect(out.outcome).toBe('denied');
    expect(await c.db.prisma.digestPreference.findUnique({ where: { userId: rep.id } })).toBeNull();
  });

  it('a bad time is refused with what was wrong', async () => {
    const out = await runTool(
      toolNamed('setDigestSchedule')!,
      { time: '9am' },
      { actor: manager, platform: 'console', scope: await c.users.scopeFor(manager), teamMemberIds: [], services: c.services },
    );
    expect(out.outcome).toBe('invalid');
    expect(out.summary).toMatch(/HH:MM/);
  });

  it('a full sync removes the scheduler of a manager who no longer manages a team', async () => {
    const m = await createManager(c.db.prisma);
    await until('the new manager to be scheduled', async () => schedulerOf(m.id));
    await c.db.prisma.team.updateMany({ where: { managerId: m.id }, data: { managerId: null } });
    await scheduler.sync();
    expect(await schedulerOf(m.id)).toBeUndefined();
  });
});
