// Journal fuzz: a journal next to a good save, with damaged or hostile entries (patches aimed at
// "__proto__", wrong types, garbage lines), makes recovery return a valid project or a typed error;
// it never throws anything else and never pollutes a prototype.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { isPulseError, journalPath, recoverProject, saveProjectFile, validateProject } from "../../src/index";
import { smallSession } from "../helpers";

const RUNS = Number(process.env.PULSE_FUZZ_RUNS ?? 200) / 2;
let dir: string;
let file: string;
let saveId: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pulse-journal-fuzz-"));
  file = join(dir, "song.lphl");
  saveId = (await saveProjectFile(file, smallSession().project)).saveId;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = fc.constantFrom<string | number>("tracks", "kick", "snare", "master", "gainDb", "pan", "clips", "k1", "start", "meta", "title",
  "markers", "order", 0, 1, "__proto__", "constructor", "prototype", "polluted", "nextNum", "tempo", "tempos");
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-3, 0.5, "x", null, { polluted: "yes" }));
const patch = fc.record({ op: fc.constantFrom("replace", "add", "remove", "bogus"), path: fc.array(key, { maxLength: 5 }), value }, { requiredKeys: ["op", "path"] });
const entry = fc.oneof(
  { weight: 6, arbitrary: fc.record({ revision: fc.nat(), kind: fc.constantFrom("apply", "undo", "redo"), label: fc.string({ maxLength: 4 }), patches: fc.array(patch, { maxLength: 3 }) }).map((e) => JSON.stringify(e)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
);
const header = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) }, // the real header
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
);

test("hostile journals recover to a valid project or a typed error (property)", async () => {
  await fc.assert(fc.asyncProperty(header, fc.array(entry, { maxLength: 6 }), fc.boolean(), async (h, lines, torn) => {
    const text = [h ?? JSON.stringify({ journal: 1, saveId }), ...lines].join("\n") + (torn ? "\n{\"revis" : "\n");
    writeFileSync(journalPath(file), text);
    try {
      const r = await recoverProject(file);
      expect(() => validateProject(r.project)).not.toThrow();
    } catch (e) {
      expect(isPulseError(e), `untyped ${String(e)}`).toBe(true);
      if (isPulseError(e)) expect(e.code).toBe("CorruptFile");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }), { numRuns: RUNS });
}, 120_000);
