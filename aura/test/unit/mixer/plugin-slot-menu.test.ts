// A plugin slot's menu: editor, bypass, where the plugin runs (current place marked, not pickable),
// remove; built-ins run in the engine and get no places to choose.
import { describe, expect, it } from "vitest";
import type { PluginSlotView, TrackView } from "../../../src/channels";
import { slotChoices } from "../../../src/renderer/mixer/plugin-slot-menu";

const plugin = (over: Partial<PluginSlotView> = {}): PluginSlotView => ({
  id: "p1", engineId: 7, name: "ZamComp", uid: "clap:zamcomp", bypass: false, parameters: [], isolation: "SharedSandbox", builtin: false, ...over,
});
const track = { id: "t1" } as TrackView;

describe("plugin slot menu", () => {
  it("offers every place to run a plugin, the current one marked, and edits that move it", () => {
    const choices = slotChoices(track, plugin());
    expect(choices.map((c) => c.label)).toEqual([
      "Open editor", "Bypass", "Run where the global setting says", "Run inside the engine (no isolation)",
      "Run in the shared sandbox", "Run in its vendor's process", "Run in its own process", "Remove",
    ]);
    expect(choices.filter((c) => c.current).map((c) => c.label)).toEqual(["Run in the shared sandbox"]);
    expect(choices.find((c) => c.label === "Run in its own process")!.value).toEqual({
      kind: "edit", edit: { type: "setPluginIsolation", trackId: "t1", pluginId: "p1", isolation: "PerPlugin" },
    });
  });

  it("turns a bypassed plugin on, and gives built-ins no places", () => {
    const choices = slotChoices(track, plugin({ bypass: true, builtin: true, isolation: "Default" }));
    expect(choices.map((c) => c.label)).toEqual(["Open editor", "Turn on", "Remove"]);
    expect(choices[1]!.value).toEqual({ kind: "edit", edit: { type: "setPluginBypass", trackId: "t1", pluginId: "p1", bypass: false } });
  });
});
