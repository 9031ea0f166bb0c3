import { parseOptions, type Command } from './command.ts';

export const chatCommand: Command = {
  name: 'chat',
  usage: 'chat [--as <email>]',
  summary: 'Chat with SalesOS in the terminal (reads lines from a pipe too).',
  async run(argv) {
    const { values } = parseOptions(argv, { as: { type: 'string' } });
    const [{ runConsoleSession }, { actorFor, chatBanner, openContainer }] = await Promise.all([
      import('../../bots/console/session.ts'),
      import('./session.ts'),
    ]);
    const container = await openContainer();
    try {
      const actor = await actorFor(container, values.as);
      const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      await runConsoleSession({
        assistant: container.assistant,
        actor,
        input: process.stdin,
        output: process.stdout,
        interactive,
        color: interactive && !process.env.NO_COLOR,
        width: Math.min(process.stdout.columns || 100, 140),
        banner: interactive ? chatBanner(actor, container.model.label) : undefined,
      });
      return 0;
    } finally {
      await container.close();
    }
  },
};
