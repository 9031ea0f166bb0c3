// Turns terminal lines into messages. A line like "roast this email:" with nothing after the colon
// starts a multi-line message (the email), ended by a line with a single "." or the end of input.
import type { Interface } from 'node:readline';

const STARTS_BLOCK = /^\s*(?:please\s+)?(roast|score|review|critique|check|grade|rate)\b[^:]*:\s*$/i;

export function startsBlock(line: string): boolean {
  return STARTS_BLOCK.test(line);
}

/** Async iterator of whole messages from a readline interface. */
export async function* readMessages(rl: Interface, onBlockStart?: () => void): AsyncGenerator<string> {
  let block: string[] | undefined;
  for await (const line of rl) {
    if (block) {
      if (line.trim() === '.') {
        yield block.join('\n');
        block = undefined;
      } else block.push(line);
      continue;
    }
    if (startsBlock(line)) {
      block = [line];
      onBlockStart?.();
      continue;
    }
    if (line.trim()) yield line.trim();
  }
  if (block && block.length > 1) yield block.join('\n');
}
