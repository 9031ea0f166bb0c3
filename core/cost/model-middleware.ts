// CostGuard as AI SDK language-model middleware: reserve the worst case before each model call, settle
// from the usage the provider reports, keep the reservation when usage never arrives, audit every call.
import { APICallError, type LanguageModelV4CallOptions, type LanguageModelV4StreamPart, type LanguageModelV4Usage } from '@ai-sdk/provider';
import type { LanguageModelMiddleware } from 'ai';
import type { Actor } from '../agent/types.ts';
import { toAppError } from '../errors.ts';
import type { AuditContext, AuditOutcome, AuditTrail, CostGuard, Reservation } from '../governance.ts';
import { log } from '../log.ts';
import { priceUsage, type ModelPrice } from './prices.ts';
import { estimateInputTokens, maxOutputTokens } from './token-estimate.ts';

export interface ModelMiddlewareOptions {
  guard: CostGuard;
  actor: Actor;
  modelId: string;
  auditContext: AuditContext;
  audit?: AuditTrail;
  price: () => ModelPrice;
  /** For a free model instead of a reservation: throws (over_budget) when the user's AI is switched off. */
  allowFree?: () => Promise<void>;
}

interface Call {
  /** Undefined for a free model: nothing was reserved, so nothing is settled or released. */
  reservation?: Reservation;
  started: number;
  price: ModelPrice;
  input: Record<string, unknown>;
}

