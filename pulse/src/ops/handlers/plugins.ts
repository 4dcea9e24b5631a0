// plugin.* operations: the insert chain.
import { BUILTIN_KINDS, ISOLATION_MODES, PLUGIN_FORMATS, type BuiltInKind } from "../../model/plugin";
import { base64, bool, oneOf, str } from "../values";
import { fail, idOrDefault, indexIn, nextNum, trackOf, type DraftProject, type DraftTrack, type OpContext } from "../context";
import type { OperationOf } from "../types";

function pluginIndex(t: DraftTrack, id: unknown, ctx: OpContext): number {
  const i = t.plugins.findIndex((p) => p.id === id);
  if (i < 0) fail(ctx, "NotFound", `Track "${t.name}" has no plugin "${String(id)}".`, "plugin");
  return i;
}

function sidechain(draft: DraftProject, v: unknown, ctx: OpContext): string | null {
  if (v === undefined || v === null) return null;
  const src = trackOf(draft, v, ctx, "sidechainFrom");
  if (src.kind === "folder" && !src.hasStrip) fail(ctx, "InvalidOperation", "A folder without a strip has no audio to feed a sidechain.", "sidechainFrom");
  return src.id;
}

export function insertPlugin(draft: DraftProject, op: OperationOf<"plugin.insert">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  if (t.kind === "folder" && !t.hasStrip) fail(ctx, "InvalidOperation", "A folder without a strip has no insert chain.", "track");
  const at = (f: string) => [...ctx.path, f];
  const format = oneOf(op.format, PLUGIN_FORMATS, at("format"), "Plugin format");
  let builtin: BuiltInKind | null = null;
  let uid = "";
  if (format === "BuiltIn") builtin = oneOf(op.builtin, BUILTIN_KINDS, at("builtin"), "Built-in processor");
  else {
    uid = str(op.uid, at("uid"), "Plugin uid", 1000);
    if (uid.length === 0) fail(ctx, "InvalidValue", "Plugin uid must not be empty.", "uid");
    if (ctx.env.hasPlugin && !ctx.env.hasPlugin(format, uid))
      fail(ctx, "MissingPlugin", `The ${format} plugin "${uid}" is not in the plugin catalogue.`, "uid");
  }
  const index = indexIn(t.plugins.length, op.index, ctx);
  const num = nextNum(draft, ctx);
  const id = idOrDefault(op.id, "plugin", num, ctx);
  if (t.plugins.some((p) => p.id === id)) fail(ctx, "DuplicateId", `Track "${t.name}" already has a plugin "${id}".`, "id");
  t.plugins.splice(index, 0, {
    id, num, format, uid, builtin,
    name: op.name === undefined ? (builtin ?? uid) : str(op.name, at("name"), "Plugin name", 1000),
    state: op.state === undefined ? "" : base64(op.state, at("state"), "Plugin state"),
    bypass: op.bypass === undefined ? false : bool(op.bypass, at("bypass"), "Bypass"),
    isolation: op.isolation === undefined ? "Default" : oneOf(op.isolation, ISOLATION_MODES, at("isolation"), "Isolation mode"),
    sidechainFrom: sidechain(draft, op.sidechainFrom, ctx),
  });
}

export function removePlugin(draft: DraftProject, op: OperationOf<"plugin.remove">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  t.plugins.splice(pluginIndex(t, op.plugin, ctx), 1);
  // Lanes automating this plugin go with it.
  for (const [laneId, lane] of Object.entries(t.automation))
    if (lane.target.kind === "plugin" && lane.target.plugin === op.plugin) delete t.automation[laneId];
}

export function movePlugin(draft: DraftProject, op: OperationOf<"plugin.move">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const from = pluginIndex(t, op.plugin, ctx);
  const [p] = t.plugins.splice(from, 1);
  t.plugins.splice(indexIn(t.plugins.length, op.index, ctx), 0, p!);
}

export function setPlugin(draft: DraftProject, op: OperationOf<"plugin.set">, ctx: OpContext): void {
  const t = trackOf(draft, op.track, ctx);
  const p = t.plugins[pluginIndex(t, op.plugin, ctx)]!;
  const at = (f: string) => [...ctx.path, f];
  if (op.bypass !== undefined) p.bypass = bool(op.bypass, at("bypass"), "Bypass");
  if (op.isolation !== undefined) p.isolation = oneOf(op.isolation, ISOLATION_MODES, at("isolation"), "Isolation mode");
  if (op.state !== undefined) p.state = base64(op.state, at("state"), "Plugin state");
  if (op.name !== undefined) p.name = str(op.name, at("name"), "Plugin name", 1000);
  if (op.sidechainFrom !== undefined) p.sidechainFrom = sidechain(draft, op.sidechainFrom, ctx);
}
