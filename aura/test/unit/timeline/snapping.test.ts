import { describe, expect, it } from "vitest";
import { gridStepFor, snapBeat, snapClipStart, GRID_STEPS } from "../../../src/renderer/timeline/snapping";
import { rulerTicks } from "../../../src/renderer/timeline/ruler";

describe("snapping", () => {
  it("picks a finer grid as the zoom grows", () => {
    expect(gridStepFor(4)).toBe(4);
    expect(gridStepFor(40)).toBe(0.5);
    expect(gridStepFor(400)).toBe(1 / 16);
    expect(gridStepFor(0.01)).toBe(GRID_STEPS[GRID_STEPS.length - 1]);
  });

  it("rounds to the nearest grid line, or not at all when disabled", () => {
    expect(snapBeat(3.4, 1)).toBe(3);
    expect(snapBeat(3.6, 1)).toBe(4);
    expect(snapBeat(3.6, 0.25)).toBe(3.5);
    expect(snapBeat(3.6, 1, false)).toBe(3.6);
  });

  it("keeps clips at or after the project start", () => {
    expect(snapClipStart(-0.7, 1, true)).toBe(0);
    expect(snapClipStart(-0.7, 1, false)).toBe(0);
  });
});

describe("ruler", () => {
  it("numbers bars from 1 and marks beats when there is room", () => {
    const ticks = rulerTicks(0, 8, 20, 4);
    expect(ticks.filter((t) => t.kind === "bar").map((t) => t.label)).toEqual(["1", "2", "3"]);
    expect(ticks.filter((t) => t.kind === "beat")).toHaveLength(6);
  });

  it("labels fewer bars when zoomed out so labels never overlap", () => {
    const ticks = rulerTicks(0, 400, 1, 4);
    const labelled = ticks.filter((t) => t.label).map((t) => t.beat);
    for (let i = 1; i < labelled.length; i++) expect((labelled[i]! - labelled[i - 1]!) * 1).toBeGreaterThanOrEqual(48);
  });
});
