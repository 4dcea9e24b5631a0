// Damaged files of every kind must give a DawProjectError (or import), never another exception.
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DawProjectError, exportDawProject, importDawProject } from "../../../src/interchange/dawproject";
import { createProject } from "../../../src/model/create";
import { encodeState } from "../../../src/model/plugin";
import { applyOperations } from "../../../src/ops/apply";
import { strFromU8, unzipSync } from "fflate";

const project = applyOperations(createProject(), [
  { op: "track.add", id: "bus", kind: "bus", name: "Bus" },
  { op: "track.add", id: "synth", kind: "instrument", name: "Synth" },
  { op: "send.add", track: "synth", target: "bus", gainDb: -6 },
  { op: "plugin.insert", track: "synth", id: "p", format: "CLAP", uid: "com.example.synth", name: "Synth", state: encodeState(new Uint8Array([1, 2, 3])) },
  { op: "clip.add", track: "synth", clip: { kind: "midi", start: 1, length: 4, notes: [{ beat: 0, length: 1, pitch: 60, velocity: 90, channel: 0 }],
    cc: [{ beat: 1, controller: 1, value: 64, channel: 0 }] } },
  { op: "automation.addLane", track: "synth", target: { kind: "plugin", plugin: "p", param: 2 }, points: [{ beat: 0, value: 0.5, shape: "Linear", tension: 0 }] },
  { op: "automation.addLane", track: "synth", target: { kind: "strip", param: "gain" }, points: [{ beat: 0, value: -3, shape: "Hold", tension: 0 }] },
  { op: "tempo.set", tempos: [{ beat: 0, bpm: 100 }, { beat: 8, bpm: 150 }] },
  { op: "marker.add", name: "A", beat: 2 },
]).project;
const files = unzipSync(exportDawProject(project).bytes);
const xml = strFromU8(files["project.xml"]!);

type Mutation = (xml: string) => string;
const pick = <T>(list: T[], nth: number): T | undefined => (list.length === 0 ? undefined : list[nth % list.length]);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Replace an attribute value with something odd.
  fc.record({ nth: fc.nat(), value: fc.constantFrom("", "-1", "NaN", "1e309", "abc", "id999", "true", "0", "99999999", "-0.5") }).map(
    ({ nth, value }) => (s: string) => {
      const hit = pick([...s.matchAll(/="[^"]*"/g)], nth);
      return hit ? s.slice(0, hit.index) + `="${value}"` + s.slice(hit.index + hit[0].length) : s;
    },
  ),
  // Remove an attribute.
  fc.nat().map((nth) => (s: string) => {
    const hit = pick([...s.matchAll(/ [A-Za-z]+="[^"]*"/g)], nth);
    return hit ? s.slice(0, hit.index) + s.slice(hit.index + hit[0].length) : s;
  }),
  // Remove an element without element children.
  fc.nat().map((nth) => (s: string) => {
    const hit = pick([...s.matchAll(/<([A-Za-z]+)[^>]*\/>|<([A-Za-z]+)[^>]*>[^<]*<\/\2>/g)], nth);
    return hit ? s.slice(0, hit.index) + s.slice(hit.index + hit[0].length) : s;
  }),
  // Rename a self-closing element.
  fc.record({ nth: fc.nat(), name: fc.constantFrom("Track", "Channel", "Clip", "Notes", "Points", "Lanes", "Audio", "RealPoint", "Target", "Foo") }).map(
    ({ nth, name }) => (s: string) => {
      const hit = pick([...s.matchAll(/<([A-Za-z]+)([^>]*)\/>/g)], nth);
      return hit ? s.slice(0, hit.index) + `<${name}${hit[2]}/>` + s.slice(hit.index + hit[0].length) : s;
    },
  ),
  // Cut a piece out (mostly breaks the XML itself).
  fc.record({ at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }).map(({ at, length }) => (s: string) => {
    const i = at % s.length;
    return s.slice(0, i) + s.slice(i + length);
  }),
);

describe("damaged DAWproject files", () => {
  it("import or fail with a DawProjectError (property)", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const damaged = mutations.reduce((s, m) => m(s), xml);
        const bytes = zipSync({ ...files, "project.xml": strToU8(damaged) });
        try {
          importDawProject(bytes, { mediaDirectory: "/media" });
        } catch (error) {
          expect(error).toBeInstanceOf(DawProjectError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("fails cleanly on XML nested far too deep", () => {
    const deep = `<Project version="1.0">${"<Lanes>".repeat(200_000)}${"</Lanes>".repeat(200_000)}</Project>`;
    expect(() => importDawProject(zipSync({ "project.xml": strToU8(deep) }), { mediaDirectory: "/media" })).toThrow(DawProjectError);
  });
});