// Connection errors that mean the request never left this machine.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when the provider cannot have billed: it answered with an error status, or was never reached. */
function neverBilled(err: unknown): boolean {
  let cause: unknown = err;
  for (let i = 0; i < 4 && cause; i++) {
    // A 200 that broke off mid-stream may have been billed; an error status was not.
    if (APICallError.isInstance(cause) && cause.statusCode !== undefined) return cause.statusCode !== 200;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** A deadline is audited as `timeout`; every other failure as `error`, with its code. */
function failureOutcome(err: unknown): AuditOutcome {
  return toAppError(err).code === 'timeout' ? 'timeout' : 'error';
}

function tokensOf(usage: LanguageModelV4Usage | undefined): { inputTokens: number; outputTokens: number } | undefined {
  const inputTokens = usage?.inputTokens.total;
  const outputTokens = usage?.outputTokens.total;
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  return { inputTokens, outputTokens };
}

export function createModelMiddleware(o: ModelMiddlewareOptions): LanguageModelMiddleware {
  async function audit(outcome: AuditOutcome, input: unknown, costUsd: number, started: number, errorCode?: string): Promise<void> {
    if (!o.audit) return;
    try {
      await o.audit.append({
        kind: 'model',
        name: o.modelId,
        actorId: o.actor.id,
        platform: o.auditContext.platform,
        conversationId: o.auditContext.conversationId,
        input,
        outcome,
        errorCode,
        costUsd,
        durationMs: Math.round(performance.now() - started),
      });
    } catch (err) {
      log.error('audit append failed', { err, model: o.modelId });
    }
  }

  async function begin(params: LanguageModelV4CallOptions): Promise<Call> {
    const started = performance.now();
    const input: Record<string, unknown> = { messages: params.prompt.length, tools: params.tools?.map((t) => t.name) ?? [] };
    try {
      const price = o.price();
      // A free model (offline, a priced-at-zero local one) costs nothing however long the prompt: skip counting.
      const free = price.inputPerMTok === 0 && price.outputPerMTok === 0;
      const estimatedInputTokens = free ? 0 : estimateInputTokens(params);
      const maxOut = maxOutputTokens(params, price);
      Object.assign(input, { estimatedInputTokens, maxOutputTokens: maxOut });
      if (free && o.allowFree) {
        // Marked in the audit row: free calls have no ledger row, so usage reports count them from the trail.
        input.free = true;
        await o.allowFree();
        return { started, price, input };
      }
      const estimateUsd = priceUsage(price, { inputTokens: estimatedInputTokens, outputTokens: maxOut });
      const reservation = await o.guard.reserve(o.actor, { kind: 'model', name: o.modelId, estimateUsd });
      return { reservation, started, price, input };
    } catch (err) {
      const code = toAppError(err).code;
      await audit(code === 'over_budget' ? 'over_budget' : 'error', input, 0, started, code);
      throw err;
    }
  }

  /**
   * Settle from reported usage — also after a failure, when the provider reported it — or keep the
   * reservation as the charge when usage is unknown, and audit the call. Usage beyond what the request
   * allowed is charged as reported and audited as an anomaly.
   */
  async function finish(call: Call, usage: LanguageModelV4Usage | undefined, failure?: unknown): Promise<void> {
    const tokens = tokensOf(usage);
    let input: Record<string, unknown> = tokens ? { ...call.input, usage: tokens } : call.input;
    let errorCode: string | undefined = failure === undefined ? undefined : toAppError(failure).code;
    const maxOut = call.input.maxOutputTokens;
    if (call.reservation) {
      const actualUsd = tokens ? priceUsage(call.price, tokens) : undefined;
      if (actualUsd !== undefined && (actualUsd > call.reservation.reservedUsd || (typeof maxOut === 'number' && tokens!.outputTokens > maxOut))) {
        input = {
          ...input,
          anomaly: {
            reason: 'usage exceeds what the request allowed',
            reservedUsd: call.reservation.reservedUsd,
            chargedUsd: actualUsd,
            maxOutputTokens: maxOut,
          },
        };
        errorCode ??= 'usage_anomaly';
        log.warn(`the provider reported more usage than the request allowed (${tokens!.outputTokens} output tokens, at most ${maxOut}); charged as reported`, {
          model: o.modelId,
        });
      }
      await close(
        { ...call, reservation: call.reservation },
        { actualUsd, usage: tokens },
        failure === undefined ? 'ok' : failureOutcome(failure),
        input,
        errorCode,
      );
      return;
    }
    await audit(failure === undefined ? 'ok' : failureOutcome(failure), input, 0, call.started, errorCode);
  }

  /**
   * Settle or release the reservation and audit the call in one durable commit (CostGuard.close). A call
   * whose record could not be written fails with NotRecordedError — after a failure, the original error stands.
   */
  async function close(
    call: Call & { reservation: Reservation },
    how: { actualUsd?: number; usage?: { inputTokens: number; outputTokens: number }; release?: boolean },
    outcome: AuditOutcome,
    input: unknown,
    errorCode?: string,
  ): Promise<void> {
    const { platform, conversationId } = o.auditContext;
    const durationMs = Math.round(performance.now() - call.started);
    const entry = { kind: 'model' as const, name: o.modelId, actorId: o.actor.id, platform, conversationId, input, outcome, errorCode, durationMs };
    if (!o.audit) {
      // No trail to write to (a guard built without one): the charge alone.
      if (how.release) await o.guard.release(call.reservation);
      else await o.guard.settle(call.reservation, how.actualUsd, how.usage);
      return;
    }
    try {
      await o.guard.close(call.reservation, how, o.audit, entry);
    } catch (err) {
      log.error('could not record a model call', { err, model: o.modelId, reservationId: call.reservation.id });
      if (outcome === 'ok') throw err;
    }
  }

  async function fail(call: Call, err: unknown): Promise<void> {
    if (neverBilled(err)) {
      if (call.reservation) await close({ ...call, reservation: call.reservation }, { release: true }, failureOutcome(err), call.input, toAppError(err).code);
      else await audit(failureOutcome(err), call.input, 0, call.started, toAppError(err).code);
    } else {
      await finish(call, undefined, err);
    }
  }

  return {
    specificationVersion: 'v4',

    async wrapGenerate({ doGenerate, params }) {
      const call = await begin(params);
      let result;
      try {
        result = await doGenerate();
      } catch (err) {
        await fail(call, err);
        throw err;
      }
      await finish(call, result.usage);
      return result;
    },

    async wrapStream({ doStream, params }) {
      const call = await begin(params);
      let result;
      try {
        result = await doStream();
      } catch (err) {
        await fail(call, err);
        throw err;
      }
      // Settled exactly once: at the end of the stream, on a stream error, or when the reader cancels.
      let usage: LanguageModelV4Usage | undefined;
      let streamError: unknown;
      let settled: Promise<void> | undefined;
      const settleOnce = () => (settled ??= finish(call, usage, streamError));
      const reader = result.stream.getReader();
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          let next;
          try {
            next = await reader.read();
          } catch (err) {
            streamError = err;
            await settleOnce();
            controller.error(err);
            return;
          }
          if (next.done) {
            await settleOnce();
            controller.close();
            return;
          }
          const part = next.value;
          if (part.type === 'finish') usage = part.usage;
          else if (part.type === 'error') streamError ??= part.error;
          controller.enqueue(part);
        },
        async cancel(reason) {
          // Aborted by the reader: whatever was generated may be billed, so the reservation stands.
          streamError ??= reason ?? new Error('stream cancelled');
          await settleOnce();
          await reader.cancel(reason);
        },
      });
      return { ...result, stream };
    },
  };
}
