import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

const ROLES = ['rep', 'manager', 'admin'] as const;

export const usersCommand: Command = {
  name: 'users',
  usage: 'users [list] | users add --email <e> --name <n> [--role r] [--tz <zone>] [--manager <email>] | users budget <email> <usd|default>',
  summary: 'List or add users (a manager gets a team); set a user’s daily AI budget (0 switches AI off).',
  async run(argv) {
    const [sub = 'list', ...rest] = argv[0]?.startsWith('--') ? ['list', ...argv] : argv;
    // Everything typed is checked before the database is opened.
    const request = parseRequest(sub, rest);
    const [{ UserRepository }, { loadRuntimeConfig, openRuntime }] = await Promise.all([import('../../core/db/users-repository.ts'), import('../runtime.ts')]);
    const runtime = await openRuntime(loadRuntimeConfig());
    const users = new UserRepository(runtime.db.prisma);
    try {
      if (request.sub === 'list') {
        const list = await users.list({ role: request.role });
        const width = Math.max(5, ...list.map((u) => u.email.length));
        process.stdout.write(`${'EMAIL'.padEnd(width)}  ROLE     TIME ZONE            NAME\n`);
        for (const u of list) process.stdout.write(`${u.email.padEnd(width)}  ${u.role.padEnd(7)}  ${u.timeZone.padEnd(19)}  ${u.name}\n`);
        return 0;
      }
      if (request.sub === 'add') {
        let teamId: string | undefined;
        if (request.manager) {
          const manager = await users.getByEmail(request.manager);
          const team = manager && (await users.teamManagedBy(manager.id));
          if (!team) throw new ValidationError(`${request.manager} is not a manager with a team.`);
          teamId = team.id;
        }
        const user = await users.create({
          email: request.email,
          name: request.name,
          role: request.role,
          timeZone: request.tz ?? runtime.config.defaultTimeZone,
          teamId,
        });
        if (request.role === 'manager') await users.createTeam(`${user.name}'s team`, user.id);
        process.stdout.write(`Added ${user.name} <${user.email}> as ${user.role}.\n`);
        return 0;
      }
      const user = await users.getByEmail(request.email);
      if (!user) throw new ValidationError(`There is no user ${request.email}.`);
      await users.setDailyLimit(user.id, request.usd);
      process.stdout.write(
        request.usd === null
          ? `${user.email} now has the default daily AI budget ($${runtime.config.cost.dailyLimitUsd.toFixed(2)}).\n`
          : `${user.email} now has a daily AI budget of $${request.usd.toFixed(2)}${request.usd === 0 ? ' (AI is switched off for them)' : ''}.\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

type Role = (typeof ROLES)[number];
type UsersRequest =
  | { sub: 'list'; role?: Role }
  | { sub: 'add'; email: string; name: string; role: Role; tz?: string; manager?: string }
  | { sub: 'budget'; email: string; usd: number | null };

function parseRole(value: string | undefined): Role | undefined {
  if (value !== undefined && !ROLES.includes(value as Role)) throw new ValidationError(`--role must be one of ${ROLES.join(', ')} (got "${value}").`);
  return value as Role | undefined;
}

function parseRequest(sub: string, rest: string[]): UsersRequest {
  if (sub === 'list') return { sub, role: parseRole(parseOptions(rest, { role: { type: 'string' } }).values.role) };
  if (sub === 'add') {
    const { values } = parseOptions(rest, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      tz: { type: 'string' },
      manager: { type: 'string' },
    });
    if (!values.email || !values.name) throw new ValidationError('users add needs --email and --name.');
    return { sub, email: values.email, name: values.name, role: parseRole(values.role) ?? 'rep', tz: values.tz, manager: values.manager };
  }
  if (sub === 'budget') {
    const [email, amount, ...extra] = rest;
    if (!email || !amount || extra.length)
      throw new ValidationError('Usage: salesos users budget <email> <usd|default>, e.g. salesos users budget jane@acme.io 2.50');
    const usd = amount === 'default' ? null : Number(amount);
    if (usd !== null && !(Number.isFinite(usd) && usd >= 0 && usd <= 100_000))
      throw new ValidationError(`The budget must be a number of USD from 0 to 100000, or "default" (got "${amount}").`);
    return { sub, email, usd };
  }
  throw new ValidationError(`Unknown users subcommand "${sub}". Use \`salesos users\`, \`salesos users add\` or \`salesos users budget\`.`);
}
