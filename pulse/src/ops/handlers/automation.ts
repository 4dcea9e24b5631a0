// automation.* operations. A lane's target must exist on the same track.
import type { AutomationTarget } from "../../model/automation";
import { checkPoints } from "../../validate/entities";
import { int, oneOf } from "../values";
import { fail, idOrDefault, nextNum, own, trackOf, type DraftProject, type DraftTrack, type OpContext } from "../context";
import type { OperationOf } from "../types";

function checkTarget(t: DraftTrack, target: unknown, ctx: OpContext): AutomationTarget {
  const at = [...ctx.path, "target"];
  if (typeof target !== "object" || target === null) fail(ctx, "InvalidValue", "An automation target must be an object.", "target");
  const x = target as AutomationTarget;
  switch (x.kind) {
    case "strip":
      return { kind: "strip", param: oneOf(x.param, ["gain", "pan", "mute"] as const, [...at, "param"], "Strip parameter") };
    case "send":
      if (!t.sends.some((s) => s.id === x.send)) fail(ctx, "NotFound", `Track "${t.name}" has no send "${String(x.send)}".`, "target", "send");
      return { kind: "send", send: x.send };
    case "plugin":
      if (!t.plugins.some((p) => p.id === x.plugin)) fail(ctx, "NotFound", `Track "${t.name}" has no plugin "${String(x.plugin)}".`, "target", "plugin");
      return { kind: "plugin", plugin: x.plugin, param: int(x.param, [...at, "param"], "Plugin parameter index", 0, 0xffff_ffff) };
    default:
      fail(ctx, "InvalidValue", `Automation target kind must be "strip", "send" or "plugin".`, "target", "kind");
  }
}

const sameTarget = (a: AutomationTarget, b: AutomationTarget): boolean => JSON.stringify(a) === JSON.stringify(b);

export function addLane(draft: DraftProject, op: OperationOf<"automation.addLane">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (t.kind === "folder" && !t.hasStrip) fail(ctx, "InvalidOperation", "A folder without a strip has nothing to automate.", "track");
  const target = checkTarget(t, op.target, ctx);
  if (Object.values(t.automation).some((l) => sameTarget(l.target as AutomationTarget, target)))
    fail(ctx, "DuplicateId", "This parameter already has an automation lane.", "target");
  const points = checkPoints(op.points ?? [], target, [...ctx.path, "points"]);
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.id, "lane", num, ctx);
  if (own(t.automation, id)) fail(ctx, "DuplicateId", `Track "${t.name}" already has a lane "${id}".`, "id");
  t.automation[id] = { id, target, points };
}

export function removeLane(draft: DraftProject, op: OperationOf<"automation.removeLane">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (!own(t.automation, op.lane)) fail(ctx, "NotFound", `Track "${t.name}" has no lane "${String(op.lane)}".`, "lane");
  delete t.automation[op.lane];
}

export function setPoints(draft: DraftProject, op: OperationOf<"automation.setPoints">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const lane = own(t.automation, op.lane);
  if (!lane) fail(ctx, "NotFound", `Track "${t.name}" has no lane "${String(op.lane)}".`, "lane");
  lane.points = checkPoints(op.points, lane.target as AutomationTarget, [...ctx.path, "points"]);
}
