// The menu behind a track header's "A" button: every parameter the track can show an automation
// lane for that it does not show yet — volume, pan, and each plugin's automatable parameters as
// the plugin scan named them.
import type { Edit, TrackView } from "../../channels";
import { pickList } from "../dom/pick-list";

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

/** The menu of lanes the track can show (null when it shows them all already). */
export function laneMenu(track: TrackView, pick: (edit: Edit) => void): HTMLSelectElement | null {
  const choices = laneChoices(track);
  if (choices.length === 0) return null;
  return pickList("Show automation for…", choices.map((c) => ({ label: c.label, value: c.edit })), pick, "lane-menu");
}
