// Reads what the offline model needs from an AI SDK prompt: the rep's latest words, the tool results of
// the current turn, and the leads earlier turns showed (so "the second one" or "her" can be resolved).
import type { LanguageModelV4Prompt, LanguageModelV4ToolResultPart } from '@ai-sdk/provider';
import { UUID } from '../../ids.ts';

export interface LeadRef {
  id?: string;
  fullName?: string;
  email?: string;
  company?: string;
  title?: string;
}

/** One tool result, unwrapped from the SDK's output envelope. */
export interface ToolOutcome {
  toolName: string;
  output: unknown;
  /** The tool threw or the SDK reported an error. */
  failed: boolean;
  /** The call was denied before it ran (approval refused); `output` is the reason, if any. */
  denied: boolean;
}

export interface ConversationContext {
  /** Text of the last user message; undefined when the prompt has none. */
  userText: string | undefined;
  /** Tool results that arrived after the last user message, in order. */
  turnResults: ToolOutcome[];
  /** Leads of the most recent search shown earlier, in the order shown. */
  lastList: LeadRef[] | undefined;
  /** The single lead the conversation is about ("her", "that lead"), if there is one. */
  focusLead: LeadRef | undefined;
  /** The most recent search: its filter and the cursor of its next page, for "show more". */
  lastSearch: { input: Record<string, unknown>; nextCursor?: string } | undefined;
}

const LEAD_DETAIL_TOOLS = new Set(['getLead', 'enrichLead', 'draftEmail', 'updateLead']);

export function readConversation(prompt: LanguageModelV4Prompt): ConversationContext {
  let lastUser = -1;
  for (let i = prompt.length - 1; i >= 0; i--) {
    if (prompt[i]!.role === 'user') {
      lastUser = i;
      break;
    }
  }
  const userMessage = lastUser >= 0 ? prompt[lastUser] : undefined;
  const userText =
    userMessage && userMessage.role === 'user'
      ? userMessage.content
          .map((p) => (p.type === 'text' ? p.text : ''))
          .join('\n')
          .trim()
      : undefined;

  const turnResults: ToolOutcome[] = [];
  for (const message of prompt.slice(lastUser + 1)) {
    if (message.role !== 'tool' && message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-result') turnResults.push(unwrapResult(part));
  }

  const earlier = lastUser >= 0 ? prompt.slice(0, lastUser) : prompt;
  return {
    userText,
    turnResults,
    lastList: findLastList(earlier),
    focusLead: findFocusLead(earlier),
    lastSearch: findLastSearch(earlier),
  };
}

export function unwrapResult(part: LanguageModelV4ToolResultPart): ToolOutcome {
  const base = { toolName: part.toolName, failed: false, denied: false };
  const out = part.output as unknown;
  if (!isRecord(out) || typeof out.type !== 'string') return { ...base, output: out };
  switch (out.type) {
    case 'json':
      return { ...base, output: out.value };
    case 'text':
      return { ...base, output: parseMaybeJson(out.value) };
    case 'error-text':
      return { ...base, failed: true, output: out.value };
    case 'error-json':
      return { ...base, failed: true, output: out.value };
    case 'execution-denied':
      return { ...base, denied: true, output: out.reason };
    case 'content':
      return {
        ...base,
        output: Array.isArray(out.value) ? out.value.map((p) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('\n') : undefined,
      };
    default:
      // A plain tool output that happens to have its own `type` field.
      return { ...base, output: out };
  }
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t.startsWith('{')) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

// Tool results carry ids, so they win over a list read back from an earlier reply's text.
function findLastList(messages: LanguageModelV4Prompt): LeadRef[] | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'tool' && m.role !== 'assistant') continue;
    const parts = m.content.filter((p): p is LanguageModelV4ToolResultPart => p.type === 'tool-result');
    for (let j = parts.length - 1; j >= 0; j--) {
      const r = unwrapResult(parts[j]!);
      if (r.toolName !== 'findLeads' || !isRecord(r.output) || !Array.isArray(r.output.leads)) continue;
      return r.output.leads.map(toLeadRef).filter((l): l is LeadRef => l !== undefined);
    }
  }
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant') continue;
    const listed = parseNumberedList(m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n'));
    if (listed.length) return listed;
  }
  return undefined;
}

