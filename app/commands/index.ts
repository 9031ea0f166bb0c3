import { askCommand } from './ask.ts';
import { auditCommand } from './audit.ts';
import { chatCommand } from './chat.ts';
import { completionCommand } from './completion.ts';
import type { Command } from './command.ts';
import { digestCommand } from './digest.ts';
import { importCommand } from './import.ts';
import { mcpCommand } from './mcp.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';
import { startCommand } from './start.ts';
import { teamsCommand } from './teams.ts';
import { tokensCommand } from './tokens.ts';
import { usageCommand } from './usage.ts';
import { usersCommand } from './users.ts';
import { workerCommand } from './worker.ts';

export type { Command };
export const COMMANDS: Command[] = [startCommand, chatCommand, askCommand, migrateCommand, seedCommand, importCommand, usersCommand, usageCommand, auditCommand, teamsCommand, digestCommand, workerCommand, mcpCommand, tokensCommand, completionCommand];
