import { describe, expect, it } from "vitest";
import { changesOrder, dropSlot } from "../../../src/renderer/arrange/track-reorder";

const rows = [
  { track: { id: "a" }, top: 0, height: 56 },
  { track: { id: "b" }, top: 56, height: 92 },
  { track: { id: "c" }, top: 148, height: 56 },
] as unknown as Parameters<typeof dropSlot>[0];

describe("track reorder by dragging headers", () => {
  it("drops before the row whose upper half holds the pointer, or at the end", () => {
    expect(dropSlot(rows, 10)).toEqual({ beforeTrackId: "a", y: 0 });
    expect(dropSlot(rows, 40)).toEqual({ beforeTrackId: "b", y: 56 });
    expect(dropSlot(rows, 101)).toEqual({ beforeTrackId: "b", y: 56 });
    expect(dropSlot(rows, 103)).toEqual({ beforeTrackId: "c", y: 148 });
    expect(dropSlot(rows, 190)).toEqual({ beforeTrackId: null, y: 204 });
    expect(dropSlot([], 5)).toEqual({ beforeTrackId: null, y: 0 });
  });

  it("knows when a drop leaves the order as it is", () => {
    const order = ["a", "b", "c"];
    expect(changesOrder(order, "a", "a")).toBe(false);
    expect(changesOrder(order, "a", "b")).toBe(false);
    expect(changesOrder(order, "c", null)).toBe(false);
    expect(changesOrder(order, "a", "c")).toBe(true);
    expect(changesOrder(order, "a", null)).toBe(true);
    expect(changesOrder(order, "c", "a")).toBe(true);
    expect(changesOrder(order, "x", "a")).toBe(false);
  });
});
