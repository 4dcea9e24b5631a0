import { describe, expect, it } from "vitest";
import type { ClipView, ProjectView, TrackView } from "../../../src/channels";
import { ArrangeLayout, hitTest, LANE_HEIGHT, RULER_HEIGHT, TRACK_HEIGHT, visibleClips, lowerBound } from "../../../src/renderer/arrange/arrange-layout";
import { Viewport } from "../../../src/renderer/timeline/viewport";
import { emptyProject } from "../../../src/renderer/workspace-state";

const clip = (id: string, startBeat: number, lengthBeats: number): ClipView => ({ id, kind: "midi", name: id, startBeat, lengthBeats, notes: [] });
const track = (id: string, clips: ClipView[], lanes = 0): TrackView => ({
  id, engineId: 0, kind: "instrument", name: id, gainDb: 0, pan: 0, mute: false, solo: false, plugins: [], sends: [], clips,
  automation: Array.from({ length: lanes }, (_, i) => ({ id: `${id}-lane${i}`, parameter: "gain", points: [] })),
});
const project = (tracks: TrackView[]): ProjectView => ({ ...emptyProject, tracks });

describe("ArrangeLayout", () => {
  const layout = new ArrangeLayout(true);
  layout.update(project([track("a", [clip("a1", 0, 4), clip("a2", 8, 2)]), track("b", [], 2), track("c", [clip("c1", 1, 1)])]));

  it("stacks rows with room for automation lanes", () => {
    expect(layout.rows.map((r) => r.top)).toEqual([0, TRACK_HEIGHT, 2 * TRACK_HEIGHT + 2 * LANE_HEIGHT]);
    expect(layout.contentHeight).toBe(3 * TRACK_HEIGHT + 2 * LANE_HEIGHT);
  });

  it("finds the visible rows for a scroll position", () => {
    expect(layout.visibleRows(0, TRACK_HEIGHT).map((r) => r.track.id)).toEqual(["a"]);
    expect(layout.visibleRows(TRACK_HEIGHT + 1, TRACK_HEIGHT + 2 * LANE_HEIGHT).map((r) => r.track.id)).toEqual(["b", "c"]);
  });

  it("hit-tests clip bodies, edges, lanes, ruler and empty track space", () => {
    const v = new Viewport(0, 20);
    const y = RULER_HEIGHT + TRACK_HEIGHT / 2;
    expect(hitTest(layout, v, 0, 40, y)).toMatchObject({ kind: "clip", part: "body", clip: { id: "a1" } });
    expect(hitTest(layout, v, 0, 2, y)).toMatchObject({ kind: "clip", part: "start", clip: { id: "a1" } });
    expect(hitTest(layout, v, 0, 79, y)).toMatchObject({ kind: "clip", part: "end", clip: { id: "a1" } });
    expect(hitTest(layout, v, 0, 120, y)).toMatchObject({ kind: "track", row: { track: { id: "a" } } });
    expect(hitTest(layout, v, 0, 10, 5)).toMatchObject({ kind: "ruler", beat: 0.5 });
    const laneHit = hitTest(layout, v, 0, 10, RULER_HEIGHT + 2 * TRACK_HEIGHT + LANE_HEIGHT + 2);
    expect(laneHit).toMatchObject({ kind: "lane", laneIndex: 1, row: { track: { id: "b" } } });
    if (laneHit.kind === "lane") expect(laneHit.value).toBeCloseTo(1, 5);
    expect(hitTest(layout, v, 0, 10, RULER_HEIGHT + 5000)).toMatchObject({ kind: "empty" });
  });

  it("accounts for vertical scroll", () => {
    const v = new Viewport(0, 20);
    expect(hitTest(layout, v, TRACK_HEIGHT * 2 + LANE_HEIGHT * 2, 30, RULER_HEIGHT + 10)).toMatchObject({ kind: "clip", clip: { id: "c1" } });
  });
});

describe("visibleClips", () => {
  it("returns exactly the clips overlapping the range, matching a full scan", () => {
    const clips = Array.from({ length: 500 }, (_, i) => clip(`k${i}`, (i * 7919) % 1000, 1 + (i % 13)));
    const layout = new ArrangeLayout(false);
    layout.update(project([track("t", clips)]));
    const row = layout.rows[0]!;
    for (const [s, e] of [[0, 10], [100, 180], [990, 2000], [500.5, 500.6]] as const) {
      const expected = clips.filter((c) => c.startBeat < e && c.startBeat + c.lengthBeats > s).map((c) => c.id).sort();
      expect(visibleClips(row, s, e).map((c) => c.id).sort()).toEqual(expected);
    }
  });

  it("lowerBound finds the partition point", () => {
    expect(lowerBound([1, 2, 3, 4], (x) => x < 3)).toBe(2);
    expect(lowerBound([], () => true)).toBe(0);
  });
});
