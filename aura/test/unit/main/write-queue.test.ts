// The write queue's batches: a burst shares one write, nothing overtakes anything, and a refusal
// stays with the item it belongs to.
import { describe, expect, it } from "vitest";
import { WriteQueue, type BatchWrite } from "../../../src/main/app/write-queue";

describe("write queue batches", () => {
  it("gives everything queued in one turn to one write, and runs writes in arrival order", async () => {
    const queue = new WriteQueue();
    const log: string[] = [];
    const write: BatchWrite<string> = (items) => { log.push(`batch ${items.join(",")}`); return items.map(() => undefined); };
    const done = [
      queue.batch("a", write), queue.batch("b", write),
      queue.run(() => { log.push("edit"); }),
      queue.batch("c", write), queue.batch("d", write),
    ];
    await Promise.all(done);
    expect(log).toEqual(["batch a,b", "edit", "batch c,d"]);
  });

  it("lets items join a batch while the write before it is still running", async () => {
    const queue = new WriteQueue();
    const log: string[] = [];
    const write: BatchWrite<number> = (items) => { log.push(items.join(",")); return items.map(() => undefined); };
    let release!: () => void;
    const slow = queue.run(() => new Promise<void>((resolve) => { release = resolve; }));
    const first = queue.batch(1, write);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [queue.batch(2, write), queue.batch(3, write)];
    release();
    await Promise.all([slow, first, ...later]);
    expect(log).toEqual(["1,2,3"]);
  });

  it("rejects a refused item alone, and every item when the write throws", async () => {
    const queue = new WriteQueue();
    const picky: BatchWrite<number> = (items) => items.map((n) => (n < 0 ? new Error(`no ${n}`) : undefined));
    const results = await Promise.allSettled([queue.batch(1, picky), queue.batch(-2, picky), queue.batch(3, picky)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("no -2");
    const broken: BatchWrite<number> = () => { throw new Error("disk full"); };
    const failed = await Promise.allSettled([queue.batch(1, broken), queue.batch(2, broken)]);
    expect(failed.map((r) => r.status === "rejected" && r.reason.message)).toEqual(["disk full", "disk full"]);
    await expect(queue.run(() => "still running")).resolves.toBe("still running");
  });
});
