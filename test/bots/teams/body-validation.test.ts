// Teams request bodies that botbuilder would throw on (then 500 or a failure after the 202) get 400 first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsHarness, type TeamsHarness } from './harness.ts';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
}, 60_000);
afterAll(async () => h?.close());

const base = { serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'b1' } };

describe('a Teams body that is not a usable activity', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['an invoke without a name', { ...base, type: 'invoke' }],
    ['no serviceUrl', { ...base, type: 'message', text: 'hi', serviceUrl: undefined }],
    ['a serviceUrl that is not http', { ...base, type: 'message', text: 'hi', serviceUrl: 42 }],
    ['no conversation id', { ...base, type: 'message', text: 'hi', conversation: {} }],
    ['no sender', { ...base, type: 'message', text: 'hi', from: null }],
    ['a recipient without an id', { ...base, type: 'message', text: 'hi', recipient: {} }],
    ['message text that is not a string', { ...base, type: 'message', text: { evil: true } }],
  ])('%s gets 400', async (_what, body) => {
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Expected a Bot Framework activity as JSON: /);
  });
});
