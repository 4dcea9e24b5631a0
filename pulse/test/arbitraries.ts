// Random operations for property tests: valid and invalid ones, over the ids smallSession() uses
// plus two ("x1", "x2") that come and go.
import fc from "fast-check";
import type { Operation } from "../src/index";

const track = fc.constantFrom("kick", "snare", "lead", "verb", "drums", "x1", "x2");
const dest = fc.constantFrom("verb", "drums", "master", "x1", "lead");
const beat = fc.double({ min: 0, max: 32, noNaN: true });
const shape = fc.constantFrom("Hold", "Linear", "Exponential", "SCurve", "Tension" as const);

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant("track.setGain" as const), track, gainDb: fc.double({ min: -150, max: 14, noNaN: true }) }),
  fc.record({ op: fc.constant("track.setPan" as const), track, pan: fc.double({ min: -1.2, max: 1.2, noNaN: true }) }),
  fc.record({ op: fc.constant("track.setMute" as const), track, mute: fc.boolean() }),
  fc.record({ op: fc.constant("track.setSolo" as const), track, solo: fc.boolean() }),
  fc.record({ op: fc.constant("track.setOutput" as const), track, output: fc.option(dest, { nil: null }) }),
  fc.record({ op: fc.constant("track.add" as const), id: fc.constantFrom("x1", "x2"), kind: fc.constantFrom("audio", "bus", "folder", "instrument" as const),
    parent: fc.option(fc.constantFrom("drums", "x1"), { nil: null }) }),
  fc.record({ op: fc.constant("track.remove" as const), track }),
  fc.record({ op: fc.constant("track.move" as const), track, parent: fc.option(fc.constantFrom("drums", "x1", "x2"), { nil: null }), index: fc.nat(3) }),
  fc.record({ op: fc.constant("track.setFolderStrip" as const), track, hasStrip: fc.boolean() }),
  fc.record({ op: fc.constant("send.add" as const), track, target: dest, gainDb: fc.integer({ min: -40, max: 6 }), preFader: fc.boolean() }),
  fc.record({ op: fc.constant("plugin.insert" as const), track, format: fc.constantFrom("LV2", "CLAP" as const), uid: fc.constantFrom("a", "b"),
    sidechainFrom: fc.option(track, { nil: null }) }),
  fc.record({ op: fc.constant("clip.add" as const), track: fc.constantFrom("kick", "snare", "x1"),
    clip: fc.record({ kind: fc.constant("audio" as const), start: beat, length: fc.double({ min: 0.01, max: 8, noNaN: true }), file: fc.constant("/a.wav") }) }),
  fc.record({ op: fc.constant("clip.move" as const), track: fc.constantFrom("kick", "snare"), clip: fc.constant("k1"), start: beat,
    toTrack: fc.option(fc.constantFrom("kick", "snare", "lead"), { nil: undefined }) }),
  fc.record({ op: fc.constant("clip.trim" as const), track: fc.constantFrom("kick", "lead"), clip: fc.constantFrom("k1", "m1"), start: beat }),
  fc.record({ op: fc.constant("clip.split" as const), track: fc.constantFrom("kick", "lead"), clip: fc.constantFrom("k1", "m1"), at: beat }),
  fc.record({ op: fc.constant("automation.addLane" as const), track, target: fc.constant({ kind: "strip" as const, param: "pan" as const }),
    points: fc.array(fc.record({ beat, value: fc.double({ min: -1, max: 1, noNaN: true }), shape, tension: fc.constant(0) }), { maxLength: 4 })
      .map((ps) => [...new Map(ps.map((p) => [p.beat, p])).values()].sort((a, b) => a.beat - b.beat)) }),
  fc.record({ op: fc.constant("tempo.set" as const),
    tempos: fc.option(fc.record({ beat: fc.integer({ min: 1, max: 32 }), bpm: fc.integer({ min: 40, max: 200 }) }), { nil: undefined })
      .map((second) => (second ? [{ beat: 0, bpm: 120 }, second] : [{ beat: 0, bpm: 120 }])) }),
  fc.record({ op: fc.constant("marker.add" as const), name: fc.string({ maxLength: 5 }), beat }),
);

// Transactions of 1-3 ops, each with a 1-in-4 chance of carrying a gesture.
export const step = fc.record({ ops: fc.array(operation, { minLength: 1, maxLength: 3 }), gesture: fc.option(fc.constantFrom("g1", "g2"), { freq: 4, nil: undefined }) });

