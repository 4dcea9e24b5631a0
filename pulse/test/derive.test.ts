import { describe, expect, test } from "vitest";
import { decodeFrame, encodeFrame, ipc } from "@loophole/contract";
import { GraphDeriver, ProjectSession, type Operation } from "../src/index";
import { smallSession } from "./helpers";

const byName = (g: ipc.GraphSnapshotT | ipc.GraphDiffT, name: string): ipc.ChannelT => {
  const list = g instanceof ipc.GraphSnapshotT ? g.channels : g.upsertChannels;
  const c = list.find((x) => x.name === name);
  if (!c) throw new Error(`no channel ${name}`);
  return c;
};
const num = (s: ProjectSession, id: string): number => s.project.tracks.get(id)!.num;

describe("channels and routing", () => {
  test("master is channel 1 to the device; tracks, buses and folder strips route as the engine expects", () => {
    const s = smallSession();
    const g = s.deriveGraph();
    expect(g.sampleRate).toBe(48_000);
    expect(g.channels[0]).toMatchObject({ id: 1, kind: ipc.ChannelKind.Master, output: 0 });
    expect(byName(g, "Reverb")).toMatchObject({ kind: ipc.ChannelKind.Bus, output: 1 });
    expect(byName(g, "Drums")).toMatchObject({ kind: ipc.ChannelKind.Bus, output: 1, id: num(s, "drums") });
    expect(byName(g, "Kick")).toMatchObject({ kind: ipc.ChannelKind.Audio, output: num(s, "drums") });
    expect(byName(g, "Lead")).toMatchObject({ kind: ipc.ChannelKind.Instrument, output: 1 });
    expect(byName(g, "Snare").sends).toEqual([new ipc.SendT(num(s, "snare") + 2, num(s, "verb"), expect.closeTo(0.501187, 5), false)]);
    expect(g.channels.map((c) => c.name)).toEqual(["Master", "Reverb", "Drums", "Kick", "Snare", "Lead"]);
  });

  test("a folder without a strip has no channel; its children route past it", () => {
    const s = smallSession();
    s.apply([
      { op: "track.add", id: "grp", kind: "folder", name: "Group", hasStrip: false },
      { op: "track.move", track: "lead", parent: "grp", index: 0 },
    ]);
    let g = s.deriveGraph();
    expect(g.channels.some((c) => c.name === "Group")).toBe(false);
    expect(byName(g, "Lead").output).toBe(1);
    // Inside a folder with a strip, the nearest strip takes the audio.
    s.apply([{ op: "track.move", track: "grp", parent: "drums", index: 0 }]);
    g = s.deriveGraph();
    expect(byName(g, "Lead").output).toBe(num(s, "drums"));
    // Explicit outputs win over folders.
    s.apply([{ op: "track.setOutput", track: "lead", output: "verb" }]);
    expect(byName(s.deriveGraph(), "Lead").output).toBe(num(s, "verb"));
  });

  test("plugins become processors with their state, formats and sidechain", () => {
    const s = smallSession();
    s.apply([
      { op: "plugin.insert", track: "lead", format: "BuiltIn", uid: "", builtin: "SineSynth" },
      { op: "plugin.insert", track: "lead", id: "comp", format: "CLAP", uid: "com.zamaudio.ZamComp", bypass: true, state: "AQID/w==",
        isolation: "PerPlugin", sidechainFrom: "kick" },
    ]);
    const [synth, comp] = byName(s.deriveGraph(), "Lead").processors;
    expect(synth).toMatchObject({ format: ipc.PluginFormat.BuiltIn, builtin: ipc.BuiltInKind.SineSynth, state: [] });
    expect(comp).toMatchObject({ format: ipc.PluginFormat.CLAP, pluginUid: "com.zamaudio.ZamComp", bypass: true, state: [1, 2, 3, 255],
      isolation: ipc.IsolationMode.PerPlugin, sidechainFrom: num(s, "kick") });
  });

  test("the snapshot encodes into a LoadGraph frame and decodes back", () => {
    const s = smallSession();
    const g = s.deriveGraph();
    const bytes = encodeFrame(new ipc.FrameT(1n, 0n, ipc.Body.LoadGraph, new ipc.LoadGraphT(g)));
    const frame = decodeFrame(bytes).unpack();
    const back = (frame.body as ipc.LoadGraphT).snapshot!;
    expect(back.channels.map((c) => [c.id, c.name, c.output])).toEqual(g.channels.map((c) => [c.id, c.name, c.output]));
    expect(back.channels.find((c) => c.name === "Lead")!.midiClips[0]!.events).toHaveLength(2);
  });
});

