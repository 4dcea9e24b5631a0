// tempo, markers, loop range and metadata.
import { castDraft } from "immer";
import { checkTempoMap } from "../../validate/entities";
import type { TempoMap } from "../../model/tempo";
import { beat, bool, str } from "../values";
import { fail, idOrDefault, nextNum, own, type DraftProject, type OpContext } from "../context";
import type { OperationOf } from "../types";

export function setTempo(draft: DraftProject, op: OperationOf<"tempo.set">, ctx: OpContext): void {
  const map: TempoMap = {
    tempos: (op.tempos ?? []).map((t) => ({ beat: t.beat, bpm: t.bpm })),
    meters: (op.meters ?? (draft.tempo.meters as TempoMap["meters"])).map((m) => ({ beat: m.beat, numerator: m.numerator, denominator: m.denominator })),
  };
  checkTempoMap(map, ctx.path);
  draft.tempo = castDraft(map);
}

export function addMarker(draft: DraftProject, op: OperationOf<"marker.add">, ctx: OpContext): void {
  const name = str(op.name, [...ctx.path, "name"], "Marker name", 1000);
  const at = beat(op.beat, [...ctx.path, "beat"], "Marker position");
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.id, "marker", num, ctx);
  if (own(draft.markers, id)) fail(ctx, "DuplicateId", `A marker "${id}" already exists.`, "id");
  draft.markers[id] = { id, num, name, beat: at };
}

export function removeMarker(draft: DraftProject, op: OperationOf<"marker.remove">, ctx: OpContext): void {
  if (!own(draft.markers, op.marker)) fail(ctx, "NotFound", `There is no marker "${String(op.marker)}".`, "marker");
  delete draft.markers[op.marker];
}

export function setMarker(draft: DraftProject, op: OperationOf<"marker.set">, ctx: OpContext): void {
  const m = own(draft.markers, op.marker);
  if (!m) fail(ctx, "NotFound", `There is no marker "${String(op.marker)}".`, "marker");
  if (op.name !== undefined) m.name = str(op.name, [...ctx.path, "name"], "Marker name", 1000);
  if (op.beat !== undefined) m.beat = beat(op.beat, [...ctx.path, "beat"], "Marker position");
}

export function setLoop(draft: DraftProject, op: OperationOf<"loop.set">, ctx: OpContext): void {
  if (op.loop === null) { draft.loop = null; return; }
  if (typeof op.loop !== "object") fail(ctx, "InvalidValue", "The loop must be { start, end, enabled } or null.", "loop");
  const start = beat(op.loop.start, [...ctx.path, "loop", "start"], "Loop start");
  const end = beat(op.loop.end, [...ctx.path, "loop", "end"], "Loop end");
  if (end <= start) fail(ctx, "OutOfRange", "The loop must end after it starts.", "loop", "end");
  draft.loop = { start, end, enabled: bool(op.loop.enabled, [...ctx.path, "loop", "enabled"], "Loop enabled") };
}

export function setMeta(draft: DraftProject, op: OperationOf<"meta.set">, ctx: OpContext): void {
  if (op.title !== undefined) draft.meta.title = str(op.title, [...ctx.path, "title"], "Title", 1000);
  if (op.artist !== undefined) draft.meta.artist = str(op.artist, [...ctx.path, "artist"], "Artist", 1000);
  if (op.notes !== undefined) draft.meta.notes = str(op.notes, [...ctx.path, "notes"], "Notes", 1_000_000);
}
