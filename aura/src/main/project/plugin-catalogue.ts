// The plugins the user can insert, organised by Pulse: Signal's scan merged across formats
// (PluginOrganiser), the user's library (favourites, tags, collections; saved next to the session
// state) and the built-in processors. Shaped here into the browser's CatalogueView.
import { ipc } from "@loophole/contract";
import { catalogue as pulse } from "@loophole/pulse";
import { randomUUID } from "node:crypto";
import type { CatalogueChange, CatalogueView, PluginParameterView } from "../../channels";

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
  private readonly parameterLists = new Map<string, PluginParameterView[]>();

  /** libraryPath: the user's plugin library file; absent = kept in memory only. */
  constructor(private readonly libraryPath?: string) {}

  async loadLibrary(): Promise<void> {
    if (!this.libraryPath) return;
    this.organiser = new pulse.PluginOrganiser([], await pulse.loadLibrary(this.libraryPath));
  }

  setScan(catalogue: ipc.PluginCatalogueT): void {
    this.organiser.rescan(pulse.scannedFromCatalogue(catalogue));
    this.parameterLists.clear();
    for (const plugin of this.organiser.catalogue.plugins)
      for (const v of plugin.variants)
        this.parameterLists.set(`${v.format}:${v.uid}`, v.parameters.filter((p) => p.automatable).map((p) => ({ index: p.index, name: p.name })));
  }

  /** The automatable parameters the scan found for a plugin as inserted (format + uid); none if unscanned. */
  parametersOf(format: string, uid: string): PluginParameterView[] {
    return this.parameterLists.get(`${format}:${uid}`) ?? [];
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

  /** Applies a change to the user's organisation and saves the library; throws a plain-words Error
   *  for an unknown plugin or collection or an invalid tag or name (Pulse's LibraryError). */
  async organise(change: CatalogueChange): Promise<void> {
    if (typeof change !== "object" || change === null) throw new Error("a catalogue change must be an object");
    const known = (uid: unknown) => {
      if (typeof uid !== "string" || !this.organiser.catalogue.get(uid)) throw new Error(`"${String(uid)}" is not a scanned plugin`);
      return uid;
    };
    const text = (value: unknown, what: string) => {
      if (typeof value !== "string" || value.trim() === "" || value.length > 200) throw new Error(`${what} must be text of 1 to 200 characters`);
      return value;
    };
    switch (change.kind) {
      case "addTag": this.organiser.apply({ kind: "tag.add", plugin: known(change.uid), tag: text(change.tag, "a tag") }, "Add tag"); break;
      case "removeTag": this.organiser.apply({ kind: "tag.remove", plugin: known(change.uid), tag: text(change.tag, "a tag") }, "Remove tag"); break;
      case "createCollection": this.organiser.apply({ kind: "collection.create", collection: `collection-${randomUUID()}`, name: text(change.name, "a collection name") }, "New collection"); break;
      case "addToCollection": this.organiser.apply({ kind: "collection.addPlugin", collection: change.collection, plugin: known(change.uid) }, "Add to collection"); break;
      case "removeFromCollection": this.organiser.apply({ kind: "collection.removePlugin", collection: change.collection, plugin: known(change.uid) }, "Remove from collection"); break;
      default: throw new Error(`unknown catalogue change ${JSON.stringify((change as { kind?: unknown }).kind)}`);
    }
    if (this.libraryPath) await pulse.saveLibrary(this.libraryPath, this.organiser.library);
  }

  view(): CatalogueView {
    const library = this.organiser.library;
    const scanned = this.organiser.catalogue.plugins.filter((p) => !p.blocked).map((p) => {
      const organisation = pulse.organisationOf(library, p.key);
      return {
        uid: p.key, name: p.name, vendor: p.vendor, format: p.formats.join("/"), category: p.categories[0] ?? "Other",
        tags: [...p.categories.slice(1), ...organisation.tags], userTags: [...organisation.tags], favourite: organisation.favourite, isInstrument: p.isInstrument,
      };
    });
    const builtins = BUILTINS.map((b) => ({
      uid: b.key, name: b.plugin.name, vendor: "Loophole", format: "BuiltIn", category: "Instrument", tags: ["built-in"], userTags: [], favourite: false, isInstrument: true,
    }));
    const plugins = [...builtins, ...scanned];
    return {
      plugins,
      categories: [...new Set(plugins.map((p) => p.category))].sort(),
      userTags: [...new Set(scanned.flatMap((p) => p.userTags))].sort(),
      collections: library.collections.map((c) => ({ id: c.id, name: c.name, uids: [...c.plugins] })),
    };
  }
}
