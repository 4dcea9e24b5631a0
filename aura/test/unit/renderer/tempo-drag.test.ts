import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_BPM, MIN_BPM, tempoAfterDrag, tempoAfterWheel } from "../../../src/renderer/transport/tempo-drag";

describe("tempo drag on the transport bar", () => {
  it("goes faster when dragged up, one BPM a pixel, a hundredth with Shift", () => {
    expect(tempoAfterDrag(120, -30, false)).toBe(150);
    expect(tempoAfterDrag(120, 25, false)).toBe(95);
    expect(tempoAfterDrag(120, -30, true)).toBe(120.3);
    expect(tempoAfterDrag(120, 0, false)).toBe(120);
  });

  it("stays within Pulse's tempo range and on the field's two decimals", () => {
    fc.assert(fc.property(fc.double({ min: MIN_BPM, max: MAX_BPM, noNaN: true }), fc.integer({ min: -5000, max: 5000 }), fc.boolean(), (start, dy, fine) => {
      const bpm = tempoAfterDrag(start, dy, fine);
      expect(bpm).toBeGreaterThanOrEqual(MIN_BPM);
      expect(bpm).toBeLessThanOrEqual(MAX_BPM);
      expect(Math.round(bpm * 100) / 100).toBe(bpm);
    }));
  });

  it("steps by wheel notches", () => {
    expect(tempoAfterWheel(120, -100, false)).toBe(121);
    expect(tempoAfterWheel(120, 100, true)).toBe(119.9);
    expect(tempoAfterWheel(MAX_BPM, -100, false)).toBe(MAX_BPM);
    expect(tempoAfterWheel(120, 0, false)).toBe(120);
  });
});
