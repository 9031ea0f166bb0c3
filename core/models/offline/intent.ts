// What the offline model understood from one message.

export const OFFLINE_TOOL_NAMES = [
  'findLeads',
  'getLead',
  'enrichLead',
  'roastEmail',
  'draftEmail',
  'updateLead',
  'myUsage',
  'setDigestSchedule',
  'setOffer',
  'showOffer',
  'findPatterns',
  'findLookalikes',
  'rescoreLeads',
] as const;
export type OfflineToolName = (typeof OFFLINE_TOOL_NAMES)[number];

export interface ToolCallIntent {
  toolName: OfflineToolName;
  input: Record<string, unknown>;
}

export type Intent =
  | { kind: 'tool'; calls: ToolCallIntent[] }
  /** The request is clear but something is missing (which lead, which email); ask for it. */
  | { kind: 'clarify'; toolName: OfflineToolName; question: string }
  | { kind: 'help' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  /** Not something SalesOS does (weather, trivia, code): say what it can do, call nothing. */
  | { kind: 'out_of_scope' }
  | { kind: 'unknown' };
