// What the Slack benchmarks share: the mentions they send (open loop, one per 1/rate s) and percentiles that
// keep unanswered events (+Infinity) in the distribution instead of dropping them.

export const MENTION_TEXTS = ['help', 'find leads', 'how much budget do I have left?', 'find CTOs at fintech companies'];

export function benchUsers(prefix: string, n = 50): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/** The body of Slack's Events API callback for the i-th mention of a run. */
export function mentionEventBody(o: { seq: number; i: number; users: string[]; ts: string; eventId: string; eventTime: number }): string {
  return JSON.stringify({
    type: 'event_callback',
    team_id: 'T0FAKE',
    api_app_id: 'A1',
    event_id: o.eventId,
    event_time: o.eventTime,
    event: { type: 'app_mention', user: o.users[o.i % o.users.length], channel: 'C1', ts: o.ts, text: `<@UBOT> ${MENTION_TEXTS[o.i % MENTION_TEXTS.length]}` },
  });
}

/** Nearest-rank percentile over every event; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)]!;
}
