// The process under test for bench/slack-events.ts, started by it with fork(): either the SalesOS Slack bot
// as `salesos start` composes it (our HTTP server, the real assistant with the offline model, PostgreSQL) or
// the floor, a bare Bolt app that echoes the text. Both talk to the parent's fake Slack Web API, so this
// process's CPU and RSS are the bot's alone (the load generator and the fake live in the parent).
// IPC: parent → { type: 'usage' | 'alone' | 'stop' }; child → { type: 'ready', url } and the answers.
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { App } from '@slack/bolt';
import { DEMO_REP_EMAIL } from '../../core/demo/staff.ts';
import { configureLogger } from '../../core/log.ts';
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from '../../test/bots/slack/harness.ts';

export type BotKind = 'salesos' | 'bare';
export type ToBot =
  | { type: 'usage' }
  | { type: 'alone'; n: number; texts: string[] }
  /** V8 CPU profile of the measured runs only (not start-up or seeding), written to `file` on stop. */
  | { type: 'profile'; action: 'start' }
  | { type: 'profile'; action: 'stop'; file: string }
  | { type: 'stop' };
export type FromBot =
  | { type: 'ready'; url: string }
  | { type: 'usage'; cpuMicros: number; rss: number; heapUsed: number }
  | { type: 'alone'; times: number[] }
  | { type: 'profile'; file?: string }
  | { type: 'error'; message: string };

const kind = process.env.BENCH_BOT_KIND as BotKind;
const slackApiUrl = process.env.BENCH_SLACK_API_URL!;
const send = (m: FromBot) => process.send!(m);

async function startSalesOs(): Promise<{ url: string; harness: SlackHarness; stop(): Promise<void> }> {
  configureLogger({ level: 'error', format: 'json' });
  const maxRunning = process.env.BENCH_MAX_RUNNING ? Number(process.env.BENCH_MAX_RUNNING) : undefined;
  const harness = await startSlackHarness({
    demoLeads: 2000,
    env: { SLACK_API_URL: slackApiUrl },
    now: Date.now,
    ...(maxRunning ? { turns: { maxRunning } } : {}),
  });
  return { url: harness.url, harness, stop: () => harness.close() };
}

async function startBareBolt(): Promise<{ url: string; harness?: undefined; stop(): Promise<void> }> {
  const app = new App({
    token: 'xoxb-bench',
    signingSecret: SIGNING_SECRET,
    botId: 'BBOT',
    botUserId: 'UBOT',
    clientOptions: { slackApiUrl },
  });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: event.text, thread_ts: event.ts });
  });
  const port = 30000 + Math.floor(Math.random() * 20000);
  await app.start(port);
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() as Promise<void> };
}

/** The assistant's own share of event-to-reply: the texts through handleTurn directly, one at a time. */
async function assistantAlone(h: SlackHarness, n: number, texts: string[]): Promise<number[]> {
  const actor = await h.container.users.getByEmail(DEMO_REP_EMAIL);
  if (!actor) throw new Error('demo rep missing');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const turn = { deliveryId: `alone${i}`, platform: 'slack' as const, actor, conversationKey: `slack:T0FAKE:C9:alone${i}`, text: texts[i % texts.length]! };
    for await (const event of h.container.assistant.handleTurn(turn)) void event;
    times.push(performance.now() - t0);
  }
  return times;
}

let inspector: Session | undefined;
async function profile(m: Extract<ToBot, { type: 'profile' }>): Promise<string | undefined> {
  if (m.action === 'start') {
    inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    return undefined;
  }
  if (!inspector) return undefined;
  const { profile: result } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  inspector = undefined;
  await fs.writeFile(m.file, JSON.stringify(result));
  return m.file;
}

async function main() {
  const bot = kind === 'salesos' ? await startSalesOs() : await startBareBolt();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (m: ToBot) => {
    if (m.type === 'usage') {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      send({ type: 'usage', cpuMicros: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed });
    } else if (m.type === 'alone') {
      if (!bot.harness) return send({ type: 'alone', times: [] });
      assistantAlone(bot.harness, m.n, m.texts).then(
        (times) => send({ type: 'alone', times }),
        (err) => send({ type: 'error', message: String(err) }),
      );
    } else if (m.type === 'profile') {
      profile(m).then(
        (file) => send({ type: 'profile', file }),
        (err) => send({ type: 'error', message: String(err) }),
      );
    } else if (m.type === 'stop') void stop();
  });
  send({ type: 'ready', url: bot.url });
}

main().catch((err) => {
  send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
