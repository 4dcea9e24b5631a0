// clip.* operations. Audio clips live on audio tracks, MIDI clips on instrument tracks.
import { castDraft, current, isDraft } from "immer";
import type { AudioClip, Clip, MidiClip } from "../../model/clip";
import type { TempoMap } from "../../model/tempo";
import { tempoIndex } from "../../time/tempo-index";
import { checkClip } from "../../validate/entities";
import { beat } from "../values";
import { fail, idOrDefault, nextNum, own, trackOf, type DraftProject, type DraftTrack, type OpContext } from "../context";
import type { OperationOf } from "../types";

function clipOf(t: DraftTrack, id: unknown, ctx: OpContext): Clip {
  const c = own(t.clips, id);
  if (!c) fail(ctx, "NotFound", `Track "${t.name}" has no clip "${String(id)}".`, "clip");
  return c as unknown as Clip;
}

function requireHome(t: DraftTrack, kind: Clip["kind"], ctx: OpContext, field: string): void {
  const want = kind === "audio" ? "audio" : "instrument";
  if (t.kind !== want) fail(ctx, "InvalidOperation", `A${kind === "audio" ? "n audio" : " MIDI"} clip needs ${want === "audio" ? "an audio" : "an instrument"} track; "${t.name}" is a ${t.kind} track.`, field);
}

/** A snapshot of a possibly drafted value, safe to spread and keep. */
function plain<T>(x: T): T {
  return isDraft(x) ? (current(x as never) as T) : x;
}

function tempoOf(draft: DraftProject): TempoMap {
  return plain(draft.tempo as TempoMap);
}

function store(t: DraftTrack, clip: Clip, ctx: OpContext, field: string): void {
  checkClip(clip, [...ctx.path, field]);
  t.clips[clip.id] = castDraft(clip);
}

function checkFile(clip: Clip, ctx: OpContext, field: string): void {
  if (clip.kind !== "audio") return;
  if (ctx.env.media) {
    const verdict = ctx.env.media.check(clip.file);
    if (!verdict.ok) fail(ctx, verdict.error.code, verdict.error.message, field, "file");
    return;
  }
  if (ctx.env.fileExists && !ctx.env.fileExists(clip.file))
    fail(ctx, "MissingFile", `The audio file "${clip.file}" does not exist.`, field, "file");
}

export function addClip(draft: DraftProject, op: OperationOf<"clip.add">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  // A copy: the project is frozen on commit, and the caller's own objects must stay theirs.
  const init = typeof op.clip === "object" && op.clip !== null ? structuredClone(op.clip) : op.clip;
  if (typeof init !== "object" || init === null || (init.kind !== "audio" && init.kind !== "midi"))
    fail(ctx, "InvalidValue", `"clip" must be an audio or MIDI clip description.`, "clip");
  requireHome(t, init.kind, ctx, "clip");
  const num = nextNum(draft, ctx);
  const id = idOrDefault(init.id, "clip", num, ctx, "clip");
  if (own(t.clips, id)) fail(ctx, "DuplicateId", `Track "${t.name}" already has a clip "${id}".`, "clip", "id");
  const base = { id, num, name: init.name ?? "", start: init.start, length: init.length };
  const clip: Clip = init.kind === "audio"
    ? { ...base, kind: "audio", file: init.file, sourceOffset: init.sourceOffset ?? 0, gainDb: init.gainDb ?? 0,
        fadeIn: init.fadeIn ?? { beats: 0, shape: "Linear" }, fadeOut: init.fadeOut ?? { beats: 0, shape: "Linear" },
        loopSeconds: init.loopSeconds ?? null }
    : { ...base, kind: "midi", notes: init.notes ?? [], cc: init.cc ?? [], pitchBend: init.pitchBend ?? [],
        loopBeats: init.loopBeats ?? null };
  store(t, clip, ctx, "clip");
  checkFile(clip, ctx, "clip");
}

export function removeClip(draft: DraftProject, op: OperationOf<"clip.remove">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  delete t.clips[clipOf(t, op.clip, ctx).id];
}

export function moveClip(draft: DraftProject, op: OperationOf<"clip.move">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const c = clipOf(t, op.clip, ctx);
  const start = beat(op.start, [...ctx.path, "start"], "Clip start");
  if (op.toTrack === undefined || op.toTrack === t.id) {
    (t.clips[c.id] as { start: number }).start = start;
    return;
  }
  const dest = trackOf(draft, op.toTrack, ctx, "toTrack");
  requireHome(dest, c.kind, ctx, "toTrack");
  if (own(dest.clips, c.id)) fail(ctx, "DuplicateId", `Track "${dest.name}" already has a clip "${c.id}".`, "toTrack");
  const moved = { ...plain(c), start };
  delete t.clips[c.id];
  dest.clips[c.id] = castDraft(moved as Clip);
}

