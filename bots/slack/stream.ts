// Delivers a turn's ReplyEvents to a Slack surface. Fast turns become one message. When text is still
// arriving after `startAfterMs`, it streams (chat.startStream/appendStream/stopStream) or, where Slack
// refuses streaming, posts one message and updates it at most every `updateEveryMs`. Cards follow as blocks.
// Any failure ends in a short message to the user, never silence; the log gets the details.
import type { Card } from '../../core/cards.ts';
import type { Reply, ReplyEvent } from '../../core/agent/types.ts';
import { AppError, userMessageOf } from '../../core/errors.ts';
import { log } from '../../core/log.ts';
import { fallbackText, longSections } from './blocks/limits.ts';
import { renderError } from './blocks/render-error.ts';
import { markdownToMrkdwn, renderReply, type SlackMessage } from './blocks/render-reply.ts';
import type { ReplySurface } from './surfaces.ts';

export interface DeliveryOptions {
  /** Wait this long for the whole answer before showing partial text. */
  startAfterMs?: number;
  /** How often streamed text is appended. */
  appendEveryMs?: number;
  /** How often the fallback message is edited (chat.update is rate-limited per channel). */
  updateEveryMs?: number;
}

export interface DeliveryResult {
  reply?: Reply;
  /** How the text reached the user. */
  mode: 'single' | 'stream' | 'update' | 'failed';
  error?: unknown;
}

const SLACK_FAILURE_MESSAGE = "Sorry, I couldn't post my whole answer in Slack. Please try again in a moment.";

export async function deliverReply(
  events: AsyncIterable<ReplyEvent>,
  surface: ReplySurface,
  opts: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const startAfterMs = opts.startAfterMs ?? 400;
  const appendEveryMs = opts.appendEveryMs ?? 300;
  const updateEveryMs = opts.updateEveryMs ?? 1_000;

  let text = '';
  let pending = '';
  const cards: Card[] = [];
  let live: { kind: 'stream' | 'update'; ts: string } | undefined;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  let ops: Promise<void> = Promise.resolve();
  let statusOps: Promise<void> = Promise.resolve();
  const canGoLive = Boolean(surface.stream || surface.update);

  const textMessage = (t: string): SlackMessage => ({ text: fallbackText(t), blocks: longSections(markdownToMrkdwn(t), 10) });

  const schedule = () => {
    if (timer || finished || !canGoLive) return;
    const wait = !live ? startAfterMs : live.kind === 'stream' ? appendEveryMs : updateEveryMs;
    timer = setTimeout(() => {
      timer = undefined;
      ops = ops.then(flush).catch((err) => void log.warn('slack live reply update failed', { err, ...surface.where }));
    }, wait);
  };

  async function flush(): Promise<void> {
    if (finished || !pending) return;
    if (!live) {
      if (surface.stream) {
        const chunk = pending;
        pending = '';
        try {
          live = { kind: 'stream', ts: await surface.stream.start(chunk) };
          return;
        } catch (err) {
          log.info('slack streaming unavailable here; falling back to an updated message', { err, ...surface.where });
          surface.stream = undefined;
        }
      }
      if (surface.update) {
        pending = '';
        const ts = await surface.post(textMessage(text));
        if (ts) live = { kind: 'update', ts };
      }
      return;
    }
    const chunk = pending;
    pending = '';
    if (live.kind === 'stream') await surface.stream!.append(live.ts, chunk);
    else await surface.update!(live.ts, textMessage(text));
  }

  async function finish(reply: Reply): Promise<DeliveryResult> {
    finished = true;
    clearTimeout(timer);
    await ops;
    const finalText = reply.text || text;
    const finalCards = reply.cards.length ? reply.cards : cards;
    if (live?.kind === 'stream') {
      // The final text normally equals the streamed deltas; stream whatever is still missing.
      const rest = finalText.startsWith(text) ? pending + finalText.slice(text.length) : pending;
      if (rest) await surface.stream!.append(live.ts, rest);
      await surface.stream!.stop(live.ts);
      if (finalCards.length) for (const m of renderReply({ text: '', cards: finalCards })) await surface.post(m);
      return { reply, mode: 'stream' };
    }
    const messages = (surface.render ?? renderReply)({ text: finalText, cards: finalCards });
    if (live?.kind === 'update') {
      await surface.update!(live.ts, messages[0]!);
      for (const m of messages.slice(1)) await surface.post(m);
      return { reply, mode: 'update' };
    }
    for (const m of messages) await surface.post(m);
    return { reply, mode: 'single' };
  }

  try {
    for await (const event of events) {
      if (event.type === 'status') {
        const setStatus = surface.setStatus;
        if (setStatus && !finished) {
          statusOps = statusOps
            .then(() => setStatus(event.text))
            .catch((err) => void log.debug('slack setStatus failed', { err, ...surface.where }));
        }
      } else if (event.type === 'text-delta') {
        text += event.delta;
        pending += event.delta;
        schedule();
      } else if (event.type === 'card') {
        cards.push(event.card);
      } else {
        await statusOps;
        return await finish(event.reply);
      }
    }
    throw new AppError('internal', 'The answer stopped before it was complete. Please try again.', {
      logMessage: 'reply events ended without done',
    });
  } catch (err) {
    finished = true;
    clearTimeout(timer);
    await ops.catch(() => undefined);
    const slackFailed = isSlackApiError(err);
    log.error(slackFailed ? 'slack API call failed while replying' : 'turn failed', { err, ...surface.where });
    const message = slackFailed ? SLACK_FAILURE_MESSAGE : userMessageOf(err);
    try {
      const rendered = renderError({ type: 'error', message });
      if (live?.kind === 'stream') await surface.stream!.stop(live.ts).catch(() => undefined);
      await surface.post(rendered);
    } catch (postErr) {
      log.error('could not tell the user about a failed reply', { err: postErr, ...surface.where });
    }
    return { mode: 'failed', error: err };
  }
}

/** Errors thrown by Bolt's WebClient carry a `slack_*` code. */
export function isSlackApiError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('slack_');
}
