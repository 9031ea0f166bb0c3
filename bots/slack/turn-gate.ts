// A bound on the Slack turns one process works on at once, and on those waiting their turn. Slack delivers
// as fast as people write; without a bound, a burst beyond what the process can answer piles up as half-run
// turns (streams, queries, buffers) until memory runs out and every turn in flight is lost. Waiting turns
// hold only their event; past `maxWaiting` the rep is told at once that SalesOS is busy.

export interface TurnGateOptions {
  /** Turns run at once; more adds memory, not answers, once the CPU or the database pool is busy. */
  maxRunning?: number;
  /** Turns queued behind them; beyond this a turn is refused at once. */
  maxWaiting?: number;
}

export interface TurnGate {
  /** Resolves with `release` (call it once, when the turn is done) when the turn may run; undefined when refused. */
  enter(): Promise<(() => void) | undefined>;
  stats(): { running: number; waiting: number };
}

export const BUSY_MESSAGE =
  'SalesOS has more questions than it can answer right now, so it could not take this one. Nothing was changed. Please ask again in a minute.';

export function createTurnGate(opts: TurnGateOptions = {}): TurnGate {
  const maxRunning = opts.maxRunning ?? 64;
  const maxWaiting = opts.maxWaiting ?? 1_000;
  let running = 0;
  const waiting: (() => void)[] = [];

  const ticket = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      // The slot passes straight to the next waiting turn.
      if (next) next();
      else running--;
    };
  };

  return {
    enter() {
      if (running < maxRunning) {
        running++;
        return Promise.resolve(ticket());
      }
      if (waiting.length >= maxWaiting) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(() => resolve(ticket())));
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}