/** Seconds of source audio between two beats, for keeping audio in place when a clip's start moves. */
function sourceSeconds(draft: DraftProject, from: number, to: number): number {
  const idx = tempoIndex(tempoOf(draft));
  return idx.seconds(to) - idx.seconds(from);
}

function shiftMidi(c: MidiClip, by: number, keepFrom: number, keepTo: number): Pick<MidiClip, "notes" | "cc" | "pitchBend"> {
  const inside = <T extends { beat: number }>(e: T) => e.beat >= keepFrom && e.beat < keepTo;
  const shift = <T extends { beat: number }>(e: T): T => ({ ...e, beat: e.beat - by });
  return { notes: c.notes.filter(inside).map(shift), cc: c.cc.filter(inside).map(shift), pitchBend: c.pitchBend.filter(inside).map(shift) };
}

export function trimClip(draft: DraftProject, op: OperationOf<"clip.trim">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const c = plain(clipOf(t, op.clip, ctx));
  const start = op.start === undefined ? c.start : beat(op.start, [...ctx.path, "start"], "New clip start");
  const end = op.end === undefined ? c.start + c.length : beat(op.end, [...ctx.path, "end"], "New clip end");
  if (end <= start) fail(ctx, "OutOfRange", "A trimmed clip must end after it starts.", op.end === undefined ? "start" : "end");
  const delta = start - c.start;
  let next: Clip;
  if (c.kind === "audio") {
    const offset = c.sourceOffset + sourceSeconds(draft, c.start, start);
    if (offset < 0) fail(ctx, "OutOfRange", "The clip cannot start before the beginning of its audio file.", "start");
    next = { ...c, start, length: end - start, sourceOffset: offset };
  } else {
    // Content keeps its timeline position: shift it against the new start; a later start drops
    // what now lies before the clip.
    next = { ...c, start, length: end - start, ...shiftMidi(c, delta, delta > 0 ? delta : -Infinity, Infinity) };
  }
  store(t, next, ctx, "clip");
}

export function splitClip(draft: DraftProject, op: OperationOf<"clip.split">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const c0 = clipOf(t, op.clip, ctx);
  const c = plain(c0);
  const at = beat(op.at, [...ctx.path, "at"], "Split position");
  if (at <= c.start || at >= c.start + c.length) fail(ctx, "OutOfRange", "The split position must fall inside the clip.", "at");
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.newId, "clip", num, ctx, "newId");
  if (own(t.clips, id)) fail(ctx, "DuplicateId", `Track "${t.name}" already has a clip "${id}".`, "newId");
  const leftLen = at - c.start;
  let left: Clip;
  let right: Clip;
  if (c.kind === "audio") {
    const noFade = { beats: 0, shape: "Linear" } as const;
    const fadeIn = { ...c.fadeIn, beats: Math.min(c.fadeIn.beats, leftLen) };
    const fadeOut = { ...c.fadeOut, beats: Math.min(c.fadeOut.beats, c.length - leftLen) };
    left = { ...c, length: leftLen, fadeIn, fadeOut: noFade } satisfies AudioClip;
    right = { ...c, id, num, start: at, length: c.length - leftLen, fadeIn: noFade, fadeOut,
      sourceOffset: c.sourceOffset + sourceSeconds(draft, c.start, at) } satisfies AudioClip;
  } else {
    left = { ...c, length: leftLen, ...shiftMidi(c, 0, -Infinity, leftLen) };
    right = { ...c, id, num, start: at, length: c.length - leftLen, ...shiftMidi(c, leftLen, leftLen, Infinity) };
  }
  store(t, left, ctx, "clip");
  store(t, right, ctx, "clip");
}

export function setClip(draft: DraftProject, op: OperationOf<"clip.set">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const c0 = clipOf(t, op.clip, ctx);
  const c = plain(c0);
  const { op: _o, track: _t, clip: _c, ...given } = op;
  const fields = structuredClone(given); // the project is frozen on commit; the caller's objects stay theirs
  const audioOnly = ["gainDb", "fadeIn", "fadeOut", "file", "sourceOffset", "loopSeconds"];
  const midiOnly = ["notes", "cc", "pitchBend", "loopBeats"];
  for (const k of Object.keys(fields)) {
    const wrong = c.kind === "audio" ? midiOnly : audioOnly;
    if (wrong.includes(k)) fail(ctx, "InvalidOperation", `"${k}" does not apply to ${c.kind === "audio" ? "an audio" : "a MIDI"} clip.`, k);
    if (![...audioOnly, ...midiOnly, "name"].includes(k)) fail(ctx, "InvalidValue", `Unknown clip field "${k}".`, k);
  }
  const next = { ...c, ...fields } as Clip;
  store(t, next, ctx, "clip");
  if (fields.file !== undefined) checkFile(next, ctx, "clip");
}
