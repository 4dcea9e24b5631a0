// The plugin catalogue: scan results merged across formats into one entry per plugin.
import { categorise, type Category, type Categorisation } from "./categories";
import { DEFAULT_FORMAT_ORDER, formatRank, type FormatName } from "./formats";
import { pluginKey, UNKNOWN_VENDOR, type PluginKey } from "./identity";
import type { ScannedPlugin } from "./scanned-plugin";

export interface BlockedVariant {
  format: FormatName;
  uid: string;
  reason: string;
}

export interface CataloguePlugin {
  key: PluginKey;
  name: string;
  vendor: string;
  categories: Category[];
  categorySource: Categorisation["source"];
  isInstrument: boolean;
  /** Every scanned binary of this plugin: loadable ones first, each group in the default format order. */
  variants: ScannedPlugin[];
  /** Formats that can be loaded, in the default order. */
  formats: FormatName[];
  /** Kept so the user sees why a plugin is missing, rather than it silently vanishing. */
  blockedVariants: BlockedVariant[];
  /** True when no variant can be loaded. */
  blocked: boolean;
}

function byPreference(a: ScannedPlugin, b: ScannedPlugin): number {
  return (
    Number(a.blocked) - Number(b.blocked) ||
    formatRank(a.format) - formatRank(b.format) ||
    b.version.localeCompare(a.version, undefined, { numeric: true })
  );
}

function entryOf(key: PluginKey, variants: ScannedPlugin[]): CataloguePlugin {
  variants.sort(byPreference);
  const face = variants[0]!; // the best loadable variant names the plugin
  const isInstrument = variants.some((v) => v.isInstrument);
  // Every format's metadata counts (CLAP may say "equalizer" where LV2 says "Spatial"); the preferred
  // format's categories come first. Only without any metadata is the name used as a hint.
  const fromMetadata: Category[] = [];
  for (const variant of variants) {
    const candidate = categorise(variant.category, isInstrument, variant.name);
    if (candidate.source !== "metadata") continue;
    for (const category of candidate.categories) if (!fromMetadata.includes(category)) fromMetadata.push(category);
  }
  // "Instrument" says less than Synth/Sampler/Drum; keep it last.
  fromMetadata.sort((a, b) => Number(a === "Instrument") - Number(b === "Instrument"));
  const categorisation: Categorisation =
    fromMetadata.length > 0 ? { categories: fromMetadata, source: "metadata" } : categorise("", isInstrument, face.name);
  const formats = DEFAULT_FORMAT_ORDER.filter((format) => variants.some((v) => v.format === format && !v.blocked));
  return {
    key,
    name: face.name,
    vendor: face.vendor,
    categories: categorisation.categories,
    categorySource: categorisation.source,
    isInstrument,
    variants,
    formats,
    blockedVariants: variants
      .filter((v) => v.blocked)
      .map((v) => ({ format: v.format, uid: v.uid, reason: v.blockedReason || "blocked by the scanner" })),
    blocked: formats.length === 0,
  };
}

/**
 * A binary the scanner could not probe has no vendor (the scanner names it after its file). It joins the
 * one known plugin of the same name, so "ZamComp: VST3 blocked (timed out)" shows under ZamComp.
 */
function joinUnknownVendors(groups: Map<PluginKey, ScannedPlugin[]>): void {
  const unknownPrefix = `${UNKNOWN_VENDOR}/`;
  for (const [key, variants] of groups) {
    if (!key.startsWith(unknownPrefix)) continue;
    const name = key.slice(unknownPrefix.length);
    const homes = [...groups.keys()].filter((k) => k !== key && k.slice(k.indexOf("/") + 1) === name);
    if (homes.length !== 1) continue;
    groups.get(homes[0]!)!.push(...variants);
    groups.delete(key);
  }
}

export class PluginCatalogue {
  private readonly byKey: ReadonlyMap<PluginKey, CataloguePlugin>;
  private readonly byUid = new Map<string, CataloguePlugin>();

  private constructor(readonly plugins: readonly CataloguePlugin[]) {
    this.byKey = new Map(plugins.map((plugin) => [plugin.key, plugin]));
    for (const plugin of plugins) for (const v of plugin.variants) this.byUid.set(`${v.format}\n${v.uid}`, plugin);
  }

  /** `aliases` (from the user library) join plugins whose names differ between formats. */
  static fromScan(scanned: readonly ScannedPlugin[], aliases: Readonly<Record<PluginKey, PluginKey>> = {}): PluginCatalogue {
    const groups = new Map<PluginKey, ScannedPlugin[]>();
    for (const plugin of scanned) {
      const own = pluginKey(plugin.vendor, plugin.name);
      const key = Object.hasOwn(aliases, own) ? aliases[own]! : own;
      const group = groups.get(key);
      if (group) group.push(plugin);
      else groups.set(key, [plugin]);
    }
    joinUnknownVendors(groups);
    const plugins = [...groups].map(([key, variants]) => entryOf(key, variants));
    plugins.sort((a, b) => a.name.localeCompare(b.name) || a.vendor.localeCompare(b.vendor));
    return new PluginCatalogue(plugins);
  }

  get size(): number {
    return this.plugins.length;
  }

  get(key: PluginKey): CataloguePlugin | undefined {
    return this.byKey.get(key);
  }

  /** The plugin of a given format binary, e.g. to find a project's device in the catalogue. */
  findByUid(format: FormatName, uid: string): CataloguePlugin | undefined {
    return this.byUid.get(`${format}\n${uid}`);
  }

  /** Can this exact binary be loaded? The check the project model's operations take as `hasPlugin`. */
  hasLoadable(format: FormatName, uid: string): boolean {
    return this.findByUid(format, uid)?.variants.some((v) => v.format === format && v.uid === uid && !v.blocked) ?? false;
  }
}

/**
 * The variant to instantiate: the user's chosen format if it is available, else the first loadable one in
 * the default order (CLAP > VST3 > LV2 > LADSPA); undefined when every variant is blocked.
 */
export function preferredVariant(plugin: CataloguePlugin, userChoice?: FormatName): ScannedPlugin | undefined {
  const loadable = plugin.variants.filter((v) => !v.blocked);
  return loadable.find((v) => v.format === userChoice) ?? loadable[0];
}
