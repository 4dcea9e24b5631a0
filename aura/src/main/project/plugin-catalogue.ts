// The plugins the user can insert: Signal's scan results plus the built-in processors, shaped for the
// browser. Pulse's taxonomy (categories, tags, collections, favourites) replaces the plain scan
// category here once @loophole/pulse exports its catalogue.
import { ipc } from "@loophole/contract";
import type { CatalogueView } from "../../channels";

export interface CatalogueEntry {
  uid: string;
  name: string;
  vendor: string;
  format: "VST3" | "LV2" | "CLAP" | "LADSPA" | "AU" | "BuiltIn";
  builtin: "SineSynth" | "Sampler" | null;
  category: string;
  isInstrument: boolean;
}

export const BUILTIN_PLUGINS: CatalogueEntry[] = [
  { uid: "builtin:SineSynth", name: "Sine Synth", vendor: "Loophole", format: "BuiltIn", builtin: "SineSynth", category: "Instrument", isInstrument: true },
  { uid: "builtin:Sampler", name: "Sampler", vendor: "Loophole", format: "BuiltIn", builtin: "Sampler", category: "Instrument", isInstrument: true },
];

export class PluginCatalogueIndex {
  private entries = new Map<string, CatalogueEntry>(BUILTIN_PLUGINS.map((p) => [p.uid, p]));

  /** Replaces the scanned part with a fresh scan; blocked plugins are left out. */
  setScan(descriptions: readonly ipc.PluginDescriptionT[]): void {
    this.entries = new Map(BUILTIN_PLUGINS.map((p) => [p.uid, p]));
    for (const d of descriptions) {
      if (d.blocked || !d.uid) continue;
      const format = ipc.PluginFormat[d.format] as CatalogueEntry["format"] | undefined;
      if (!format || format === ("None" as string)) continue;
      const uid = String(d.uid);
      this.entries.set(uid, {
        uid, name: String(d.name ?? uid), vendor: String(d.vendor ?? ""), format, builtin: null,
        category: String(d.category || (d.isInstrument ? "Instrument" : "Effect")), isInstrument: d.isInstrument,
      });
    }
  }

  get(uid: string): CatalogueEntry | undefined { return this.entries.get(uid); }

  view(): CatalogueView {
    const plugins = [...this.entries.values()].map((p) => ({
      uid: p.uid, name: p.name, vendor: p.vendor, format: p.format, category: p.category,
      tags: [p.format.toLowerCase(), p.isInstrument ? "instrument" : "effect"], favourite: false, isInstrument: p.isInstrument,
    }));
    return { plugins, categories: [...new Set(plugins.map((p) => p.category))].sort(), collections: [] };
  }
}
