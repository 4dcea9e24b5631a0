import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClipBitmapCache } from "../../../src/renderer/arrange/clip-bitmap-cache";

// Node has no ImageData or ImageBitmap: small stand-ins record what the cache makes and closes.
class FakeBitmap { closed = false; constructor(readonly width: number, readonly height: number, readonly first: number) {} close() { this.closed = true; } }
const globals = globalThis as Record<string, unknown>;
beforeAll(() => {
  globals.ImageData = class { constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {} };
});
afterAll(() => { delete globals.ImageData; });

/** Pixels of one bitmap in these tests (4 × 10). */
const PIXELS = 40;

function cache() {
  const made: number[][] = [];
  const toBitmap = (image: ImageData) => new FakeBitmap(image.width, image.height, new Uint32Array(image.data.buffer, image.data.byteOffset, 1)[0]!) as unknown as ImageBitmap;
  const c = new ClipBitmapCache<number[]>((source, span, pixels) => { made.push(source); pixels[0] = source[0]! + span; }, 2, toBitmap);
  const get = (id: string, source: number[], height: number, span = 0, width = 4) => c.get(id, source, width, height, span)?.bitmap as unknown as FakeBitmap | undefined;
  return { c, made, get };
}

describe("clip bitmap cache", () => {
  it("makes a clip's bitmap in the frame that asks, once, and reuses it while the source is unchanged", () => {
    const { c, made, get } = cache();
    const peaks = [5];
    c.startFrame(8 * PIXELS);
    const bitmap = get("a", peaks, 10)!;
    expect(bitmap.first).toBe(5);
    expect([bitmap.width, bitmap.height]).toEqual([4, 10]);
    expect(get("a", peaks, 10)).toBe(bitmap);
    expect(made).toHaveLength(1);
  });

  it("makes a new bitmap for an edited clip and closes the old one", () => {
    const { c, get } = cache();
    c.startFrame(8 * PIXELS);
    const old = get("a", [1], 10)!;
    const fresh = get("a", [2], 10)!;
    expect(fresh.first).toBe(2);
    expect(old.closed).toBe(true);
    // A different span (a trimmed MIDI clip) is a different drawing.
    expect(get("a", [2], 10, 4)!.first).toBe(6);
  });

  it("makes at most the frame's budget, shows the bitmap from before an edit meanwhile, and names the clips left over", () => {
    const { c, made, get } = cache();
    c.startFrame(2 * PIXELS);
    const before = get("a", [1], 10)!;
    get("b", [2], 10);
    expect(get("a", [3], 10)).toBe(before);
    expect(get("c", [4], 10)).toBeUndefined();
    expect(made).toHaveLength(2);
    expect(c.takePending()).toEqual(["a", "c"]);
    expect(c.takePending()).toEqual([]);
    c.startFrame(2 * PIXELS);
    expect(get("a", [3], 10)!.first).toBe(3);
    expect(before.closed).toBe(true);
    expect(c.takePending()).toEqual([]);
  });

  it("while zooming stretches the bitmap a clip has, and makes one as wide as the clip once the zoom rests", () => {
    const { c, made, get } = cache();
    const peaks = [1];
    c.startFrame(8 * PIXELS);
    const narrow = get("a", peaks, 10, 0, 4)!;
    c.startFrame(8 * PIXELS, true);
    expect(get("a", peaks, 10, 0, 6)).toBe(narrow);
    expect(c.takePending()).toEqual(["a"]);
    c.startFrame(8 * PIXELS, false);
    const wide = get("a", peaks, 10, 0, 6)!;
    expect(wide.width).toBe(6);
    expect(narrow.closed).toBe(true);
    expect(made).toHaveLength(2);
  });

  it("closes the bitmaps of clips it forgets", () => {
    const { c, get } = cache();
    c.startFrame(8 * PIXELS);
    const a = get("a", [1], 10)!;
    const b = get("b", [1], 10)!;
    get("c", [1], 10);
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(false);
    expect(c.size).toBe(2);
  });
});
