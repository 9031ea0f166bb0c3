// The terminal channel: one line (or pasted block) is one turn; replies stream as they are written,
// cards are rendered as text, and write tools ask yes/no before they run.
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Actor, Reply, ReplyEvent } from '../../core/agent/types.ts';
import type { ConfirmationCard } from '../../core/cards.ts';
import type { Assistant } from '../../assistant/assistant-contract.ts';
import { readMessages } from './read-messages.ts';
import { renderCard } from './render/index.ts';

export interface ConsoleSessionOptions {
  assistant: Assistant;
  actor: Actor;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal: prompts, a "working…" line, colours. False when input is piped. */
  interactive: boolean;
  color: boolean;
  width: number;
  /** Dates on cards are shown in this zone (the rep's). */
  timeZone?: string;
  conversationKey?: string;
  banner?: string;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export async function runConsoleSession(opts: ConsoleSessionOptions): Promise<void> {
  const { output } = opts;
  const conversationKey = opts.conversationKey ?? `console:${opts.actor.id}:${randomUUID()}`;
  const rl = readline.createInterface({ input: opts.input, terminal: false });
  const prompt = () => opts.interactive && output.write(opts.color ? '\x1b[1m› \x1b[0m' : '› ');
  if (opts.banner) output.write(opts.banner + '\n');

  const messages = readMessages(rl, () => opts.interactive && output.write("  (paste the email; end with a line containing only '.')\n"));
  prompt();
  while (true) {
    const next = await messages.next();
    if (next.done) break;
    const text = next.value;
    if (/^(exit|quit|bye|:q)$/i.test(text)) break;
    const reply = await show(opts.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor: opts.actor, conversationKey, text }), opts);
    for (const card of pendingConfirmations(reply)) {
      output.write(`Confirm: ${card.summary}? [y/N] `);
      const answer = await messages.next();
      const yes = !answer.done && /^(y|yes|ok|confirm|sure|do it)$/i.test(answer.value.trim());
      if (!opts.interactive) output.write(`${answer.done ? '' : answer.value}\n`);
      await show(
        opts.assistant.handleAction({
          deliveryId: randomUUID(),
          platform: 'console',
          actor: opts.actor,
          conversationKey,
          action: { kind: yes ? 'confirm' : 'cancel', actionId: card.actionId },
        }),
        opts,
      );
      if (answer.done) break;
    }
    prompt();
  }
  rl.close();
  if (opts.interactive) output.write('\n');
}

export function pendingConfirmations(reply: Reply): ConfirmationCard[] {
  return reply.cards.filter((c): c is ConfirmationCard => c.type === 'confirmation' && (c.state ?? 'pending') === 'pending');
}

/** Print one turn's events; returns the final reply. */
export async function show(
  events: AsyncIterable<ReplyEvent>,
  opts: Pick<ConsoleSessionOptions, 'output' | 'interactive' | 'color' | 'width' | 'timeZone'>,
): Promise<Reply> {
  const { output } = opts;
  let status = 'working…';
  let frame = 0;
  let spinning = false;
  const timer = opts.interactive
    ? setInterval(() => {
        spinning = true;
        output.write(`\r\x1b[2K${opts.color ? '\x1b[2m' : ''}${SPINNER[frame++ % SPINNER.length]} ${status}${opts.color ? '\x1b[0m' : ''}`);
      }, 80)
    : undefined;
  const clear = () => {
    if (spinning) output.write('\r\x1b[2K');
    spinning = false;
  };
  let wroteText = false;
  let reply: Reply | undefined;
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'status':
          status = event.text;
          if (!opts.interactive) output.write(`… ${event.text}\n`);
          break;
        case 'card':
          // A pending confirmation is asked as a yes/no question after the reply instead.
          if (event.card.type === 'confirmation' && (event.card.state ?? 'pending') === 'pending') break;
          clear();
          output.write(renderCard(event.card, { width: opts.width, color: opts.color, timeZone: opts.timeZone }) + '\n\n');
          break;
        case 'text-delta':
          clear();
          if (timer) clearInterval(timer);
          output.write(event.delta);
          wroteText ||= event.delta.length > 0;
          break;
        case 'done':
          reply = event.reply;
          break;
      }
    }
  } finally {
    if (timer) clearInterval(timer);
    clear();
  }
  output.write(wroteText ? '\n\n' : '');
  return reply ?? { text: '', cards: [], toolCalls: [], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
}
