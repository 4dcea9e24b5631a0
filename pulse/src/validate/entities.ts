// Value checks for whole entities, shared by operations (before commit) and file loading.
import { CURVE_SHAPES, type AutomationTarget, type Breakpoint } from "../model/automation";
import { FADE_SHAPES, type Clip, type Fade } from "../model/clip";
import { PulseError } from "../model/errors";
import { MAX_GAIN_DB, MIN_GAIN_DB } from "../model/track";
import { MAX_BPM, MIN_BPM, type TempoMap } from "../model/tempo";
import { beat, int, list, num, oneOf, positive, str, type Path } from "../ops/values";

export function gainDb(v: unknown, path: Path, what = "Gain (dB)"): number {
  return num(v, path, what, MIN_GAIN_DB, MAX_GAIN_DB);
}

export function pan(v: unknown, path: Path): number {
  return num(v, path, "Pan", -1, 1);
}

function fade(f: unknown, path: Path, what: string): Fade {
  if (typeof f !== "object" || f === null) throw new PulseError("InvalidValue", `${what} must be { beats, shape }.`, path);
  const x = f as Fade;
  beat(x.beats, [...path, "beats"], `${what} length`);
  oneOf(x.shape, FADE_SHAPES, [...path, "shape"], `${what} shape`);
  return x;
}

const isNum = (v: unknown, lo: number, hi: number): boolean => typeof v === "number" && v >= lo && v <= hi; // NaN fails
const isInt = (v: unknown, lo: number, hi: number): boolean => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const isFade = (f: Fade | undefined): boolean =>
  typeof f === "object" && f !== null && isNum(f.beats, 0, 1e6) && (FADE_SHAPES as readonly string[]).includes(f.shape);

/** The common case, checked without building error paths (loading 20,000 clips must be fast).
 *  Anything it does not accept goes through the detailed checks below, which name the problem. */
export function plainlyValid(c: Clip): boolean {
  if (typeof c.name !== "string" || c.name.length > 1000 || !isNum(c.start, 0, 1e6) || !isNum(c.length, 0, 1e9) || c.length <= 0) return false;
  if (c.kind === "audio")
    return typeof c.file === "string" && c.file.length > 0 && c.file.length <= 4096 && isNum(c.sourceOffset, 0, 1e7) &&
      isNum(c.gainDb, MIN_GAIN_DB, MAX_GAIN_DB) && isFade(c.fadeIn) && isFade(c.fadeOut) &&
      c.fadeIn.beats + c.fadeOut.beats <= c.length && (c.loopSeconds === null || (isNum(c.loopSeconds, 0, 1e9) && c.loopSeconds > 0));
  if (c.kind !== "midi" || !Array.isArray(c.notes) || !Array.isArray(c.cc) || !Array.isArray(c.pitchBend)) return false;
  if (c.loopBeats !== null && !(isNum(c.loopBeats, 0, 1e9) && c.loopBeats > 0)) return false;
  for (const n of c.notes)
    if (!isNum(n.beat, 0, 1e6) || !isNum(n.length, 0, 1e9) || n.length <= 0 || !isInt(n.pitch, 0, 127) || !isInt(n.velocity, 1, 127) || !isInt(n.channel, 0, 15)) return false;
  for (const e of c.cc) if (!isNum(e.beat, 0, 1e6) || !isInt(e.controller, 0, 127) || !isInt(e.value, 0, 127) || !isInt(e.channel, 0, 15)) return false;
  for (const e of c.pitchBend) if (!isNum(e.beat, 0, 1e6) || !isInt(e.value, -8192, 8191) || !isInt(e.channel, 0, 15)) return false;
  return true;
}

