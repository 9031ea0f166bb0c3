// An in-process single writer: items queued while a batch is being written go out together in the next
// one, so a burst of audit appends costs one transaction (and one hold of the chain lock) per batch
// instead of one each, and a process never uses more than one connection for them.

export interface BatchWriterOptions<T, R> {
  /** Write items in order; resolves with one result per item once all of them are durable. */
  write(items: T[]): Promise<R[]>;
  maxBatch?: number;
  /** True when an error comes from the data of some item (not the database): each item is then retried alone. */
  isItemError?(err: unknown): boolean;
}

interface Waiter<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export function createBatchWriter<T, R>(o: BatchWriterOptions<T, R>): (item: T) => Promise<R> {
  const maxBatch = o.maxBatch ?? 200;
  const queue: Waiter<T, R>[] = [];
  let running = false;

  async function writeBatch(batch: Waiter<T, R>[]): Promise<void> {
    try {
      const results = await o.write(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        w.resolve(results[i]!);
      });
    } catch (err) {
      // One unstorable item must not take the others of its batch down with it.
      if (batch.length > 1 && o.isItemError?.(err)) {
        for (const w of batch) await writeBatch([w]);
        return;
      }
      for (const w of batch) w.reject(err);
    }
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length) await writeBatch(queue.splice(0, maxBatch));
    } finally {
      running = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // A microtask later, so appends made in the same tick start out as one batch.
      if (!running && queue.length === 1) queueMicrotask(() => void (running || drain()));
    });
}
