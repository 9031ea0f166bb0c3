// Chooses the language model from configuration: OpenAI, any OpenAI-compatible server, or offline.
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Config } from '../config.ts';
import { createOfflineModel, type OfflineModelOptions } from './offline/offline-model.ts';

export const DEFAULT_OPENAI_MODEL = 'gpt-5-mini';
/** Given to the SDK explicitly, so it never falls back to reading OPENAI_BASE_URL from the environment. */
export const OPENAI_API_URL = 'https://api.openai.com/v1';

export interface ModelChoice {
  model: LanguageModel;
  /** Model id as priced by CostGuard, e.g. "gpt-5-mini" or "offline". */
  id: string;
  provider: 'openai' | 'openai-compatible' | 'offline';
  /** Human description for start-up logs and `salesos chat`'s banner. */
  label: string;
  /**
   * False when the model's answer is complete at once (the offline model): a turn then makes one generate
   * call per step instead of streaming parts nobody waits for. Default true.
   */
  streams?: boolean;
}

export function chooseLanguageModel(config: Pick<Config, 'model'>, offline: OfflineModelOptions = {}): ModelChoice {
  const { apiKey, baseUrl, id } = config.model;
  if (baseUrl) {
    // Ollama, vLLM, LM Studio, LiteLLM... speak chat completions, not OpenAI's Responses API.
    const provider = createOpenAI({ baseURL: baseUrl, apiKey: apiKey ?? 'not-needed', name: 'openai-compatible' });
    const modelId = id ?? DEFAULT_OPENAI_MODEL;
    return { model: provider.chat(modelId), id: modelId, provider: 'openai-compatible', label: `${modelId} at ${baseUrl}` };
  }
  if (apiKey) {
    // Chat completions here too: one wire protocol for OpenAI and every compatible server, the one the
    // tests exercise against a fake server; tool calling and streaming work the same on it.
    const provider = createOpenAI({ apiKey, baseURL: OPENAI_API_URL });
    const modelId = id ?? DEFAULT_OPENAI_MODEL;
    return { model: provider.chat(modelId), id: modelId, provider: 'openai', label: `OpenAI ${modelId}` };
  }
  return {
    model: createOfflineModel(offline),
    id: 'offline',
    provider: 'offline',
    streams: false,
    label: 'offline mode (no OPENAI_API_KEY or OPENAI_BASE_URL set)',
  };
}

/** True when a real LLM is configured (roast critiques and rewrites use it). */
export function hasRealModel(choice: ModelChoice): boolean {
  return choice.provider !== 'offline';
}
