// Runs the project's writes (edits, undo, redo, saves) one at a time, in the order they arrived.
// Why: a save is asynchronous and Pulse starts a fresh journal when it completes. An edit applied
// while the save is being written is journalled into the journal about to be replaced, and is not in
// the saved file either, so a crash right after would lose an edit that was already acknowledged.
//
// Writes of one kind that arrive in a burst (a fader drag: thousands a second) can share one write:
// `batch` adds an item to the batch queued last while that batch has not started, so a burst costs
// one commit and one journal fsync instead of one each, and nothing overtakes anything.

/** Per item: undefined when it was written, or the error that refused it alone. */
export type BatchWrite<I> = (items: I[]) => (Error | undefined)[] | Promise<(Error | undefined)[]>;

interface Pending<I> {
  readonly write: BatchWrite<I>;
  readonly items: I[];
  readonly settle: ((outcome: Error | undefined) => void)[];
}

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** The batch queued last, while it can still take items. */
  private open: Pending<unknown> | null = null;

  run<T>(write: () => T | Promise<T>): Promise<T> {
    this.open = null;
    const result = this.tail.then(write);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Queues `item` for `write`, joining the batch queued last when it is for the same write and
   *  has not started. The batch starts one event-loop turn after it was queued at the earliest, so
   *  everything that arrives in that turn joins it. Resolves when the item was written. */
  batch<I>(item: I, write: BatchWrite<I>): Promise<void> {
    let pending = this.open as Pending<I> | null;
    if (!pending || pending.write !== write) {
      const fresh: Pending<I> = { write, items: [], settle: [] };
      pending = fresh;
      this.open = fresh as Pending<unknown>;
      const started = this.tail
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(async () => {
          if (this.open === (fresh as Pending<unknown>)) this.open = null;
          let outcomes: (Error | undefined)[];
          try {
            outcomes = await write(fresh.items);
          } catch (error) {
            outcomes = fresh.items.map(() => error as Error);
          }
          fresh.settle.forEach((settle, i) => settle(outcomes[i]));
        });
      this.tail = started.catch(() => {});
    }
    const joined = pending;
    return new Promise<void>((resolve, reject) => {
      joined.items.push(item);
      joined.settle.push((outcome) => (outcome ? reject(outcome) : resolve()));
    });
  }
}
