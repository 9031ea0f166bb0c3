// How a running turn shows up in Teams. In 1:1 chats Teams streams: an informative update ("Searching
// leads…"), streaming updates carrying the text so far, then the final message — all tied by the stream id
// Teams returns for the first one. Elsewhere, and whenever Teams refuses the stream: a typing indicator,
// renewed while the turn runs, and one final message.
//
// The rules (Microsoft Learn, "Stream bot messages"): streaming works in 1:1 chats only; about one streaming
// request per second; every update repeats the text so far; informative text at most 1,000 characters; the
// stream ends with a `message` whose streaminfo says `final`; after the user presses Stop, Teams answers 403
// ContentStreamNotAllowed and nothing more may be sent for that stream (the same code, saying the stream ran
// too long or grew too large, means Teams closed it: the answer then follows as a plain message).
import type { Reply } from '../../core/agent/types.ts';
import type { Card } from '../../core/cards.ts';
import { toAppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { ReplyIncomplete, type ReplySender, type ReplyStream } from '../../core/platforms/sender.ts';
import { renderReply, type MessageContent } from './cards/render-reply.ts';
import { stampOwner } from './button-owner.ts';
import { AI_REPLY_FIELDS } from './feedback.ts';
import { fitMessage, fitsTeams } from './fit-size.ts';
import { isPersonal } from './identity.ts';
import { localiseDates, type Reader } from './local-dates.ts';
import { suggestionsFor, type SuggestedActions } from './suggested-actions.ts';
import type { OutgoingActivity, TeamsTurn } from './turn.ts';

type OutgoingMessage = MessageContent & { suggestedActions?: SuggestedActions };

export interface ReplyWriter {
  status(text: string): Promise<void>;
  delta(text: string): Promise<void>;
  /**
   * Sends the final message (split to fit when large); returns the first message's id, undefined when the
   * user stopped the stream. `aiGenerated` labels it "AI generated" and turns on Teams' feedback buttons.
   */
  finish(reply: Pick<Reply, 'text' | 'cards'>, how?: { aiGenerated?: boolean }): Promise<string | undefined>;
  /** Stops the typing indicator without sending anything (e.g. the turn failed before a reply). */
  stop(): void;
}

export interface ReplyWriterOptions {
  log: Logger;
  /** Teams allows about one streaming request per second; updates in between are coalesced. */
  streamIntervalMs?: number;
  /** Teams' typing indicator fades after a few seconds. */
  typingIntervalMs?: number;
  /** The Teams user id the reply's buttons belong to (see button-owner.ts). */
  ownerId?: string;
  /** Tries at closing a stream whose final message is throttled (429). */
  finalAttempts?: number;
  /** Whose locale and time zone the dates on cards are shown in. */
  reader?: Reader;
}

/** A finished reply as the messages to send: buttons owned, dates localised, split to fit Teams' limit. */
function outgoing(reply: Pick<Reply, 'text' | 'cards'>, opts: ReplyWriterOptions, personal: boolean): OutgoingMessage[] {
  const message = stampOwner(renderReply(reply), opts.ownerId);
  const parts: OutgoingMessage[] = fitMessage(opts.reader ? localiseDates(message, opts.reader) : message);
  // Teams shows suggested actions only in 1:1 chats, under the last message.
  const suggested = personal ? suggestionsFor(reply, opts.ownerId) : undefined;
  if (suggested) parts[parts.length - 1] = { ...parts[parts.length - 1]!, suggestedActions: suggested };
  return parts;
}

const INFORMATIVE_MAX_CHARS = 1000;

export function streamingSupported(context: TeamsTurn): boolean {
  return context.activity.channelId === 'msteams' && isPersonal(context.activity);
}

export function createReplyWriter(context: TeamsTurn, opts: ReplyWriterOptions): ReplyWriter {
  return streamingSupported(context) ? streamingWriter(context, opts) : typingWriter(context, opts);
}

interface SendError {
  statusCode?: number;
  code?: string;
}

const statusOf = (err: unknown) => (err as SendError)?.statusCode;
const streamClosed = (err: unknown) => statusOf(err) === 403 && (err as SendError)?.code === 'ContentStreamNotAllowed';
/**
 * Teams closed the stream itself because it ran too long or grew too large (403 ContentStreamNotAllowed
 * saying so): the answer still belongs to the user, as a plain message.
 */
const closedByLimit = (err: unknown) => streamClosed(err) && /time|size|too large|exceed/i.test((err as Error)?.message ?? '');
/** The user pressed Stop (403 ContentStreamNotAllowed for any other reason): nothing more is sent. */
const userStopped = (err: unknown) => streamClosed(err) && !closedByLimit(err);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds entities and channelData to an activity without dropping the ones it has. */
function withFields(activity: OutgoingActivity, extra: OutgoingActivity): OutgoingActivity {
  return {
    ...activity,
    ...(extra.entities ? { entities: [...(activity.entities ?? []), ...extra.entities] } : {}),
    ...(extra.channelData ? { channelData: { ...activity.channelData, ...extra.channelData } } : {}),
  };
}

/** Sends the message parts in order; the first carries `first` fields (stream closing, AI label), the rest are plain. */
async function sendParts(context: TeamsTurn, parts: OutgoingMessage[], ...first: OutgoingActivity[]): Promise<string | undefined> {
  let firstId: string | undefined;
  for (const [i, part] of parts.entries()) {
    const id = (await context.sendActivity(i === 0 ? first.reduce<OutgoingActivity>(withFields, part) : part))?.id;
    if (i === 0) firstId = id;
  }
  return firstId;
}

function typingIndicator(context: TeamsTurn, opts: ReplyWriterOptions): () => void {
  const sendTyping = () => context.sendActivity({ type: 'typing' }).catch((err) => opts.log.debug('typing indicator failed', { err }));
  void sendTyping();
  const timer = setInterval(sendTyping, opts.typingIntervalMs ?? 3000);
  timer.unref();
  return () => clearInterval(timer);
}

function typingWriter(context: TeamsTurn, opts: ReplyWriterOptions): ReplyWriter {
  const stopTyping = typingIndicator(context, opts);
  return {
    async status() {},
    async delta() {},
    async finish(reply, how) {
      stopTyping();
      return sendParts(context, outgoing(reply, opts, isPersonal(context.activity)), how?.aiGenerated ? AI_REPLY_FIELDS : {});
    },
    stop: stopTyping,
  };
}

function streamingWriter(context: TeamsTurn, opts: ReplyWriterOptions): ReplyWriter {
  const interval = opts.streamIntervalMs ?? 1000;
  let streamId: string | undefined;
  let sequence = 0;
  let text = '';
  let lastSentAt = Number.NEGATIVE_INFINITY;
  /**
   * streaming: updates flow; refused: updates stopped (Teams would not stream, or an update failed);
   * ended: Teams closed the stream for its time or size limit (the answer follows as a plain message);
   * stopped: the user pressed Stop.
   */
  let state: 'streaming' | 'refused' | 'ended' | 'stopped' = 'streaming';
  let stopTyping: (() => void) | undefined;
  // Only the newest update waits; a newer one replaces it (coalescing), so bursts never reach Teams.
  let pending: { streamType: 'informative' | 'streaming'; text: string } | undefined;
  let pump: Promise<void> | undefined;

  const waitTurn = async () => {
    const wait = lastSentAt + interval - Date.now();
    if (wait > 0) await sleep(wait);
  };

  const refuse = (err: unknown) => {
    state = 'refused';
    opts.log.warn('teams refused the stream; showing a typing indicator and sending one final message instead', { err });
    stopTyping = typingIndicator(context, opts);
  };

  // botbuilder's connector serialiser drops every entity field but a few (adapter.ts restores them); the
  // fields also travel in channelData, which Teams reads as well (the Teams AI library does the same).
  const streamFields = (streamType: 'informative' | 'streaming') => {
    const fields = { streamType, streamSequence: ++sequence, ...(streamId ? { streamId } : {}) };
    return { entities: [{ type: 'streaminfo', ...fields }], channelData: fields };
  };

  async function sendUpdate(update: NonNullable<typeof pending>): Promise<void> {
    const activity: OutgoingActivity = { type: 'typing', text: update.text, ...streamFields(update.streamType) };
    // A stream longer than one message stops updating; the final message (split to fit) carries it all.
    if (!fitsTeams(activity)) {
      sequence--;
      return;
    }
    try {
      const res = await context.sendActivity(activity);
      streamId ??= res?.id;
    } catch (err) {
      if (userStopped(err)) {
        state = 'stopped';
        opts.log.info('the user stopped the Teams stream; the rest of the answer is not sent');
      } else if (closedByLimit(err)) {
        state = 'ended';
        opts.log.info('teams closed the stream at its time or size limit; the answer follows as a plain message', { err });
      } else if (statusOf(err) === 429) {
        // Throttled even after the connector's own retries: drop this update; a later one carries the text.
        opts.log.debug('teams throttled a streaming update; coalescing into the next one', { err });
      } else if (!streamId) refuse(err);
      else {
        // The stream exists but updates fail: stop updating, still close it with the final message.
        opts.log.warn('teams streaming update failed; the final message closes the stream', { err });
        state = 'refused';
      }
    } finally {
      lastSentAt = Date.now();
    }
  }

  const schedule = () => {
    pump ??= (async () => {
      while (pending && state === 'streaming') {
        await waitTurn();
        const update = pending;
        pending = undefined;
        if (update && state === 'streaming') await sendUpdate(update);
      }
    })().finally(() => (pump = undefined));
  };

  const queue = (update: NonNullable<typeof pending>) => {
    if (state !== 'streaming') return;
    pending = update;
    schedule();
  };

  // The first informative update doubles as the typing indicator and gives us the stream id.
  queue({ streamType: 'informative', text: 'Thinking…' });

  async function closeStream(parts: OutgoingMessage[], label: OutgoingActivity): Promise<string | undefined> {
    const fields = { streamId, streamType: 'final' as const };
    const closing: OutgoingActivity = { entities: [{ type: 'streaminfo', ...fields }], channelData: fields };
    const attempts = opts.finalAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      await waitTurn();
      try {
        return await sendParts(context, parts, closing, label);
      } catch (err) {
        lastSentAt = Date.now();
        if (userStopped(err)) {
          opts.log.info('the user stopped the Teams stream before the final message; nothing more is sent');
          return undefined;
        }
        if (closedByLimit(err)) return sendParts(context, parts, label);
        // An open stream spins in the user's chat until a final message arrives: keep trying through throttling.
        if (statusOf(err) === 429 && attempt < attempts) {
          await sleep(interval * 2 ** (attempt - 1));
          continue;
        }
        throw err;
      }
    }
  }

  return {
    async status(statusText) {
      if (text) return; // once text streams, Teams shows it instead of the status line
      queue({ streamType: 'informative', text: statusText.slice(0, INFORMATIVE_MAX_CHARS) });
    },
    async delta(delta) {
      text += delta;
      queue({ streamType: 'streaming', text });
    },
    async finish(reply, how) {
      pending = undefined;
      await pump;
      stopTyping?.();
      if (state === 'stopped') return undefined;
      const parts = outgoing(reply, opts, true);
      const label = how?.aiGenerated ? AI_REPLY_FIELDS : {};
      if (!streamId || state === 'ended') return sendParts(context, parts, label);
      return closeStream(parts, label);
    },
    stop() {
      pending = undefined;
      stopTyping?.();
    },
  };
}

