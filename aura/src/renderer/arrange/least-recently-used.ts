// A bounded map that forgets what was used longest ago, calling `release` on what it drops (bitmaps
// hold memory outside the JS heap, so they are closed, not left to the garbage collector).
// A Map iterates in insertion order, so re-inserting on use keeps the oldest entry first.
export class LeastRecentlyUsed<K, V> {
  capacity = 1000;
  private readonly entries = new Map<K, V>();

  constructor(private readonly release: (value: V) => void = () => {}) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value without counting it as used. */
  peek(key: K): V | undefined { return this.entries.get(key); }

  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined && old !== value) this.release(old);
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [K, V];
      this.entries.delete(oldestKey);
      this.release(oldest);
    }
  }

  get size(): number { return this.entries.size; }
}
