import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatBarsBeats, Viewport, MAX_PX_PER_BEAT, MIN_PX_PER_BEAT } from "../../../src/renderer/timeline/viewport";

describe("Viewport", () => {
  it("converts beats to pixels and back", () => {
    const v = new Viewport(8, 20);
    expect(v.beatToX(8)).toBe(0);
    expect(v.beatToX(10)).toBe(40);
    expect(v.xToBeat(40)).toBe(10);
  });

  it("keeps the beat under the pointer fixed while zooming", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1500, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true }), (scroll, x, factor) => {
      const v = new Viewport(scroll, 30);
      const before = v.xToBeat(x);
      v.zoomAt(x, factor);
      // Exact unless the zoom clamps the scroll at 0.
      if (v.scrollBeat > 0) expect(v.xToBeat(x)).toBeCloseTo(before, 6);
      expect(v.pxPerBeat).toBeGreaterThanOrEqual(MIN_PX_PER_BEAT);
      expect(v.pxPerBeat).toBeLessThanOrEqual(MAX_PX_PER_BEAT);
    }));
  });

  it("never scrolls before the project start", () => {
    const v = new Viewport(1, 10);
    v.scrollByPixels(-500);
    expect(v.scrollBeat).toBe(0);
  });

  it("formats positions as bar.beat.tick", () => {
    expect(formatBarsBeats(0, 4)).toBe("1.1.000");
    expect(formatBarsBeats(5.5, 4)).toBe("2.2.120");
    expect(formatBarsBeats(7, 7)).toBe("2.1.000");
    expect(formatBarsBeats(-3, 4)).toBe("1.1.000");
  });
});
