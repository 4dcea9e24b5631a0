import { describe, expect, test } from "vitest";
import { ProjectSession } from "../src/index";
import { rejection, smallSession } from "./helpers";

describe("routing cycles", () => {
  test("bus outputs that loop are rejected with the loop named", () => {
    const s = smallSession();
    s.apply([{ op: "track.add", id: "b2", kind: "bus", name: "Bus 2" }, { op: "track.setOutput", track: "b2", output: "verb" }]);
    const before = s.project;
    const err = rejection(() => s.apply([{ op: "track.setOutput", track: "verb", output: "b2" }]));
    expect(err.code).toBe("RoutingCycle");
    expect(err.message).toMatch(/Reverb → Bus 2 → Reverb|Bus 2 → Reverb → Bus 2/);
    expect(s.project).toBe(before);
  });

  test("a send closing a loop is rejected", () => {
    const s = smallSession();
    const err = rejection(() => s.apply([{ op: "send.add", track: "verb", target: "drums" }, { op: "send.add", track: "drums", target: "verb" }]));
    expect(err.code).toBe("RoutingCycle");
    expect(err.path[0]).toBe("tracks");
  });

  test("a sidechain closing a loop is rejected", () => {
    const s = smallSession();
    // kick -> drums strip; a compressor on kick keyed from drums would need drums' output before kick's.
    const err = rejection(() => s.apply([{ op: "plugin.insert", track: "kick", format: "CLAP", uid: "comp", sidechainFrom: "drums" }]));
    expect(err.code).toBe("RoutingCycle");
    expect(err.message).toMatch(/Kick → Drums → Kick|Drums → Kick → Drums/);
    expect([["tracks", "kick", "plugins", 0, "sidechainFrom"], ["tracks", "kick", "output"]]).toContainEqual(err.path);
    // Keyed from a track that does not depend on kick is fine.
    s.apply([{ op: "plugin.insert", track: "kick", format: "CLAP", uid: "comp", sidechainFrom: "lead" }]);
  });

  test("a track cannot route into a non-bus", () => {
    const s = smallSession();
    expect(rejection(() => s.apply([{ op: "track.setOutput", track: "kick", output: "lead" }])).code).toBe("InvalidOperation");
  });
});

describe("dangling references", () => {
  test("removing a bus that others send to is rejected", () => {
    const s = smallSession();
    const err = rejection(() => s.apply([{ op: "track.remove", track: "verb" }]));
    expect(err.code).toBe("DanglingReference");
    expect(err.path).toEqual(["tracks", "snare", "sends", 0, "target"]);
    // Removing the send first in the same transaction makes it valid.
    s.apply([{ op: "send.remove", track: "snare", send: "snare-verb" }, { op: "track.remove", track: "verb" }]);
    expect(s.project.tracks.has("verb")).toBe(false);
  });

  test("turning off a folder strip that a track outputs to is rejected", () => {
    const s = smallSession();
    s.apply([{ op: "track.setOutput", track: "lead", output: "drums" }]);
    expect(rejection(() => s.apply([{ op: "track.setFolderStrip", track: "drums", hasStrip: false }])).code).toBe("InvalidValue");
  });
});

describe("the outside world", () => {
  const env = {
    hasPlugin: (format: string, uid: string) => format === "LV2" && uid === "urn:zamaudio:ZamComp",
    fileExists: (path: string) => path.startsWith("/audio/"),
  };

  test("plugins not in the catalogue are rejected", () => {
    const s = smallSession({ env });
    s.apply([{ op: "plugin.insert", track: "kick", format: "LV2", uid: "urn:zamaudio:ZamComp" }]);
    const err = rejection(() => s.apply([{ op: "plugin.insert", track: "kick", format: "VST3", uid: "Serum" }]));
    expect(err.code).toBe("MissingPlugin");
    expect(err.path).toEqual(["ops", 0, "uid"]);
    // Built-ins need no catalogue.
    s.apply([{ op: "plugin.insert", track: "lead", format: "BuiltIn", uid: "", builtin: "SineSynth" }]);
  });

  test("audio files that do not exist are rejected", () => {
    const s = smallSession({ env });
    const err = rejection(() => s.apply([{ op: "clip.add", track: "kick", clip: { kind: "audio", start: 8, length: 1, file: "/gone/x.wav" } }]));
    expect(err.code).toBe("MissingFile");
    expect(err.path).toEqual(["ops", 0, "clip", "file"]);
    expect(rejection(() => s.apply([{ op: "clip.set", track: "kick", clip: "k1", file: "/gone/y.wav" }])).code).toBe("MissingFile");
  });

  test("missing() lists what a loaded project lacks without refusing it", () => {
    const s = ProjectSession.create({ project: smallSession().project, env: { hasPlugin: () => false, fileExists: () => false } });
    expect(s.missing()).toEqual([
      expect.objectContaining({ code: "MissingFile", path: ["tracks", "kick", "clips", "k1", "file"] }),
    ]);
  });
});

describe("ranges", () => {
  test.each([
    [{ op: "track.setGain", track: "kick", gainDb: 13 }, "OutOfRange", ["ops", 0, "gainDb"]],
    [{ op: "track.setGain", track: "kick", gainDb: Number.NaN }, "InvalidValue", ["ops", 0, "gainDb"]],
    [{ op: "track.setPan", track: "kick", pan: -1.01 }, "OutOfRange", ["ops", 0, "pan"]],
    [{ op: "track.setMute", track: "kick", mute: "yes" }, "InvalidValue", ["ops", 0, "mute"]],
    [{ op: "clip.move", track: "kick", clip: "k1", start: -1 }, "OutOfRange", ["ops", 0, "start"]],
    [{ op: "clip.set", track: "kick", clip: "k1", fadeIn: { beats: 3, shape: "Linear" }, fadeOut: { beats: 3, shape: "Linear" } }, "OutOfRange", ["ops", 0, "clip", "fadeOut", "beats"]],
    [{ op: "clip.set", track: "lead", clip: "m1", pitchBend: [{ beat: 0, value: 8192, channel: 0 }] }, "OutOfRange", ["ops", 0, "clip", "pitchBend", 0, "value"]],
    [{ op: "clip.set", track: "kick", clip: "k1", notes: [] }, "InvalidOperation", ["ops", 0, "notes"]],
    [{ op: "plugin.insert", track: "kick", format: "VST9", uid: "x" }, "InvalidValue", ["ops", 0, "format"]],
    [{ op: "plugin.insert", track: "kick", format: "VST3", uid: "x", state: "not base64!" }, "InvalidValue", ["ops", 0, "state"]],
  ] as const)("%j -> %s", (op, code, path) => {
    const s = smallSession();
    const before = s.project;
    const err = rejection(() => s.apply([op as never]));
    expect(err.code).toBe(code);
    expect(err.path).toEqual(path);
    expect(err.message.length).toBeGreaterThan(10);
    expect(s.project).toBe(before);
  });
});
