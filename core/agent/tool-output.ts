// The envelope every SalesOS tool returns. The model sees `modelView` (summary + compact data); cards
// go to the rep's screen only, so big tables never cost model tokens.
import type { ToolResultOutput } from '@ai-sdk/provider-utils';
import type { Card } from '../cards.ts';
import type { ToolOutcome } from './types.ts';

export interface ToolOutput {
  ok: boolean;
  outcome: ToolOutcome;
  /** One or two sentences for the model and the offline reply writer. */
  summary: string;
  /** Compact facts the model may need later (lead ids for "the second one"). */
  data?: Record<string, unknown>;
  cards?: Card[];
  error?: { code: string; message: string };
  costUsd?: number;
}

export function isToolOutput(value: unknown): value is ToolOutput {
  return typeof value === 'object' && value !== null && 'outcome' in value && 'summary' in value;
}

export function modelView(output: ToolOutput): ToolResultOutput {
  return {
    type: 'json',
    value: JSON.parse(
      JSON.stringify({ ok: output.ok, summary: output.summary, ...(output.data ?? {}), ...(output.error ? { error: output.error } : {}) }),
    ),
  };
}
