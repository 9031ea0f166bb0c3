import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ValidationError } from '../../core/errors.ts';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** More help for `salesos <command> --help`: options explained, examples. */
  details?: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** node:util parseArgs with a clear ValidationError instead of a TypeError on unknown options. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new ValidationError((err as Error).message.replace(/^.*?: /, ''));
  }
}

/** `salesos <command> --help`. */
export function commandHelp(c: Pick<Command, 'usage' | 'summary' | 'details'>): string {
  const alternatives = c.usage.split(/\s\|\s(?=[a-z]+\b)/).map((u, i) => `${i === 0 ? 'Usage: ' : '       '}salesos ${u.trim()}`);
  return [...alternatives, '', c.summary, ...(c.details ? ['', c.details] : [])].join('\n') + '\n';
}

/** True when the user asked for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
