import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dbToFader, faderToDb, meterBallistics, meterFraction } from "../../../src/renderer/mixer/meter-scale";

describe("meter scale", () => {
  it("maps 0 dBFS to full scale and -60 dB to empty", () => {
    expect(meterFraction(1)).toBe(1);
    expect(meterFraction(0.001)).toBeCloseTo(0, 6);
    expect(meterFraction(0)).toBe(0);
    expect(meterFraction(Number.NaN)).toBe(0);
    expect(meterFraction(0.1)).toBeCloseTo(2 / 3, 6);
  });

  it("rises at once and falls slowly", () => {
    expect(meterBallistics(0.2, 0.9)).toBe(0.9);
    expect(meterBallistics(0.9, 0)).toBeCloseTo(0.885, 6);
  });

  it("puts unity gain at three quarters of the fader and round-trips", () => {
    expect(faderToDb(0.75)).toBe(0);
    expect(faderToDb(1)).toBe(12);
    expect(faderToDb(0)).toBe(-144);
    fc.assert(fc.property(fc.double({ min: -60, max: 12, noNaN: true }), (db) => {
      expect(faderToDb(dbToFader(db))).toBeCloseTo(db, 6);
    }));
  });
});
