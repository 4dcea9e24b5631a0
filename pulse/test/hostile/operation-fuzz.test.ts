// Operation validator fuzz: random (also ill-typed) operations against random valid projects are
// either applied, leaving a project that is valid as a whole and saves and loads again, or rejected
// with a typed PulseError and the project exactly as it was.
import fc from "fast-check";
import { afterAll, expect, test } from "vitest";
import {
  applyOperations, isPulseError, parseProjectFile, projectToJson, serialise, validateProject, type Operation, type Project,
} from "../../src/index";
import { step } from "../arbitraries";
import { smallSession } from "../helpers";
import { SEED_FILES } from "./hostile-json";
import { hostileTransaction } from "./hostile-operations";

const RUNS = Number(process.env.PULSE_FUZZ_RUNS ?? 200);
const tally: Record<string, number> = {};
afterAll(() => { if (process.env.PULSE_TALLY) console.log("operation fuzz tally", JSON.stringify(tally)); });

/** A valid project: a seed file, or the small mixing setup after random valid edits. */
const validProject: fc.Arbitrary<Project> = fc.oneof(
  fc.constantFrom(...SEED_FILES.map((t) => parseProjectFile(t).project)),
  fc.array(step, { maxLength: 8 }).map((steps) => {
    const s = smallSession();
    for (const { ops } of steps) s.tryApply(ops);
    return s.project;
  }),
);

/** Everything an id like "__proto__", "constructor" or "toString" could reach through a plain lookup. */
const reachable = [Object.prototype, Array.prototype, Object, Function.prototype, ...["toString", "hasOwnProperty", "valueOf"].map((k) => (Object.prototype as unknown as Record<string, object>)[k]!)];
const prototypeKeys = (): string[] => reachable.flatMap((p, i) => Object.getOwnPropertyNames(p).map((k) => `${i}.${k}`)).sort();
const cleanKeys = prototypeKeys();

test("hostile operations are applied validly or rejected with a typed error, leaving the project unchanged (property)", () => {
  fc.assert(fc.property(validProject, fc.array(hostileTransaction, { minLength: 1, maxLength: 5 }), (start, transactions) => {
    let project = start;
    for (const ops of transactions) {
      const before = JSON.stringify(projectToJson(project));
      let next: Project | null = null;
      try {
        next = applyOperations(project, ops as Operation[]).project;
      } catch (e) {
        expect(isPulseError(e), `untyped ${String(e)} for ${JSON.stringify(ops)}`).toBe(true);
        if (!isPulseError(e)) return;
        expect(e.message.length).toBeGreaterThan(0);
        tally[e.code] = (tally[e.code] ?? 0) + 1;
      }
      expect(JSON.stringify(projectToJson(project))).toBe(before); // rejected or not, the input is untouched
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(prototypeKeys()).toEqual(cleanKeys);
      if (!next) continue;
      tally.applied = (tally.applied ?? 0) + 1;
      expect(() => validateProject(next), `invalid after ${JSON.stringify(ops)}`).not.toThrow();
      for (const t of next.tracks.values()) for (const rec of [t.clips, t.automation]) expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
      // Compared as text: JSON has no -0, which an op may legally carry (beat -0 is beat 0).
      const saved = serialise(next, "fuzz", new Date(0));
      expect(serialise(parseProjectFile(saved).project, "fuzz", new Date(0))).toBe(saved);
      project = next;
    }
  }), { numRuns: RUNS });
}, 120_000);

test("ids naming prototype members find nothing and change nothing outside the project", () => {
  const s = smallSession();
  for (const id of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    for (const op of [
      { op: "marker.set", marker: id, beat: 5, name: "x" }, { op: "marker.remove", marker: id },
      { op: "clip.move", track: "kick", clip: id, start: 1 }, { op: "clip.remove", track: "kick", clip: id },
      { op: "clip.set", track: "kick", clip: id, gainDb: -1 }, { op: "automation.setPoints", track: "kick", lane: id, points: [] },
      { op: "automation.removeLane", track: "kick", lane: id },
    ]) {
      const before = s.project;
      const r = s.tryApply([op as Operation]);
      expect(r, `${op.op} ${id}`).toMatchObject({ ok: false, error: { code: "NotFound" } });
      expect(s.project).toBe(before);
    }
  }
  expect(s.tryApply([{ op: "marker.add", id: "__proto__", name: "x", beat: 1 }])).toMatchObject({ ok: false, error: { code: "InvalidValue" } });
  // Ordinary words stay usable as ids.
  s.apply([{ op: "marker.add", id: "constructor", name: "Verse", beat: 1 }, { op: "marker.set", marker: "constructor", beat: 2 }]);
  expect(s.project.markers.constructor).toMatchObject({ beat: 2 });
  expect(prototypeKeys()).toEqual(cleanKeys);
  expect((Object.prototype as Record<string, unknown>).beat).toBeUndefined();
});
