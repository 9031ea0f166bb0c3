// The tool middleware, in order: validate input (zod) → authorize (role) → confirmation for writes →
// CostGuard reserve → execute → CostGuard settle + audit append. Every path ends in a ToolOutput the
// model can read; nothing throws through the turn. A paid call waits for one disk flush: the reservation
// commits without one (see core/db/usage-repository.ts), the settle and the audit row commit together.
import { z } from 'zod';
import type { ToolOutput } from '../core/agent/tool-output.ts';
import type { ToolOutcome } from '../core/agent/types.ts';
import type { AuditInput, Reservation } from '../core/governance.ts';
import { AppError, ForbiddenError, NotRecordedError, toAppError, ValidationError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { actorCan } from '../core/rbac.ts';
import { unsafeInputReason } from '../core/safe-text.ts';
import { needsConfirmation, type SalesTool, type ToolContext } from '../tools/tool.ts';

export interface RunToolOptions {
  /** Set when the user has confirmed this exact call (a pending action being executed). */
  confirmed?: boolean;
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : 'input';
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

/** The first string (or key) in a tool input that carries control or bidi-override characters, as "path: why". */
function unsafeStringIn(value: unknown, path = 'input', depth = 0): string | undefined {
  if (typeof value === 'string') {
    const why = unsafeInputReason(value);
    return why ? `${path} ${why}` : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 8) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${k}]` : path === 'input' ? k : `${path}.${k}`;
    const why = unsafeInputReason(k) ? `${at} (a field name) ${unsafeInputReason(k)}` : unsafeStringIn(v, at, depth + 1);
    if (why) return why;
  }
  return undefined;
}

/** SQLSTATE class 22 (data exception: numeric out of range, invalid text, bad datetime), anywhere in the cause chain. */
function isDataException(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  return err instanceof RangeError;
}

function refusal(outcome: ToolOutcome, code: string, message: string): ToolOutput {
  return { ok: false, outcome, summary: message, error: { code, message } };
}

export async function runTool(tool: SalesTool, rawInput: unknown, ctx: ToolContext, opts: RunToolOptions = {}): Promise<ToolOutput> {
  const started = performance.now();
  const guards = ctx.services.guards;
  let input: unknown = rawInput;
  let output: ToolOutput;
  let costUsd = 0;
  let reservation: Reservation | undefined;
  // The cost the tool reported; undefined after a failure, so the reservation stands as the charge.
  let actualUsd: number | undefined;

  try {
    const unsafe = unsafeStringIn(rawInput);
    const parsed = unsafe ? undefined : tool.inputSchema.safeParse(rawInput ?? {});
    if (!parsed) {
      output = refusal('invalid', 'invalid_input', `Invalid input for ${tool.name}: ${unsafe}.`);
    } else if (!parsed.success) {
      output = refusal('invalid', 'invalid_input', `Invalid input for ${tool.name}: ${formatZodIssues(parsed.error)}.`);
    } else if (!actorCan(ctx.actor, tool.permission)) {
      input = parsed.data;
      const e = new ForbiddenError(
        ctx.actor.readOnly ? `${tool.name} changes data; your access is read-only.` : `${tool.name} is not available to the ${ctx.actor.role} role.`,
      );
      output = refusal('denied', e.code, e.userMessage);
    } else if ((tool.confirm || needsConfirmation(tool)) && !opts.confirmed) {
      input = parsed.data;
      // A write never runs unconfirmed, even for a tool that slipped past defineTool without a confirm step.
      if (!tool.confirm) throw new ForbiddenError(`${tool.name} changes data and has no confirmation step, so it cannot run.`);
      const summary = await tool.confirm(parsed.data, ctx);
      const card = await guards.confirmations.request({ tool: tool.name, input: parsed.data, summary, ctx });
      output = {
        ok: true,
        outcome: 'pending_confirmation',
        summary: `Waiting for ${ctx.actor.name} to confirm: ${summary}. Nothing has been changed yet.`,
        data: { pendingActionId: card.actionId },
        cards: [card],
      };
    } else {
      input = parsed.data;
      reservation = tool.estimateCostUsd
        ? await guards.costs.reserve(ctx.actor, { kind: 'tool', name: tool.name, estimateUsd: tool.estimateCostUsd(parsed.data, ctx) })
        : undefined;
      const result = await tool.execute(parsed.data, ctx);
      actualUsd = result.costUsd;
      costUsd = result.costUsd ?? 0;
      output = { ok: true, outcome: 'ok', summary: result.summary, data: result.data, cards: result.cards, costUsd };
    }
  } catch (err) {
    // Stopped by the turn's deadline or by shutdown: that reason, not the abort error it caused, is the story.
    // A value the database cannot take (out of range, malformed) came from the input: the caller's to fix.
    const appErr =
      ctx.signal?.aborted && ctx.signal.reason instanceof AppError
        ? ctx.signal.reason
        : isDataException(err)
          ? new ValidationError(`Invalid input for ${tool.name}: a value is out of range or malformed.`)
          : toAppError(err);
    const outcome: ToolOutcome =
      appErr.code === 'over_budget'
        ? 'over_budget'
        : appErr.code === 'invalid_input' || appErr.code === 'not_found'
          ? 'invalid'
          : appErr.code === 'forbidden'
            ? 'denied'
            : appErr.code === 'timeout'
              ? 'timeout'
              : 'error';
    if (outcome === 'error') log.error(`tool ${tool.name} failed`, { err, tool: tool.name });
    else log.info(`tool ${tool.name} refused: ${appErr.userMessage}`, { tool: tool.name, code: appErr.code });
    output = refusal(outcome, appErr.code, appErr.userMessage);
    if (appErr instanceof AppError && appErr.details) output.data = { ...appErr.details };
  }

  const entry: Omit<AuditInput, 'costUsd'> = {
    kind: 'tool',
    name: tool.name,
    actorId: ctx.actor.id,
    platform: ctx.platform,
    conversationId: ctx.conversationId,
    input,
    redactFields: tool.redactInAudit,
    outcome: output.outcome === 'pending_confirmation' ? 'ok' : output.outcome,
    errorCode: output.error?.code,
    durationMs: Math.round(performance.now() - started),
  };
  try {
    // A paid call: the charge (the reported cost, or the reservation when the tool failed) and the audit row
    // in one durable commit. Its return is what was charged.
    if (reservation) costUsd = await guards.costs.close(reservation, { actualUsd: output.ok ? actualUsd : undefined }, guards.audit, entry);
    else await guards.audit.append({ ...entry, costUsd });
    if (output.ok && output.outcome === 'ok') output.costUsd = costUsd;
  } catch (err) {
    log.error('the tool call could not be recorded', { err, tool: tool.name });
    // A result is never handed on unrecorded; a refusal or failure already tells the caller what happened,
    // and a confirmation request has run nothing yet (its execution is audited when confirmed).
    if (output.outcome === 'ok') output = notRecorded(tool, err);
  }
  return output;
}

function notRecorded(tool: SalesTool, err: unknown): ToolOutput {
  const e =
    err instanceof NotRecordedError
      ? err
      : new NotRecordedError(
          `The ${tool.name} call ran, but SalesOS could not save its audit record, so its result is not used. Please try again in a moment.`,
          err,
        );
  const changed = needsConfirmation(tool) ? ' The change it made may already be saved: check before trying again.' : '';
  return refusal('error', e.code, `${e.userMessage}${changed}`);
}