/** Where a Teams reply goes: the turn it answers, whose buttons it carries, whose dates it shows. */
export interface TeamsReplyTarget {
  context: TeamsTurn;
  /** The Teams user id the reply's buttons belong to (see button-owner.ts). */
  ownerId?: string;
  reader?: Reader;
}

/** The first message's id; undefined when the user stopped the stream or nothing was sent. */
export type TeamsReplyResult = string | undefined;

/**
 * The Teams sender's reply path: a turn's events through a ReplyWriter, the answer labelled "AI generated".
 * A failed turn ends with an error card (closing an open 1:1 stream); events that stop without an answer
 * still show what arrived.
 */
export function teamsReplies(opts: Omit<ReplyWriterOptions, 'ownerId' | 'reader'>): ReplySender<TeamsReplyTarget, TeamsReplyResult> {
  return {
    openReply(target): ReplyStream<TeamsReplyResult> {
      const writer = createReplyWriter(target.context, { ...opts, ownerId: target.ownerId, reader: target.reader });
      const cards: Card[] = [];
      let streamed = '';
      async function fail(caught: unknown): Promise<TeamsReplyResult> {
        let err = caught;
        if (err instanceof ReplyIncomplete) {
          // The contract promises `done`; if a broken stream ends without it, still show what arrived.
          try {
            return await writer.finish({ text: streamed, cards }, { aiGenerated: true });
          } catch (finishErr) {
            err = finishErr;
          }
        }
        const appError = toAppError(err);
        opts.log.error('teams message failed', { err });
        const reply = { text: '', cards: [{ type: 'error' as const, message: appError.userMessage, code: appError.code }] };
        // Through the writer, so an open 1:1 stream is closed by this final message.
        return writer.finish(reply).catch(async () => (await target.context.sendActivity(renderReply(reply)))?.id);
      }
      return {
        status: (text) => writer.status(text),
        async delta(delta) {
          streamed += delta;
          await writer.delta(delta);
        },
        async card(card) {
          cards.push(card);
        },
        async finish(reply) {
          try {
            return await writer.finish(reply, { aiGenerated: true });
          } catch (err) {
            return fail(err);
          }
        },
        fail,
      };
    },
  };
}
