import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { Reply, ReplyEvent } from '../../core/agent/types.ts';
import { ValidationError } from '../../core/errors.ts';
import { parseOptions, type Command } from './command.ts';

async function collect(events: AsyncIterable<ReplyEvent>): Promise<Reply> {
  let reply: Reply | undefined;
  for await (const e of events) if (e.type === 'done') reply = e.reply;
  return reply!;
}

export const askCommand: Command = {
  name: 'ask',
  usage: 'ask "<message>" [--as <email>] [--json] [--yes]',
  summary: 'One turn: ask SalesOS something and print the reply ("-" reads the message from stdin).',
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { as: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' }, conversation: { type: 'string' } },
      true,
    );
    let message = positionals.join(' ').trim();
    if (message === '-') message = (await text(process.stdin)).trim();
    if (!message) throw new ValidationError('Say what to ask, e.g. salesos ask "find CTOs at fintech companies in Germany".');
    const [{ pendingConfirmations, show }, { actorFor, openContainer }] = await Promise.all([import('../../bots/console/session.ts'), import('./session.ts')]);
    const container = await openContainer();
    try {
      const actor = await actorFor(container, values.as);
      const conversationKey = values.conversation ? `console:${actor.id}:${values.conversation}` : `console:${actor.id}:ask:${randomUUID()}`;
      const turn = container.assistant.handleTurn({ deliveryId: randomUUID(), platform: 'console', actor, conversationKey, text: message });
      const opts = { output: process.stdout, interactive: false, color: false, width: Math.min(process.stdout.columns || 100, 140) };
      let reply = values.json ? await collect(turn) : await show(turn, opts);
      const replies = [reply];
      // --yes confirms the write tools this message asked for; without it they stay pending.
      for (const card of values.yes ? pendingConfirmations(reply) : []) {
        const events = container.assistant.handleAction({
          deliveryId: randomUUID(),
          platform: 'console',
          actor,
          conversationKey,
          action: { kind: 'confirm', actionId: card.actionId },
        });
        reply = values.json ? await collect(events) : await show(events, opts);
        replies.push(reply);
      }
      if (values.json) {
        const merged = {
          reply: replies
            .map((r) => r.text)
            .filter(Boolean)
            .join('\n\n'),
          cards: replies.flatMap((r) => r.cards),
          toolCalls: replies.flatMap((r) => r.toolCalls.map(({ name, input, outcome }) => ({ name, input, outcome }))),
          usage: replies.reduce(
            (u, r) => ({
              inputTokens: u.inputTokens + r.usage.inputTokens,
              outputTokens: u.outputTokens + r.usage.outputTokens,
              costUsd: u.costUsd + r.usage.costUsd,
            }),
            { inputTokens: 0, outputTokens: 0, costUsd: 0 },
          ),
        };
        process.stdout.write(JSON.stringify(merged, null, 2) + '\n');
      } else if (!values.yes && pendingConfirmations(reply).length) {
        process.stdout.write('This needs your confirmation: run the same command with --yes, or use `salesos chat`.\n');
      }
      // A failed tool or a failed turn (timeout, provider error: an error card) is a failure for scripts.
      return replies.some((r) => r.toolCalls.some((c) => c.outcome === 'error' || c.outcome === 'timeout') || r.cards.some((c) => c.type === 'error')) ? 1 : 0;
    } finally {
      await container.close();
    }
  },
};
