import { describe, expect, test } from "vitest";
import { ProjectSession, type CommitEvent } from "../src/index";
import { UndoStack } from "../src/history/undo-stack";
import { smallSession } from "./helpers";

describe("undo and redo", () => {
  test("steps are labelled and undo/redo walk them", () => {
    const s = smallSession();
    const p1 = s.project;
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -6 }], { label: "Kick level" });
    const p2 = s.project;
    s.apply([{ op: "track.rename", track: "kick", name: "BD" }], { label: "Rename" });
    expect(s.history().undo.map((e) => e.label)).toEqual(["Setup", "Kick level", "Rename"]);
    s.undo();
    expect(s.project).toEqual(p2);
    s.undo();
    expect(s.project).toEqual(p1);
    expect(s.history().redo.map((e) => e.label)).toEqual(["Kick level", "Rename"]);
    s.redo();
    expect(s.project.tracks.get("kick")!.gainDb).toBe(-6);
  });

  test("a new edit after undo drops the redo steps", () => {
    const s = smallSession();
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -6 }]);
    s.undo();
    s.apply([{ op: "track.setPan", track: "kick", pan: 0.5 }]);
    expect(s.canRedo).toBe(false);
    expect(() => s.redo()).toThrowError(/nothing to redo/);
  });

  test("nothing to undo is a typed error", () => {
    const s = ProjectSession.create();
    expect(() => s.undo()).toThrow(expect.objectContaining({ code: "NothingToUndo" }));
  });
});

describe("gestures", () => {
  test("a fader drag is one undo step", () => {
    const s = smallSession();
    for (let db = -1; db >= -20; db--) s.apply([{ op: "track.setGain", track: "kick", gainDb: db }], { label: "Fader", gesture: "drag-1" });
    expect(s.history().undo.map((e) => e.label)).toEqual(["Setup", "Fader"]);
    expect(s.project.tracks.get("kick")!.gainDb).toBe(-20);
    s.undo();
    expect(s.project.tracks.get("kick")!.gainDb).toBe(0);
    s.redo();
    expect(s.project.tracks.get("kick")!.gainDb).toBe(-20);
  });

  test("faders dragged together in one gesture are one undo step", () => {
    const s = smallSession();
    const tracks = [...s.project.tracks.values()].filter((t) => t.kind !== "master").map((t) => t.id);
    expect(tracks.length).toBeGreaterThan(1);
    const before = tracks.map((id) => s.project.tracks.get(id)!.gainDb);
    for (let step = 1; step <= 200; step++)
      for (const id of tracks) s.apply([{ op: "track.setGain", track: id, gainDb: -step / 10 }], { label: "Faders", gesture: "surface-1" });
    expect(s.history().undo.map((e) => e.label)).toEqual(["Setup", "Faders"]);
    s.undo();
    expect(tracks.map((id) => s.project.tracks.get(id)!.gainDb)).toEqual(before);
    s.redo();
    expect(tracks.map((id) => s.project.tracks.get(id)!.gainDb)).toEqual(tracks.map(() => -20));
  });

  test("a step of several faders keeps one forward and one inverse patch per fader however long the drag", () => {
    const stack = new UndoStack();
    const gain = (track: string, value: number) => [{ op: "replace" as const, path: ["tracks", track, "gainDb"], value }];
    for (let step = 1; step <= 500; step++)
      for (const track of ["a", "b", "c"]) stack.push("Faders", "g", gain(track, -step), gain(track, -(step - 1)), step);
    const top = stack.takeUndo()!;
    expect(top.patches).toEqual([...gain("a", -500), ...gain("b", -500), ...gain("c", -500)]);
    expect(top.inverse).toEqual([...gain("c", -0), ...gain("b", -0), ...gain("a", -0)]);
  });

  test("a new gesture, endGesture or an undo starts a new step", () => {
    const s = smallSession();
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -1 }], { gesture: "g1" });
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -2 }], { gesture: "g2" });
    s.endGesture();
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -3 }], { gesture: "g2" });
    expect(s.history().undo).toHaveLength(4);
    s.undo();
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -4 }], { gesture: "g2" });
    expect(s.history().undo).toHaveLength(4);
    s.undo();
    expect(s.project.tracks.get("kick")!.gainDb).toBe(-2);
  });
});

describe("observers", () => {
  test("get the minimal change set", () => {
    const s = smallSession();
    const events: CommitEvent[] = [];
    s.subscribe((e) => events.push(e));
    s.apply([{ op: "clip.move", track: "kick", clip: "k1", start: 2 }]);
    s.apply([{ op: "track.add", id: "t9", kind: "audio" }]);
    s.apply([{ op: "clip.remove", track: "kick", clip: "k1" }, { op: "marker.add", id: "m", name: "A", beat: 1 }]);
    s.undo();
    expect(events.map((e) => e.changes)).toEqual([
      { added: [], changed: [{ kind: "clip", track: "kick", clip: "k1" }], removed: [] },
      { added: [{ kind: "track", track: "t9" }], changed: [{ kind: "order" }], removed: [] },
      { added: [{ kind: "marker", marker: "m" }], changed: [], removed: [{ kind: "clip", track: "kick", clip: "k1" }] },
      { added: [{ kind: "clip", track: "kick", clip: "k1" }], changed: [], removed: [{ kind: "marker", marker: "m" }] },
    ]);
    expect(events.map((e) => e.cause)).toEqual(["apply", "apply", "apply", "undo"]);
    expect(events.map((e) => e.revision)).toEqual([2, 3, 4, 5]);
  });

  test("a throwing observer does not break the commit; unsubscribe stops events", () => {
    const s = smallSession();
    let n = 0;
    s.subscribe(() => { throw new Error("observer bug"); });
    const off = s.subscribe(() => n++);
    s.apply([{ op: "track.setPan", track: "kick", pan: 0.1 }]);
    off();
    s.apply([{ op: "track.setPan", track: "kick", pan: 0.2 }]);
    expect(n).toBe(1);
    expect(s.project.tracks.get("kick")!.pan).toBe(0.2);
  });

  test("a rejected transaction notifies nobody", () => {
    const s = smallSession();
    let n = 0;
    s.subscribe(() => n++);
    expect(() => s.apply([{ op: "track.setPan", track: "kick", pan: 9 }])).toThrow();
    expect(n).toBe(0);
  });
});

test("the project is frozen: callers cannot change it behind Pulse's back", () => {
  const s = smallSession();
  s.apply([{ op: "track.setGain", track: "kick", gainDb: -3 }]);
  const kick = s.project.tracks.get("kick")!;
  expect(() => { (kick as { gainDb: number }).gainDb = 0; }).toThrow();
  expect(() => (s.project.tracks as Map<string, unknown>).delete("kick")).toThrow();
});
