// The tool middleware, in order: validate input (zod) → authorize (role) → confirmation for writes →
// CostGuard reserve → execute → CostGuard settle → audit append. Every path ends in a ToolOutput the
// model can read; nothing throws through the turn.
import { z } from 'zod';
import type { ToolOutput } from '../core/agent/tool-output.ts';
import type { ToolOutcome } from '../core/agent/types.ts';
import { AppError, ForbiddenError, toAppError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { actorCan } from '../core/rbac.ts';
import type { SalesTool, ToolContext } from './tool.ts';

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

function refusal(outcome: ToolOutcome, code: string, message: string): ToolOutput {
  return { ok: false, outcome, summary: message, error: { code, message } };
}

export async function runTool(tool: SalesTool, rawInput: unknown, ctx: ToolContext, opts: RunToolOptions = {}): Promise<ToolOutput> {
  const started = performance.now();
  const guards = ctx.services.guards;
  let input: unknown = rawInput;
  let output: ToolOutput;
  let costUsd = 0;

  try {
    const parsed = tool.inputSchema.safeParse(rawInput ?? {});
    if (!parsed.success) {
      output = refusal('invalid', 'invalid_input', `Invalid input for ${tool.name}: ${formatZodIssues(parsed.error)}.`);
    } else if (!actorCan(ctx.actor, tool.permission)) {
      input = parsed.data;
      const e = new ForbiddenError(
        ctx.actor.readOnly ? `${tool.name} changes data; your access is read-only.` : `${tool.name} is not available to the ${ctx.actor.role} role.`,
      );
      output = refusal('denied', e.code, e.userMessage);
    } else if (tool.confirm && !opts.confirmed) {
      input = parsed.data;
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
      const reservation = tool.estimateCostUsd
        ? await guards.costs.reserve(ctx.actor, { kind: 'tool', name: tool.name, estimateUsd: tool.estimateCostUsd(parsed.data, ctx) })
        : undefined;
      try {
        const result = await tool.execute(parsed.data, ctx);
        costUsd = result.costUsd ?? 0;
        if (reservation) costUsd = await guards.costs.settle(reservation, result.costUsd);
        output = { ok: true, outcome: 'ok', summary: result.summary, data: result.data, cards: result.cards, costUsd };
      } catch (err) {
        // The reservation is kept as the charge only when the paid call may have happened.
        if (reservation) costUsd = await guards.costs.settle(reservation, undefined);
        throw err;
      }
    }
  } catch (err) {
    const appErr = toAppError(err);
    const outcome: ToolOutcome =
      appErr.code === 'over_budget' ? 'over_budget' : appErr.code === 'invalid_input' || appErr.code === 'not_found' ? 'invalid' : appErr.code === 'forbidden' ? 'denied' : 'error';
    if (outcome === 'error') log.error(`tool ${tool.name} failed`, { err, tool: tool.name });
    else log.info(`tool ${tool.name} refused: ${appErr.userMessage}`, { tool: tool.name, code: appErr.code });
    output = refusal(outcome, appErr.code, appErr.userMessage);
    if (appErr instanceof AppError && appErr.details) output.data = { ...appErr.details };
  }

  const durationMs = Math.round(performance.now() - started);
  try {
    await guards.audit.append({
      kind: 'tool',
      name: tool.name,
      actorId: ctx.actor.id,
      platform: ctx.platform,
      conversationId: ctx.conversationId,
      input,
      outcome: output.outcome === 'pending_confirmation' ? 'ok' : output.outcome,
      errorCode: output.error?.code,
      costUsd,
      durationMs,
    });
  } catch (err) {
    log.error('audit append failed', { err, tool: tool.name });
  }
  return output;
}
