import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exportDawProject, importDawProject, openDawProject, saveDawProject } from "../../../src/interchange/dawproject";
import { createProject } from "../../../src/model/create";
import { encodeState } from "../../../src/model/plugin";
import type { Project } from "../../../src/model/project";
import { applyOperations } from "../../../src/ops/apply";
import type { Operation } from "../../../src/ops/types";
import { canonical } from "./canonical";
import { makeWav } from "./wav";

// Typed-array deep equality in expect() is slow on audio-sized buffers.
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

const dir = mkdtempSync(join(tmpdir(), "loophole-dawproject-"));
const kickPath = join(dir, "kick.wav");
const kick = makeWav(2, 44100, 0.5);
writeFileSync(kickPath, kick);

const vst3State = new Uint8Array([0x56, 0x53, 0x54, 0x33, 0, 1, 2, 3, 255, 254]);
const clapState = new Uint8Array(300).map((_, i) => (i * 7) & 0xff);

function demoProject(): Project {
  const ops: Operation[] = [
    { op: "meta.set", title: "Round Trip", artist: "Loophole Tests", notes: "made in code" },
    { op: "tempo.set", tempos: [{ beat: 0, bpm: 120 }, { beat: 16, bpm: 90 }], meters: [{ beat: 0, numerator: 4, denominator: 4 }, { beat: 32, numerator: 3, denominator: 4 }] },
    { op: "track.add", id: "reverb", kind: "bus", name: "Reverb" },
    { op: "track.add", id: "drumGroup", kind: "folder", name: "Drum Group" },
    { op: "track.add", id: "drums", kind: "audio", name: "Drums", parent: "drumGroup" },
    { op: "track.add", id: "bass", kind: "instrument", name: "Bass" },
    { op: "track.add", id: "vocals", kind: "audio", name: "Vocals" },
    { op: "track.add", id: "ideas", kind: "folder", name: "Ideas", hasStrip: false },
    { op: "track.add", id: "keys", kind: "instrument", name: "Keys", parent: "ideas" },
    { op: "track.setGain", track: "vocals", gainDb: -3.5 },
    { op: "track.setPan", track: "vocals", pan: -0.25 },
    { op: "track.setMute", track: "bass", mute: true },
    { op: "track.setSolo", track: "keys", solo: true },
    { op: "track.setGain", track: "drumGroup", gainDb: 2 },
    { op: "track.setOutput", track: "keys", output: "reverb" },
    { op: "send.add", track: "vocals", id: "vocalVerb", target: "reverb", gainDb: -6 },
    { op: "send.add", track: "bass", target: "reverb", gainDb: -12, preFader: true },
    { op: "plugin.insert", track: "bass", format: "BuiltIn", uid: "", builtin: "SineSynth", name: "Sine" },
    { op: "plugin.insert", track: "bass", format: "CLAP", uid: "com.zamaudio.ZamComp", name: "ZamComp", state: encodeState(clapState) },
    { op: "plugin.insert", track: "vocals", id: "eq", format: "VST3", uid: "5A616D45513200000000000000000000", name: "ZamEQ2", state: encodeState(vst3State) },
    { op: "plugin.insert", track: "vocals", format: "LV2", uid: "urn:zamaudio:ZamVerb", name: "ZamVerb", bypass: true },
    { op: "plugin.insert", track: "reverb", format: "LADSPA", uid: "1905", name: "Plate Reverb" },
    { op: "clip.add", track: "drums", clip: {
      kind: "audio", id: "kick", name: "Kick loop", start: 20, length: 8, file: kickPath, sourceOffset: 0.125, loopSeconds: 0.25,
      fadeIn: { beats: 0.25, shape: "Linear" }, fadeOut: { beats: 0.5, shape: "Linear" },
    } },
    { op: "clip.add", track: "drums", clip: { kind: "audio", name: "Kick once", start: 2, length: 1, file: kickPath } },
    { op: "clip.add", track: "bass", clip: {
      kind: "midi", name: "Riff", start: 4, length: 8, loopBeats: 4,
      notes: [
        { beat: 0, length: 0.5, pitch: 36, velocity: 100, channel: 0 },
        { beat: 1.5, length: 0.25, pitch: 43, velocity: 127, channel: 0 },
        { beat: 3, length: 1, pitch: 48, velocity: 1, channel: 9 },
      ],
      cc: [{ beat: 0, controller: 74, value: 20, channel: 0 }, { beat: 2, controller: 74, value: 110, channel: 0 }],
      pitchBend: [{ beat: 1, value: -8192, channel: 0 }, { beat: 2, value: 0, channel: 0 }, { beat: 3, value: 8191, channel: 0 }],
    } },
    { op: "clip.add", track: "keys", clip: { kind: "midi", name: "Chords", start: 0, length: 4, notes: [{ beat: 0, length: 4, pitch: 60, velocity: 80, channel: 0 }] } },
    { op: "automation.addLane", track: "vocals", target: { kind: "strip", param: "gain" }, points: [
      { beat: 0, value: -3.5, shape: "Linear", tension: 0 }, { beat: 8, value: -20, shape: "Hold", tension: 0 }, { beat: 12, value: 0, shape: "Linear", tension: 0 },
    ] },
    { op: "automation.addLane", track: "vocals", target: { kind: "strip", param: "pan" }, points: [
      { beat: 0, value: -1, shape: "Linear", tension: 0 }, { beat: 4, value: 1, shape: "Linear", tension: 0 },
    ] },
    { op: "automation.addLane", track: "vocals", target: { kind: "strip", param: "mute" }, points: [
      { beat: 0, value: 0, shape: "Hold", tension: 0 }, { beat: 6, value: 1, shape: "Hold", tension: 0 },
    ] },
    { op: "automation.addLane", track: "vocals", target: { kind: "send", send: "vocalVerb" }, points: [
      { beat: 0, value: -144, shape: "Linear", tension: 0 }, { beat: 2, value: -6, shape: "Linear", tension: 0 },
    ] },
    { op: "automation.addLane", track: "vocals", target: { kind: "plugin", plugin: "eq", param: 3 }, points: [
      { beat: 0, value: 0.25, shape: "Linear", tension: 0 }, { beat: 1, value: 0.75, shape: "Hold", tension: 0 },
    ] },
    { op: "marker.add", name: "Intro", beat: 0 },
    { op: "marker.add", name: "Verse", beat: 16 },
  ];
  return applyOperations(createProject({ now: new Date("2026-01-01T00:00:00Z") }), ops).project;
}