function findLastSearch(messages: LanguageModelV4Prompt): ConversationContext['lastSearch'] {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'tool' && m.role !== 'assistant') continue;
    const parts = m.content.filter((p): p is LanguageModelV4ToolResultPart => p.type === 'tool-result');
    for (let j = parts.length - 1; j >= 0; j--) {
      if (parts[j]!.toolName !== 'findLeads') continue;
      const r = unwrapResult(parts[j]!);
      const nextCursor = isRecord(r.output) && typeof r.output.nextCursor === 'string' ? r.output.nextCursor : undefined;
      const input = callInput(messages.slice(0, i + 1), parts[j]!.toolCallId);
      return input ? { input, nextCursor } : undefined;
    }
  }
  return undefined;
}

function callInput(messages: LanguageModelV4Prompt, toolCallId: string): Record<string, unknown> | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant') continue;
    for (const p of m.content) {
      if (p.type !== 'tool-call' || p.toolCallId !== toolCallId) continue;
      const input = typeof p.input === 'string' ? parseMaybeJson(p.input) : p.input;
      return isRecord(input) ? input : undefined;
    }
  }
  return undefined;
}

function findFocusLead(messages: LanguageModelV4Prompt): LeadRef | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'tool' && m.role !== 'assistant') continue;
    const parts = m.content.filter((p): p is LanguageModelV4ToolResultPart => p.type === 'tool-result');
    for (let j = parts.length - 1; j >= 0; j--) {
      const r = unwrapResult(parts[j]!);
      if (LEAD_DETAIL_TOOLS.has(r.toolName) && isRecord(r.output) && isRecord(r.output.lead)) return toLeadRef(r.output.lead);
      // A write waiting for confirmation shows no lead object; the lead it named is still the one meant.
      if (LEAD_DETAIL_TOOLS.has(r.toolName)) {
        const lead = callInput(messages.slice(0, i + 1), parts[j]!.toolCallId)?.lead;
        if (typeof lead === 'string' && lead.trim()) return refFromInput(lead.trim());
      }
      if (!isRecord(r.output)) continue;
      if (r.toolName === 'findLeads' && Array.isArray(r.output.leads)) {
        // A search showing several leads makes "her" ambiguous: stop rather than reach further back.
        return r.output.leads.length === 1 ? toLeadRef(r.output.leads[0]) : undefined;
      }
    }
  }
  return undefined;
}

function toLeadRef(value: unknown): LeadRef | undefined {
  if (!isRecord(value)) return undefined;
  const str = (k: string) => (typeof value[k] === 'string' && value[k] ? (value[k] as string) : undefined);
  const ref: LeadRef = {
    id: str('id'),
    fullName: str('fullName') ?? str('name'),
    email: str('email'),
    company: str('company'),
    title: str('title'),
  };
  return ref.id || ref.email || ref.fullName ? ref : undefined;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

function refFromInput(value: string): LeadRef {
  if (UUID.test(value)) return { id: value };
  if (EMAIL.test(value)) return { email: value };
  return { fullName: value };
}

/** "1. Jane Doe — CTO at Acme (jane@acme.io) · score 91" lines, as the reply writer prints them. */
export function parseNumberedList(text: string): LeadRef[] {
  const leads: LeadRef[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d{1,3})[.)]\s+(.+)$/.exec(line);
    if (!m || Number(m[1]) !== leads.length + 1) continue;
    const body = m[2]!.replace(/[*_`]/g, '');
    const name = body.split(/\s+[—–-]\s+|\s*\(|\s+·\s+/)[0]!.trim();
    const email = EMAIL.exec(body)?.[0];
    if (name || email) leads.push({ fullName: name || undefined, email });
  }
  return leads;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
