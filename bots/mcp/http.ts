// MCP's Streamable HTTP transport at POST /mcp, stateless: every request carries a personal access token
// (Authorization: Bearer sos_pat_…), gets its own server for that token's user, and a JSON response.
import type http from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { actorOf } from '../../core/actor.ts';
import type { ApiTokenRepository, TokenCheck } from '../../core/db/api-tokens-repository.ts';
import type { Logger } from '../../core/log.ts';
import { createMcpServer, type McpAssistant } from './server.ts';

export const MCP_PATH = '/mcp';

const REASONS: Record<Exclude<TokenCheck, { ok: true }>['reason'] | 'missing', string> = {
  missing: 'Send a SalesOS personal access token as "Authorization: Bearer <token>" (create one with `salesos tokens create`).',
  malformed: 'That is not a SalesOS personal access token.',
  unknown: 'That token is not known to SalesOS.',
  revoked: 'That token was revoked.',
  expired: 'That token has expired; create a new one with `salesos tokens create`.',
  user_inactive: 'The user this token belongs to is deactivated.',
};

function unauthorized(res: http.ServerResponse, reason: keyof typeof REASONS): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: REASONS[reason] }, id: null });
  res.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': `Bearer realm="salesos", error="${reason === 'missing' ? 'invalid_request' : 'invalid_token'}", error_description="${REASONS[reason].replace(/"/g, "'")}"`,
  });
  res.end(body);
}

export function createMcpHttpHandler(deps: { assistant: McpAssistant; tokens: ApiTokenRepository; version: string; log: Logger }) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const presented = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!presented) return unauthorized(res, 'missing');
    const check = await deps.tokens.check(presented);
    if (!check.ok) {
      deps.log.warn('MCP request refused', { reason: check.reason });
      return unauthorized(res, check.reason);
    }
    const actor = actorOf(check.user);
    const server = createMcpServer(deps.assistant, {
      actor,
      readOnly: check.token.readOnly,
      conversationKey: `mcp:token:${check.token.id}`,
      version: deps.version,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };
}
