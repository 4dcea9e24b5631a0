// Hostile project files for the loader fuzz: garbage, truncations, bit flips, and structural damage
// to real saved projects (wrong types, huge or non-finite numbers, deep nesting, prototype keys,
// duplicate ids, dangling references, newer formats).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { serialise } from "../../src/index";
import { smallSession } from "../helpers";

const fixtures = join(import.meta.dirname, "..", "fixtures");

/** Real project files: an old-format file, the demo song as `loophole demo` saved it, and a mixing setup
 *  with plugins, sends, automation and markers. */
export const SEED_FILES: readonly string[] = [
  readFileSync(join(fixtures, "format-v1.lphl"), "utf8"),
  readFileSync(join(fixtures, "demo-song.lphl"), "utf8"),
  (() => {
    const s = smallSession();
    s.apply([
      { op: "plugin.insert", track: "kick", id: "comp", format: "LV2", uid: "urn:zamaudio:ZamComp", state: "AAEC", sidechainFrom: "snare" },
      { op: "automation.addLane", track: "snare", target: { kind: "send", send: "snare-verb" }, points: [{ beat: 0, value: -6, shape: "Linear", tension: 0 }] },
      { op: "marker.add", id: "intro", name: "Intro", beat: 0 },
      { op: "loop.set", loop: { start: 0, end: 8, enabled: true } },
    ]);
    return serialise(s.project, "seed", new Date(0));
  })(),
];

export const seedFile = fc.constantFrom(...SEED_FILES);

export const truncated = fc.tuple(seedFile, fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([text, at]) => text.slice(0, Math.floor(text.length * at)));

export const bitFlipped = fc.tuple(seedFile, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(7)), { minLength: 1, maxLength: 8 }))
  .map(([text, flips]) => {
    const bytes = Buffer.from(text, "utf8");
    for (const [pos, bit] of flips) { const i = Math.floor(pos * bytes.length); bytes[i] = bytes[i]! ^ (1 << bit); }
    return bytes.toString("utf8"); // what readFile(path, "utf8") would hand the loader
  });

export const garbage = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((project) => JSON.stringify({ format: "loophole-project", formatVersion: 2, saveId: "x", project })),
  fc.jsonValue({ maxDepth: 3 }).map((project) => JSON.stringify({ format: "loophole-project", formatVersion: 1, project })),
);

type Json = unknown;
type Path = (string | number)[];

/** Every path to a value inside the project file (the root excluded). */
function pathsOf(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (typeof v === "object" && v !== null)
    for (const [k, x] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      pathsOf(x, p, out);
    }
  return out;
}

/** Deep nesting is spliced in as text: JSON.stringify itself would overflow the stack on it. */
const DEEP = /"@@deep:(\d+)@@"/g;
const deeplyNested = (depth: number): Json => `@@deep:${depth}@@`;
const spliceDeep = (text: string): string => text.replace(DEEP, (_m, d: string) => '{"a":['.repeat(Number(d)) + "0" + "]}".repeat(Number(d)));

/** An own property, even for "__proto__" (plain assignment would set the prototype instead). */
function setOwn(o: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const pollution = (): Json => ({ polluted: "yes", toString: "x", hasOwnProperty: 1 });

const hostileValue: fc.Arbitrary<() => Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, 4294967296, -4294967297, "", "x", "master",
    [], {}, [null], "../../etc/passwd", "\u0000", "AAEC", "loophole-project").map((v) => () => structuredClone(v)),
  fc.constant(() => "x".repeat(4097)), // over every text limit but the metadata's (1e6, tested once below)
  fc.constant(() => new Array(5_000).fill(0)),
  fc.integer({ min: 60, max: 5_000 }).map((d) => () => deeplyNested(d)),
  fc.constant(() => { const o: Record<string, Json> = {}; setOwn(o, "__proto__", pollution()); return o; }),
  fc.constant(() => ({ constructor: { prototype: pollution() } })),
  fc.jsonValue({ maxDepth: 2 }).map((v) => () => v),
);

export type Mutation = (file: Record<string, Json>) => void;

const atPath = (root: Json, path: Path): Record<string | number, Json> =>
  path.reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], root) as Record<string | number, Json>;

/** Replace, delete, or add a hostile key at a random place; or a targeted semantic attack. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), hostileValue).map(([n, make]): Mutation => (file) => {
    const paths = pathsOf(file);
    const p = paths[n % paths.length]!;
    atPath(file, p.slice(0, -1))[p.at(-1)!] = make();
  }),
  fc.nat().map((n): Mutation => (file) => {
    const paths = pathsOf(file);
    const p = paths[n % paths.length]!;
    const parent = atPath(file, p.slice(0, -1));
    if (Array.isArray(parent)) parent.splice(p.at(-1) as number, 1);
    else delete parent[p.at(-1)!];
  }),
  fc.tuple(fc.nat(), fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty"), hostileValue).map(([n, key, make]): Mutation => (file) => {
    const objects = [[], ...pathsOf(file)].filter((p) => { const v = atPath(file, p); return typeof v === "object" && v !== null && !Array.isArray(v); });
    setOwn(atPath(file, objects[n % objects.length]!), key, make());
  }),
  // Duplicate ids: one track's id (and entry) copied onto another.
  fc.nat().map((n): Mutation => (file) => {
    const tracks = (file.project as { tracks?: Json } | undefined)?.tracks;
    if (Array.isArray(tracks) && tracks.length > 1) tracks[1 + (n % (tracks.length - 1))] = structuredClone(tracks[0]);
  }),
  // A clip or lane keyed under a prototype name.
  fc.constantFrom("__proto__", "constructor", "toString").map((key): Mutation => (file) => {
    const tracks = (file.project as { tracks?: Json } | undefined)?.tracks;
    if (!Array.isArray(tracks)) return;
    for (const t of tracks as Record<string, Record<string, Json>>[]) {
      const clips = typeof t === "object" && t !== null ? t.clips : undefined;
      if (typeof clips !== "object" || clips === null) continue; // an earlier mutation may have broken it
      const [first] = Object.entries(clips);
      if (first) { setOwn(clips, key, { ...(first[1] as object), id: key }); return; }
    }
  }),
  // Dangling references and routing cycles.
  fc.tuple(fc.nat(), fc.constantFrom("output", "sidechainFrom", "target", "parent", "children", "order")).map(([n, field]): Mutation => (file) => {
    const paths = pathsOf(file).filter((p) => p.at(-1) === field);
    if (paths.length === 0) return;
    const p = paths[n % paths.length]!;
    atPath(file, p.slice(0, -1))[field] = field === "children" || field === "order" ? ["nope", "master"] : n % 2 ? "nope" : "master";
  }),
  fc.integer({ min: 3, max: 2 ** 31 }).map((v): Mutation => (file) => { file.formatVersion = v; }),
  fc.constantFrom(2.5, -1, 0, "2", null).map((v): Mutation => (file) => { file.formatVersion = v; }),
);

/** A real file with 1-4 structural mutations, as text (non-finite numbers written as 1e400, which
 *  JSON.parse reads as Infinity). */
export const mutated = fc.tuple(seedFile, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([text, ms, infinite]) => {
    const file = JSON.parse(text) as Record<string, Json>;
    for (const m of ms) m(file);
    const out = spliceDeep(JSON.stringify(file));
    return infinite ? out.replace(/(":)(-?\d+(\.\d+)?)([,}\]])/, "$11e400$4") : out;
  });