describe("musical time to samples", () => {
  test("tempo changes move later positions exactly", () => {
    const s = smallSession();
    s.apply([
      { op: "tempo.set", tempos: [{ beat: 0, bpm: 120 }, { beat: 16, bpm: 90 }], meters: [{ beat: 0, numerator: 4, denominator: 4 }, { beat: 32, numerator: 3, denominator: 4 }] },
      { op: "clip.add", track: "kick", clip: { kind: "audio", id: "k2", start: 18, length: 4, file: "/audio/k.wav", sourceOffset: 0.25 } },
    ]);
    const g = s.deriveGraph();
    const clip = byName(g, "Kick").audioClips.find((c) => c.id === s.project.tracks.get("kick")!.clips.k2!.num)!;
    // 16 beats at 120 = 8 s = 384000; 2 beats at 90 = 64000; 4 beats at 90 = 128000.
    expect([clip.start, clip.length, clip.sourceOffset]).toEqual([448_000n, 128_000n, 12_000n]);
    expect(g.tempoMap.map((t) => [t.sample, t.bpm, t.beatsPerBar, t.beatUnit])).toEqual([
      [0n, 120, 4, 4], [384_000n, 90, 4, 4], [384_000n + 16n * 32_000n, 90, 3, 4]]);
  });

  test("positions round, lengths are differences: touching clips touch in samples", () => {
    const s = ProjectSession.create({ sampleRate: 44_100 });
    s.apply([
      { op: "tempo.set", tempos: [{ beat: 0, bpm: 97 }] },
      { op: "track.add", id: "a", kind: "audio" },
      ...[0, 1, 2].map((i): Operation => ({ op: "clip.add", track: "a", clip: { kind: "audio", id: `c${i}`, start: i / 3, length: 1 / 3, file: "/x.wav" } })),
    ]);
    const clips = s.deriveGraph().channels[1]!.audioClips;
    for (let i = 1; i < clips.length; i++) expect(clips[i]!.start).toBe(clips[i - 1]!.start + clips[i - 1]!.length);
    // 1/3 beat at 97 bpm = 0.206185567 s = 9092.78 samples -> rounds to 9093.
    expect(clips[1]!.start).toBe(9_093n);
    expect(clips[2]!.start + clips[2]!.length).toBe(BigInt(Math.round((60 / 97) * 44_100)));
  });

  test("MIDI notes, controllers and pitch bend become sorted raw events", () => {
    const s = smallSession();
    s.apply([{ op: "clip.set", track: "lead", clip: "m1", loopBeats: 2,
      notes: [{ beat: 1, length: 4, pitch: 64, velocity: 80, channel: 2 }, { beat: 0, length: 1, pitch: 60, velocity: 100, channel: 0 }, { beat: 3, length: 1, pitch: 67, velocity: 100, channel: 0 }],
      cc: [{ beat: 1, controller: 64, value: 127, channel: 0 }],
      pitchBend: [{ beat: 0.5, value: -8192, channel: 0 }] }]);
    const clip = byName(s.deriveGraph(), "Lead").midiClips[0]!;
    expect(clip.loopLength).toBe(48_000n);
    expect(clip.events.map((e) => [Number(e.time), e.status, e.data1, e.data2])).toEqual([
      [0, 0x90, 60, 100],
      [12_000, 0xe0, 0, 0],
      [24_000, 0x80, 60, 0], // note-off before the CC and note-on at the same time
      [24_000, 0xb0, 64, 127],
      [24_000, 0x92, 64, 80],
      [47_999, 0x82, 64, 0], // cut one sample before the loop end; the note at beat 3 is outside the loop
    ]);
  });
});

