import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/agent/types.ts';
import { createConfirmations } from '../../core/confirmations.ts';
import type { AppError } from '../../core/errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let db: TestDatabase;
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function makeUser(): Promise<Actor> {
  const u = await db.prisma.user.create({ data: { email: `c${++n}@example.com`, name: `Rep ${n}`, timeZone: 'Europe/Berlin' } });
  return { id: u.id, email: u.email, name: u.name, role: 'rep', timeZone: u.timeZone, teamId: null };
}

async function reason(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

const input = { leadId: 'l-1', status: 'contacted' };

describe('confirmations', () => {
  it('stores a pending action with an expiry and returns the card that asks for it', async () => {
    const actor = await makeUser();
    const before = Date.now();
    const card = await createConfirmations(db.prisma).request({ tool: 'updateLead', input, summary: 'Mark Jane Doe (Acme) as contacted', ctx: { actor } });
    expect(card).toMatchObject({ type: 'confirmation', tool: 'updateLead', summary: 'Mark Jane Doe (Acme) as contacted', state: 'pending' });
    const minutes = (Date.parse(card.expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThan(15.1);
    const row = await db.prisma.pendingAction.findUniqueOrThrow({ where: { id: card.actionId } });
    expect(row).toMatchObject({ userId: actor.id, status: 'pending', input });
  });

  it('executes an action confirmed twice at once exactly once', async () => {
    const actor = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor } });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => c.claim(card.actionId, actor)));
    const claimed = results.filter((r) => r.status === 'fulfilled');
    expect(claimed).toHaveLength(1);
    expect((claimed[0] as PromiseFulfilledResult<unknown>).value).toEqual({ id: card.actionId, tool: 'updateLead', input, summary: 'Mark Jane as contacted' });
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of refused) {
      expect(r.reason.code).toBe('confirmation_invalid');
      expect(r.reason.userMessage).toBe('\u201cMark Jane as contacted\u201d was already confirmed and carried out; it will not run twice.');
    }
  });

  it('refuses a confirmation from someone other than the requester', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor: owner } });
    const err = await reason(c.claim(card.actionId, other));
    expect(err.code).toBe('confirmation_invalid');
    expect(err.userMessage).toBe('This action was requested by someone else, so only they can confirm it. Nothing was changed.');
    expect((await db.prisma.pendingAction.findUniqueOrThrow({ where: { id: card.actionId } })).status).toBe('pending');
    await c.claim(card.actionId, owner);
  });

  it('refuses an expired confirmation, saying when it expired, and marks it expired', async () => {
    const actor = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor } });
    await db.prisma.pendingAction.update({ where: { id: card.actionId }, data: { expiresAt: new Date('2026-01-15T09:30:00Z') } });
    const err = await reason(c.claim(card.actionId, actor));
    expect(err.code).toBe('confirmation_invalid');
    expect(err.userMessage).toBe(
      'This confirmation expired at 10:30 (Europe/Berlin); confirmations are valid for 15 minutes. Nothing was changed — please ask again.',
    );
    expect((await db.prisma.pendingAction.findUniqueOrThrow({ where: { id: card.actionId } })).status).toBe('expired');
  });

  it('refuses an unknown action id, including one that is not a uuid', async () => {
    const actor = await makeUser();
    const c = createConfirmations(db.prisma);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const err = await reason(c.claim(id, actor));
      expect(err.code).toBe('confirmation_invalid');
      expect(err.userMessage).toMatch(/^I can’t find that pending action/);
    }
  });

  it('cancels a pending action, after which it cannot be confirmed', async () => {
    const actor = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor } });
    expect((await c.cancel(card.actionId, actor)).tool).toBe('updateLead');
    const err = await reason(c.claim(card.actionId, actor));
    expect(err.userMessage).toBe('\u201cMark Jane as contacted\u201d was cancelled, so it can no longer be confirmed. Nothing was changed.');
  });

  it('lets only the requester cancel', async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor: owner } });
    expect((await reason(c.cancel(card.actionId, other))).userMessage).toBe(
      'This action was requested by someone else, so only they can cancel it. Nothing was changed.',
    );
  });

  it('records how a claimed action ended', async () => {
    const actor = await makeUser();
    const c = createConfirmations(db.prisma);
    const card = await c.request({ tool: 'updateLead', input, summary: 'Mark Jane as contacted', ctx: { actor } });
    await c.claim(card.actionId, actor);
    await c.complete(card.actionId, { ok: true, summary: 'Jane Doe is now contacted.' });
    const row = await db.prisma.pendingAction.findUniqueOrThrow({ where: { id: card.actionId } });
    expect(row).toMatchObject({ status: 'executed', result: { ok: true, summary: 'Jane Doe is now contacted.' } });
    expect(row.resolvedAt).toBeInstanceOf(Date);
  });
});
