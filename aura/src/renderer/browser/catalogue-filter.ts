// Filtering the plugin catalogue: by category, collection (id), user tag, favourites and a
// free-text search over name, vendor and tags (every word must match).
import type { CatalogueView } from "../../channels";

export type CataloguePlugin = CatalogueView["plugins"][number];

export interface CatalogueQuery { text: string; category: string | null; collection: string | null; tag: string | null; favouritesOnly: boolean }

export function filterCatalogue(catalogue: CatalogueView, query: CatalogueQuery): CataloguePlugin[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const collection = query.collection ? new Set(catalogue.collections.find((c) => c.id === query.collection)?.uids ?? []) : null;
  const tag = query.tag?.toLowerCase() ?? null;
  return catalogue.plugins.filter((p) => {
    if (query.category && p.category !== query.category) return false;
    if (collection && !collection.has(p.uid)) return false;
    if (query.favouritesOnly && !p.favourite) return false;
    if (tag !== null && !p.userTags.some((t) => t.toLowerCase() === tag)) return false;
    const haystack = `${p.name} ${p.vendor} ${p.format} ${p.category} ${p.tags.join(" ")}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  }).sort((a, b) => Number(b.favourite) - Number(a.favourite) || a.name.localeCompare(b.name));
}
