// `salesos <command>`: the entry layer. Each command lives in app/commands/ and is the only code that
// wires core, tools and bots together for its job. This file and the command modules import only what
// `--help` needs; each command imports the rest when it runs, so a command loads only its own SDKs.
import { AppError, ConfigError, toAppError } from '../core/errors.ts';
import { redactString } from '../core/redact.ts';
import { commandHelp, wantsHelp } from './commands/command.ts';
import { COMMANDS, type Command } from './commands/index.ts';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'SalesOS — a chat-first sales assistant for Slack, Microsoft Teams and the terminal.',
    '',
    'Usage: salesos <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from environment variables (see .env.example and the README).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 1;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  // Help is answered before the command runs, so it never opens a database or reads configuration.
  if (wantsHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    // Before any SDK is imported (the AI SDK builds a default provider from OPENAI_* at import time): blank
    // variables, as `cp .env.example .env` and docker compose produce them, mean "not set". Nothing above
    // has imported an SDK, and config (zod) is loaded only for a command that runs.
    const { unsetBlankVariables } = await import('../core/config.ts');
    unsetBlankVariables(process.env);
    return await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.userMessage + '\n');
      return 2;
    }
    const appErr = toAppError(err);
    // One readable line for the user; the stack trace only in the debug log. A mistake in what the user
    // typed is not a failure of SalesOS.
    const { log } = await import('../core/log.ts');
    log.debug(`salesos ${name}: ${appErr.code}`, { err });
    const message =
      appErr.code === 'internal'
        ? `failed: ${redactString(
            String(err instanceof Error ? err.message : err)
              .split('\n')[0]!
              .slice(0, 300),
          )}. Run it again with LOG_LEVEL=debug to see where.`
        : appErr.userMessage;
    process.stderr.write(`salesos ${name}: ${message}\n`);
    return appErr instanceof AppError && appErr.code === 'invalid_input' ? 2 : 1;
  }
}
