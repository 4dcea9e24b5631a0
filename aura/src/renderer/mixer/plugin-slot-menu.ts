// What a plugin slot's menu (right-click) offers: its editor, bypass, where it runs (ADR 0007:
// in the engine, the shared sandbox, a process per vendor or its own; moving it reloads it there
// with its state), and removing it.
import type { Edit, PluginIsolation, PluginSlotView, TrackView } from "../../channels";
import type { Choice } from "../dom/pick-list";

export type SlotAction = { kind: "edit"; edit: Edit } | { kind: "openEditor" };

const PLACES: readonly [PluginIsolation, string][] = [
  ["Default", "Run where the global setting says"],
  ["InEngine", "Run inside the engine (no isolation)"],
  ["SharedSandbox", "Run in the shared sandbox"],
  ["PerVendor", "Run in its vendor's process"],
  ["PerPlugin", "Run in its own process"],
];

export function slotChoices(track: TrackView, plugin: PluginSlotView): Choice<SlotAction>[] {
  const at = { trackId: track.id, pluginId: plugin.id };
  const choices: Choice<SlotAction>[] = [
    { label: "Open editor", value: { kind: "openEditor" } },
    { label: plugin.bypass ? "Turn on" : "Bypass", value: { kind: "edit", edit: { type: "setPluginBypass", ...at, bypass: !plugin.bypass } } },
  ];
  if (!plugin.builtin)
    for (const [isolation, label] of PLACES)
      choices.push({ label, value: { kind: "edit", edit: { type: "setPluginIsolation", ...at, isolation } }, current: plugin.isolation === isolation });
  choices.push({ label: "Remove", value: { kind: "edit", edit: { type: "removePlugin", ...at } } });
  return choices;
}
