// Validates Adaptive Card JSON with Microsoft's own `adaptivecards` package (the renderer Teams' cards
// follow): every parse warning and validation failure is returned as a message.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  ctx.targetVersion = AC.Versions.v1_5;
  card.parse(json, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  const result = card.validateProperties();
  for (const e of result.validationEvents ?? []) problems.push(`validate: ${e.message}`);
  return problems;
}
