// The engine's own example graph (chorus/ipc/golden/load-graph.bin, shared with Signal's tests),
// rebuilt as a Pulse project through operations: the derived graph must say the same thing, up to
// the numbering of ids (Pulse hands out its own).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { decodeFrame, ipc } from "@loophole/contract";
import { ProjectSession } from "../src/index";

const golden = (): ipc.GraphSnapshotT => {
  const bytes = readFileSync(join(import.meta.dirname, "../../chorus/ipc/golden/load-graph.bin"));
  return (decodeFrame(new Uint8Array(bytes)).unpack().body as ipc.LoadGraphT).snapshot!;
};

const db = (linear: number): number => 20 * Math.log10(linear);

test("Pulse derives the golden LoadGraph from an equivalent project", () => {
  const s = ProjectSession.create();
  const beatsAt120 = (samples: number): number => samples / 24_000; // 48 kHz, 120 bpm
  s.apply([
    { op: "tempo.set", tempos: [{ beat: 0, bpm: 120 }, { beat: 16, bpm: 96.5 }],
      meters: [{ beat: 0, numerator: 4, denominator: 4 }, { beat: 16, numerator: 3, denominator: 4 }] },
    { op: "track.setGain", track: "master", gainDb: db(0.8) },
    { op: "track.add", id: "reverb", kind: "bus", name: "Reverb" },
    { op: "plugin.insert", track: "reverb", format: "LV2", uid: "urn:zamaudio:ZamVerb", isolation: "PerPlugin", state: "AQID/w==" },
    { op: "track.add", id: "drums", kind: "audio", name: "Drums" },
    { op: "track.setGain", track: "drums", gainDb: db(0.5) },
    { op: "track.setPan", track: "drums", pan: -0.25 },
    { op: "track.setPolarity", track: "drums", invert: true },
    { op: "send.add", track: "drums", target: "reverb", gainDb: db(0.3), preFader: true },
    { op: "clip.add", track: "drums", clip: { kind: "audio", start: beatsAt120(96_000), length: beatsAt120(192_000), file: "/home/user/loops/drums.wav",
      sourceOffset: 0.1, loopSeconds: 1, gainDb: db(0.9), fadeIn: { beats: beatsAt120(480), shape: "Linear" }, fadeOut: { beats: beatsAt120(960), shape: "EqualPower" } } },
    { op: "automation.addLane", track: "drums", target: { kind: "strip", param: "gain" }, points: [
      { beat: 0, value: db(0.5), shape: "Linear", tension: 0 }, { beat: 2, value: 0, shape: "Tension", tension: -0.5 },
      { beat: 4, value: db(0.25), shape: "Hold", tension: 0 }] },
    { op: "track.add", id: "lead", kind: "instrument", name: "Lead" },
    { op: "track.setMute", track: "lead", mute: true },
    { op: "plugin.insert", track: "lead", format: "BuiltIn", uid: "", builtin: "SineSynth" },
    { op: "plugin.insert", track: "lead", format: "CLAP", uid: "com.zamaudio.ZamComp", bypass: true, sidechainFrom: "drums" },
    { op: "clip.add", track: "lead", clip: { kind: "midi", start: 0, length: 4, loopBeats: 2,
      notes: [{ beat: 0, length: 1, pitch: 60, velocity: 100, channel: 0 }],
      pitchBend: [{ beat: 1.25, value: (80 << 7) - 8192, channel: 0 }] } },
  ]);
  const mine = s.deriveGraph();
  const want = golden();

  expect(mine.sampleRate).toBe(want.sampleRate);
  expect(mine.tempoMap).toEqual(want.tempoMap);
  // Ids differ; map them through the names.
  const id = new Map<number, number>([[0, 0]]);
  for (const c of mine.channels) id.set(c.id, want.channels.find((w) => w.name === c.name)!.id);
  const ours = (c: ipc.ChannelT) => ({
    kind: c.kind, name: c.name, output: id.get(c.output), gain: +c.gain.toFixed(6), pan: c.pan, mute: c.mute, polarityInvert: c.polarityInvert,
    processors: c.processors.map((p) => ({ ...p, id: 0, sidechainFrom: id.get(p.sidechainFrom) })),
    sends: c.sends.map((x) => ({ ...x, id: 0, target: id.get(x.target), gain: +x.gain.toFixed(6) })),
    audioClips: c.audioClips.map((a) => ({ ...a, id: 0, gain: +a.gain.toFixed(6) })),
    midiClips: c.midiClips.map((m) => ({ ...m, id: 0 })),
    automation: c.automation.map((a) => a.points.map((p) => [p.time, +p.value.toFixed(6)])),
  });
  const theirs = (c: ipc.ChannelT) => ({
    ...ours(c), output: c.output,
    processors: c.processors.map((p) => ({ ...p, id: 0 })),
    sends: c.sends.map((x) => ({ ...x, id: 0, gain: +x.gain.toFixed(6) })),
  });
  expect(mine.channels.map(ours)).toEqual(want.channels.map(theirs));
  // Shapes: a straight dB line is exponential in amplitude (see chorus/model §4); the rest match.
  expect(mine.channels[2]!.automation[0]!.points.map((p) => p.shape)).toEqual([ipc.CurveShape.Exponential, ipc.CurveShape.Tension, ipc.CurveShape.Hold]);
});
