// The app's database connections terminated mid-turn (pg_terminate_backend, as a failover or an admin does):
// the turn still settles, audits and remembers itself on fresh connections, and the next request is served.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../core/agent/types.ts';
import { createTestContainer, type TestContainer } from '../support/container.ts';
import { startFakeOpenAI, type FakeAnswer, type FakeOpenAI } from '../support/fake-openai.ts';
import { createTestOrg, type TestOrg } from '../support/org.ts';

let fake: FakeOpenAI;
let c: TestContainer;
let org: TestOrg;
let answer: FakeAnswer = { text: 'ok' };

beforeAll(async () => {
  fake = await startFakeOpenAI(() => answer);
  c = await createTestContainer({ OPENAI_BASE_URL: fake.url, SALESOS_MODEL: 'gpt-5-mini' });
  org = await createTestOrg(c.db.prisma);
});
afterAll(async () => {
  await c?.db.drop();
  await fake?.close();
});

async function ask(conversationKey: string, text: string): Promise<Reply> {
  let reply: Reply | undefined;
  for await (const e of c.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor: org.alice, conversationKey, text }))
    if (e.type === 'done') reply = e.reply;
  return reply!;
}

/** Terminate every connection the app holds to its database, from outside the app. */
async function terminateAppConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: c.db.url });
  await admin.connect();
  try {
    const r = await admin.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return r.rows[0].n as number;
  } finally {
    await admin.end();
  }
}

describe('database connections terminated mid-turn', () => {
  it('the turn completes on fresh connections: answered, audited, settled, remembered', async () => {
    answer = { slow: { text: 'Your hottest lead is Jane Doe.', chunkDelayMs: 150 } };
    const key = `console:${randomUUID()}`;
    const before = fake.requests.length;
    const turn = ask(key, 'who is my hottest lead?');
    while (fake.requests.length === before) await new Promise((r) => setTimeout(r, 10));
    expect(await terminateAppConnections()).toBeGreaterThan(0);

    const reply = await turn;
    expect(reply.text).toBe('Your hottest lead is Jane Doe.');
    const conversation = await c.db.prisma.conversation.findFirstOrThrow({ where: { key } });
    const audit = await c.db.prisma.auditEntry.findMany({ where: { conversationId: conversation.id, kind: 'model' } });
    expect(audit.map((a) => a.outcome)).toEqual(['ok']);
    expect(await c.db.prisma.usageEntry.count({ where: { status: 'reserved', lease: false } })).toBe(0); // a budget lease held for the next calls is not a call's reservation
    expect(await c.db.prisma.message.count({ where: { conversationId: conversation.id } })).toBe(2);

    answer = { text: 'Still here.' };
    expect((await ask(`console:${randomUUID()}`, 'hello')).text).toBe('Still here.');
  }, 30_000);
});