describe("DAWproject round trip", () => {
  const project = demoProject();
  const exported = exportDawProject(project, { readMedia: (path) => (path === kickPath ? kick : undefined) });
  const mediaDirectory = join(dir, "imported-media");
  const imported = importDawProject(exported.bytes, { mediaDirectory });

  it("exports a ZIP with project.xml, metadata.xml, the plugin states and the audio", () => {
    const files = unzipSync(exported.bytes);
    const names = Object.keys(files);
    expect(names).toHaveLength(5);
    expect(names).toEqual(expect.arrayContaining(["project.xml", "metadata.xml", "audio/kick.wav", "plugins/eq.vst3-state"]));
    expect(names.filter((n) => /^plugins\/.+\.clap-state$/.test(n))).toHaveLength(1);
    expect(sameBytes(files["audio/kick.wav"]!, kick)).toBe(true);
    expect(sameBytes(files["plugins/eq.vst3-state"]!, vst3State)).toBe(true);
    const xml = strFromU8(files["project.xml"]!);
    expect(xml).toContain('<Vst3Plugin');
    expect(xml).toContain('deviceID="5A616D45513200000000000000000000"');
    expect(xml).toContain('<ClapPlugin');
    expect(xml).toContain('deviceID="lv2:urn:zamaudio:ZamVerb"');
    expect(xml).toContain('role="master"');
    expect(xml).toContain('<Audio');
    expect(strFromU8(files["metadata.xml"]!)).toContain("<Title>Round Trip</Title>");
    expect(exported.warnings).toEqual([]);
  });

  it("re-imports to the same tracks, routing, plugins and states, clips, notes, automation, tempo and markers", () => {
    expect(imported.warnings).toEqual([]);
    expect(canonical(imported.project)).toEqual(canonical(project));
  });

  it("hands back the embedded audio, with clips pointing at where it will be written", () => {
    expect(imported.media.map((m) => m.path)).toEqual([join(mediaDirectory, "kick.wav")]);
    expect(sameBytes(imported.media[0]!.bytes, kick)).toBe(true);
    const clips = [...imported.project.tracks.values()].flatMap((t) => Object.values(t.clips));
    expect(clips.filter((c) => c.kind === "audio").map((c) => c.kind === "audio" && c.file)).toEqual([
      join(mediaDirectory, "kick.wav"),
      join(mediaDirectory, "kick.wav"),
    ]);
  });

  it("survives a second round trip unchanged", () => {
    const again = importDawProject(exportDawProject(imported.project, { readMedia: () => kick }).bytes, { mediaDirectory });
    expect(canonical(again.project)).toEqual(canonical(imported.project));
  });

  it("saves to and opens from disk, writing the embedded audio", async () => {
    const file = join(dir, "song.dawproject");
    const saved = await saveDawProject(project, file);
    expect(saved.warnings).toEqual([]);
    const opened = await openDawProject(file, join(dir, "opened"));
    expect(canonical(opened.project)).toEqual(canonical(project));
    expect(sameBytes(readFileSync(join(dir, "opened", "kick.wav")), kick)).toBe(true);
  });

  it("keeps what DAWproject cannot carry in loophole/extensions.json, and says so", () => {
    const rich = applyOperations(project, [
      { op: "clip.set", track: "drums", clip: "kick", gainDb: -3, fadeIn: { beats: 1, shape: "EqualPower" } },
      { op: "plugin.set", track: "vocals", plugin: "eq", isolation: "PerPlugin", sidechainFrom: "drums" },
      { op: "track.setPolarity", track: "vocals", invert: true },
      { op: "track.setSoloSafe", track: "reverb", soloSafe: true },
      { op: "automation.addLane", track: "bass", target: { kind: "strip", param: "pan" }, points: [
        { beat: 0, value: 0, shape: "SCurve", tension: 0 }, { beat: 4, value: 1, shape: "Tension", tension: -0.5 }, { beat: 8, value: 0, shape: "Linear", tension: 0 },
      ] },
      { op: "loop.set", loop: { start: 4, end: 12, enabled: true } },
    ]).project;
    const result = exportDawProject(rich, { readMedia: () => kick });
    expect(result.warnings).toEqual([
      expect.stringMatching(/^DAWproject has no solo-safe or polarity-invert switch; other applications will not see it \(Loophole keeps it in loophole\/extensions\.json\)$/),
      expect.stringMatching(/no sidechain routing/),
      expect.stringMatching(/no plugin isolation/),
      expect.stringMatching(/no clip gain/),
      expect.stringMatching(/fades have no shape/),
      expect.stringMatching(/curves are hold or linear/),
    ]);
    const back = importDawProject(result.bytes, { mediaDirectory: join(dir, "rich") });
    expect(back.warnings).toEqual([]);
    expect(canonical(back.project)).toEqual(canonical(rich));

    // What any other application sees: the same project without the Loophole-only settings.
    const files = unzipSync(result.bytes);
    delete files["loophole/extensions.json"];
    const plain = importDawProject(zipSync(files), { mediaDirectory: join(dir, "plain") }).project;
    const vocals = [...plain.tracks.values()].find((t) => t.name === "Vocals")!;
    expect(vocals.polarityInvert).toBe(false);
    expect(vocals.plugins[0]).toMatchObject({ isolation: "Default", sidechainFrom: null });
    const kickClip = Object.values([...plain.tracks.values()].find((t) => t.name === "Drums")!.clips).find((c) => c.name === "Kick loop");
    expect(kickClip).toMatchObject({ gainDb: 0, fadeIn: { beats: 1, shape: "Linear" } });
    expect(plain.loop).toBeNull();
  });

  it("references audio it cannot read by path instead of embedding it", () => {
    const result = exportDawProject(project, { readMedia: () => undefined });
    expect(result.warnings).toEqual([expect.stringMatching(/referenced by their path, not embedded: .*kick\.wav/)]);
    const back = importDawProject(result.bytes, { mediaDirectory: join(dir, "unused") });
    expect(back.media).toEqual([]);
    const drums = [...back.project.tracks.values()].find((t) => t.name === "Drums")!;
    expect(Object.values(drums.clips).map((c) => c.kind === "audio" && c.file)).toEqual([kickPath, kickPath]);
  });
});
