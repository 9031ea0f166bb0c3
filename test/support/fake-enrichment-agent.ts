// A stand-in for the enrichment agent: a real HTTP server on 127.0.0.1 speaking the contract in
// docs/enrichment-agent.openapi.yaml, with switchable failure modes and a record of every request.
//
//   const agent = await startFakeEnrichmentAgent({ token: 't0k' });
//   process.env.ENRICHMENT_AGENT_URL = agent.url;
//   await agent.setMode('500', { times: 2 });   // two HTTP 500s, then normal answers
//   ... agent.requests[0].headers['idempotency-key'] ...
//   await agent.close();
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAgentMode =
  /** Answers with data derived from the request and a cost. */
  | 'normal'
  /** Waits `delayMs` (default 2000) before answering normally: longer than a test's timeout. */
  | 'slow'
  /** The server stops listening: connections are refused until another mode is set. */
  | 'down'
  /** HTTP 500 `times` times (default: every time), then normal. */
  | '500'
  /** HTTP 429 with `Retry-After: retryAfter` (default "1") `times` times (default: every time), then normal. */
  | '429'
  /** HTTP 200 whose body is not JSON. */
  | 'malformed'
  /** HTTP 200 with JSON that breaks the contract (a string costUsd, an unknown seniority). */
  | 'wrong_shape'
  /** HTTP 404: the agent knows nothing about this person. */
  | '404'
  /** HTTP 422 with an error body. */
  | '422';

export interface FakeAgentModeOptions {
  /** For '500', '429' and 'slow': how many requests behave so before answers turn normal. */
  times?: number;
  delayMs?: number;
  retryAfter?: string;
  /** Cost reported in normal answers (default 0.03). */
  costUsd?: number;
  /** Values that replace the derived ones in normal answers. */
  lead?: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it was not JSON. */
  body: unknown;
}

export interface FakeEnrichmentAgent {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Every request received on /v1/enrich and /healthz, oldest first. */
  requests: RecordedRequest[];
  setMode(mode: FakeAgentMode, opts?: FakeAgentModeOptions): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeEnrichmentAgent(opts: { token?: string } = {}): Promise<FakeEnrichmentAgent> {
  const requests: RecordedRequest[] = [];
  let mode: FakeAgentMode = 'normal';
  let modeOpts: FakeAgentModeOptions = {};
  let served = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      handle(req, res, body);
    });
  });

  function send(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
    if (res.destroyed) return;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {
    if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST' || req.url !== '/v1/enrich') return send(res, 404, { error: { code: 'no_route', message: `no route ${req.method} ${req.url}` } });
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`)
      return send(res, 401, { error: { code: 'unauthorized', message: 'missing or wrong bearer token' } });
    const lead = (body as { lead?: Record<string, unknown> } | undefined)?.lead;
    if (typeof lead?.email !== 'string' || !lead.email.includes('@'))
      return send(res, 422, { error: { code: 'invalid_lead', message: 'lead.email is required' } });

    served += 1;
    const active = modeOpts.times === undefined || served <= modeOpts.times ? mode : 'normal';
    const answer = () => send(res, 200, normalAnswer(body as EnrichBody, req.headers['x-request-id'], modeOpts));
    switch (active) {
      case 'slow': {
        const timer = setTimeout(answer, modeOpts.delayMs ?? 2_000);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case '500':
        return send(res, 500, { error: { code: 'internal', message: 'fake agent failure' } });
      case '429':
        return send(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': modeOpts.retryAfter ?? '1' });
      case 'malformed':
        return send(res, 200, '{"lead": {"fullName": "Jane Doe"');
      case 'wrong_shape':
        return send(res, 200, { lead: { fullName: 'Jane Doe', seniority: 'galactic_overlord' }, costUsd: 'free' });
      case '404':
        return send(res, 404, { error: { code: 'not_found', message: 'no person found for this email' } });
      case '422':
        return send(res, 422, { error: { code: 'invalid_lead', message: 'the email domain does not exist' } });
      default:
        return answer();
    }
  }

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async setMode(next, nextOpts = {}) {
      mode = next;
      modeOpts = nextOpts;
      served = 0;
      if (next === 'down') await stop();
      else if (!server.listening) await listen(port);
    },
    close: stop,
  };
}

type EnrichBody = { lead: Record<string, string | undefined>; fields?: string[] };

/** A plausible answer built from what was asked, so tests can predict it. */
function normalAnswer(body: EnrichBody, requestId: string | string[] | undefined, opts: FakeAgentModeOptions) {
  const { lead } = body;
  const [local = '', domain = ''] = (lead.email ?? '').split('@');
  const words = local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  const label = domain.split('.')[0] ?? '';
  const title = lead.title ?? 'Head of Sales';
  const derived: Record<string, unknown> = {
    fullName: lead.fullName ?? words.join(' '),
    firstName: words[0],
    lastName: words.length > 1 ? words[words.length - 1] : undefined,
    title,
    seniority: /chief|ceo|cto|cfo/i.test(title) ? 'c_level' : /\bvp\b|vice/i.test(title) ? 'vp' : /head|director/i.test(title) ? 'director' : 'manager',
    company: lead.company ?? label.charAt(0).toUpperCase() + label.slice(1),
    companyDomain: lead.companyDomain ?? domain,
    industry: 'SaaS',
    companySize: 120,
    country: lead.country ?? 'Germany',
    city: lead.city ?? 'Berlin',
    techStack: ['HubSpot', 'Slack'],
    linkedinUrl: lead.linkedinUrl ?? `https://www.linkedin.com/in/${words.join('-').toLowerCase() || 'someone'}`,
    ...opts.lead,
  };
  const wanted = body.fields?.length ? body.fields : Object.keys(derived);
  const out = Object.fromEntries(Object.entries(derived).filter(([k, v]) => wanted.includes(k) && v !== undefined));
  return {
    lead: out,
    confidence: Object.fromEntries(Object.keys(out).map((k) => [k, 0.9])),
    sources: ['fake-agent:people-db'],
    costUsd: opts.costUsd ?? 0.03,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}