describe("automation", () => {
  test("gain lanes go out linear; straight dB lines become exponential curves", () => {
    const s = smallSession();
    s.apply([{ op: "automation.addLane", track: "kick", target: { kind: "strip", param: "gain" }, points: [
      { beat: 0, value: -6, shape: "Linear", tension: 0 }, { beat: 4, value: 0, shape: "Linear", tension: 0 },
      { beat: 8, value: -144, shape: "SCurve", tension: 0 }, { beat: 12, value: 0, shape: "Hold", tension: 0 }] },
    { op: "send.add", track: "kick", id: "sv", target: "verb" },
    { op: "automation.addLane", track: "kick", target: { kind: "send", send: "sv" }, points: [{ beat: 0, value: -20, shape: "Linear", tension: 0 }] },
    { op: "automation.addLane", track: "kick", target: { kind: "strip", param: "mute" }, points: [{ beat: 2, value: 1, shape: "Linear", tension: 0 }] }]);
    const ch = byName(s.deriveGraph(), "Kick");
    const gain = ch.automation.find((a) => a.target!.node === ch.id && a.target!.param === 0)!;
    expect(gain.points.map((p) => [p.time, +p.value.toFixed(4), p.shape])).toEqual([
      [0n, 0.5012, ipc.CurveShape.Exponential], [96_000n, 1, ipc.CurveShape.Linear], // next point is silence
      [192_000n, 0, ipc.CurveShape.SCurve], [288_000n, 1, ipc.CurveShape.Hold]]);
    const sendNum = s.project.tracks.get("kick")!.sends[0]!.num;
    expect(ch.automation.find((a) => a.target!.node === sendNum)!.points[0]!.value).toBeCloseTo(0.1, 6);
    const mute = ch.automation.find((a) => a.target!.node === ch.id && a.target!.param === 2)!;
    expect(mute.points[0]).toMatchObject({ time: 48_000n, value: 1, shape: ipc.CurveShape.Hold });
  });
});

describe("mute and solo", () => {
  const muted = (s: ProjectSession): string[] => s.deriveGraph().channels.filter((c) => c.mute).map((c) => String(c.name));

  test("soloing a track keeps the buses it feeds and mutes the rest", () => {
    const s = smallSession();
    s.apply([{ op: "track.setSolo", track: "snare", solo: true }]);
    expect(muted(s)).toEqual(["Kick", "Lead"]); // Reverb (send) and Drums (output) stay
  });

  test("soloing a bus keeps its sources; solo-safe buses are never muted by solo", () => {
    const s = smallSession();
    s.apply([{ op: "track.setSolo", track: "drums", solo: true }]);
    // Folder solo: its children are soloed; Reverb is fed by Snare's send.
    expect(muted(s)).toEqual(["Lead"]);
    s.apply([{ op: "track.setSolo", track: "drums", solo: false }, { op: "track.setSolo", track: "lead", solo: true }]);
    expect(muted(s)).toEqual(["Reverb", "Drums", "Kick", "Snare"]);
    s.apply([{ op: "track.setSoloSafe", track: "verb", soloSafe: true }]);
    expect(muted(s)).toEqual(["Drums", "Kick", "Snare"]);
  });

  test("a folder without a strip passes its solo and mute to its children", () => {
    const s = smallSession();
    s.apply([
      { op: "track.add", id: "grp", kind: "folder", name: "Group", hasStrip: false },
      { op: "track.move", track: "lead", parent: "grp", index: 0 },
      { op: "track.setSolo", track: "grp", solo: true },
    ]);
    expect(muted(s)).toEqual(["Reverb", "Drums", "Kick", "Snare"]);
    s.apply([{ op: "track.setSolo", track: "grp", solo: false }, { op: "track.setMute", track: "grp", mute: true }]);
    expect(muted(s)).toEqual(["Lead"]);
  });

  test("explicit mutes win, also a folder's mute over its children", () => {
    const s = smallSession();
    s.apply([{ op: "track.setSolo", track: "kick", solo: true }, { op: "track.setMute", track: "drums", mute: true }]);
    expect(muted(s)).toEqual(["Reverb", "Drums", "Kick", "Snare", "Lead"]);
  });
});

