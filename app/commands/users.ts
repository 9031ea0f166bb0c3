import { ValidationError } from '../../core/errors.ts';
import { UserRepository } from '../../core/db/users-repository.ts';
import { loadRuntimeConfig, openRuntime } from '../runtime.ts';
import { parseOptions, type Command } from './command.ts';

const ROLES = ['rep', 'manager', 'admin'] as const;

export const usersCommand: Command = {
  name: 'users',
  usage: 'users [list] | users add --email <e> --name <n> [--role r] [--tz <zone>] [--manager <email>] | users budget <email> <usd|default>',
  summary: 'List or add users (a manager gets a team); set a user’s daily AI budget (0 switches AI off).',
  async run(argv) {
    const [sub = 'list', ...rest] = argv[0]?.startsWith('--') ? ['list', ...argv] : argv;
    const runtime = await openRuntime(loadRuntimeConfig());
    const users = new UserRepository(runtime.db.prisma);
    try {
      if (sub === 'list') {
        const { values } = parseOptions(rest, { role: { type: 'string' } });
        if (values.role && !ROLES.includes(values.role as (typeof ROLES)[number]))
          throw new ValidationError(`--role must be one of ${ROLES.join(', ')} (got "${values.role}").`);
        const list = await users.list({ role: values.role as (typeof ROLES)[number] | undefined });
        const width = Math.max(5, ...list.map((u) => u.email.length));
        process.stdout.write(`${'EMAIL'.padEnd(width)}  ROLE     TIME ZONE            NAME\n`);
        for (const u of list) process.stdout.write(`${u.email.padEnd(width)}  ${u.role.padEnd(7)}  ${u.timeZone.padEnd(19)}  ${u.name}\n`);
        return 0;
      }
      if (sub === 'add') {
        const { values } = parseOptions(rest, {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          tz: { type: 'string' },
          manager: { type: 'string' },
        });
        if (!values.email || !values.name) throw new ValidationError('users add needs --email and --name.');
        const role = (values.role ?? 'rep') as (typeof ROLES)[number];
        if (!ROLES.includes(role)) throw new ValidationError(`--role must be one of ${ROLES.join(', ')} (got "${values.role}").`);
        let teamId: string | undefined;
        if (values.manager) {
          const manager = await users.getByEmail(values.manager);
          const team = manager && (await users.teamManagedBy(manager.id));
          if (!team) throw new ValidationError(`${values.manager} is not a manager with a team.`);
          teamId = team.id;
        }
        const user = await users.create({ email: values.email, name: values.name, role, timeZone: values.tz ?? runtime.config.defaultTimeZone, teamId });
        if (role === 'manager') await users.createTeam(`${user.name}'s team`, user.id);
        process.stdout.write(`Added ${user.name} <${user.email}> as ${user.role}.\n`);
        return 0;
      }
      if (sub === 'budget') {
        const [email, amount, ...extra] = rest;
        if (!email || !amount || extra.length) throw new ValidationError('Usage: salesos users budget <email> <usd|default>, e.g. salesos users budget jane@acme.io 2.50');
        const user = await users.getByEmail(email);
        if (!user) throw new ValidationError(`There is no user ${email}.`);
        const usd = amount === 'default' ? null : Number(amount);
        if (usd !== null && !(Number.isFinite(usd) && usd >= 0 && usd <= 100_000))
          throw new ValidationError(`The budget must be a number of USD from 0 to 100000, or "default" (got "${amount}").`);
        await users.setDailyLimit(user.id, usd);
        process.stdout.write(
          usd === null
            ? `${user.email} now has the default daily AI budget ($${runtime.config.cost.dailyLimitUsd.toFixed(2)}).\n`
            : `${user.email} now has a daily AI budget of $${usd.toFixed(2)}${usd === 0 ? ' (AI is switched off for them)' : ''}.\n`,
        );
        return 0;
      }
      throw new ValidationError(`Unknown users subcommand "${sub}". Use \`salesos users\` or \`salesos users add\`.`);
    } finally {
      await runtime.close();
    }
  },
};
