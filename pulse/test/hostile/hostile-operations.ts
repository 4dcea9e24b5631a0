// Ill-typed and hostile operations for the validator fuzz: every known op name (and some unknown
// ones) with fields drawn from well-formed values, wrong types, non-finite and huge numbers, and
// ids that name prototype members ("__proto__", "constructor", "toString").
import fc from "fast-check";
import { OPERATION_NAMES } from "../../src/index";
import { operation } from "../arbitraries";

const ids = fc.constantFrom("master", "kick", "snare", "lead", "verb", "drums", "k1", "m1", "snare-verb", "x1",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", "track-2", "clip-9");

const numbers = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e6, 1e6 + 1, 2 ** 32, Number.MAX_VALUE, Number.MIN_VALUE, 12, -144, 127, 128, 8191, 8192),
  fc.double(),
  fc.integer({ min: -10, max: 40 }),
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, "", "x".repeat(5000), "AAEC", "AAE", "Linear", "audio", "midi", "VST3", "BuiltIn", "Gain", "strip"),
  numbers,
  ids,
  fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}}')),
  fc.constant({ constructor: { prototype: { polluted: "yes" } } }),
  fc.constant([]),
  fc.jsonValue({ maxDepth: 2 }),
);

const point = fc.record({ beat: numbers, value: numbers, shape: fc.constantFrom("Hold", "Linear", "Exponential", "SCurve", "Tension", "Bogus"), tension: numbers });
const target = fc.oneof(
  fc.record({ kind: fc.constant("strip"), param: fc.constantFrom("gain", "pan", "mute", "nope") }),
  fc.record({ kind: fc.constant("send"), send: ids }),
  fc.record({ kind: fc.constant("plugin"), plugin: ids, param: numbers }),
  oddValue,
);
const clipInit = fc.record({
  kind: fc.constantFrom("audio", "midi", "video"), id: fc.option(ids, { nil: undefined }), start: numbers, length: numbers,
  file: fc.constantFrom("/a.wav", "", "../../etc/passwd", "a\0b"), gainDb: numbers,
  notes: fc.array(fc.record({ beat: numbers, length: numbers, pitch: numbers, velocity: numbers, channel: numbers }), { maxLength: 3 }),
  fadeIn: fc.oneof(fc.record({ beats: numbers, shape: fc.constantFrom("Linear", "Nope") }), oddValue),
}, { requiredKeys: ["kind"] });

/** Values for each field name an operation may carry; any field may also get an odd value. */
const fieldValue: Record<string, fc.Arbitrary<unknown>> = {
  track: ids, id: ids, parent: fc.option(ids, { nil: null }), output: fc.option(ids, { nil: null }), target: fc.oneof(ids, target),
  toTrack: ids, send: ids, plugin: ids, clip: fc.oneof(ids, clipInit), lane: ids, marker: ids, newId: ids, sidechainFrom: fc.option(ids, { nil: null }),
  kind: fc.constantFrom("audio", "instrument", "bus", "folder", "master", "nope"),
  name: fc.string({ maxLength: 8 }), title: fc.string({ maxLength: 8 }), index: numbers, gainDb: numbers, pan: numbers, beat: numbers,
  start: numbers, end: numbers, at: numbers, length: numbers, mute: fc.boolean(), solo: fc.boolean(), soloSafe: fc.boolean(),
  invert: fc.boolean(), hasStrip: fc.boolean(), preFader: fc.boolean(), bypass: fc.boolean(),
  format: fc.constantFrom("VST3", "LV2", "CLAP", "LADSPA", "BuiltIn", "AU"), uid: fc.constantFrom("a", "", "urn:x"),
  builtin: fc.constantFrom("Gain", "Nope", null), state: fc.constantFrom("", "AAEC", "!!", "AAE"), isolation: fc.constantFrom("InProcess", "Sandboxed", "Nope"),
  points: fc.array(point, { maxLength: 4 }),
  tempos: fc.array(fc.record({ beat: numbers, bpm: numbers }), { maxLength: 3 }),
  meters: fc.array(fc.record({ beat: numbers, numerator: numbers, denominator: numbers }), { maxLength: 2 }),
  loop: fc.oneof(fc.constant(null), fc.record({ start: numbers, end: numbers, enabled: fc.boolean() }), oddValue),
};
const FIELDS = Object.keys(fieldValue);

const opName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...OPERATION_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("nope", "__proto__", "constructor", "toString", "track.add ", 7, null) });

/** The fields each operation reads (chorus/model/README.md §2), so most generated ops get far enough
 *  into their handler to reach the interesting checks. */
const FIELDS_OF: Record<string, string[]> = {
  "track.add": ["id", "kind", "name", "parent", "index", "hasStrip"], "track.remove": ["track"], "track.move": ["track", "parent", "index"],
  "track.rename": ["track", "name"], "track.setGain": ["track", "gainDb"], "track.setPan": ["track", "pan"], "track.setMute": ["track", "mute"],
  "track.setSolo": ["track", "solo"], "track.setSoloSafe": ["track", "soloSafe"], "track.setPolarity": ["track", "invert"],
  "track.setOutput": ["track", "output"], "track.setFolderStrip": ["track", "hasStrip"],
  "send.add": ["track", "id", "target", "gainDb", "preFader"], "send.remove": ["track", "send"], "send.set": ["track", "send", "target", "gainDb", "preFader"],
  "plugin.insert": ["track", "id", "index", "format", "uid", "builtin", "name", "state", "isolation", "bypass", "sidechainFrom"],
  "plugin.remove": ["track", "plugin"], "plugin.move": ["track", "plugin", "index"],
  "plugin.set": ["track", "plugin", "bypass", "isolation", "state", "name", "sidechainFrom"],
  "clip.add": ["track", "clip"], "clip.remove": ["track", "clip"], "clip.move": ["track", "clip", "start", "toTrack"],
  "clip.trim": ["track", "clip", "start", "end"], "clip.split": ["track", "clip", "at", "newId"],
  "clip.set": ["track", "clip", "name", "gainDb", "start", "length"],
  "automation.addLane": ["track", "id", "target", "points"], "automation.removeLane": ["track", "lane"], "automation.setPoints": ["track", "lane", "points"],
  "tempo.set": ["tempos", "meters"], "marker.add": ["id", "name", "beat"], "marker.remove": ["marker"], "marker.set": ["marker", "name", "beat"],
  "loop.set": ["loop"], "meta.set": ["title", "name"],
};

const illTyped: fc.Arbitrary<unknown> = fc.tuple(opName, fc.nat(), fc.array(fc.nat(9), { minLength: 12, maxLength: 12 }))
  .chain(([op, extra, dice]) => {
    // The op's own fields (each kept with probability 9/10), now and then one foreign field.
    const own = (Object.hasOwn(FIELDS_OF, String(op)) ? FIELDS_OF[String(op)]! : []).filter((_, i) => dice[i]! > 0);
    const fields = dice[11]! === 0 ? [...own, FIELDS[extra % FIELDS.length]!] : own;
    // Each value is odd (wrong type, hostile id) with probability 1/5.
    return fc.tuple(...fields.map((f, i) => (dice[(i + 3) % 12]! < 2 ? oddValue : fieldValue[f]!)))
      .map((values) => Object.fromEntries([["op", op], ...fields.map((f, i) => [f, values[i]])]));
  });

/** One op: well-formed (often valid), ill-typed, or not even an object. */
export const hostileOperation: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: operation },
  { weight: 6, arbitrary: illTyped },
  { weight: 1, arbitrary: oddValue },
);

export const hostileTransaction: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 9, arbitrary: fc.array(hostileOperation, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: oddValue },
);
