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
  const stringify = (value: unknown) =>
    JSON.stringify(value ?? null, (_key, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'file') {
        files++;
        return { ...(v as object), data: '[file]' };
      }
      return v;
    });
  // Counted piece by piece so the parts every call repeats (tool schemas, instructions, earlier messages)
  // come from the cache; a token never spans two pieces, so the sum errs high, as a reservation must.
  let tokens = cachedCount(stringify(params.tools)) + cachedCount(stringify(params.responseFormat));
  for (const message of params.prompt) tokens += cachedCount(stringify(message));
  return tokens + files * FILE_PART_TOKENS;
}

const CACHE_LIMIT = 2_000;
const counts = new Map<string, number>();

function cachedCount(text: string): number {
  const hit = counts.get(text);
  if (hit !== undefined) return hit;
  const n = countTokens(text);
  if (counts.size >= CACHE_LIMIT) counts.delete(counts.keys().next().value!);
  counts.set(text, n);
  return n;
}

/** The most output tokens the call may produce: the caller's cap, else the model's own maximum. */
export function maxOutputTokens(params: Pick<LanguageModelV4CallOptions, 'maxOutputTokens'>, price: ModelPrice): number {
  return params.maxOutputTokens ?? price.maxOutputTokens;
}
