// A fake OpenAI-compatible server on 127.0.0.1 speaking POST /v1/chat/completions (JSON and SSE
// streaming, tool calls, usage). Each request is answered by the test's `respond` function, which sees
// the real request body (messages, tools) the provider sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content?: unknown; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters: unknown } }[];
  stream?: boolean;
  max_tokens?: number;
  max_completion_tokens?: number;
}

export type FakeAnswer =
  | {
      text: string;
      usage?: { prompt: number; completion: number };
      finishReason?: 'stop' | 'length' | 'content_filter';
      /** Pause between streamed words (a slow model). */
      delayMsPerWord?: number;
    }
  | { toolCalls: { name: string; arguments: Record<string, unknown> }[]; usage?: { prompt: number; completion: number } }
  | { status: number; error: string; code?: string; headers?: Record<string, string> }
  // Faults: accept the request and never answer; stream with a pause between chunks; answer 200 with a
  // body that is not the protocol; stream a few chunks and then drop the connection.
  | { hang: true }
  | { slow: { text: string; chunkDelayMs: number } }
  | { garbage: string; contentType?: string }
  | { cut: { text: string; afterChunks: number } };

export interface FakeOpenAI {
  url: string;
  requests: ChatRequest[];
  respond: (req: ChatRequest) => FakeAnswer;
  close(): Promise<void>;
}

/** The last tool results the model was given, parsed, by tool name (what a real model would read). */
export function toolResultsIn(req: ChatRequest): { name: string; output: any }[] {
  const names = new Map<string, string>();
  for (const m of req.messages) for (const c of m.tool_calls ?? []) names.set(c.id, c.function.name);
  const out: { name: string; output: any }[] = [];
  for (const m of req.messages) {
    if (m.role !== 'tool') continue;
    let output: unknown = m.content;
    try {
      output = JSON.parse(String(m.content));
    } catch {
      /* plain text */
    }
    out.push({ name: names.get(m.tool_call_id ?? '') ?? '?', output });
  }
  return out;
}

export function lastUserText(req: ChatRequest): string {
  const user = [...req.messages].reverse().find((m) => m.role === 'user');
  return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
}

export async function startFakeOpenAI(respond: FakeOpenAI['respond']): Promise<FakeOpenAI> {
  const state: FakeOpenAI = { url: '', requests: [], respond, close: async () => {} };
  let seq = 0;
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const request = JSON.parse(body) as ChatRequest;
    state.requests.push(request);
    const answer = state.respond(request);
    const id = `chatcmpl-${++seq}`;
    const created = 1_764_000_000;
    if ('hang' in answer) return; // the socket stays open until the client gives up or close() ends it
    if ('status' in answer) {
      res
        .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        .end(JSON.stringify({ error: { message: answer.error, type: 'fake_error', code: answer.code ?? null } }));
      return;
    }
    if ('garbage' in answer) {
      res.writeHead(200, { 'content-type': answer.contentType ?? 'text/html' }).end(answer.garbage);
      return;
    }
    const chunk = (delta: object, finishReason: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    if ('slow' in answer || 'cut' in answer) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk({ role: 'assistant', content: '' }));
      const text = 'slow' in answer ? answer.slow.text : answer.cut.text;
      const pieces = text.match(/\S+\s*|\s+/g) ?? [];
      for (let i = 0; i < pieces.length; i++) {
        if ('cut' in answer && i === answer.cut.afterChunks) {
          // Let what was written reach the client first, then drop the connection mid-stream.
          await new Promise((r) => setTimeout(r, 50));
          res.socket?.destroy();
          return;
        }
        if ('slow' in answer) await new Promise((r) => setTimeout(r, answer.slow.chunkDelayMs));
        if (res.destroyed) return;
        res.write(chunk({ content: pieces[i] }));
      }
      res.write(chunk({}, 'stop'));
      const u = { prompt_tokens: 100, completion_tokens: pieces.length, total_tokens: 100 + pieces.length };
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage: u })}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    const usage = answer.usage ?? { prompt: 100, completion: 20 };
    const usageJson = { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion };
    const toolCalls =
      'toolCalls' in answer
        ? answer.toolCalls.map((c, i) => ({ id: `call_${seq}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }))
        : undefined;
    const finish = toolCalls ? 'tool_calls' : ('finishReason' in answer && answer.finishReason) || 'stop';
    if (!request.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'text' in answer ? answer.text : null, tool_calls: toolCalls }, finish_reason: finish }],
          usage: usageJson,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (delta: object, finishReason: string | null = null, extra: object = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`,
      );
    send({ role: 'assistant', content: '' });
    if ('text' in answer) {
      for (const piece of answer.text.match(/\S+\s*|\s+/g) ?? []) {
        send({ content: piece });
        if (answer.delayMsPerWord) await new Promise((r) => setTimeout(r, answer.delayMsPerWord));
      }
    } else {
      toolCalls!.forEach((c, index) => {
        const args = c.function.arguments;
        send({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } }] });
        // Arguments arrive in fragments, as OpenAI sends them.
        for (let i = 0; i < args.length; i += 16) send({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 16) } }] });
      });
    }
    send({}, finish);
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage: usageJson })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // hung requests must not hold the test open
    });
  return state;
}
