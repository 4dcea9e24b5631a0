import { describe, expect, test } from "vitest";
import { MASTER_ID, ProjectSession, type Operation } from "../src/index";
import { rejection, smallSession } from "./helpers";

describe("transactions", () => {
  test("a failing op rolls back the ops before it", () => {
    const s = smallSession();
    const before = s.project;
    const err = rejection(() => s.apply([
      { op: "track.setGain", track: "kick", gainDb: -6 },
      { op: "track.add", kind: "audio", id: "new" },
      { op: "track.setPan", track: "kick", pan: 2 },
    ]));
    expect(err.code).toBe("OutOfRange");
    expect(err.path).toEqual(["ops", 2, "pan"]);
    expect(s.project).toBe(before);
    expect(s.project.tracks.has("new")).toBe(false);
    expect(s.history().undo).toHaveLength(1);
  });

  test("unknown operations and malformed ops are typed errors", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "track.explode" } as unknown as Operation])).code).toBe("UnknownOperation");
    expect(rejection(() => s.apply([{ op: "clip.add", track: "kick" } as unknown as Operation])).code).toBe("InvalidValue");
    expect(rejection(() => s.apply([{ op: "track.setGain", track: "nope", gainDb: 0 }])).code).toBe("NotFound");
  });

  test("tryApply reports rejections as plain data", () => {
    const s = smallSession();
    const r = s.tryApply([{ op: "track.setGain", track: "kick", gainDb: 40 }]);
    expect(r).toEqual({ ok: false, error: { code: "OutOfRange", message: expect.stringContaining("between -144 and 12"), path: ["ops", 0, "gainDb"] } });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe("ids", () => {
  test("engine nums are never reused, even after undo", () => {
    const s = ProjectSession.create();
    s.apply([{ op: "track.add", kind: "audio" }]);
    const first = [...s.project.tracks.values()].find((t) => t.kind === "audio")!;
    s.undo();
    s.apply([{ op: "track.add", kind: "audio" }]);
    const second = [...s.project.tracks.values()].find((t) => t.kind === "audio")!;
    expect(second.num).toBeGreaterThan(first.num);
    expect(second.id).not.toBe(first.id);
    s.undo();
    s.redo();
    expect(s.project.tracks.get(second.id)!.num).toBe(second.num);
  });

  test("duplicate ids are rejected", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "track.add", id: "kick", kind: "audio" }])).code).toBe("DuplicateId");
  });
});

describe("tracks and folders", () => {
  test("add, nest, move and remove keep order and parents consistent", () => {
    const s = smallSession();
    expect(s.project.order).toEqual(["verb", "drums", "lead"]);
    expect(s.project.tracks.get("drums")!.children).toEqual(["kick", "snare"]);
    s.apply([{ op: "track.move", track: "snare", parent: null, index: 0 }]);
    expect(s.project.order).toEqual(["snare", "verb", "drums", "lead"]);
    expect(s.project.tracks.get("snare")!.parent).toBeNull();
    expect(s.project.tracks.get("drums")!.children).toEqual(["kick"]);
    s.apply([{ op: "track.remove", track: "drums" }]);
    expect(s.project.tracks.has("kick")).toBe(false);
    expect(s.project.order).toEqual(["snare", "verb", "lead"]);
  });

  test("a folder cannot move into itself", () => {
    const s = smallSession();
    s.apply([{ op: "track.add", id: "sub", kind: "folder", parent: "drums" }]);
    const err = rejection(() => s.apply([{ op: "track.move", track: "drums", parent: "sub", index: 0 }]));
    expect(err.code).toBe("InvalidOperation");
    expect(err.path).toEqual(["ops", 0, "parent"]);
  });

  test("the master cannot be removed or soloed", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "track.remove", track: MASTER_ID }])).code).toBe("InvalidOperation");
    expect(rejection(() => s.apply([{ op: "track.setSolo", track: MASTER_ID, solo: true }])).code).toBe("InvalidOperation");
  });
});

