// The bundled demo song, written as the Pulse operations a person would perform: a drum
// loop, a sine bass and lead from the built-in instrument, a reverb bus fed by sends, gain
// and pan automation, and Zam plugins (ZamComp on the drums, ZamVerb on the bus) when the
// machine has them.
import type { Note, Operation } from "@loophole/pulse";

export const DEMO_BPM = 112;
export const DEMO_BARS = 8;

export interface DemoPlugin {
  format: "VST3" | "LV2" | "CLAP" | "LADSPA";
  uid: string;
  name: string;
}

export interface DemoPlugins {
  compressor?: DemoPlugin | undefined;
  reverb?: DemoPlugin | undefined;
}

const BASS_ROOTS = [45, 45, 41, 41, 48, 48, 43, 43]; // A2 A2 F2 F2 C3 C3 G2 G2, one a bar
const LEAD_PHRASE: Array<[beat: number, length: number, pitch: number]> = [
  [0, 1.5, 69], [1.5, 0.5, 72], [2, 1, 76], [3, 1, 74],
  [4, 1.5, 72], [5.5, 0.5, 69], [6, 2, 67],
];

function note(beat: number, length: number, pitch: number, velocity: number): Note {
  return { beat, length, pitch, velocity, channel: 0 };
}

function bassNotes(): Note[] {
  return BASS_ROOTS.flatMap((root, bar) =>
    [0, 1.5, 2.5, 3].map((offset, i) => note(bar * 4 + offset, i === 0 ? 1.25 : 0.45, root, i === 0 ? 110 : 85)));
}

function leadNotes(): Note[] {
  // The phrase twice, the second time an octave up for its last note.
  return [0, 16].flatMap((start, pass) => LEAD_PHRASE.map(([beat, length, pitch], i) =>
    note(start + 8 + beat, length, pass === 1 && i === LEAD_PHRASE.length - 1 ? pitch + 12 : pitch, 96)));
}

function pluginInsert(track: string, plugin: DemoPlugin, id: string): Operation {
  return { op: "plugin.insert", track, id, format: plugin.format, uid: plugin.uid, name: plugin.name };
}

export function demoSongOperations(drumLoopFile: string, loopSeconds: number, plugins: DemoPlugins): Operation[] {
  const beats = DEMO_BARS * 4;
  const ops: Operation[] = [
    { op: "meta.set", title: "Loophole Demo", artist: "Loophole", notes: "Generated: built-in instrument, synthesised drums." },
    { op: "tempo.set", tempos: [{ beat: 0, bpm: DEMO_BPM }], meters: [{ beat: 0, numerator: 4, denominator: 4 }] },
    { op: "marker.add", id: "intro", name: "Intro", beat: 0 },
    { op: "marker.add", id: "theme", name: "Theme", beat: 8 },
    { op: "loop.set", loop: { start: 0, end: beats, enabled: false } },

    { op: "track.add", id: "reverb", kind: "bus", name: "Reverb" },
    { op: "track.setGain", track: "reverb", gainDb: -4 },

    { op: "track.add", id: "drums", kind: "audio", name: "Drums" },
    { op: "clip.add", track: "drums", clip: {
      kind: "audio", id: "drum-loop", name: "Drum loop", start: 0, length: beats, file: drumLoopFile,
      gainDb: -2, loopSeconds, fadeIn: { beats: 0, shape: "Linear" }, fadeOut: { beats: 2, shape: "EqualPower" } } },
    { op: "send.add", track: "drums", id: "drums-verb", target: "reverb", gainDb: -16 },

    { op: "track.add", id: "bass", kind: "instrument", name: "Bass" },
    { op: "plugin.insert", track: "bass", id: "bass-synth", format: "BuiltIn", uid: "", builtin: "SineSynth", name: "Sine" },
    { op: "clip.add", track: "bass", clip: { kind: "midi", id: "bassline", name: "Bassline", start: 0, length: beats, notes: bassNotes() } },
    { op: "track.setGain", track: "bass", gainDb: -5 },

    { op: "track.add", id: "lead", kind: "instrument", name: "Lead" },
    { op: "plugin.insert", track: "lead", id: "lead-synth", format: "BuiltIn", uid: "", builtin: "SineSynth", name: "Sine" },
    { op: "clip.add", track: "lead", clip: { kind: "midi", id: "melody", name: "Melody", start: 0, length: beats, notes: leadNotes() } },
    { op: "send.add", track: "lead", id: "lead-verb", target: "reverb", gainDb: -8, preFader: false },
    { op: "automation.addLane", track: "lead", id: "lead-gain", target: { kind: "strip", param: "gain" }, points: [
      { beat: 0, value: -30, shape: "SCurve", tension: 0 },
      { beat: 8, value: -7, shape: "Hold", tension: 0 },
      { beat: beats - 4, value: -7, shape: "Linear", tension: 0 },
      { beat: beats, value: -24, shape: "Hold", tension: 0 } ] },
    { op: "automation.addLane", track: "lead", id: "lead-pan", target: { kind: "strip", param: "pan" }, points: [
      { beat: 8, value: -0.4, shape: "Tension", tension: 0.5 },
      { beat: 24, value: 0.4, shape: "Hold", tension: 0 } ] },
  ];
  if (plugins.compressor) ops.push(pluginInsert("drums", plugins.compressor, "drum-comp"));
  if (plugins.reverb) ops.push(pluginInsert("reverb", plugins.reverb, "bus-verb"));
  return ops;
}
