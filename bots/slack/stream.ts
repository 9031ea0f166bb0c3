// Delivers a turn's ReplyEvents to a Slack surface. Fast turns become one message. When text is still
// arriving after `startAfterMs`, it streams (chat.startStream/appendStream/stopStream) or, where Slack
// refuses streaming, posts one message and updates it at most every `updateEveryMs`. Cards follow as blocks.
// Live updates back off after a failure and stop for good after a few (or at once when the channel refuses
// the bot); the final answer then still goes out whole. A channel that refuses the bot (archived, not a
// member) gets the answer in the rep's DM with a note; a message Slack refuses (too long, bad blocks) goes
// again as plain text in parts. Any other failure ends in a short message to the user; the caller logs and
// audits whatever could not be delivered.
import type { Card } from '../../core/cards.ts';
import type { Reply, ReplyEvent } from '../../core/agent/types.ts';
import { userMessageOf } from '../../core/errors.ts';
import { log } from '../../core/log.ts';
import { streamReply, type ReplySender, type ReplyStream } from '../../core/platforms/sender.ts';
import { fallbackText, longSections } from './blocks/limits.ts';
import { renderCard as renderError } from './blocks/render-card.ts';
import { markdownToMrkdwn, renderReply, type SlackMessage } from './blocks/render-reply.ts';
import { plainTextParts, pageText } from './plain-text.ts';
import type { ReplySurface } from './surfaces.ts';
import { CHANNEL_ERRORS, CONTENT_ERRORS, failureCode, isSlackApiError, slackErrorCode } from './web-api.ts';

export { isSlackApiError } from './web-api.ts';

export interface DeliveryOptions {
  /** Wait this long for the whole answer before showing partial text. */
  startAfterMs?: number;
  /** How often streamed text is appended. */
  appendEveryMs?: number;
  /** How often the fallback message is edited (chat.update is rate-limited per channel). */
  updateEveryMs?: number;
  /** Live updates stop after this many failures in a row (each one doubles the wait before the next). */
  maxLiveFailures?: number;
}

export interface DeliveryResult {
  reply?: Reply;
  /** How the text reached the user; `dm`: the channel refused the bot and the rep got it in their DM. */
  mode: 'single' | 'stream' | 'update' | 'dm' | 'failed';
  error?: unknown;
  /** Set when the answer (or part of it) did not reach Slack: what failed, for the log and the audit trail. */
  undelivered?: { code: string; error: unknown };
}

const SLACK_FAILURE_MESSAGE = "Sorry, I couldn't post my whole answer in Slack. Please try again in a moment.";
/** Longest reply text put in one message; longer text is paged over several messages, never cut. */
export const TEXT_PAGE_CHARS = 12_000;

class ChannelRefused extends Error {
  constructor(
    readonly slackError: string,
    readonly original: unknown,
  ) {
    super(`the channel refused the bot: ${slackError}`);
  }
}

/** Why the rep is reading this in their DM, in their words. */
export function dmNote(slackError: string, channel: string | undefined): string {
  const where = channel ? `<#${channel}>` : 'that channel';
  const why =
    slackError === 'not_in_channel'
      ? `I'm not a member of ${where} (invite me with \`/invite @SalesOS\` to answer there)`
      : slackError === 'is_archived' || slackError === 'channel_is_archived'
        ? `${where} is archived`
        : slackError === 'restricted_action'
          ? `I'm not allowed to post in ${where}`
          : `I can no longer find ${where}`;
  return `I couldn't answer in the channel because ${why}, so here is my answer.`;
}

/** Delivers a whole event stream to a surface (the Slack sender's reply path, driven by `streamReply`). */
export function deliverReply(events: AsyncIterable<ReplyEvent>, surface: ReplySurface, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  return streamReply(events, openSlackReply(surface, opts));
}

/** The Slack sender's reply path: a turn's reply opened on the surface it came from. */
export function slackReplies(opts: DeliveryOptions = {}): ReplySender<ReplySurface, DeliveryResult> {
  return { openReply: (surface) => openSlackReply(surface, opts) };
}

