// `salesos mcp --as <email>`: SalesOS as an MCP server over stdio, for local AI clients (Claude Desktop,
// Cursor, VS Code). stdout carries the protocol; logs go to stderr as always.
import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

export const mcpCommand: Command = {
  name: 'mcp',
  usage: 'mcp --as <email> [--read-only]',
  summary: 'Serve SalesOS tools to a local AI client over MCP (stdio) as this user; POST /mcp on `salesos start` serves remote clients.',
  async run(argv) {
    const { values } = parseOptions(argv, { as: { type: 'string' }, 'read-only': { type: 'boolean' } });
    if (!values.as) throw new ValidationError('Name the user the AI client acts as: salesos mcp --as <email>.');
    const [{ StdioServerTransport }, { createMcpServer }, { log }, { SALESOS_VERSION }, { actorFor, openContainer }] = await Promise.all([
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('../../bots/mcp/server.ts'),
      import('../../core/log.ts'),
      import('../../core/version.ts'),
      import('./session.ts'),
    ]);
    const container = await openContainer();
    try {
      const actor = await actorFor(container, values.as);
      const server = createMcpServer(container.assistant, {
        actor,
        readOnly: Boolean(values['read-only']),
        conversationKey: `mcp:stdio:${actor.id}`,
        version: SALESOS_VERSION,
      });
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      await server.connect(transport);
      log.info(`MCP server on stdio for ${actor.email} (${actor.role}${values['read-only'] ? ', read-only' : ''})`);
      await closed;
      await server.close();
      return 0;
    } finally {
      await container.close();
    }
  },
};
