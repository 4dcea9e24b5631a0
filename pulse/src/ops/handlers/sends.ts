// send.* operations.
import { gainDb } from "../../validate/entities";
import { bool } from "../values";
import { fail, idOrDefault, nextNum, trackOf, type DraftProject, type DraftTrack, type OpContext } from "../context";
import type { OperationOf } from "../types";

function destination(draft: DraftProject, id: unknown, ctx: OpContext): string {
  const dest = trackOf(draft, id, ctx, "target");
  if (!(dest.kind === "bus" || dest.kind === "master" || (dest.kind === "folder" && dest.hasStrip)))
    fail(ctx, "InvalidOperation", `Track "${dest.name}" is not a bus, a folder with a strip or the master, so it cannot receive a send.`, "target");
  return dest.id;
}

function sendIndex(t: DraftTrack, id: unknown, ctx: OpContext): number {
  const i = t.sends.findIndex((s) => s.id === id);
  if (i < 0) fail(ctx, "NotFound", `Track "${t.name}" has no send "${String(id)}".`, "send");
  return i;
}

export function addSend(draft: DraftProject, op: OperationOf<"send.add">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (t.kind === "master") fail(ctx, "InvalidOperation", "The master has no sends.", "track");
  if (t.kind === "folder" && !t.hasStrip) fail(ctx, "InvalidOperation", "A folder without a strip has no audio to send.", "track");
  const target = destination(draft, op.target, ctx);
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.id, "send", num, ctx);
  if (t.sends.some((s) => s.id === id)) fail(ctx, "DuplicateId", `Track "${t.name}" already has a send "${id}".`, "id");
  t.sends.push({
    id, num, target,
    gainDb: op.gainDb === undefined ? 0 : gainDb(op.gainDb, [...ctx.path, "gainDb"], "Send gain (dB)"),
    preFader: op.preFader === undefined ? false : bool(op.preFader, [...ctx.path, "preFader"], "Pre-fader"),
  });
}

export function removeSend(draft: DraftProject, op: OperationOf<"send.remove">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const i = sendIndex(t, op.send, ctx);
  t.sends.splice(i, 1);
  // Lanes automating this send go with it.
  for (const [laneId, lane] of Object.entries(t.automation))
    if (lane.target.kind === "send" && lane.target.send === op.send) delete t.automation[laneId];
}

export function setSend(draft: DraftProject, op: OperationOf<"send.set">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const s = t.sends[sendIndex(t, op.send, ctx)]!;
  if (op.target !== undefined) s.target = destination(draft, op.target, ctx);
  if (op.gainDb !== undefined) s.gainDb = gainDb(op.gainDb, [...ctx.path, "gainDb"], "Send gain (dB)");
  if (op.preFader !== undefined) s.preFader = bool(op.preFader, [...ctx.path, "preFader"], "Pre-fader");
}
