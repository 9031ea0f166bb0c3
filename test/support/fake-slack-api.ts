// A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call (method, token, body), answers
// like Slack, and can be scripted to fail (429 with Retry-After, HTTP 500, ok:false, a response lost after the
// message was stored, a call that never answers, every call into one channel), to fail at random in a given
// mix, and to answer late. Posted messages are kept with their metadata, so conversations.replies/history
// answer as Slack does. Also accepts posts to response URLs
// (`responseUrl(id)`) and exports `signSlackRequest` to sign event bodies as Slack does.
import crypto from 'node:crypto';
import http from 'node:http';

export interface SlackCall {
  method: string;
  token?: string;
  body: Record<string, any>;
  at: number;
}

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** `stored`: Slack kept the message although the answer was a 500 (what a resend must not duplicate). */
  | { kind: 'http_500'; stored?: boolean }
  | { kind: 'error'; error: string }
  /** Slack stores the message, then the connection drops before the answer: the caller cannot know. */
  | { kind: 'lost_response' }
  /** No answer at all (the caller's deadline must end it); `stored`: Slack had already kept the message. */
  | { kind: 'hang'; stored?: boolean };

/** A message as the fake stores it (posted by the bot through chat.postMessage or chat.startStream). */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
  user: string;
}

export interface FakeSlackUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  /** Multi-channel guest. */
  isRestricted?: boolean;
  /** Single-channel guest. */
  isUltraRestricted?: boolean;
  deleted?: boolean;
  /** users.info answers from this workspace (a user of another workspace in a shared channel). */
  teamId?: string;
}

