// Thread memory: earlier turns of the conversation, newest first until the token budget is spent,
// replayed to the model in order. A turn is kept whole (a tool call is never separated from its result).
import type { ModelMessage } from 'ai';
import type { StoredMessage } from '../db/conversations-repository.ts';

export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  // Only bounds how much history is replayed, so a cheap estimate does (English runs ~4 characters per
  // token; 3.5 errs on the side of replaying less). CostGuard counts exactly what is sent.
  return Math.ceil(text.length / 3.5);
}

/** Group stored messages into turns: a user message and everything after it up to the next one. */
function turnsOf(messages: StoredMessage[]): StoredMessage[][] {
  const turns: StoredMessage[][] = [];
  for (const m of messages) {
    if (m.role === 'user' || turns.length === 0) turns.push([m]);
    else turns[turns.length - 1]!.push(m);
  }
  return turns;
}

function toModelMessages(m: StoredMessage): ModelMessage[] {
  if (m.role === 'user') return [{ role: 'user', content: m.text }];
  if (Array.isArray(m.parts) && m.parts.length > 0) return m.parts as ModelMessage[];
  return m.text ? [{ role: 'assistant', content: m.text }] : [];
}

export function buildHistory(messages: StoredMessage[], tokenBudget: number): { messages: ModelMessage[]; tokens: number } {
  const kept: StoredMessage[][] = [];
  let tokens = 0;
  for (const turn of turnsOf(messages).reverse()) {
    const cost = turn.reduce((sum, m) => sum + (m.tokens || estimateTokens(m.parts ?? m.text)), 0);
    if (tokens + cost > tokenBudget) break;
    tokens += cost;
    kept.unshift(turn);
  }
  return { messages: kept.flat().flatMap(toModelMessages), tokens };
}
