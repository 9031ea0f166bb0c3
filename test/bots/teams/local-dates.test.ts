import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localiseDates } from '../../../bots/teams/local-dates.ts';
import { conversation, messageActivity, person, registerMember, startTeamsHarness, type TeamsHarness } from './harness.ts';

describe('card dates in the reader’s locale and time zone', () => {
  it('rewrites every UTC stamp in a card for the reader, and leaves other text alone', () => {
    const card = {
      body: [
        { type: 'TextBlock', text: 'Expires 2026-11-29 12:45 UTC' },
        { type: 'FactSet', facts: [{ title: 'Resets', value: '2026-07-01 22:00 UTC' }] },
      ],
      note: 'UTC is a time standard',
    };
    expect(localiseDates(card, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toEqual({
      body: [
        { type: 'TextBlock', text: 'Expires 29. Nov. 2026, 13:45 MEZ' },
        { type: 'FactSet', facts: [{ title: 'Resets', value: '2. Juli 2026, 00:00 MESZ' }] },
      ],
      note: 'UTC is a time standard',
    });
    expect(localiseDates('Expires 2026-11-29 12:45 UTC', { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Expires Nov 29, 2026, 07:45 AM EST');
    // An unusable locale falls back instead of failing the reply.
    expect(localiseDates('2026-11-29 12:45 UTC', { locale: 'not a locale!', timeZone: 'Asia/Tokyo' })).toBe('29 Nov 2026, 21:45 GMT+9');
  });
});

describe('through POST /api/messages', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
    await h.container.leads.create({ email: 'jane.doe@acme-payments.de', fullName: 'Jane Doe', title: 'CTO', company: 'Acme Payments', country: 'Germany' });
  }, 60_000);
  afterAll(async () => h?.close());

  it('a confirmation card shows its expiry in the locale and time zone the Teams client sent, not UTC', async () => {
    const rep = person('Dora Datum');
    registerMember(h.connector, rep);
    const conv = conversation({ kind: 'personal' });
    await h.post(messageActivity(h.connector, rep, conv, 'mark Jane Doe as contacted', { locale: 'de-DE', localTimezone: 'Europe/Berlin' }));
    const reply = await h.connector.waitFor((a) => a.conversationId === conv.id && a.activity.type === 'message');
    const json = JSON.stringify(reply.activity.attachments);
    expect(json).toMatch(/Expires \d{1,2}\. [A-Za-zä]+\.? \d{4}, \d{2}:\d{2} MES?Z/);
    expect(json).not.toMatch(/\d{2}:\d{2} UTC/);
  });
});