export function checkClip(c: Clip, path: Path): void {
  if (typeof c === "object" && c !== null && plainlyValid(c)) return;
  str(c.name, [...path, "name"], "Clip name", 1000);
  beat(c.start, [...path, "start"], "Clip start");
  positive(c.length, [...path, "length"], "Clip length");
  if (c.kind === "audio") {
    str(c.file, [...path, "file"], "Audio file path", 4096);
    if (c.file.length === 0) throw new PulseError("InvalidValue", "Audio file path must not be empty.", [...path, "file"]);
    num(c.sourceOffset, [...path, "sourceOffset"], "Source offset (seconds)", 0, 1e7);
    gainDb(c.gainDb, [...path, "gainDb"], "Clip gain (dB)");
    fade(c.fadeIn, [...path, "fadeIn"], "Fade-in");
    fade(c.fadeOut, [...path, "fadeOut"], "Fade-out");
    if (c.fadeIn.beats + c.fadeOut.beats > c.length)
      throw new PulseError("OutOfRange", "Fade-in and fade-out together must not be longer than the clip.", [...path, "fadeOut", "beats"]);
    if (c.loopSeconds !== null) positive(c.loopSeconds, [...path, "loopSeconds"], "Loop length (seconds)");
    return;
  }
  if (c.kind !== "midi") throw new PulseError("InvalidValue", `Clip kind must be "audio" or "midi".`, [...path, "kind"]);
  if (c.loopBeats !== null) positive(c.loopBeats, [...path, "loopBeats"], "Loop length (beats)");
  list(c.notes, [...path, "notes"], "Notes").forEach((n, i) => {
    const p = [...path, "notes", i];
    const note = n as Clip & Record<string, unknown>;
    num(note.beat, [...p, "beat"], "Note position", 0, 1e6);
    positive(note.length, [...p, "length"], "Note length");
    int(note.pitch, [...p, "pitch"], "Note pitch", 0, 127);
    int(note.velocity, [...p, "velocity"], "Note velocity", 1, 127);
    int(note.channel, [...p, "channel"], "MIDI channel", 0, 15);
  });
  list(c.cc, [...path, "cc"], "Controller events").forEach((e, i) => {
    const p = [...path, "cc", i];
    const x = e as Record<string, unknown>;
    num(x.beat, [...p, "beat"], "Controller position", 0, 1e6);
    int(x.controller, [...p, "controller"], "Controller number", 0, 127);
    int(x.value, [...p, "value"], "Controller value", 0, 127);
    int(x.channel, [...p, "channel"], "MIDI channel", 0, 15);
  });
  list(c.pitchBend, [...path, "pitchBend"], "Pitch-bend events").forEach((e, i) => {
    const p = [...path, "pitchBend", i];
    const x = e as Record<string, unknown>;
    num(x.beat, [...p, "beat"], "Pitch-bend position", 0, 1e6);
    int(x.value, [...p, "value"], "Pitch-bend value", -8192, 8191);
    int(x.channel, [...p, "channel"], "MIDI channel", 0, 15);
  });
}

/** The value range of an automation target, in the model's own units. */
export function targetRange(t: AutomationTarget): [number, number] {
  if (t.kind === "strip") return t.param === "gain" ? [MIN_GAIN_DB, MAX_GAIN_DB] : t.param === "pan" ? [-1, 1] : [0, 1];
  if (t.kind === "send") return [MIN_GAIN_DB, MAX_GAIN_DB];
  return [0, 1];
}

export function checkPoints(points: unknown, target: AutomationTarget, path: Path): Breakpoint[] {
  const [lo, hi] = targetRange(target);
  let last = -1;
  return list(points, path, "Automation points", 1_000_000).map((p, i) => {
    const at = [...path, i];
    if (typeof p !== "object" || p === null) throw new PulseError("InvalidValue", "An automation point must be { beat, value, shape, tension }.", at);
    const x = p as Breakpoint;
    beat(x.beat, [...at, "beat"], "Point position");
    if (x.beat <= last) throw new PulseError("InvalidValue", "Automation points must be sorted by beat, without two at the same beat.", [...at, "beat"]);
    last = x.beat;
    num(x.value, [...at, "value"], "Point value", lo, hi);
    oneOf(x.shape, CURVE_SHAPES, [...at, "shape"], "Curve shape");
    num(x.tension, [...at, "tension"], "Tension", -1, 1);
    return { beat: x.beat, value: x.value, shape: x.shape, tension: x.tension };
  });
}

export function checkTempoMap(map: TempoMap, path: Path): void {
  const tempos = list(map.tempos, [...path, "tempos"], "Tempo changes", 100_000);
  if (tempos.length === 0) throw new PulseError("InvalidValue", "The tempo map needs at least one tempo.", [...path, "tempos"]);
  let last = -1;
  map.tempos.forEach((t, i) => {
    const p = [...path, "tempos", i];
    beat(t.beat, [...p, "beat"], "Tempo position");
    if (i === 0 && t.beat !== 0) throw new PulseError("InvalidValue", "The first tempo must start at beat 0.", [...p, "beat"]);
    if (t.beat <= last) throw new PulseError("InvalidValue", "Tempo changes must be sorted by beat, one per beat.", [...p, "beat"]);
    last = t.beat;
    num(t.bpm, [...p, "bpm"], "Tempo (bpm)", MIN_BPM, MAX_BPM);
  });
  const meters = list(map.meters, [...path, "meters"], "Metre changes", 100_000);
  if (meters.length === 0) throw new PulseError("InvalidValue", "The tempo map needs at least one time signature.", [...path, "meters"]);
  last = -1;
  map.meters.forEach((m, i) => {
    const p = [...path, "meters", i];
    beat(m.beat, [...p, "beat"], "Time signature position");
    if (i === 0 && m.beat !== 0) throw new PulseError("InvalidValue", "The first time signature must start at beat 0.", [...p, "beat"]);
    if (m.beat <= last) throw new PulseError("InvalidValue", "Time signatures must be sorted by beat, one per beat.", [...p, "beat"]);
    last = m.beat;
    int(m.numerator, [...p, "numerator"], "Beats per bar", 1, 64);
    const d = int(m.denominator, [...p, "denominator"], "Beat unit", 1, 64);
    if ((d & (d - 1)) !== 0) throw new PulseError("InvalidValue", "Beat unit must be a power of two (1, 2, 4, 8, 16, 32, 64).", [...p, "denominator"]);
  });
}
