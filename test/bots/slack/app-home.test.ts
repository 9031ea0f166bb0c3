// The App Home tab through the real POST /slack/events: opening it publishes the rep's budget today and their
// newest leads (views.publish), from the read tools under the usual policy; no buttons, nothing in memory.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GUEST_DENIED_MESSAGE } from '../../../bots/slack/identity.ts';
import { DEMO_REP_EMAIL } from '../../../core/demo/staff.ts';
import { nextEventId, startSlackHarness, type SlackHarness } from './harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ demoLeads: 40 });
  h.fake.addUser({ id: 'U1', name: 'demo', realName: 'Demo Rep', email: DEMO_REP_EMAIL, tz: 'Europe/Berlin' });
  h.fake.addUser({ id: 'U5', name: 'guest', email: 'guest@example.com', isRestricted: true });
});
afterAll(async () => h?.close());
beforeEach(() => h.fake.reset());

const openHome = (user: string, tab = 'home', eventId = nextEventId()) =>
  h.sendEvent({ type: 'app_home_opened', user, channel: `D${user}`, tab, event_ts: '1700007000.000001' }, { eventId });

const texts = (blocks: any[]) => JSON.stringify(blocks);

describe('App Home', () => {
  it('shows the rep’s budget today and their newest leads, without buttons, and stores nothing in thread memory', async () => {
    const conversationsBefore = await h.db.prisma.conversation.count();
    await openHome('U1');
    const publish = await h.fake.waitForCall('views.publish', undefined, 10_000);
    expect(publish.body.user_id).toBe('U1');
    const view = publish.body.view;
    expect(view.type).toBe('home');
    const shown = texts(view.blocks);
    expect(shown).toMatch(/Daily limit/);
    expect(shown).toMatch(/Remaining/);
    // The five newest of the demo rep's own leads, by name.
    const demo = await h.container.users.getByEmail(DEMO_REP_EMAIL);
    const newest = await h.db.prisma.lead.findMany({ where: { ownerId: demo!.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 5 });
    for (const lead of newest) expect(shown).toContain(lead.fullName);
    expect(view.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(await h.db.prisma.conversation.count()).toBe(conversationsBefore);
    // The same policy as a typed question: both reads are in the audit trail as the rep's.
    const audited = await h.db.prisma.auditEntry.findMany({ where: { actorId: demo!.id, name: { in: ['myUsage', 'findLeads'] } } });
    expect(new Set(audited.map((a) => a.name))).toEqual(new Set(['myUsage', 'findLeads']));
  });

  it('publishes once per event, however often Slack retries it', async () => {
    const eventId = nextEventId();
    await openHome('U1', 'home', eventId);
    await h.fake.waitForCall('views.publish', undefined, 10_000);
    await openHome('U1', 'home', eventId);
    await new Promise((r) => setTimeout(r, 400));
    expect(h.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('tells a guest (SLACK_GUEST_USERS=deny) why there is nothing for them', async () => {
    await openHome('U5');
    const publish = await h.fake.waitForCall('views.publish', undefined, 10_000);
    expect(texts(publish.body.view.blocks)).toContain(GUEST_DENIED_MESSAGE);
  });

  it('does nothing for the Messages tab', async () => {
    await openHome('U1', 'messages');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.fake.callsTo('views.publish')).toHaveLength(0);
  });
});
