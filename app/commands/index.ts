import type { Command } from './command.ts';
import { migrateCommand } from './migrate.ts';
import { startCommand } from './start.ts';

export type { Command };
export const COMMANDS: Command[] = [startCommand, migrateCommand];
