import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClipBitmapCache } from "../../../src/renderer/arrange/clip-bitmap-cache";

// Node has no ImageData or createImageBitmap: small stand-ins record what the cache makes and closes.
class FakeBitmap { closed = false; constructor(readonly width: number, readonly height: number, readonly first: number) {} close() { this.closed = true; } }
const globals = globalThis as Record<string, unknown>;
beforeAll(() => {
  globals.ImageData = class { data: Uint8ClampedArray; constructor(readonly width: number, readonly height: number) { this.data = new Uint8ClampedArray(width * height * 4); } };
  globals.createImageBitmap = async (image: { width: number; height: number; data: Uint8ClampedArray }) => new FakeBitmap(image.width, image.height, new Uint32Array(image.data.buffer)[0]!);
});
afterAll(() => { delete globals.ImageData; delete globals.createImageBitmap; });

const settle = () => new Promise((r) => setTimeout(r, 0));

function cache() {
  const made: number[][] = [];
  const c = new ClipBitmapCache<number[]>((source, span, pixels) => { made.push(source); pixels[0] = source[0]! + span; }, 2);
  let ready = 0;
  c.onReady = () => { ready++; };
  return { c, made, ready: () => ready };
}

describe("clip bitmap cache", () => {
  it("makes a clip's bitmap once, off the frame, and reuses it while the source is unchanged", async () => {
    const { c, made, ready } = cache();
    const peaks = [5];
    c.startFrame(8);
    expect(c.get("a", peaks, 10)).toBeUndefined();
    await settle();
    expect(ready()).toBe(1);
    const bitmap = c.get("a", peaks, 10) as unknown as FakeBitmap;
    expect(bitmap.first).toBe(5);
    expect(c.get("a", peaks, 10)).toBe(bitmap);
    expect(made).toHaveLength(1);
  });

  it("shows the previous bitmap until the edited clip's one is ready, then closes it", async () => {
    const { c } = cache();
    c.startFrame(8);
    c.get("a", [1], 10);
    await settle();
    const old = c.get("a", [1], 10) as unknown as FakeBitmap;
    expect(c.get("a", [2], 10)).toBe(old);
    expect(old.closed).toBe(false);
    await settle();
    const fresh = c.get("a", [2], 10) as unknown as FakeBitmap;
    expect(fresh.first).toBe(2);
    expect(old.closed).toBe(true);
    // A different span (a trimmed MIDI clip) is a different drawing.
    c.get("a", [2], 10, 4);
    await settle();
    expect((c.get("a", [2], 10, 4) as unknown as FakeBitmap).first).toBe(6);
  });

  it("makes at most the frame's budget and asks for another frame for the rest", async () => {
    const { c, made } = cache();
    c.startFrame(1);
    c.get("a", [1], 10);
    c.get("b", [2], 10);
    expect(made).toHaveLength(1);
    expect(c.takePending()).toBe(true);
    expect(c.takePending()).toBe(false);
    c.startFrame(1);
    c.get("b", [2], 10);
    expect(made).toHaveLength(2);
    expect(c.takePending()).toBe(false);
  });

  it("closes the bitmaps of clips it forgets", async () => {
    const { c } = cache();
    c.startFrame(8);
    for (const id of ["a", "b"]) c.get(id, [1], 10);
    await settle();
    const a = c.get("a", [1], 10) as unknown as FakeBitmap;
    const b = c.get("b", [1], 10) as unknown as FakeBitmap;
    c.get("c", [1], 10);
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(false);
    expect(c.size).toBe(2);
  });
});
