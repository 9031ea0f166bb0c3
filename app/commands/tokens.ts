// `salesos tokens`: personal access tokens for MCP clients over HTTP (POST /mcp).
import type { ApiTokenRow } from '../../core/db/api-tokens-repository.ts';
import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

type TokensRequest =
  | { sub: 'create'; user: string; name: string; readOnly: boolean; expiresInDays?: number }
  | { sub: 'list'; user?: string }
  | { sub: 'revoke'; id: string };

function parseRequest(argv: string[]): TokensRequest {
  const [sub = 'list', ...rest] = argv;
  if (sub === 'create') {
    const { values } = parseOptions(rest, {
      user: { type: 'string' },
      name: { type: 'string' },
      'read-only': { type: 'boolean' },
      expires: { type: 'string' },
    });
    if (!values.user || !values.name)
      throw new ValidationError(
        'tokens create needs --user <email> and --name <label>, e.g. salesos tokens create --user jane@acme.io --name "Claude Desktop"',
      );
    if (values.name.length > 100) throw new ValidationError('--name must be at most 100 characters.');
    let expiresInDays: number | undefined;
    if (values.expires !== undefined) {
      expiresInDays = Number(values.expires);
      if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650)
        throw new ValidationError(`--expires must be a whole number of days from 1 to 3650 (got "${values.expires}").`);
    }
    return { sub, user: values.user, name: values.name, readOnly: Boolean(values['read-only']), expiresInDays };
  }
  if (sub === 'list') return { sub, user: parseOptions(rest, { user: { type: 'string' } }).values.user };
  if (sub === 'revoke') {
    const { positionals } = parseOptions(rest, {}, true);
    if (positionals.length !== 1) throw new ValidationError('Name one token: salesos tokens revoke <id or prefix> (see salesos tokens list).');
    return { sub, id: positionals[0]! };
  }
  throw new ValidationError(`Unknown tokens subcommand "${sub}". Use create, list or revoke.`);
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');
function state(t: ApiTokenRow, now: Date): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

export const tokensCommand: Command = {
  name: 'tokens',
  usage: 'tokens create --user <email> --name <label> [--read-only] [--expires <days>] | tokens list [--user <email>] | tokens revoke <id|prefix>',
  summary: 'Personal access tokens for MCP clients (POST /mcp): the token is printed once and stored hashed.',
  async run(argv) {
    const request = parseRequest(argv);
    const [{ ApiTokenRepository }, { UserRepository }, { loadRuntimeConfig, openRuntime }] = await Promise.all([
      import('../../core/db/api-tokens-repository.ts'),
      import('../../core/db/users-repository.ts'),
      import('../runtime.ts'),
    ]);
    const runtime = await openRuntime(loadRuntimeConfig());
    try {
      const tokens = new ApiTokenRepository(runtime.db.prisma);
      const users = new UserRepository(runtime.db.prisma);
      const userId = async (email: string) => {
        const user = await users.getByEmail(email);
        if (!user || !user.active) throw new ValidationError(`There is no active SalesOS user ${email}.`);
        return user.id;
      };
      if (request.sub === 'create') {
        const { token, row } = await tokens.create({
          userId: await userId(request.user),
          name: request.name,
          readOnly: request.readOnly,
          expiresInDays: request.expiresInDays,
        });
        process.stdout.write(
          `${token}\n\nToken "${row.name}" for ${row.userEmail}${row.readOnly ? ' (read-only)' : ''}, ${row.expiresAt ? `expires ${day(row.expiresAt)}` : 'no expiry'}, id ${row.id}.\n` +
            'This is the only time it is shown: store it in your MCP client now.\n',
        );
        return 0;
      }
      if (request.sub === 'revoke') {
        const row = await tokens.revoke(request.id);
        if (!row) throw new ValidationError(`No single token matches "${request.id}". See salesos tokens list.`);
        process.stdout.write(`Revoked "${row.name}" (${row.prefix}…) of ${row.userEmail}.\n`);
        return 0;
      }
      const list = await tokens.list({ userId: request.user ? await userId(request.user) : undefined });
      const now = new Date();
      process.stdout.write(
        'ID                                    PREFIX          USER                          NAME                  ACCESS     STATE    EXPIRES     LAST USED\n',
      );
      for (const t of list)
        process.stdout.write(
          `${t.id}  ${(t.prefix + '…').padEnd(14)}  ${t.userEmail.padEnd(28)}  ${t.name.slice(0, 20).padEnd(20)}  ${(t.readOnly ? 'read-only' : 'read-write').padEnd(9)}  ${state(t, now).padEnd(7)}  ${day(t.expiresAt).padEnd(10)}  ${day(t.lastUsedAt)}\n`,
        );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