/** The Slack reply to one turn on `surface`: the ReplyStream the Slack sender's `openReply` returns. */
export function openSlackReply(surface: ReplySurface, opts: DeliveryOptions = {}): ReplyStream<DeliveryResult> {
  const startAfterMs = opts.startAfterMs ?? 400;
  const appendEveryMs = opts.appendEveryMs ?? 300;
  const updateEveryMs = opts.updateEveryMs ?? 1_000;
  const maxLiveFailures = opts.maxLiveFailures ?? 3;

  let text = '';
  let pending = '';
  const cards: Card[] = [];
  let live: { kind: 'stream' | 'update'; ts: string } | undefined;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let ops: Promise<void> = Promise.resolve();
  let statusOps: Promise<void> = Promise.resolve();
  let liveFailures = 0;
  /** No more live updates: the final answer is delivered whole at the end. */
  let liveOff = !(surface.stream || surface.update);
  /** Set when the channel refused the bot: the final answer goes to the rep's DM. */
  let refused: ChannelRefused | undefined;

  const textMessage = (t: string): SlackMessage => ({ text: fallbackText(t), blocks: longSections(markdownToMrkdwn(t), 10) });

  const liveFailed = (err: unknown) => {
    liveFailures++;
    const code = slackErrorCode(err);
    if (code && CHANNEL_ERRORS.has(code)) refused ??= new ChannelRefused(code, err);
    if (refused || liveFailures >= maxLiveFailures) liveOff = true;
    log.warn(liveOff ? 'slack live reply stopped; the answer will be sent whole at the end' : 'slack live reply update failed; backing off', {
      err,
      failures: liveFailures,
      ...surface.where,
    });
  };

  const schedule = () => {
    if (timer || finished || liveOff) return;
    const base = !live ? startAfterMs : live.kind === 'stream' ? appendEveryMs : updateEveryMs;
    timer = setTimeout(
      () => {
        timer = undefined;
        ops = ops.then(flush).then(() => void (liveFailures = 0), liveFailed);
      },
      base * 2 ** liveFailures,
    );
  };

  async function flush(): Promise<void> {
    if (finished || liveOff || !pending) return;
    if (!live) {
      if (surface.stream) {
        const chunk = pending;
        try {
          live = { kind: 'stream', ts: await surface.stream.start(chunk) };
          pending = pending.slice(chunk.length);
          return;
        } catch (err) {
          // Never started twice: whatever happened, the rest of this reply does not stream.
          surface.stream = undefined;
          const code = slackErrorCode(err);
          if (!code || CHANNEL_ERRORS.has(code)) throw err;
          log.info('slack streaming unavailable here; falling back to an updated message', { err, ...surface.where });
        }
      }
      if (surface.update) {
        const ts = await surface.post(textMessage(text));
        pending = '';
        if (ts) live = { kind: 'update', ts };
      }
      return;
    }
    const chunk = pending;
    if (live.kind === 'stream') await surface.stream!.append(live.ts, chunk);
    else await surface.update!(live.ts, textMessage(text));
    pending = pending.slice(chunk.length);
  }

  /** Posts one message; Slack refusing the content sends it again as plain text in parts. */
  async function postResilient(target: ReplySurface, m: SlackMessage): Promise<void> {
    try {
      await target.post(m);
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && CONTENT_ERRORS.has(code)) {
        log.warn('slack refused a message; sending it as plain text in parts', { err, ...target.where });
        for (const part of plainTextParts(m)) await target.post(part);
        return;
      }
      if (code && CHANNEL_ERRORS.has(code) && target.directMessage) throw new ChannelRefused(code, err);
      throw err;
    }
  }

  function render(finalText: string, finalCards: Card[]): SlackMessage[] {
    const pages = pageText(finalText, TEXT_PAGE_CHARS);
    const draw = surface.render ?? renderReply;
    if (pages.length <= 1) return draw({ text: finalText, cards: finalCards });
    return [...pages.slice(0, -1).flatMap((p) => renderReply({ text: p, cards: [] })), ...draw({ text: pages.at(-1)!, cards: finalCards })];
  }

  async function toDirectMessage(messages: SlackMessage[], why: ChannelRefused): Promise<void> {
    log.warn("the channel refused the bot; answering in the rep's DM", { slackError: why.slackError, ...surface.where });
    const dm = await surface.directMessage!();
    const note = `:information_source: ${dmNote(why.slackError, surface.where.channel)}`;
    await dm.post({ text: note, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } }] });
    for (const m of messages) await postResilient(dm, m);
  }

  async function finish(reply: Reply): Promise<DeliveryResult> {
    finished = true;
    clearTimeout(timer);
    await ops;
    const finalText = reply.text || text;
    const finalCards = reply.cards.length ? reply.cards : cards;
    if (live?.kind === 'stream' && !refused) {
      try {
        // The final text normally equals the streamed deltas; stream whatever is still missing.
        const rest = finalText.startsWith(text) ? pending + finalText.slice(text.length) : pending;
        if (rest) await surface.stream!.append(live.ts, rest);
        await surface.stream!.stop(live.ts);
        if (finalCards.length) for (const m of renderReply({ text: '', cards: finalCards })) await postResilient(surface, m);
        return { reply, mode: 'stream' };
      } catch (err) {
        if (err instanceof ChannelRefused) refused = err;
        else {
          // A broken stream still ends closed, and the rep gets the whole answer as a message below it.
          log.warn('slack stream could not be finished; posting the whole answer instead', { err, ...surface.where });
          await surface.stream!.stop(live.ts).catch(() => undefined);
          live = undefined;
        }
      }
    }
    const messages = render(finalText, finalCards);
    if (!refused) {
      try {
        if (live?.kind === 'update') {
          await surface.update!(live.ts, messages[0]!);
          for (const m of messages.slice(1)) await postResilient(surface, m);
          return { reply, mode: 'update' };
        }
        for (const m of messages) await postResilient(surface, m);
        return { reply, mode: 'single' };
      } catch (err) {
        if (!(err instanceof ChannelRefused)) throw err;
        refused = err;
      }
    }
    // A stream the channel stopped taking is still closed (best effort) before the answer moves to the DM.
    if (live?.kind === 'stream') await surface.stream?.stop(live.ts).catch(() => undefined);
    if (!surface.directMessage) throw refused.original;
    await toDirectMessage(messages, refused);
    return { reply, mode: 'dm', undelivered: { code: refused.slackError, error: refused.original } };
  }

  async function fail(caught: unknown): Promise<DeliveryResult> {
    finished = true;
    clearTimeout(timer);
    await ops.catch(() => undefined);
    const err = caught instanceof ChannelRefused ? caught.original : caught;
    const slackFailed = isSlackApiError(err);
    log.error(slackFailed ? 'slack API call failed while replying' : 'turn failed', { err, ...surface.where });
    const message = slackFailed ? SLACK_FAILURE_MESSAGE : userMessageOf(err);
    let told = false;
    try {
      const rendered = renderError({ type: 'error', message });
      if (live?.kind === 'stream') await surface.stream!.stop(live.ts).catch(() => undefined);
      if (refused && surface.directMessage) await (await surface.directMessage()).post(rendered);
      else await surface.post(rendered);
      told = true;
    } catch (postErr) {
      log.error('could not tell the user about a failed reply', { err: postErr, ...surface.where });
      if (!slackFailed) return { mode: 'failed', error: err, undelivered: { code: failureCode(postErr), error: postErr } };
    }
    // The answer did not reach Slack (whether or not the apology did), or nothing at all did.
    return { mode: 'failed', error: err, ...(slackFailed || !told ? { undelivered: { code: failureCode(err), error: err } } : {}) };
  }

  return {
    async status(statusText) {
      const setStatus = surface.setStatus;
      if (setStatus && !finished) {
        statusOps = statusOps.then(() => setStatus(statusText)).catch((err) => void log.debug('slack setStatus failed', { err, ...surface.where }));
      }
    },
    async delta(delta) {
      text += delta;
      pending += delta;
      schedule();
    },
    async card(card) {
      cards.push(card);
    },
    async finish(reply) {
      try {
        await statusOps;
        return await finish(reply);
      } catch (err) {
        return fail(err);
      }
    },
    fail,
  };
}
