import { describe, expect, it } from "vitest";
import { drawNotes, drawPeaks, PLAIN_WAVEFORM } from "../../../src/renderer/arrange/clip-detail-pixels";
import { LeastRecentlyUsed } from "../../../src/renderer/arrange/least-recently-used";

const colours = { ink: 1, background: 0 };
const waveColours = { ...colours, shadedInk: 2, shadedBackground: 3, curve: 4 };
const column = (pixels: Uint32Array, width: number, height: number, x: number) => Array.from({ length: height }, (_, y) => pixels[y * width + x]);
const row = (pixels: Uint32Array, width: number, y: number) => Array.from(pixels.subarray(y * width, (y + 1) * width));

describe("clip detail bitmaps", () => {
  it("draws peaks mirrored around the middle, silence as a thin centre line", () => {
    const w = 4, h = 10;
    const pixels = new Uint32Array(w * h);
    drawPeaks([1, 0.4, 0, 0.2], waveColours, pixels, w, h);
    expect(column(pixels, w, h, 0)).toEqual(Array(10).fill(1));
    expect(column(pixels, w, h, 1)).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(column(pixels, w, h, 2)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it("scales the peaks by the clip's gain, louder than full scale filling the height", () => {
    const w = 3, h = 10;
    const pixels = new Uint32Array(w * h);
    drawPeaks([0.8, 0.4, 1], waveColours, pixels, w, h, { ...PLAIN_WAVEFORM, amplitude: 0.5 });
    expect(column(pixels, w, h, 0)).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    expect(column(pixels, w, h, 1)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    drawPeaks([0.8, 0.4, 1], waveColours, pixels, w, h, { ...PLAIN_WAVEFORM, amplitude: 2 });
    expect(column(pixels, w, h, 0)).toEqual(Array(10).fill(1));
  });

  it("draws a fade as it plays: the waveform scaled by the curve, shaded above it, the curve joined up", () => {
    const w = 10, h = 11;
    const pixels = new Uint32Array(w * h);
    // Full-scale audio; a linear fade-in over the first half, none out.
    drawPeaks(Array(10).fill(1), waveColours, pixels, w, h, { ...PLAIN_WAVEFORM, fadeIn: 0.5 });
    // Column 2 (t = 0.25) plays at half level: the waveform fills rows 2..8; the curve sits at row
    // 5, joined up to column 1's at row 7; above it is shaded (the waveform too, where it lies there).
    expect(column(pixels, w, h, 2)).toEqual([3, 3, 2, 2, 2, 4, 4, 4, 1, 0, 0]);
    // Column 0 (t = 0.05) is nearly silent: a thin waveform, all of it above the curve at row 9.
    expect(column(pixels, w, h, 0)).toEqual([3, 3, 3, 3, 2, 2, 2, 3, 3, 4, 0]);
    // Past the fade: the plain waveform.
    expect(column(pixels, w, h, 7)).toEqual(Array(11).fill(1));
    // Every fading column holds the curve, joined to the column before (no gaps in a steep fade).
    for (let x = 1; x < 5; x++) expect(column(pixels, w, h, x)).toContain(4);
    // A fade-out mirrors it at the clip's end.
    drawPeaks(Array(10).fill(1), waveColours, pixels, w, h, { ...PLAIN_WAVEFORM, fadeOut: 0.5 });
    expect(column(pixels, w, h, 7)).toEqual([3, 3, 2, 4, 4, 4, 1, 1, 1, 0, 0]);
    expect(column(pixels, w, h, 2)).toEqual(Array(11).fill(1));
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
