// Loader fuzz: every hostile project file either loads as a valid project or is refused with a typed
// PulseError (CorruptFile or NewerFormat) and a message; nothing else is thrown, nothing pollutes a
// prototype, and whatever loads survives a save/load round trip.
import fc from "fast-check";
import { afterAll, expect, test } from "vitest";
import { isPulseError, parseProjectFile, serialise, validateProject } from "../../src/index";
import { bitFlipped, garbage, mutated, SEED_FILES, truncated } from "./hostile-json";

const RUNS = Number(process.env.PULSE_FUZZ_RUNS ?? 200);
const tally: Record<string, number> = {};
afterAll(() => { if (process.env.PULSE_TALLY) console.log("loader fuzz tally", JSON.stringify(tally)); });

const prototypeKeys = (): string[] =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype, Map.prototype].flatMap((p) => Object.getOwnPropertyNames(p)).sort();
const cleanKeys = prototypeKeys();

function expectTypedOutcome(text: string): void {
  let loaded: ReturnType<typeof parseProjectFile> | undefined;
  try {
    loaded = parseProjectFile(text, "the test file");
  } catch (e) {
    expect(isPulseError(e), `untyped ${String(e)}`).toBe(true);
    if (!isPulseError(e)) return;
    expect(["CorruptFile", "NewerFormat"]).toContain(e.code);
    expect(e.message).toMatch(/^the test file|^There is no migration/);
    expect(Array.isArray(e.path)).toBe(true);
    tally[e.code] = (tally[e.code] ?? 0) + 1;
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeKeys()).toEqual(cleanKeys);
  if (!loaded) return;
  tally.loaded = (tally.loaded ?? 0) + 1;
  const p = loaded.project;
  expect(Object.isFrozen(p)).toBe(true);
  expect(() => validateProject(p)).not.toThrow();
  // Nothing hides behind an odd prototype: every record the model keys by id is a plain object.
  for (const t of p.tracks.values()) {
    for (const rec of [t.clips, t.automation]) expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
  }
  expect(parseProjectFile(serialise(p, "again", new Date(0))).project).toEqual(p);
}

test("the seed files themselves load", () => {
  for (const text of SEED_FILES) expect(parseProjectFile(text).project.tracks.size).toBeGreaterThan(1);
});

test("garbage and near-JSON is refused with a typed error (property)", () => {
  fc.assert(fc.property(garbage, expectTypedOutcome), { numRuns: RUNS });
}, 120_000);

test("truncated real project files are refused with a typed error (property)", () => {
  fc.assert(fc.property(truncated, expectTypedOutcome), { numRuns: RUNS });
}, 120_000);

test("bit-flipped real project files load as a valid project or are refused with a typed error (property)", () => {
  fc.assert(fc.property(bitFlipped, expectTypedOutcome), { numRuns: RUNS });
}, 120_000);

test("structurally hostile project files load as a valid project or are refused with a typed error (property)", () => {
  fc.assert(fc.property(mutated, expectTypedOutcome), { numRuns: RUNS * 2 });
}, 120_000);

test("huge values are refused by their limits, not by running out of memory or stack", () => {
  const file = JSON.parse(SEED_FILES[2]!);
  const huge = [
    (f: typeof file) => { f.project.meta.title = "x".repeat(1_000_001); },
    (f: typeof file) => { f.project.tracks[1].clips = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`c${i}`, { id: `c${i}` }])); },
    (f: typeof file) => { f.project.tempo.tempos = new Array(100_001).fill({ beat: 0, bpm: 120 }); },
    (f: typeof file) => { f.project.order = new Array(200_000).fill("kick"); },
    (f: typeof file) => { f.project.nextNum = 2 ** 64; },
  ];
  for (const damage of huge) {
    const f = structuredClone(file);
    damage(f);
    expectTypedOutcome(JSON.stringify(f));
  }
  const deep = JSON.stringify(file).replace('"notes":""', `"notes":"","extra":${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  expect(() => parseProjectFile(deep, "the test file")).toThrow(expect.objectContaining({ code: "CorruptFile", message: expect.stringContaining("nests deeper") }));
}, 60_000);

test("a file from a newer Loophole is NewerFormat, naming both versions", () => {
  const file = JSON.parse(SEED_FILES[1]!);
  file.formatVersion = 99;
  expect(() => parseProjectFile(JSON.stringify(file), "song.lphl")).toThrow(expect.objectContaining({
    code: "NewerFormat", message: expect.stringMatching(/format 99.*reads up to 2/),
  }));
});
