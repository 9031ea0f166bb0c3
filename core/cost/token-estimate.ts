// Local, worst-case token counts for a model call, so a reservation is made before anything is sent.
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { countTokens } from 'gpt-tokenizer';
import type { ModelPrice } from './prices.ts';

/** What an image or document part is assumed to cost: providers bill files by size, not by their bytes as text. */
export const FILE_PART_TOKENS = 2_000;

/**
 * Input tokens of the prompt and tool definitions, counted over their JSON. The JSON (keys, quotes,
 * schema text) is a superset of what the provider tokenizes, so the count errs high — as a reservation must.
 */
export function estimateInputTokens(params: Pick<LanguageModelV4CallOptions, 'prompt' | 'tools' | 'responseFormat'>): number {
  let files = 0;
  const json = JSON.stringify([params.prompt, params.tools ?? null, params.responseFormat ?? null], (_key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'file') {
      files++;
      return { ...(value as object), data: '[file]' };
    }
    return value;
  });
  return countTokens(json) + files * FILE_PART_TOKENS;
}

/** The most output tokens the call may produce: the caller's cap, else the model's own maximum. */
export function maxOutputTokens(params: Pick<LanguageModelV4CallOptions, 'maxOutputTokens'>, price: ModelPrice): number {
  return params.maxOutputTokens ?? price.maxOutputTokens;
}
