// Answers one Slack message or button click, whatever the entry point: drop retries (claimDelivery), resolve the Slack user, run
// the assistant and deliver the reply. Every failure ends in a message to the user and a log line; a reply
// that did not reach Slack as asked (dropped, or moved to the rep's DM) is also an audit row (kind delivery).
import type { webApi } from '@slack/bolt';
import { AppError, userMessageOf } from '../../core/errors.ts';
import { log, withLogContext } from '../../core/log.ts';
import type { ActionRequest } from '../../assistant/assistant-contract.ts';
import type { Actor, CardAction, ReplyEvent } from '../../core/agent/types.ts';
import { streamReply } from '../../core/platforms/sender.ts';
import { renderCard as renderError } from './blocks/render-card.ts';
import type { ListenerDeps } from './deps.ts';
import { mentionsToNames } from './mentions.ts';
import type { DeliveryResult } from './stream.ts';
import type { ReplySurface } from './surfaces.ts';
import { BUSY_MESSAGE } from './turn-gate.ts';
import { failureCode } from './web-api.ts';

interface Common {
  client: webApi.WebClient;
  deliveryId: string;
  teamId: string;
  userId: string;
  conversationKey: string;
  surface: ReplySurface;
  /** Set when the user writes in their DM with the bot (stored for proactive digests). */
  dmChannelId?: string;
  /** Runs beside the answer once the user is admitted (e.g. titling an assistant thread); its own failures are its own. */
  alongside?: () => Promise<void> /** Answers a repeat of a delivery already handled (a second click); a retried event stays silent. */;
  repeated?: () => Promise<void>;
}

export async function answerMessage(deps: ListenerDeps, t: Common & { text: string }): Promise<DeliveryResult | undefined> {
  // The turn claims its delivery in its first statement (with the thread's memory): one round trip fewer.
  return run(
    deps,
    t,
    async (actor) => {
      const text = await mentionsToNames(t.client, deps.people, t.text);
      return deps.assistant.handleTurn({ deliveryId: t.deliveryId, platform: 'slack', actor, conversationKey: t.conversationKey, text, claimDelivery: true });
    },
    { turnClaims: true },
  );
}

export async function answerAction(deps: ListenerDeps, t: Common & { action: CardAction }): Promise<DeliveryResult | undefined> {
  return run(deps, t, (actor) => {
    const request: ActionRequest = { deliveryId: t.deliveryId, platform: 'slack', actor, conversationKey: t.conversationKey, action: t.action };
    return Promise.resolve(deps.assistant.handleAction(request));
  });
}

/**
 * `turnClaims`: the assistant's turn claims the delivery itself (Turn.claimDelivery) and yields nothing for a
 * repeat. Every answer that does not come from that turn (busy, unknown user, a failure before it) claims first,
 * so a Slack retry of a refused event is still not answered a second time.
 */
