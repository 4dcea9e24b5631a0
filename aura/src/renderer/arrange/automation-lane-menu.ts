// The menu behind a track header's "A" button: every parameter the track can show an automation
// lane for that it does not show yet — volume, pan, and each plugin's automatable parameters as
// the plugin scan named them.
import type { Edit, TrackView } from "../../channels";
import { h } from "../dom/element";

export interface LaneChoice {
  label: string;
  edit: Edit;
}

export function laneChoices(track: TrackView): LaneChoice[] {
  const shown = new Set(track.automation.map((l) => l.parameter));
  const choices: LaneChoice[] = [];
  if (!shown.has("gain")) choices.push({ label: "Volume", edit: { type: "addAutomationLane", trackId: track.id, param: "gain" } });
  if (!shown.has("pan")) choices.push({ label: "Pan", edit: { type: "addAutomationLane", trackId: track.id, param: "pan" } });
  for (const plugin of track.plugins)
    for (const p of plugin.parameters) {
      const label = `${plugin.name}: ${p.name}`;
      if (!shown.has(label)) choices.push({ label, edit: { type: "addPluginAutomationLane", trackId: track.id, pluginId: plugin.id, parameter: p.index } });
    }
  return choices;
}

/** A list that picks one choice and goes away (on a pick, Escape or losing focus). */
export function laneMenu(track: TrackView, pick: (edit: Edit) => void): HTMLSelectElement | null {
  const choices = laneChoices(track);
  if (choices.length === 0) return null;
  const menu = h("select", { class: "lane-menu", size: Math.min(12, choices.length + 1), "data-testid": "lane-menu" },
    h("option", { value: "", disabled: true }, "Show automation for…"),
    ...choices.map((c, i) => h("option", { value: String(i) }, c.label)));
  // Removing a focused element fires blur, which closes again: the second close must do nothing.
  let open = true;
  const close = () => { if (open) { open = false; menu.remove(); } };
  menu.addEventListener("change", () => { const c = choices[Number(menu.value)]; close(); if (c) pick(c.edit); });
  menu.addEventListener("keydown", (e) => { e.stopPropagation(); if (e.key === "Escape") close(); });
  menu.addEventListener("blur", close);
  menu.addEventListener("pointerdown", (e) => e.stopPropagation());
  return menu;
}
