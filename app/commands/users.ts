import { ValidationError } from '../../core/errors.ts';
import { UserRepository } from '../../core/db/users-repository.ts';
import { loadRuntimeConfig, openRuntime } from '../runtime.ts';
import { parseOptions, type Command } from './command.ts';

const ROLES = ['rep', 'manager', 'admin'] as const;

export const usersCommand: Command = {
  name: 'users',
  usage: 'users [list [--role <role>]] | users add --email <e> --name <n> [--role rep|manager|admin] [--tz <zone>] [--manager <email>]',
  summary: 'List users, or add one (a manager gets a team; --manager puts a rep in that manager’s team).',
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
          const team = manager && (await runtime.db.prisma.team.findUnique({ where: { managerId: manager.id } }));
          if (!team) throw new ValidationError(`${values.manager} is not a manager with a team.`);
          teamId = team.id;
        }
        const user = await users.create({ email: values.email, name: values.name, role, timeZone: values.tz ?? runtime.config.defaultTimeZone, teamId });
        if (role === 'manager') await users.createTeam(`${user.name}'s team`, user.id);
        process.stdout.write(`Added ${user.name} <${user.email}> as ${user.role}.\n`);
        return 0;
      }
      throw new ValidationError(`Unknown users subcommand "${sub}". Use \`salesos users\` or \`salesos users add\`.`);
    } finally {
      await runtime.close();
    }
  },
};
