// track.* operations: structure (add, remove, move) and the mixer strip.
import { castDraft } from "immer";
import { createTrack } from "../../model/create";
import { MASTER_ID, type TrackId } from "../../model/ids";
import { USER_TRACK_KINDS } from "../../model/track";
import { gainDb, pan } from "../../validate/entities";
import { bool, oneOf, str } from "../values";
import { fail, idOrDefault, indexIn, nextNum, trackOf, type DraftProject, type OpContext } from "../context";
import type { OperationOf } from "../types";

function siblings(draft: DraftProject, parent: TrackId | null): TrackId[] {
  if (parent === null) return draft.order as TrackId[];
  return draft.tracks.get(parent)!.children as TrackId[];
}

function checkParent(draft: DraftProject, parent: unknown, ctx: OpContext): TrackId | null {
  if (parent === undefined || parent === null) return null;
  const p = trackOf(draft, parent, ctx, "parent");
  if (p.kind !== "folder") fail(ctx, "InvalidOperation", `Track "${p.name}" is not a folder, so it cannot hold tracks.`, "parent");
  return p.id;
}

export function addTrack(draft: DraftProject, op: OperationOf<"track.add">, ctx: OpContext): void {
  const kind = oneOf(op.kind, USER_TRACK_KINDS, [...ctx.path, "kind"], "Track kind");
  const parent = checkParent(draft, op.parent, ctx);
  const list = siblings(draft, parent);
  const index = indexIn(list.length, op.index, ctx);
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.id, "track", num, ctx);
  if (draft.tracks.has(id)) fail(ctx, "DuplicateId", `A track with id "${id}" already exists.`, "id");
  const name = op.name === undefined ? `${kind[0]!.toUpperCase()}${kind.slice(1)} ${num - 1}` : str(op.name, [...ctx.path, "name"], "Track name", 1000);
  const track = castDraft({ ...createTrack(id, num, kind, name), parent });
  if (kind === "folder" && op.hasStrip !== undefined) track.hasStrip = bool(op.hasStrip, [...ctx.path, "hasStrip"], "hasStrip");
  draft.tracks.set(id, track);
  list.splice(index, 0, id);
}

export function removeTrack(draft: DraftProject, op: OperationOf<"track.remove">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (t.id === MASTER_ID) fail(ctx, "InvalidOperation", "The master cannot be removed.", "track");
  const list = siblings(draft, t.parent);
  list.splice(list.indexOf(t.id), 1);
  const drop = (id: TrackId): void => {
    const x = draft.tracks.get(id);
    if (!x) return;
    for (const c of x.children) drop(c);
    draft.tracks.delete(id);
  };
  drop(t.id);
}

export function moveTrack(draft: DraftProject, op: OperationOf<"track.move">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (t.id === MASTER_ID) fail(ctx, "InvalidOperation", "The master has no place in the track list.", "track");
  const parent = checkParent(draft, op.parent, ctx);
  for (let p = parent; p !== null; p = draft.tracks.get(p)!.parent)
    if (p === t.id) fail(ctx, "InvalidOperation", "A folder cannot be moved into itself or one of its subfolders.", "parent");
  const from = siblings(draft, t.parent);
  from.splice(from.indexOf(t.id), 1);
  const to = siblings(draft, parent);
  const index = indexIn(to.length, op.index, ctx);
  to.splice(index, 0, t.id);
  t.parent = parent;
}

export function setTrackField(draft: DraftProject, op: OperationOf<
  | "track.rename" | "track.setGain" | "track.setPan" | "track.setMute" | "track.setSolo"
  | "track.setSoloSafe" | "track.setPolarity" | "track.setOutput" | "track.setFolderStrip">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const at = (f: string) => [...ctx.path, f];
  switch (op.op) {
    case "track.rename": t.name = str(op.name, at("name"), "Track name", 1000); return;
    case "track.setGain": t.gainDb = gainDb(op.gainDb, at("gainDb")); return;
    case "track.setPan": t.pan = pan(op.pan, at("pan")); return;
    case "track.setMute": t.mute = bool(op.mute, at("mute"), "Mute"); return;
    case "track.setSolo":
      if (t.kind === "master") fail(ctx, "InvalidOperation", "The master cannot be soloed.", "track");
      t.solo = bool(op.solo, at("solo"), "Solo"); return;
    case "track.setSoloSafe": t.soloSafe = bool(op.soloSafe, at("soloSafe"), "Solo safe"); return;
    case "track.setPolarity": t.polarityInvert = bool(op.invert, at("invert"), "Polarity invert"); return;
    case "track.setFolderStrip":
      if (t.kind !== "folder") fail(ctx, "InvalidOperation", `Track "${t.name}" is not a folder.`, "track");
      t.hasStrip = bool(op.hasStrip, at("hasStrip"), "hasStrip"); return;
    case "track.setOutput": {
      if (t.kind === "master") fail(ctx, "InvalidOperation", "The master always goes to the audio device.", "track");
      if (op.output === null) { t.output = null; return; }
      const dest = trackOf(draft, op.output, ctx, "output");
      if (!(dest.kind === "bus" || dest.kind === "master" || (dest.kind === "folder" && dest.hasStrip)))
        fail(ctx, "InvalidOperation", `Track "${dest.name}" is not a bus, a folder with a strip or the master, so it cannot take an output.`, "output");
      t.output = dest.id;
    }
  }
}
