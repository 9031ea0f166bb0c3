// A fake Bot Connector service on 127.0.0.1: the Teams channel's REST API that bots send to, plus the
// OpenID metadata / JWKS endpoints and an RS256 key that sign the channel's tokens to the bot. Records every
// activity; can be scripted to answer 429 (with or without Retry-After), 403, 404, 400, 413 or 5xx (a 5xx
// can come after the activity was stored, as a real connector sometimes does); refuses activities over
// Teams' size limit with 413 MessageSizeTooBig; lists a conversation's activities and members (GET).
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';

export interface RecordedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** POST …/activities/{replyToId}. */
  replyToId?: string;
  /** The id the connector gave (POST) or the id updated (PUT). */
  activityId: string;
  authorization?: string;
  activity: Record<string, any>;
}

export interface ScriptedFailure {
  status: 400 | 403 | 404 | 413 | 429 | 500 | 502 | 503 | 504;
  /** The error code in the body (default: Throttled for 429, BotNotInConversationRoster otherwise). */
  code?: string;
  /** The error message in the body (default: "scripted <status>"). */
  message?: string;
  /** Store the activity first, then answer the failure (an ambiguous 5xx: the post did arrive). */
  stored?: boolean;
  /** Hold the answer this long before failing (a timeout on the bot's side). */
  delayMs?: number;
  retryAfterSeconds?: number;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
  /** Only posts whose activity matches. */
  when?: (activity: Record<string, any>) => boolean;
  times?: number;
}

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
}

export interface FakeBotConnector {
  /** The serviceUrl to put on activities (ends with "/"). */
  serviceUrl: string;
  openIdMetadataUrl: string;
  issuer: string;
  activities: RecordedActivity[];
  /** Every request, including failed and member lookups: "METHOD path status". */
  requests: { method: string; path: string; status: number; at: number }[];
  /** Member lookups (TeamsInfo.getMember) answer from here, keyed by Teams user id. */
  members: Map<string, TeamsMember>;
  /** Teams' message size limit as this fake enforces it (UTF-8 bytes of the body; UTF-16 bytes). */
  sizeLimit: { utf8: number; utf16: number };
  fail(failure: ScriptedFailure): void;
  /** Resolves with the first recorded activity (past or future) that matches. */
  waitFor(match: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  /** A channel → bot token as the Bot Connector signs it (RS256, kid in the JWKS). */
  signToken(claims: { audience: string; serviceUrl?: string; issuer?: string; expiresInSeconds?: number }, key?: KeyObject): string;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(payload: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `fake-${randomUUID()}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const events = new EventEmitter();
  const activities: RecordedActivity[] = [];
  const requests: FakeBotConnector['requests'] = [];
  const members = new Map<string, TeamsMember>();
  const failures: (ScriptedFailure & { left: number })[] = [];
  let counter = 0;
  let base = '';

  const sizeLimit = { utf8: 28 * 1024, utf16: 40 * 1024 };

  function record(match: RegExpMatchArray, raw: string, method: 'POST' | 'PUT', authorization: string | undefined): RecordedActivity {
    const activity = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const activityId = method === 'PUT' ? match[2]! : `activity-${++counter}`;
    const recorded: RecordedActivity = {
      method,
      conversationId: match[1]!,
      replyToId: method === 'POST' ? match[2] : undefined,
      activityId,
      authorization,
      activity,
    };
    activities.push(recorded);
    events.emit('activity', recorded);
    return recorded;
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const method = req.method === 'PUT' ? 'PUT' : 'POST';
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method: req.method ?? '', path, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };

    if (path === '/.well-known/openidconfiguration')
      return reply(200, { issuer: `${base}/issuer`, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (path === '/keys') return reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams', 'emulator', 'webchat'] }] });

    const post = path.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
    const writes = post && (req.method === 'POST' || req.method === 'PUT');
    // Teams refuses an oversized message whatever else happens (413 MessageSizeTooBig).
    if (writes && (Buffer.byteLength(raw, 'utf8') > sizeLimit.utf8 || raw.length * 2 > sizeLimit.utf16))
      return reply(413, { error: { code: 'MessageSizeTooBig', message: `activity of ${Buffer.byteLength(raw, 'utf8')} bytes is over the limit` } });

    const body = (): Record<string, any> => {
      try {
        return raw ? JSON.parse(raw) : {};
      } catch {
        return {};
      }
    };
    const failure = failures.find((f) => f.left > 0 && (!f.pathIncludes || path.includes(f.pathIncludes)) && (!f.when || (writes && f.when(body()))));
    if (failure) {
      failure.left--;
      if (failure.stored && writes) record(post!, raw, method, req.headers.authorization);
      if (failure.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
      const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      const code = failure.code ?? (failure.status === 429 ? 'Throttled' : 'BotNotInConversationRoster');
      return reply(failure.status, { error: { code, message: failure.message ?? `scripted ${failure.status}` } }, headers);
    }

    const member = path.match(/^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/);
    if (req.method === 'GET' && member) {
      const found = members.get(member[2]!);
      return found ? reply(200, found) : reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
    }
    const memberList = path.match(/^\/v3\/conversations\/([^/]+)\/(?:pagedmembers|members)$/);
    if (req.method === 'GET' && memberList) return reply(200, path.endsWith('pagedmembers') ? { members: [...members.values()] } : [...members.values()]);
    // What the bot posted to a conversation (Teams has no such read API for bots; tests use it to look).
    if (req.method === 'GET' && post && !post[2])
      return reply(200, {
        activities: activities.filter((a) => a.conversationId === post[1] && a.method === 'POST').map((a) => ({ ...a.activity, id: a.activityId })),
      });
    if (req.method === 'POST' && path === '/v3/conversations') {
      const id = `a:fake-conversation-${++counter}`;
      return reply(200, { id, activityId: undefined, serviceUrl: base + '/' });
    }
    if (writes) return reply(req.method === 'PUT' ? 200 : 201, { id: record(post!, raw, method, req.headers.authorization).activityId });
    return reply(404, { error: { code: 'NotFound', message: `fake connector has no ${req.method} ${path}` } });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;

  return {
    serviceUrl: `${base}/`,
    openIdMetadataUrl: `${base}/.well-known/openidconfiguration`,
    issuer: 'https://fake-bot-connector.test',
    activities,
    requests,
    members,
    sizeLimit,
    fail(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    waitFor(match, timeoutMs = 15_000) {
      const existing = activities.find(match);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const onActivity = (a: RecordedActivity) => {
          if (!match(a)) return;
          clearTimeout(timer);
          events.off('activity', onActivity);
          resolve(a);
        };
        const timer = setTimeout(() => {
          events.off('activity', onActivity);
          reject(
            new Error(
              `fake bot connector: no matching activity within ${timeoutMs} ms; got ${JSON.stringify(activities.map((a) => [a.method, a.activity.type, a.activity.text]))}`,
            ),
          );
        }, timeoutMs);
        events.on('activity', onActivity);
      });
    },
    signToken(claims, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(
        {
          iss: claims.issuer ?? 'https://fake-bot-connector.test',
          aud: claims.audience,
          serviceurl: claims.serviceUrl ?? `${base}/`,
          nbf: now - 60,
          iat: now,
          exp: now + (claims.expiresInSeconds ?? 3600),
        },
        key,
        kid,
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