describe("diffs", () => {
  test("an edit re-derives and sends only the channel it touched", () => {
    const s = smallSession();
    s.deriveGraph();
    const r = s.revision;
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -6 }]);
    const d = s.diffSince(r);
    expect(d.fromRevision).toBe(BigInt(r));
    expect(d.toRevision).toBe(BigInt(s.revision));
    expect(d.upsertChannels.map((c) => c.name)).toEqual(["Kick"]);
    expect(d.upsertChannels[0]!.gain).toBeCloseTo(0.501187, 5);
    expect(d.removeChannels).toEqual([]);
    expect(d.tempoMap).toEqual([]);
  });

  test("removals, tempo changes and solo changes", () => {
    const s = smallSession();
    s.deriveGraph();
    let r = s.revision;
    const lead = num(s, "lead");
    s.apply([{ op: "track.remove", track: "lead" }]);
    expect(s.diffSince(r).removeChannels).toEqual([lead]);
    r = s.revision;
    s.apply([{ op: "tempo.set", tempos: [{ beat: 0, bpm: 100 }] }]);
    let d = s.diffSince(r);
    expect(d.upsertChannels.map((c) => c.name)).toEqual(["Kick"]); // the only channel with timed content
    expect(d.tempoMap[0]!.bpm).toBe(100);
    r = s.revision;
    s.apply([{ op: "track.setSolo", track: "kick", solo: true }]);
    d = s.diffSince(r);
    expect(d.upsertChannels.map((c) => [c.name, c.mute])).toEqual([["Reverb", true], ["Snare", true]]);
  });

  test("undo back to an earlier state diffs to nothing; unknown revisions are a typed error", () => {
    const s = smallSession();
    const r = s.revision;
    s.deriveGraph();
    s.apply([{ op: "track.setPan", track: "kick", pan: 0.3 }]);
    s.deriveGraph();
    s.undo();
    const d = s.diffSince(r);
    expect(d.upsertChannels).toEqual([]);
    expect(() => s.diffSince(999)).toThrow(expect.objectContaining({ code: "RevisionUnavailable" }));
  });

  test("a derived revision stays diffable however many commits follow", () => {
    const s = smallSession({ revisionsKept: 4 });
    s.deriveGraph();
    const synced = s.revision;
    for (let i = 1; i <= 50; i++) s.apply([{ op: "track.setGain", track: "kick", gainDb: -i / 10 }]);
    expect(s.diffSince(synced).upsertChannels.map((c) => c.name)).toEqual(["Kick"]);
    expect(() => s.diffSince(synced + 10)).toThrow(expect.objectContaining({ code: "RevisionUnavailable" }));
  });

  test("the deriver caches per track", () => {
    const s = smallSession();
    const d = new GraphDeriver(48_000);
    d.derive(s.project, 0);
    expect(d.lastRederived).toBe(6);
    s.apply([{ op: "clip.move", track: "kick", clip: "k1", start: 1 }]);
    d.derive(s.project, 1);
    expect(d.lastRederived).toBe(1);
  });
});
