// The work a process has in flight (turns, card actions, digest jobs), so shutdown can stop taking new
// work, wait for what runs, and abort what is left with a reason every layer understands.

export interface WorkUnit {
  /** Aborted (with the shutdown reason) when shutdown gives up waiting for this unit. */
  signal: AbortSignal;
  end(): void;
}

export interface InFlightWork {
  /** True once shutdown began: entry points refuse new work (HTTP 503). */
  readonly stopping: boolean;
  readonly size: number;
  begin(what: string): WorkUnit;
  /** Refuse new work from now on. */
  stop(): void;
  /** Resolves once nothing runs, or after `timeoutMs`; true when nothing runs. */
  idle(timeoutMs: number): Promise<boolean>;
  /** Abort every running unit with `reason`; returns what was aborted. */
  abortAll(reason: unknown): string[];
}

export function createInFlightWork(): InFlightWork {
  const running = new Map<symbol, { what: string; ctl: AbortController }>();
  const waiters = new Set<() => void>();
  let stopping = false;

  return {
    get stopping() {
      return stopping;
    },
    get size() {
      return running.size;
    },
    begin(what) {
      const key = Symbol(what);
      const ctl = new AbortController();
      running.set(key, { what, ctl });
      return {
        signal: ctl.signal,
        end() {
          if (!running.delete(key) || running.size) return;
          for (const w of waiters) w();
        },
      };
    },
    stop() {
      stopping = true;
    },
    idle(timeoutMs) {
      if (running.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          waiters.delete(onIdle);
          resolve(value);
        };
        const onIdle = () => done(true);
        const timer = setTimeout(() => done(running.size === 0), timeoutMs);
        waiters.add(onIdle);
      });
    },
    abortAll(reason) {
      const aborted = [...running.values()].map(({ what, ctl }) => {
        ctl.abort(reason);
        return what;
      });
      return aborted;
    },
  };
}
