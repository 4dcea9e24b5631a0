// Runs the project's writes (edits, undo, redo, saves) one at a time, in the order they arrived.
// Why: a save is asynchronous and Pulse starts a fresh journal when it completes. An edit applied
// while the save is being written is journalled into the journal about to be replaced, and is not in
// the saved file either, so a crash right after would lose an edit that was already acknowledged.
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(write: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(write);
    this.tail = result.catch(() => {});
    return result;
  }
}
