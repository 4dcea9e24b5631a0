// The plugins the user can insert, organised by Pulse: Signal's scan merged across formats
// (PluginOrganiser), the user's library (favourites, tags, collections; saved next to the session
// state) and the built-in processors. Shaped here into the browser's CatalogueView.
import { ipc } from "@loophole/contract";
import { catalogue as pulse } from "@loophole/pulse";
import type { CatalogueView } from "../../channels";

export interface InsertablePlugin {
  format: "VST3" | "LV2" | "CLAP" | "LADSPA" | "AU" | "BuiltIn";
  uid: string;
  builtin: "SineSynth" | "Sampler" | null;
  name: string;
}

const BUILTINS: { key: string; plugin: InsertablePlugin }[] = [
  { key: "builtin:SineSynth", plugin: { format: "BuiltIn", uid: "", builtin: "SineSynth", name: "Sine Synth" } },
  { key: "builtin:Sampler", plugin: { format: "BuiltIn", uid: "", builtin: "Sampler", name: "Sampler" } },
];

export class PluginCatalogueIndex {
  private organiser = new pulse.PluginOrganiser([], pulse.emptyLibrary());

  /** libraryPath: the user's plugin library file; absent = kept in memory only. */
  constructor(private readonly libraryPath?: string) {}

  async loadLibrary(): Promise<void> {
    if (!this.libraryPath) return;
    this.organiser = new pulse.PluginOrganiser([], await pulse.loadLibrary(this.libraryPath));
  }

  setScan(catalogue: ipc.PluginCatalogueT): void {
    this.organiser.rescan(pulse.scannedFromCatalogue(catalogue));
  }

  /** What to insert for a browser entry (a catalogue key or a built-in), in the user's preferred format. */
  resolve(key: string): InsertablePlugin | undefined {
    const builtin = BUILTINS.find((b) => b.key === key);
    if (builtin) return builtin.plugin;
    const plugin = this.organiser.catalogue.get(key);
    const variant = plugin ? pulse.variantToLoad(plugin, this.organiser.library) : undefined;
    if (!plugin || !variant) return undefined;
    return { format: variant.format, uid: variant.uid, builtin: null, name: plugin.name };
  }

  async setFavourite(key: string, favourite: boolean): Promise<void> {
    if (!this.organiser.catalogue.get(key)) throw new Error(`"${key}" is not a scanned plugin`);
    this.organiser.apply({ kind: "favourite.set", plugin: key, favourite }, favourite ? "Add favourite" : "Remove favourite");
    if (this.libraryPath) await pulse.saveLibrary(this.libraryPath, this.organiser.library);
  }

  view(): CatalogueView {
    const library = this.organiser.library;
    const scanned = this.organiser.catalogue.plugins.filter((p) => !p.blocked).map((p) => {
      const organisation = pulse.organisationOf(library, p.key);
      return {
        uid: p.key, name: p.name, vendor: p.vendor, format: p.formats.join("/"), category: p.categories[0] ?? "Other",
        tags: [...p.categories.slice(1), ...organisation.tags], favourite: organisation.favourite, isInstrument: p.isInstrument,
      };
    });
    const builtins = BUILTINS.map((b) => ({
      uid: b.key, name: b.plugin.name, vendor: "Loophole", format: "BuiltIn", category: "Instrument", tags: ["built-in"], favourite: false, isInstrument: true,
    }));
    const plugins = [...builtins, ...scanned];
    return {
      plugins,
      categories: [...new Set(plugins.map((p) => p.category))].sort(),
      collections: library.collections.map((c) => ({ name: c.name, uids: [...c.plugins] })),
    };
  }
}
