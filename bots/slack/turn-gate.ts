// A bound on the Slack turns one process works on at once, and on those waiting their turn. Slack delivers
// as fast as people write; without a bound, a burst beyond what the process can answer piles up as half-run
// turns (streams, queries, buffers) until memory runs out and every turn in flight is lost. Waiting turns
// hold only their event; past `maxWaiting` the rep is told at once that SalesOS is busy.
//
// How many run at once adapts to the event loop's lag. Slack wants its 200 within 3 s and every new request
// waits behind whatever turn work the loop is doing, so when the loop runs late (CPU-bound turns: the
// offline model, a busy machine) fewer turns run and the rest wait holding only their event; when it keeps
// time (turns that mostly wait on a remote model) more run, up to `maxRunning`. Increase by one, decrease by
// half, as TCP does with its window.
import { startLoopLagProbe, type LagProbe } from './loop-lag.ts';

export interface TurnGateOptions {
  /** Most turns run at once, however idle the loop; more adds memory, not answers, once the database pool is busy. */
  maxRunning?: number;
  /** Fewest turns run at once, however late the loop. */
  minRunning?: number;
  /** Turns queued behind them; beyond this a turn is refused at once. */
  maxWaiting?: number;
  /** Loop lag above which fewer turns run. */
  lagTargetMs?: number;
  /** Where lag samples come from (tests drive it by hand); default: a timer on this process's loop, run only while turns run or wait. */
  lagProbe?: (onSample: (lagMs: number) => void) => LagProbe;
}

export interface TurnGate {
  /** Resolves with `release` (call it once, when the turn is done) when the turn may run; undefined when refused. */
  enter(): Promise<(() => void) | undefined>;
  /** `limit`: how many may run at once right now (between minRunning and maxRunning). */
  stats(): { running: number; waiting: number; limit: number };
}

export const BUSY_MESSAGE =
  'SalesOS has more questions than it can answer right now, so it could not take this one. Nothing was changed. Please ask again in a minute.';

export function createTurnGate(opts: TurnGateOptions = {}): TurnGate {
  const maxRunning = opts.maxRunning ?? 64;
  const minRunning = Math.min(opts.minRunning ?? 16, maxRunning);
  const maxWaiting = opts.maxWaiting ?? 1_000;
  const lagTargetMs = opts.lagTargetMs ?? 20;
  const probeWith = opts.lagProbe ?? startLoopLagProbe;
  let limit = minRunning;
  let running = 0;
  const waiting: (() => void)[] = [];
  let probe: LagProbe | undefined;

  const admit = () => {
    while (running < limit && waiting.length) {
      running++;
      waiting.shift()!();
    }
  };
  const onLag = (lagMs: number) => {
    if (lagMs > lagTargetMs) limit = Math.max(minRunning, Math.ceil(limit / 2));
    // Only grow while the bound is what holds turns back, so an idle spell does not leave it wide open.
    else if (waiting.length && running >= limit) limit = Math.min(maxRunning, limit + 1);
    admit();
  };
  const idle = () => {
    if (running || waiting.length) return;
    probe?.stop();
    probe = undefined;
  };

  const ticket = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running--;
      admit();
      idle();
    };
  };

  return {
    enter() {
      probe ??= probeWith(onLag);
      if (running < limit && !waiting.length) {
        running++;
        return Promise.resolve(ticket());
      }
      if (waiting.length >= maxWaiting) {
        idle();
        return Promise.resolve(undefined);
      }
      return new Promise((resolve) => waiting.push(() => resolve(ticket())));
    },
    stats: () => ({ running, waiting: waiting.length, limit }),
  };
}
