// Ways to browse the catalogue besides search: grouped by vendor, format, category or tag; favourites; collections.
import type { CataloguePlugin, PluginCatalogue } from "./catalogue";
import type { PluginKey } from "./identity";
import { normaliseTag, organisationOf, type UserLibrary } from "./library";

export type Grouping = "vendor" | "format" | "category" | "tag";

export interface Group {
  label: string;
  plugins: CataloguePlugin[];
}

function labelsOf(plugin: CataloguePlugin, grouping: Grouping, library: UserLibrary): string[] {
  switch (grouping) {
    case "vendor":
      return [plugin.vendor || "Unknown vendor"];
    case "format":
      return plugin.variants.map((v) => v.format).filter((f, i, all) => all.indexOf(f) === i);
    case "category":
      return plugin.categories;
    case "tag":
      return organisationOf(library, plugin.key).tags.map(normaliseTag);
  }
}

/** A plugin appears in every group it belongs to (e.g. each of its formats). Groups sorted by label. */
export function groupPlugins(catalogue: PluginCatalogue, grouping: Grouping, library: UserLibrary): Group[] {
  const groups = new Map<string, Group>();
  for (const plugin of catalogue.plugins) {
    for (const label of labelsOf(plugin, grouping, library)) {
      const key = label.toLowerCase();
      const group = groups.get(key) ?? { label, plugins: [] };
      group.plugins.push(plugin);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export function favouritePlugins(catalogue: PluginCatalogue, library: UserLibrary): CataloguePlugin[] {
  return catalogue.plugins.filter((p) => organisationOf(library, p.key).favourite);
}

export interface CollectionEntry {
  key: PluginKey;
  /** Undefined when the plugin is not installed (any more): kept, so reinstalling restores the collection. */
  plugin: CataloguePlugin | undefined;
}

export function collectionEntries(catalogue: PluginCatalogue, library: UserLibrary, collectionId: string): CollectionEntry[] {
  const collection = library.collections.find((c) => c.id === collectionId);
  if (!collection) return [];
  return collection.plugins.map((key) => ({ key, plugin: catalogue.get(key) }));
}

/** Every tag in use, for a tag cloud or autocomplete, with how many plugins carry it. */
export function tagCounts(library: UserLibrary): Map<string, number> {
  const counts = new Map<string, number>();
  const spelling = new Map<string, string>();
  for (const organisation of Object.values(library.plugins)) {
    for (const tag of organisation.tags) {
      const key = tag.toLowerCase();
      if (!spelling.has(key)) spelling.set(key, tag);
      const label = spelling.get(key)!;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return counts;
}
