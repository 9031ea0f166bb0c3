// A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call (method, token, body), answers
// like Slack, and can be scripted to fail (429 with Retry-After, HTTP 500, ok:false). Also accepts posts to
// response URLs (`responseUrl(id)`) and exports `signSlackRequest` to sign event bodies as Slack does.
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
  | { kind: 'http_500' }
  | { kind: 'error'; error: string };

export interface FakeSlackUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
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

      const scripted = failures.get(method)?.find((f) => f.left > 0);
      if (scripted) {
        scripted.left--;
        calls.push(call);
        notify(call);
        const f = scripted.failure;
        if (f.kind === 'rate_limited') {
          res.writeHead(429, { 'retry-after': String(f.retryAfterSeconds), 'content-type': 'application/json' });
          return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        if (f.kind === 'http_500') {
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end('internal error');
        }
        return send(res, { ok: false, error: f.error });
      }
      calls.push(call);
      notify(call);
      send(res, answer(method, body));
    });
  });

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
        return { ok: true, team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID };
      case 'chat.postMessage':
      case 'chat.startStream': {
        const ts = nextTs();
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
      }
      case 'chat.update':
      case 'chat.appendStream':
      case 'chat.stopStream':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? 'X').replace(/,/g, '')}` } };
      case 'users.info': {
        const u = users.get(String(body.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: FAKE_TEAM_ID,
            name: u.name,
            real_name: u.realName ?? u.name,
            tz: u.tz ?? 'UTC',
            is_bot: u.isBot ?? false,
            profile: { email: u.email, real_name: u.realName ?? u.name, display_name: u.name },
          },
        };
      }
      default:
        return { ok: true };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitForCall(method, where, timeoutMs = 5_000) {
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
    onCall: (listener) => void listeners.push(listener),
    reset() {
      calls.length = 0;
      failures.clear();
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

/** Headers Slack would send with `rawBody`: `x-slack-signature` = v0=HMAC-SHA256(secret, `v0:{ts}:{body}`). */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = crypto.createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}
