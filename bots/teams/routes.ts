// POST /api/messages for a plain node server. Authenticates before anything else, then acknowledges:
// messages and installs get 202 at once and run in the background (a long model turn must not make Teams
// retry); invokes (card buttons) are answered in the response body, as Teams requires.
import type http from 'node:http';
import type { Logger } from '../../core/log.ts';
import { TeamsAuthError, type TeamsTransport } from './adapter.ts';
import type { TenantGate } from './tenants.ts';
import type { TeamsActivity, TeamsRoutes } from './turn.ts';

const MAX_BODY_BYTES = 1_000_000;

function send(res: http.ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1_000;
const withId = (v: unknown): boolean => typeof v === 'object' && v !== null && nonEmpty((v as { id?: unknown }).id);

/** What every activity needs before botbuilder sees it (it throws, not refuses, on these); undefined when fine. */
export function invalidActivity(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'not an activity';
  const a = body as Record<string, unknown>;
  if (!nonEmpty(a.type)) return 'the activity has no type';
  if (!nonEmpty(a.serviceUrl) || !/^https?:\/\//.test(a.serviceUrl)) return 'the activity has no http(s) serviceUrl';
  if (!withId(a.conversation)) return 'the activity has no conversation.id';
  if (!withId(a.from)) return 'the activity has no from.id';
  if (a.recipient !== undefined && !withId(a.recipient)) return 'the activity has a recipient without an id';
  if (a.type === 'message' && a.text !== undefined && typeof a.text !== 'string') return 'the message text is not a string';
  if (a.type === 'invoke' && !nonEmpty(a.name)) return 'the invoke has no name';
  return undefined;
}

export interface MessagesRouteDeps {
  transport: TeamsTransport;
  routes: TeamsRoutes;
  tenants: TenantGate;
  log: Logger;
  track(work: Promise<unknown>): void;
}

export function createMessagesRoute(deps: MessagesRouteDeps) {
  const { transport, log } = deps;
  return async function handleMessages(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let activity: TeamsActivity;
    try {
      const body = await readJson(req);
      const invalid = invalidActivity(body);
      if (invalid) throw new Error(invalid);
      activity = body as TeamsActivity;
    } catch (err) {
      return send(res, 400, { error: `Expected a Bot Framework activity as JSON: ${(err as Error).message}` });
    }

    let auth;
    try {
      auth = await transport.authenticate(activity, String(req.headers.authorization ?? ''));
    } catch (err) {
      const status = err instanceof TeamsAuthError ? err.status : 401;
      if (transport.mode === 'refused')
        log.warn(
          'refused a Teams request: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or TEAMS_ALLOW_UNAUTHENTICATED=true for the emulator without an app id)',
        );
      else if (status === 503) log.error('could not validate a Teams request', { err });
      else log.warn('rejected a Teams request with an invalid token', { reason: (err as Error).message, activityType: activity.type });
      return send(res, status, { error: status === 503 ? 'Token validation is unavailable; retry later.' : 'Unauthorized' });
    }

    // After the token (so an anonymous caller learns nothing), before anything runs or is stored.
    const refusal = deps.tenants.refusal(activity);
    if (refusal) {
      log.warn('refused a Teams activity from a tenant this bot does not serve', {
        reason: refusal,
        tenantId: activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
        activityType: activity.type,
      });
      return send(res, 401, { error: 'Unauthorized' });
    }

    if (activity.type === 'invoke') {
      try {
        const invokeResponse = await transport.run(auth, activity, deps.routes);
        return send(res, invokeResponse?.status ?? 200, invokeResponse?.body);
      } catch (err) {
        log.error('teams invoke failed', { err });
        return send(res, 500, { error: 'Internal error; the details are in the server log.' });
      }
    }

    // Acknowledge first; the turn keeps its TurnContext alive until it finishes.
    send(res, 202);
    deps.track(transport.run(auth, activity, deps.routes).catch((err) => log.error('teams activity failed', { err, activityType: activity.type })));
  };
}
