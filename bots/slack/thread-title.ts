// Slack's assistant pane lists a rep's threads by title; untitled they all read the same. The first question
// of a thread becomes its title, once per thread across replicas (claimed like a delivery), best effort.
import type { webApi } from '@slack/bolt';
import { log } from '../../core/log.ts';
import type { Assistant } from '../../assistant/assistant-contract.ts';

const TITLE_CHARS = 80;

/** The first line of the question, at most 80 characters (cut at a word, with an ellipsis). */
export function threadTitle(question: string): string {
  const line = question.trim().split('\n')[0]!.trim();
  if (line.length <= TITLE_CHARS) return line;
  const cut = line.lastIndexOf(' ', TITLE_CHARS - 1);
  return `${line.slice(0, cut > TITLE_CHARS / 2 ? cut : TITLE_CHARS - 1)}…`;
}

export async function titleAssistantThread(
  client: webApi.WebClient,
  assistant: Assistant,
  t: { channel: string; threadTs: string; question: string },
): Promise<void> {
  try {
    if (!(await assistant.claimDelivery('slack', `title:${t.channel}:${t.threadTs}`))) return;
    await client.assistant.threads.setTitle({ channel_id: t.channel, thread_ts: t.threadTs, title: threadTitle(t.question) });
  } catch (err) {
    log.warn('could not title a Slack assistant thread', { err, channel: t.channel });
  }
}
