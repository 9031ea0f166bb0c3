// A Bolt Receiver for our own HTTP server: `handle(req, res)` is mounted as a route (POST /slack/events).
// It checks signature and timestamp before anything else (401, nothing processed), answers url_verification,
// and hands the payload to Bolt with Bolt's own HTTPResponseAck, which writes the HTTP response at ack, so
// listeners run after Slack has its answer. Bolt's HTTPReceiver does not fit: it owns its http.Server, and
// ours serves Teams, MCP and the health routes on the same port; its body limit and errors differ too.
import crypto from 'node:crypto';
import type http from 'node:http';
import { HTTPResponseAck, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { log } from '../../core/log.ts';
import { ignoredSlackBody, invalidSlackBody } from './validate-body.ts';
import { verifySlackSignature } from './verify.ts';

const MAX_BODY_BYTES = 1024 * 1024;
/** An oversized body is read (and dropped) up to this much so the 413 reaches the client; beyond it, the socket is cut. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;
/** Slack gives up after 3 s; warn well before. */
const ACK_WARN_MS = 2_500;

export class SlackHttpReceiver implements Receiver {
  private app?: App;

  constructor(private readonly opts: { signingSecret: string; now?: () => number }) {}

  init(app: App): void {
    this.app = app;
  }

  // Our HTTP server owns the socket; start/stop only exist for Bolt's interface.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** The route handler. Resolves once Bolt has finished processing (the HTTP response went out at ack). */
  handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // Answer 413 before reading a body announced as too large; the connection closes after the answer.
    const announced = Number(header(req, 'content-length') ?? NaN);
    if (announced > MAX_BODY_BYTES) return tooLarge(req, res);
    let raw: string;
    try {
      const read = await readBody(req);
      if (read === undefined) return tooLarge(req, res);
      raw = read;
    } catch (err) {
      return reply(res, 400, { error: `could not read the request body: ${(err as Error).message}` });
    }
    const verdict = verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      rawBody: raw,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: this.opts.now?.(),
    });
    if (!verdict.ok) {
      log.warn('rejected a Slack request', { reason: verdict.reason });
      return reply(res, 401, { error: 'invalid Slack signature or timestamp' });
    }

    let body: Record<string, any>;
    try {
      body = parseBody(raw, header(req, 'content-type') ?? '');
    } catch {
      return reply(res, 400, { error: 'body is neither JSON nor a form' });
    }
    const invalid = invalidSlackBody(body);
    if (invalid) {
      log.warn('rejected a signed Slack body', { reason: invalid });
      return reply(res, 400, { error: invalid });
    }
    if (body.ssl_check || ignoredSlackBody(body)) return reply(res, 200, '');
    if (body.type === 'url_verification') return reply(res, 200, { challenge: body.challenge });
    if (!this.app) return reply(res, 503, { error: 'Slack app not initialised' });

    const responseAck = new HTTPResponseAck({
      // The app's logger: ours behind Bolt's interface (createSlackBot), so HTTPResponseAck's lines are scrubbed too.
      logger: this.app.logger,
      processBeforeResponse: false,
      // Bolt's default answers 404 here; we only warn, and still answer 200 once processing ends (below).
      unhandledRequestHandler: () => log.error('Slack request not acknowledged within 2.5 s', { type: body.type ?? body.command }),
      unhandledRequestTimeoutMillis: ACK_WARN_MS,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    const ack = responseAck.bind();
    const retryNum = header(req, 'x-slack-retry-num');
    const timestamp = header(req, 'x-slack-request-timestamp') ?? '';
    const event: ReceiverEvent = {
      body,
      // Listeners see it as context.requestId: the same signed request delivered twice has the same id,
      // which is what de-duplicates slash commands that carry no trigger_id.
      customProperties: { requestId: crypto.createHash('sha256').update(`${timestamp}:${raw}`).digest('base64url').slice(0, 32) },
      retryNum: retryNum ? Number(retryNum) : undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
      ack,
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      log.error('Slack event processing failed', { err, type: body.type ?? body.command });
      responseAck.ack();
      reply(res, 500, { error: 'internal error' });
    }
    // Nothing matched (e.g. an event type we do not subscribe to): still tell Slack we got it.
    responseAck.ack();
    reply(res, 200, '');
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES (then drained, not kept). */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > MAX_DRAIN_BYTES) resolve(undefined);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** 413, then close: the rest of the body is read and dropped (up to a bound) so the client sees the answer. */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (res.headersSent) return;
  const text = JSON.stringify({ error: `request body larger than ${MAX_BODY_BYTES} bytes` });
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.end(text);
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > MAX_DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

/** Events come as JSON; interactivity as a form with a JSON `payload`; slash commands as a plain form. */
export function parseBody(raw: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return JSON.parse(raw);
  const form = Object.fromEntries(new URLSearchParams(raw));
  if (typeof form.payload === 'string') return JSON.parse(form.payload);
  return form;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
