import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
}, 60_000);
afterAll(async () => h?.close());

function feedbackInvoke(base: Record<string, unknown>, replyToId: string, reaction: string, text?: string) {
  return {
    ...base,
    type: 'invoke',
    id: `invoke-${randomUUID()}`,
    name: 'message/submitAction',
    replyToId,
    value: { actionName: 'feedback', actionValue: { reaction, feedback: JSON.stringify({ feedbackText: text ?? '' }) } },
  };
}

describe('AI label and feedback buttons on Teams replies', () => {
  it('an answer carries the "AI generated" label and feedback buttons; a thumbs down with a comment is stored, and a change of mind replaces it', async () => {
    const rep = person('Fred Feedback');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    const question = messageActivity(h.connector, rep, conv, 'how much budget do I have left?');
    await h.post(question);
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(reply.activity.entities).toContainEqual({
      type: 'https://schema.org/Message',
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
      additionalType: ['AIGeneratedContent'],
    });
    expect(reply.activity.channelData).toMatchObject({ feedbackLoopEnabled: true, streamType: 'final' });

    const down = await h.post(feedbackInvoke(question, reply.activityId, 'dislike', 'Wrong currency'));
    expect(down.status).toBe(200);
    const user = (await h.container.users.getByEmail(rep.email))!;
    expect(
      await h.db.prisma.replyFeedback.findMany({ where: { userId: user.id }, select: { reaction: true, comment: true, replyId: true, conversationKey: true } }),
    ).toEqual([{ reaction: 'dislike', comment: 'Wrong currency', replyId: reply.activityId, conversationKey: `teams:tenant-contoso:${conv.id}` }]);

    expect((await h.post(feedbackInvoke(question, reply.activityId, 'like'))).status).toBe(200);
    expect(await h.db.prisma.replyFeedback.findMany({ where: { userId: user.id }, select: { reaction: true, comment: true } })).toEqual([
      { reaction: 'like', comment: null },
    ]);
    expect(await h.container.feedback.counts(new Date(0))).toMatchObject({ like: 1 });
  });

  it('a welcome card is not labelled as an AI reply', async () => {
    const rep = person('Nadia Nolabel');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'groupChat' });
    await h.post({
      ...messageActivity(h.connector, rep, conv, ''),
      type: 'conversationUpdate',
      id: `cu-${randomUUID()}`,
      membersAdded: [{ id: '28:salesos-bot' }],
    });
    const welcome = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    expect(welcome.activity.channelData?.feedbackLoopEnabled).toBeUndefined();
  });

  it('feedback that is not a like or dislike is a 400, and nothing is stored', async () => {
    const rep = person('Bob Badvalue');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    const res = await h.post(feedbackInvoke(messageActivity(h.connector, rep, conv, ''), 'activity-1', 'meh'));
    expect(res.status).toBe(400);
    expect(await h.db.prisma.replyFeedback.count({ where: { replyId: 'activity-1' } })).toBe(0);
  });
});
