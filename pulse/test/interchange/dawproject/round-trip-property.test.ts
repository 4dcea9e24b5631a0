// Random projects survive export + import: whatever mix of tracks, levels, notes and automation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportDawProject, importDawProject } from "../../../src/interchange/dawproject";
import { createProject } from "../../../src/model/create";
import { applyOperations } from "../../../src/ops/apply";
import type { Operation } from "../../../src/ops/types";
import { canonical } from "./canonical";

const gain = fc.double({ min: -60, max: 12, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
const pan = fc.double({ min: -1, max: 1, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
const beat = fc.integer({ min: 0, max: 64 * 4 }).map((q) => q / 4);
const note = fc.record({
  beat: fc.integer({ min: 0, max: 31 }).map((q) => q / 4),
  length: fc.integer({ min: 1, max: 16 }).map((q) => q / 8),
  pitch: fc.integer({ min: 0, max: 127 }),
  velocity: fc.integer({ min: 1, max: 127 }),
  channel: fc.integer({ min: 0, max: 15 }),
});
const points = (value: fc.Arbitrary<number>) =>
  fc.uniqueArray(fc.record({ beat, value, shape: fc.constantFrom("Hold" as const, "Linear" as const), tension: fc.constant(0) }), {
    minLength: 1, maxLength: 6, selector: (p) => p.beat,
  }).map((ps) => [...ps].sort((a, b) => a.beat - b.beat));

const trackSpec = fc.record({
  kind: fc.constantFrom("audio" as const, "instrument" as const, "bus" as const),
  gainDb: gain,
  pan,
  mute: fc.boolean(),
  solo: fc.boolean(),
  notes: fc.array(note, { maxLength: 12 }),
  gainPoints: fc.option(points(gain), { nil: undefined }),
  panPoints: fc.option(points(pan), { nil: undefined }),
});

type TrackSpec = typeof trackSpec extends fc.Arbitrary<infer T> ? T : never;

function build(specs: TrackSpec[], tempos: number[]) {
  const ops: Operation[] = [{ op: "tempo.set", tempos: tempos.map((bpm, i) => ({ beat: i * 8, bpm })) }];
  specs.forEach((spec, i) => {
    const id = `t${i}`;
    ops.push(
      { op: "track.add", id, kind: spec.kind, name: `Track ${i}` },
      { op: "track.setGain", track: id, gainDb: spec.gainDb },
      { op: "track.setPan", track: id, pan: spec.pan },
      { op: "track.setMute", track: id, mute: spec.mute },
      { op: "track.setSolo", track: id, solo: spec.solo },
    );
    if (spec.kind === "instrument" && spec.notes.length > 0) {
      ops.push({ op: "clip.add", track: id, clip: { kind: "midi", name: `Clip ${i}`, start: i, length: 8, notes: [...spec.notes].sort((a, b) => a.beat - b.beat) } });
    }
    if (spec.gainPoints) ops.push({ op: "automation.addLane", track: id, target: { kind: "strip", param: "gain" }, points: spec.gainPoints });
    if (spec.panPoints) ops.push({ op: "automation.addLane", track: id, target: { kind: "strip", param: "pan" }, points: spec.panPoints });
  });
  // Every non-bus track sends to the first bus, if there is one.
  const bus = specs.findIndex((s) => s.kind === "bus");
  if (bus >= 0) specs.forEach((s, i) => s.kind !== "bus" && ops.push({ op: "send.add", track: `t${i}`, target: `t${bus}`, gainDb: -10 }));
  return applyOperations(createProject(), ops).project;
}

describe("DAWproject round trip (property)", () => {
  it("random projects come back equivalent", () => {
    fc.assert(
      fc.property(fc.array(trackSpec, { maxLength: 6 }), fc.array(fc.integer({ min: 40, max: 240 }), { minLength: 1, maxLength: 3 }), (specs, tempos) => {
        const project = build(specs, tempos);
        const result = exportDawProject(project);
        expect(result.warnings).toEqual([]);
        const back = importDawProject(result.bytes, { mediaDirectory: "/media" });
        expect(back.warnings).toEqual([]);
        expect(canonical(back.project)).toEqual(canonical(project));
      }),
      { numRuns: 60 },
    );
  });
});