async function run(
  deps: ListenerDeps,
  t: Common,
  start: (actor: Actor) => Promise<AsyncIterable<ReplyEvent>>,
  opts: { turnClaims?: boolean } = {},
): Promise<DeliveryResult | undefined> {
  return withLogContext({ slackDelivery: t.deliveryId, conversation: t.conversationKey }, async () => {
    const started = performance.now();
    let actor: Actor | undefined;
    let release: (() => void) | undefined;
    let claimed = false;
    const claim = async (): Promise<boolean> => {
      if (claimed) return true;
      claimed = await deps.assistant.claimDelivery('slack', t.deliveryId);
      if (!claimed) {
        log.debug('dropped a Slack delivery already handled', { deliveryId: t.deliveryId });
        await t.repeated?.().catch((err) => log.warn('could not answer a repeated Slack click', { err, ...t.surface.where }));
      }
      return claimed;
    };
    try {
      if (!opts.turnClaims && !(await claim())) return undefined;
      release = await deps.gate.enter();
      if (!release) return (await claim()) ? await refuseBusy(deps, t, started) : undefined;
      const who = await deps.identity.resolve(t.client, t.teamId, t.userId, t.dmChannelId);
      if (!who.ok) {
        if (await claim()) await t.surface.post(renderError({ type: 'error', message: who.message }));
        return undefined;
      }
      actor = who.actor;
      const beside = t.alongside?.().catch((err) => log.warn('a task beside the Slack answer failed', { err, ...t.surface.where }));
      let events = await start(who.actor);
      if (opts.turnClaims) {
        // The turn's claim is known with its first event (or its end): a repeat yields none and is not answered.
        claimed = true;
        const first = await firstEvent(events);
        if (!first) {
          log.debug('dropped a Slack delivery already handled', { deliveryId: t.deliveryId });
          await beside;
          return undefined;
        }
        events = first;
      }
      const result = await withLogContext({ userId: who.actor.id }, () => streamReply(events, deps.replies.openReply(t.surface)));
      if (result.undelivered) await auditUndelivered(deps, t, actor, result, started);
      await beside;
      return result;
    } catch (err) {
      log.error('Slack turn failed before the assistant ran', { err, ...t.surface.where });
      // Not claimed yet (the turn never started): a repeat must stay silent; a claim that cannot be made either
      // still lets the rep hear about the failure.
      if (!claimed && !(await claim().catch(() => true))) return undefined;
      const told = await t.surface.post(renderError({ type: 'error', message: userMessageOf(err) })).then(
        () => true,
        (postErr) => {
          log.error('could not tell the user about a failed turn', { err: postErr, ...t.surface.where });
          return false;
        },
      );
      const result: DeliveryResult = { mode: 'failed', error: err };
      if (!told) await auditUndelivered(deps, t, actor, { ...result, undelivered: { code: failureCode(err), error: err } }, started);
      return result;
    } finally {
      release?.();
    }
  });
}

/** Too many turns waiting: the rep is told at once, and the refusal is logged and audited like an undelivered answer. */
async function refuseBusy(deps: ListenerDeps, t: Common, started: number): Promise<DeliveryResult> {
  log.warn('refused a Slack turn: too many turns waiting in this process', { ...deps.gate.stats(), ...t.surface.where });
  const error = new AppError('overloaded', BUSY_MESSAGE);
  const told = await t.surface.post(renderError({ type: 'error', message: BUSY_MESSAGE })).then(
    () => true,
    (err) => {
      log.error('could not tell the user SalesOS is busy', { err, ...t.surface.where });
      return false;
    },
  );
  const result: DeliveryResult = { mode: 'failed', error, undelivered: { code: told ? 'overloaded' : failureCode(error), error } };
  await auditUndelivered(deps, t, undefined, result, started);
  return result;
}

/** One audit row per reply that did not reach Slack as asked; the audit trail failing is logged, not thrown. */
async function auditUndelivered(deps: ListenerDeps, t: Common, actor: Actor | undefined, result: DeliveryResult, started: number): Promise<void> {
  const code = result.undelivered!.code;
  if (result.mode === 'failed') log.error('a Slack reply could not be delivered', { code, slackUser: t.userId, ...t.surface.where });
  await deps.audit
    .append({
      kind: 'delivery',
      name: 'slack.reply',
      actorId: actor?.id,
      platform: 'slack',
      input: { delivery: t.deliveryId, conversation: t.conversationKey, slackUser: t.userId, ...t.surface.where, deliveredAs: result.mode },
      outcome: 'error',
      errorCode: code,
      costUsd: 0,
      durationMs: performance.now() - started,
    })
    .catch((err) => log.error('could not audit an undelivered Slack reply', { err, code }));
}

/**
 * The events of a turn with the first one already awaited, or undefined when it ended without any (a delivery
 * already claimed). A turn that throws before its first event throws from the returned events, as before.
 */
async function firstEvent(events: AsyncIterable<ReplyEvent>): Promise<AsyncIterable<ReplyEvent> | undefined> {
  const it = events[Symbol.asyncIterator]();
  let first: IteratorResult<ReplyEvent>;
  try {
    first = await it.next();
  } catch (err) {
    return (async function* () {
      yield* [];
      throw err;
    })();
  }
  if (first.done) return undefined;
  return (async function* () {
    try {
      yield first.value;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      // A consumer that stops at `done` ends the turn's own generator too (its finally ends the in-flight unit).
      await it.return?.();
    }
  })();
}