describe("clips", () => {
  test("trim from the start moves the audio source offset by the trimmed time", () => {
    const s = smallSession();
    s.apply([{ op: "clip.trim", track: "kick", clip: "k1", start: 1 }]);
    const c = s.project.tracks.get("kick")!.clips.k1!;
    expect(c.start).toBe(1);
    expect(c.length).toBe(3);
    expect(c.kind === "audio" && c.sourceOffset).toBeCloseTo(0.5); // one beat at 120 bpm
  });

  test("split makes two clips that together cover the original", () => {
    const s = smallSession();
    s.apply([{ op: "clip.set", track: "kick", clip: "k1", fadeIn: { beats: 0.5, shape: "Linear" }, fadeOut: { beats: 1, shape: "EqualPower" } }]);
    s.apply([{ op: "clip.split", track: "kick", clip: "k1", at: 2.5, newId: "k2" }]);
    const { k1, k2 } = s.project.tracks.get("kick")!.clips;
    expect([k1!.start, k1!.length, k2!.start, k2!.length]).toEqual([0, 2.5, 2.5, 1.5]);
    expect(k2!.kind === "audio" && k2!.sourceOffset).toBeCloseTo(1.25);
    expect(k1!.kind === "audio" && [k1!.fadeIn.beats, k1!.fadeOut.beats]).toEqual([0.5, 0]);
    expect(k2!.kind === "audio" && [k2!.fadeIn.beats, k2!.fadeOut.beats]).toEqual([0, 1]);
    expect(k2!.num).not.toBe(k1!.num);
  });

  test("splitting a MIDI clip divides its notes", () => {
    const s = smallSession();
    s.apply([{ op: "clip.set", track: "lead", clip: "m1", notes: [
      { beat: 0, length: 1, pitch: 60, velocity: 90, channel: 0 }, { beat: 3, length: 1, pitch: 64, velocity: 90, channel: 0 }] }]);
    s.apply([{ op: "clip.split", track: "lead", clip: "m1", at: 6, newId: "m2" }]);
    const { m1, m2 } = s.project.tracks.get("lead")!.clips;
    expect(m1!.kind === "midi" && m1!.notes.map((n) => n.pitch)).toEqual([60]);
    expect(m2!.kind === "midi" && m2!.notes).toEqual([{ beat: 1, length: 1, pitch: 64, velocity: 90, channel: 0 }]);
  });

  test("clips move between tracks of the right kind only", () => {
    const s = smallSession();
    s.apply([{ op: "clip.move", track: "kick", clip: "k1", start: 8, toTrack: "snare" }]);
    expect(s.project.tracks.get("snare")!.clips.k1!.start).toBe(8);
    expect(s.project.tracks.get("kick")!.clips.k1).toBeUndefined();
    expect(rejection(() => s.apply([{ op: "clip.move", track: "snare", clip: "k1", start: 0, toTrack: "lead" }])).code).toBe("InvalidOperation");
  });

  test("MIDI values out of range are rejected with the note's path", () => {
    const s = smallSession();
    const err = rejection(() => s.apply([{ op: "clip.set", track: "lead", clip: "m1", notes: [{ beat: 0, length: 1, pitch: 128, velocity: 1, channel: 0 }] }]));
    expect(err.code).toBe("OutOfRange");
    expect(err.path).toEqual(["ops", 0, "clip", "notes", 0, "pitch"]);
  });
});

describe("plugins, sends and automation", () => {
  test("removing a plugin removes the lanes automating it", () => {
    const s = smallSession();
    s.apply([
      { op: "plugin.insert", track: "kick", id: "comp", format: "LV2", uid: "urn:zamaudio:ZamComp", state: "AQID" },
      { op: "automation.addLane", track: "kick", id: "thr", target: { kind: "plugin", plugin: "comp", param: 2 },
        points: [{ beat: 0, value: 0.2, shape: "Linear", tension: 0 }] },
    ]);
    expect(Object.keys(s.project.tracks.get("kick")!.automation)).toEqual(["thr"]);
    s.apply([{ op: "plugin.remove", track: "kick", plugin: "comp" }]);
    expect(s.project.tracks.get("kick")!.automation).toEqual({});
  });

  test("plugin chain order follows insert index and plugin.move", () => {
    const s = smallSession();
    s.apply([
      { op: "plugin.insert", track: "kick", id: "a", format: "CLAP", uid: "x" },
      { op: "plugin.insert", track: "kick", id: "b", format: "CLAP", uid: "y", index: 0 },
      { op: "plugin.move", track: "kick", plugin: "b", index: 1 },
    ]);
    expect(s.project.tracks.get("kick")!.plugins.map((p) => p.id)).toEqual(["a", "b"]);
  });

  test("automation points must be sorted and in the target's range", () => {
    const s = smallSession();
    const pts = [{ beat: 1, value: 0, shape: "Linear" as const, tension: 0 }, { beat: 0, value: 0, shape: "Linear" as const, tension: 0 }];
    expect(rejection(() => s.apply([{ op: "automation.addLane", track: "kick", target: { kind: "strip", param: "gain" }, points: pts }])).code).toBe("InvalidValue");
    const err = rejection(() => s.apply([{ op: "automation.addLane", track: "kick", target: { kind: "strip", param: "pan" },
      points: [{ beat: 0, value: 3, shape: "Hold", tension: 0 }] }]));
    expect(err.code).toBe("OutOfRange");
    expect(err.path).toEqual(["ops", 0, "points", 0, "value"]);
  });

  test("sends go only to buses, folder strips or the master", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "send.add", track: "kick", target: "lead" }])).code).toBe("InvalidOperation");
    s.apply([{ op: "send.add", track: "kick", id: "k-verb", target: "verb", preFader: true }]);
    expect(s.project.tracks.get("kick")!.sends[0]).toMatchObject({ id: "k-verb", target: "verb", preFader: true, gainDb: 0 });
  });
});

