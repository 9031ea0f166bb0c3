// How late this process's event loop runs: a timer that should fire every `everyMs` reports how much later
// it fired. While the loop runs turn work without a break, Slack's requests (and their 200s) wait behind it
// just as long, so this is the delay a new request meets before it is even read.

export interface LagProbe {
  stop(): void;
}

/** Calls `onSample` with the lag in ms every `everyMs` until stopped; never keeps the process alive. */
export function startLoopLagProbe(onSample: (lagMs: number) => void, everyMs = 20): LagProbe {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = Math.max(0, now - last - everyMs);
    last = now;
    onSample(lag);
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
