// SQL statements per Slack turn: the SalesOS Slack bot as the slack-events benchmark runs it (offline model,
// PostgreSQL, 2,000 demo leads), each mention text of that benchmark sent a few times, one at a time, and
// every statement the process sends to PostgreSQL counted (each one a socket write that wakes a backend).
// Prints the count per turn for each text and the most frequent statements. Flags: `--turns 8` per text.
import pg from 'pg';
import { configureLogger } from '../core/log.ts';
import { startSlackHarness } from '../test/bots/slack/harness.ts';
import { benchUsers, MENTION_TEXTS, mentionEventBody } from './slack-load.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const turnsPerText = arg('turns', 8);
const rate = arg('rate', 50);
const seconds = arg('seconds', 5);

// Every statement any pool client (the pg pool and Prisma's adapter over it) sends, counted by its text.
const counts = new Map<string, number>();
let total = 0;
let counting = false;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim();
    counts.set(text, (counts.get(text) ?? 0) + 1);
    total++;
  }
  return query.apply(this, args);
} as never;

configureLogger({ level: 'error', format: 'json' });
const h = await startSlackHarness({ demoLeads: 2000 });
const users = benchUsers('UB');
// As the slack-events benchmark: its 50 users exist in the workspace and are provisioned on their first mention.
for (const id of users)
  h.fake.addUser({ id, name: id.toLowerCase(), realName: `Bench Rep ${id}`, email: `${id.toLowerCase()}@bench.example`, tz: 'Europe/Berlin' });
let seq = 0;
async function turn(i: number): Promise<void> {
  const before = h.fake.messages.length;
  const s = ++seq;
  const body = mentionEventBody({
    seq: s,
    i,
    users,
    ts: `1700000000.${String(s).padStart(6, '0')}`,
    eventId: `EvStmt${s}`,
    eventTime: Math.floor(Date.now() / 1000),
  });
  const res = await h.post(body, 'application/json');
  if (res.status !== 200) throw new Error(`event answered ${res.status}`);
  const deadline = Date.now() + 10_000;
  while (h.fake.messages.length === before) {
    if (Date.now() > deadline) throw new Error('no reply within 10 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  // Let the turn's trailing writes (audit batch, lease top-up, conversation save) land before the next.
  await new Promise((r) => setTimeout(r, 150));
}

try {
  // Warm-up: every user's first turn provisions them and fills the caches; the benchmark's steady state.
  for (let i = 0; i < users.length; i++) await turn(i);
  const perText: string[] = [];
  let all = 0;
  for (const [t, text] of MENTION_TEXTS.entries()) {
    const start = total;
    counting = true;
    for (let k = 0; k < turnsPerText; k++) await turn(t + k * MENTION_TEXTS.length);
    counting = false;
    all += total - start;
    perText.push(`  ${((total - start) / turnsPerText).toFixed(2).padStart(6)}  "${text}"`);
  }
  const turns = turnsPerText * MENTION_TEXTS.length;
  // Open loop at the slack-events benchmark's rate: concurrent turns share audit batches.
  const openStart = total;
  const n = rate * seconds;
  const sent = h.fake.messages.length;
  counting = true;
  const t0 = performance.now();
  const posts: Promise<Response>[] = [];
  for (let i = 0; i < n; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const s = ++seq;
    posts.push(
      h.post(
        mentionEventBody({ seq: s, i, users, ts: `1700000000.${String(s).padStart(6, '0')}`, eventId: `EvStmt${s}`, eventTime: Math.floor(Date.now() / 1000) }),
        'application/json',
      ),
    );
  }
  await Promise.all(posts);
  const deadline = Date.now() + 30_000;
  while (h.fake.messages.length < sent + n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 300));
  counting = false;
  const openLoop = total - openStart;
  if (process.env.SHOW) for (const m of h.fake.messages.slice(-4)) process.stdout.write(`${JSON.stringify(m).slice(0, 300)}\n`);
  process.stdout.write(`SQL statements per Slack turn (steady state, ${turnsPerText} turns per text, after one warm-up turn per user):\n`);
  process.stdout.write(`${perText.join('\n')}\n  ${(all / turns).toFixed(2).padStart(6)}  the benchmark's mix (${turns} turns, ${all} statements)\n`);
  process.stdout.write(
    `Open loop, ${rate} events/s for ${seconds} s (as slack-events sends them): ${h.fake.messages.length - sent}/${n} answered, ${openLoop} statements, ${(openLoop / n).toFixed(2)} per event\n`,
  );
  process.stdout.write('Most frequent statements (per turn, both parts together):\n');
  for (const [text, k] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 20))
    process.stdout.write(`  ${(k / (turns + n)).toFixed(2).padStart(6)}  ${text.slice(0, process.env.SHOW ? 400 : 150)}\n`);
} finally {
  await h.close();
}
process.exit(0);