describe("timeline and metadata", () => {
  test("tempo maps must start at beat 0 with sane tempos", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "tempo.set", tempos: [{ beat: 4, bpm: 100 }] }])).code).toBe("InvalidValue");
    expect(rejection(() => s.apply([{ op: "tempo.set", tempos: [{ beat: 0, bpm: 0 }] }])).code).toBe("OutOfRange");
    expect(rejection(() => s.apply([{ op: "tempo.set", tempos: [{ beat: 0, bpm: 120 }], meters: [{ beat: 0, numerator: 7, denominator: 6 }] }])).code).toBe("InvalidValue");
    s.apply([{ op: "tempo.set", tempos: [{ beat: 0, bpm: 120 }, { beat: 16, bpm: 90 }], meters: [{ beat: 0, numerator: 7, denominator: 8 }] }]);
    expect(s.project.tempo.tempos).toHaveLength(2);
  });

  test("markers, loop and metadata", () => {
    const s = smallSession();
    s.apply([
      { op: "marker.add", id: "verse", name: "Verse", beat: 16 },
      { op: "loop.set", loop: { start: 0, end: 16, enabled: true } },
      { op: "meta.set", title: "Song", artist: "Band" },
    ]);
    expect(s.project.markers.verse).toMatchObject({ name: "Verse", beat: 16 });
    expect(s.project.loop).toEqual({ start: 0, end: 16, enabled: true });
    expect(s.project.meta.title).toBe("Song");
    expect(rejection(() => s.apply([{ op: "loop.set", loop: { start: 8, end: 8, enabled: true } }])).code).toBe("OutOfRange");
  });
});

test("trimming a MIDI clip keeps its notes where they were on the timeline", () => {
  const s = smallSession(); // m1 starts at beat 4 with a note at its start
  s.apply([{ op: "clip.set", track: "lead", clip: "m1", notes: [
    { beat: 0, length: 1, pitch: 60, velocity: 90, channel: 0 }, { beat: 2, length: 1, pitch: 62, velocity: 90, channel: 0 }] }]);
  s.apply([{ op: "clip.trim", track: "lead", clip: "m1", start: 5 }]);
  let c = s.project.tracks.get("lead")!.clips.m1!;
  expect(c.kind === "midi" && c.notes.map((n) => [n.beat, n.pitch])).toEqual([[1, 62]]);
  s.apply([{ op: "clip.trim", track: "lead", clip: "m1", start: 3 }]);
  c = s.project.tracks.get("lead")!.clips.m1!;
  expect(c.kind === "midi" && [c.start, c.length, c.notes.map((n) => n.beat)]).toEqual([3, 5, [3]]);
});

test("a project handed to create() is validated as a whole", () => {
  const good = smallSession().project;
  const bad = { ...good, tracks: new Map([...good.tracks].map(([id, t]) => [id, id === "kick" ? { ...t, output: "lead" } : t])) };
  expect(() => ProjectSession.create({ project: bad })).toThrow(expect.objectContaining({ code: "InvalidValue", path: ["tracks", "kick", "output"] }));
});

test("the caller's objects are copied, not frozen into the project", () => {
  const s = smallSession();
  const notes = [{ beat: 0, length: 1, pitch: 60, velocity: 100, channel: 0 }];
  s.apply([{ op: "clip.set", track: "lead", clip: "m1", notes }]);
  notes[0]!.pitch = 61; // still the caller's to change
  const c = s.project.tracks.get("lead")!.clips.m1!;
  expect(c.kind === "midi" && c.notes[0]!.pitch).toBe(60);
});
