import { askCommand } from './ask.ts';
import { auditCommand } from './audit.ts';
import { chatCommand } from './chat.ts';
import { completionCommand } from './completion.ts';
import type { Command } from './command.ts';
import { digestCommand } from './digest.ts';
import { evalCommand } from './eval.ts';
import { importCommand } from './import.ts';
import { mcpCommand } from './mcp.ts';
import { migrateCommand } from './migrate.ts';
import { offerCommand } from './offer.ts';
import { rescoreCommand } from './rescore.ts';
import { seedCommand } from './seed.ts';
import { startCommand } from './start.ts';
import { teamsCommand } from './teams.ts';
import { tokensCommand } from './tokens.ts';
import { usageCommand } from './usage.ts';
import { usersCommand } from './users.ts';
import { workerCommand } from './worker.ts';

export type { Command };
export const COMMANDS: Command[] = [
  startCommand,
  chatCommand,
  askCommand,
  evalCommand,
  migrateCommand,
  seedCommand,
  importCommand,
  usersCommand,
  offerCommand,
  rescoreCommand,
  usageCommand,
  auditCommand,
  teamsCommand,
  digestCommand,
  workerCommand,
  mcpCommand,
  tokensCommand,
  completionCommand,
];
