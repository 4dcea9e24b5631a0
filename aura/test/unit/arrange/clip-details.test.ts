import { describe, expect, it } from "vitest";
import { drawNotes, drawPeaks } from "../../../src/renderer/arrange/clip-detail-pixels";
import { LeastRecentlyUsed } from "../../../src/renderer/arrange/least-recently-used";

const colours = { ink: 1, background: 0 };
const column = (pixels: Uint32Array, width: number, height: number, x: number) => Array.from({ length: height }, (_, y) => pixels[y * width + x]);
const row = (pixels: Uint32Array, width: number, y: number) => Array.from(pixels.subarray(y * width, (y + 1) * width));

describe("clip detail bitmaps", () => {
  it("draws peaks mirrored around the middle, silence as a thin centre line", () => {
    const w = 4, h = 10;
    const pixels = new Uint32Array(w * h);
    drawPeaks([1, 0.4, 0, 0.2], colours, pixels, w, h);
    expect(column(pixels, w, h, 0)).toEqual(Array(10).fill(1));
    expect(column(pixels, w, h, 1)).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(column(pixels, w, h, 2)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it("places notes by time across the clip and by pitch within the clip's range", () => {
    const w = 16, h = 12;
    const pixels = new Uint32Array(w * h);
    // Two notes an octave apart (the minimum range): the higher one on the top row.
    drawNotes([
      { id: "a", pitch: 71, startBeat: 0, lengthBeats: 1, velocity: 100 },
      { id: "b", pitch: 60, startBeat: 2, lengthBeats: 2, velocity: 100 },
    ], 4, colours, pixels, w, h);
    expect(row(pixels, w, 0)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(pixels, w, 11)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(row(pixels, w, 5).every((p) => p === 0)).toBe(true);
  });

  it("keeps notes outside the clip's length off the bitmap and clears what was there", () => {
    const w = 8, h = 12;
    const pixels = new Uint32Array(w * h).fill(7);
    drawNotes([{ id: "a", pitch: 60, startBeat: 10, lengthBeats: 1, velocity: 100 }], 2, colours, pixels, w, h);
    expect(pixels.every((p) => p === 0)).toBe(true);
  });
});

describe("least recently used", () => {
  it("drops and releases the entry used longest ago", () => {
    const released: string[] = [];
    const lru = new LeastRecentlyUsed<string, string>((v) => released.push(v));
    lru.capacity = 2;
    lru.set("a", "A");
    lru.set("b", "B");
    expect(lru.get("a")).toBe("A");
    lru.set("c", "C");
    expect(released).toEqual(["B"]);
    expect(lru.get("b")).toBeUndefined();
    lru.set("a", "A2");
    expect(released).toEqual(["B", "A"]);
    expect(lru.size).toBe(2);
  });
});
