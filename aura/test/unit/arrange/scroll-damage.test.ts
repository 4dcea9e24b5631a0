import { describe, expect, it } from "vitest";
import { scrollShift, type FrameGeometry } from "../../../src/renderer/arrange/scroll-damage";

const frame = (changes: Partial<FrameGeometry> = {}): FrameGeometry =>
  ({ scrollBeat: 10, pxPerBeat: 24, scrollY: 100, width: 800, height: 600, ratio: 1, playheadX: null, ...changes });

describe("reusing a frame's pixels after a scroll", () => {
  it("moves them by the scroll in whole pixels, the content going the other way", () => {
    expect(scrollShift(frame(), frame({ scrollBeat: 10 + 25 / 24, scrollY: 118 }))).toEqual({ dx: -25, dy: -18 });
    expect(scrollShift(frame(), frame({ scrollBeat: 10 - 15 / 24, scrollY: 70 }))).toEqual({ dx: 15, dy: 30 });
    expect(scrollShift(frame(), frame())).toEqual({ dx: 0, dy: 0 });
  });

  it("repaints whole after a zoom, a resize, a move by part of a pixel, a fractional pixel ratio or a jump past the view", () => {
    expect(scrollShift(frame(), frame({ pxPerBeat: 24.5 }))).toBeNull();
    expect(scrollShift(frame(), frame({ width: 801 }))).toBeNull();
    expect(scrollShift(frame(), frame({ scrollBeat: 10 + 0.5 / 24 }))).toBeNull();
    expect(scrollShift(frame({ ratio: 1.5 }), frame({ ratio: 1.5, scrollY: 90 }))).toBeNull();
    expect(scrollShift(frame(), frame({ scrollBeat: 10 + 800 / 24 }))).toBeNull();
    expect(scrollShift(frame(), frame({ scrollY: 100 + 600 }))).toBeNull();
  });
});