export interface FakeUserGroup {
  id: string;
  handle: string;
  name: string;
}

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl`, ending in /api/. */
  url: string;
  /** The URL to pass as a `response_url` in payloads; posts to it are recorded as method "response_url:<id>". */
  responseUrl(id: string): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Resolve with the first call (already made or future) to `method` that matches `where`. */
  waitForCall(method: string, where?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** The next `times` calls to `method` fail as scripted. */
  failNext(method: string, failure: SlackFailure, times?: number): void;
  addUser(user: FakeSlackUser): void;
  /** usergroups.list answers with these; without any it answers missing_scope (no usergroups:read). */
  addUserGroup(group: FakeUserGroup): void;
  /** Every chat.* call into `channel` fails with `error` (e.g. not_in_channel) until reset. */
  failChannel(channel: string, error: string): void;
  /** Messages the bot posted, as Slack keeps them. */
  messages: StoredMessage[];
  /** Top-level messages stored in one channel, oldest first (posted, or kept despite a failed answer). */
  messagesIn(channel: string): StoredMessage[];
  /** Every call to `method` fails with each failure's probability (drawn with `random`), until `stop()`. */
  failRandomly(method: string, mix: { p: number; failure: SlackFailure }[], random: () => number): { stop(): void };
  /** Every answer waits between `minMs` and `maxMs` (drawn with `random`); 0, 0 turns it off. */
  setLatency(minMs: number, maxMs: number, random?: () => number): void;
  /** conversations.open for this user answers user_not_found (a user who left). */
  removeUser(id: string): void;
  /** Called for every recorded call (benchmarks measure reply latency with it). */
  onCall(listener: (call: SlackCall) => void): void;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_TEAM_ID = 'T0FAKE';
export const FAKE_BOT_USER_ID = 'UBOT';
export const FAKE_BOT_ID = 'BBOT';

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, { failure: SlackFailure; left: number }[]>();
  const users = new Map<string, FakeSlackUser>();
  const groups: FakeUserGroup[] = [];
  const brokenChannels = new Map<string, string>();
  const messages: StoredMessage[] = [];
  const randomFailures = new Map<string, { mix: { p: number; failure: SlackFailure }[]; random: () => number }>();
  const removed = new Set<string>();
  let latency = { min: 0, max: 0, random: Math.random as () => number };
  const listeners: ((call: SlackCall) => void)[] = [];
  const waiters: { method: string; where?: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }[] = [];
  let tsCounter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0]!;
      const method = path.startsWith('/api/')
        ? path.slice('/api/'.length)
        : path.startsWith('/response/')
          ? `response_url:${path.slice('/response/'.length)}`
          : path;
      const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
      const auth = String(req.headers.authorization ?? '');
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : (body.token as string | undefined);
      const call: SlackCall = { method, token, body, at: performance.now() };

      const channelError = method.startsWith('chat.') ? brokenChannels.get(String(body.channel)) : undefined;
      if (channelError) {
        calls.push(call);
        notify(call);
        return send(res, { ok: false, error: channelError });
      }
      const delay = latency.max > 0 ? latency.min + latency.random() * (latency.max - latency.min) : 0;
      const reply = (fn: () => void) => (delay > 0 ? setTimeout(fn, delay) : fn());
      const scripted = failures.get(method)?.find((f) => f.left > 0);
      if (scripted) scripted.left--;
      const f = scripted?.failure ?? pickRandomFailure(method);
      if (f) {
        calls.push(call);
        notify(call);
        if (f.kind === 'lost_response') {
          answer(method, body);
          return void res.socket?.destroy();
        }
        if (f.kind === 'hang') {
          if (f.stored) answer(method, body);
          return;
        }
        // The message is stored now and the answer is what gets lost: the crash window a sender must survive.
        if (f.kind === 'http_500' && f.stored) answer(method, body);
        return reply(() => {
          if (f.kind === 'rate_limited') {
            res.writeHead(429, { 'retry-after': String(f.retryAfterSeconds), 'content-type': 'application/json' });
            return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          }
          if (f.kind === 'http_500') {
            res.writeHead(500, { 'content-type': 'text/plain' });
            return res.end('internal error');
          }
          send(res, { ok: false, error: (f as { error: string }).error });
        });
      }
      // Stored before listeners hear of the call, as Slack has it by the time an answer could come.
      const answered = answer(method, body);
      calls.push(call);
      notify(call);
      reply(() => send(res, answered));
    });
  });

  function pickRandomFailure(method: string): SlackFailure | undefined {
    const r = randomFailures.get(method);
    if (!r) return undefined;
    let x = r.random();
    for (const { p, failure } of r.mix) {
      if (x < p) return failure;
      x -= p;
    }
    return undefined;
  }

  function notify(call: SlackCall) {
    for (const l of listeners) l(call);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.method === call.method && (!w.where || w.where(call))) {
        waiters.splice(i, 1);
        w.resolve(call);
      }
    }
  }

  function answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: FAKE_TEAM_ID, team: 'Fake Co', user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID };
      case 'apps.connections.open':
        // Reached with an app token; this fake serves no websocket.
        return { ok: false, error: 'invalid_auth' };
      case 'chat.postMessage':
      case 'chat.startStream': {
        const ts = nextTs();
        const text = body.text ?? body.markdown_text;
        messages.push({
          channel: String(body.channel),
          ts,
          thread_ts: body.thread_ts,
          text,
          blocks: body.blocks,
          metadata: typeof body.metadata === 'object' ? body.metadata : undefined,
          bot_id: FAKE_BOT_ID,
          user: FAKE_BOT_USER_ID,
        });
        return { ok: true, channel: body.channel, ts, message: { ts, text } };
      }
      case 'conversations.replies': {
        const withMeta = String(body.include_all_metadata) === 'true';
        const thread = messages.filter((m) => m.channel === body.channel && (m.ts === body.ts || m.thread_ts === body.ts));
        return { ok: true, messages: thread.map((m) => shown(m, withMeta)), has_more: false };
      }
      case 'conversations.history': {
        const withMeta = String(body.include_all_metadata) === 'true';
        const limit = Number(body.limit ?? 100);
        const top = messages
          .filter((m) => m.channel === body.channel && !m.thread_ts)
          .reverse()
          .slice(0, limit);
        return { ok: true, messages: top.map((m) => ({ type: 'message', ...shown(m, withMeta) })), has_more: false };
      }
      case 'usergroups.list':
        if (!groups.length) return { ok: false, error: 'missing_scope', needed: 'usergroups:read' };
        return { ok: true, usergroups: groups.map((g) => ({ id: g.id, handle: g.handle, name: g.name, team_id: FAKE_TEAM_ID })) };
      case 'chat.update':
      case 'chat.appendStream':
      case 'chat.stopStream':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.open':
        if (removed.has(String(body.users))) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${String(body.users ?? 'X').replace(/,/g, '')}` } };
      case 'users.info': {
        const u = users.get(String(body.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: u.teamId ?? FAKE_TEAM_ID,
            name: u.name,
            real_name: u.realName ?? u.name,
            tz: u.tz ?? 'UTC',
            is_bot: u.isBot ?? false,
            is_restricted: u.isRestricted ?? false,
            is_ultra_restricted: u.isUltraRestricted ?? false,
            deleted: u.deleted ?? false,
            profile: { email: u.email, real_name: u.realName ?? u.name, display_name: u.name },
          },
        };
      }
      default:
        return { ok: true };
    }
  }

  /** Slack leaves metadata out unless asked for it (include_all_metadata). */
  function shown(m: StoredMessage, withMeta: boolean): Record<string, unknown> {
    const { metadata, ...rest } = m;
    return withMeta && metadata ? { ...rest, metadata } : rest;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitForCall(method, where, timeoutMs = 15_000) {
      const existing = calls.find((c) => c.method === method && (!where || where(c)));
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.findIndex((w) => w.resolve === done);
          if (i >= 0) waiters.splice(i, 1);
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          reject(new Error(`no ${method} call within ${timeoutMs} ms (calls so far: ${seen})`));
        }, timeoutMs);
        const done = (c: SlackCall) => {
          clearTimeout(timer);
          resolve(c);
        };
        waiters.push({ method, where, resolve: done });
      });
    },
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      list.push({ failure, left: times });
      failures.set(method, list);
    },
    addUser: (user) => void users.set(user.id, user),
    addUserGroup: (group) => void groups.push(group),
    failChannel: (channel, error) => void brokenChannels.set(channel, error),
    messages,
    messagesIn: (channel) => messages.filter((m) => m.channel === channel && !m.thread_ts),
    failRandomly(method, mix, random) {
      randomFailures.set(method, { mix, random });
      return { stop: () => void randomFailures.delete(method) };
    },
    setLatency(minMs, maxMs, random = Math.random) {
      latency = { min: minMs, max: maxMs, random };
    },
    removeUser: (id) => void removed.add(id),
    onCall: (listener) => void listeners.push(listener),
    reset() {
      calls.length = 0;
      failures.clear();
      brokenChannels.clear();
      messages.length = 0;
      randomFailures.clear();
      removed.clear();
      latency = { min: 0, max: 0, random: Math.random };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Form bodies carry nested values (blocks, prompts) as JSON strings: decode them so tests can assert on them. */
function parseBody(raw: string, contentType: string): Record<string, any> {
  if (!raw) return {};
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return { raw };
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function send(res: http.ServerResponse, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The moment every test's Slack requests are signed at, unless a test passes another (the replay-window tests
 * do): a fixed instant, so no test reads the real clock. A bot under test verifies against the same instant
 * (`now` for an in-process bot, SALESOS_TEST_CLOCK for a `salesos start` process).
 */
export const SLACK_TEST_NOW_S = Math.floor(Date.parse('2026-11-25T09:00:00Z') / 1000);

/** Slack's request signature headers for a raw body (v0 HMAC-SHA256 of `v0:{timestamp}:{body}`). */
export function signSlackRequest(signingSecret: string, rawBody: string, timestampSeconds: number = SLACK_TEST_NOW_S): Record<string, string> {
  const signature = crypto.createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}
