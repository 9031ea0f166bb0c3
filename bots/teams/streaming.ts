// How a running turn shows up in Teams. In 1:1 chats Teams streams: an informative update ("Searching
// leads…"), streaming updates carrying the text so far, then the final message — all tied by `streaminfo`
// entities and the stream id Teams returns for the first one. Elsewhere: a typing indicator, renewed while
// the turn runs, and one final message.
import type { Activity, TurnContext } from 'botbuilder';
import type { Reply } from '../../core/agent/types.ts';
import type { Logger } from '../../core/log.ts';
import { renderReply } from './cards/render-reply.ts';
import { stampOwner } from './button-owner.ts';
import { isPersonal } from './identity.ts';

export interface ReplyWriter {
  status(text: string): Promise<void>;
  delta(text: string): Promise<void>;
  /** Sends the final message; returns its activity id. */
  finish(reply: Pick<Reply, 'text' | 'cards'>): Promise<string | undefined>;
  /** Stops the typing indicator without sending anything (e.g. the turn failed before a reply). */
  stop(): void;
}

export interface ReplyWriterOptions {
  log: Logger;
  /** Teams allows about one streaming request per second. */
  streamIntervalMs?: number;
  /** Teams' typing indicator fades after a few seconds. */
  typingIntervalMs?: number;
  /** The Teams user id the reply's buttons belong to (see button-owner.ts). */
  ownerId?: string;
}

export function streamingSupported(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams' && isPersonal(context.activity);
}

export function createReplyWriter(context: TurnContext, opts: ReplyWriterOptions): ReplyWriter {
  return streamingSupported(context) ? streamingWriter(context, opts) : typingWriter(context, opts);
}

function typingWriter(context: TurnContext, opts: ReplyWriterOptions): ReplyWriter {
  const sendTyping = () => context.sendActivity({ type: 'typing' }).catch((err) => opts.log.debug('typing indicator failed', { err }));
  void sendTyping();
  const timer = setInterval(sendTyping, opts.typingIntervalMs ?? 3000);
  timer.unref();
  return {
    async status() {},
    async delta() {},
    async finish(reply) {
      clearInterval(timer);
      return (await context.sendActivity(stampOwner(renderReply(reply), opts.ownerId)))?.id;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function streamingWriter(context: TurnContext, opts: ReplyWriterOptions): ReplyWriter {
  const interval = opts.streamIntervalMs ?? 1000;
  let streamId: string | undefined;
  let sequence = 0;
  let text = '';
  let sentText = '';
  let lastSentAt = 0;
  // Once Teams refuses a streaming update (user stopped it, stream too long), fall back to one final message.
  let broken = false;
  let chain: Promise<unknown> = Promise.resolve();

  // botbuilder's connector serialiser keeps only type/text/mentioned of an entity, so the stream fields also
  // travel in channelData, which Teams reads as well (the Teams AI library does the same).
  const streamFields = (streamType: 'informative' | 'streaming') => {
    const fields = { streamType, streamSequence: ++sequence, ...(streamId ? { streamId } : {}) };
    return { entities: [{ type: 'streaminfo', ...fields }], channelData: fields };
  };

  /** Updates go out one at a time, in order; each is built when its turn comes, once the stream id is known. */
  const send = (type: 'informative' | 'streaming', updateText: string) => {
    const next = chain.then(async () => {
      if (broken) return;
      try {
        const res = await context.sendActivity({ type: 'typing', text: updateText, ...streamFields(type) });
        streamId ??= res?.id;
      } catch (err) {
        broken = true;
        opts.log.warn('teams streaming update refused; sending one final message instead', { err });
      }
    });
    chain = next;
    return next;
  };

  // The first informative update doubles as the typing indicator and gives us the stream id.
  void send('informative', 'Thinking…');

  return {
    async status(statusText) {
      if (text) return; // once text streams, Teams shows it instead of the status line
      await send('informative', statusText);
    },
    async delta(delta) {
      text += delta;
      if (Date.now() - lastSentAt < interval || text === sentText) return;
      lastSentAt = Date.now();
      sentText = text;
      await send('streaming', text);
    },
    async finish(reply) {
      await chain;
      const message: Partial<Activity> = stampOwner({ ...renderReply(reply) }, opts.ownerId);
      if (streamId && !broken) {
        message.entities = [{ type: 'streaminfo', streamId, streamType: 'final' }];
        message.channelData = { streamId, streamType: 'final' };
      }
      return (await context.sendActivity(message))?.id;
    },
    stop() {},
  };
}
