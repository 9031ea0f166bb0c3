import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ValidationError } from '../../core/errors.ts';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** node:util parseArgs with a clear ValidationError instead of a TypeError on unknown options. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new ValidationError((err as Error).message.replace(/^.*?: /, ''));
  }
}
