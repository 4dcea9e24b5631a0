// Typo-tolerant, ranked search over the catalogue and the user's tags.
//
// Design: fuse.js (well kept, dependency-free Bitap matcher) fuzzy-matches each query word against the
// *vocabulary* of distinct words in names, vendors, categories and tags; an inverted index then maps the
// matched words to plugins. The vocabulary is far smaller than the catalogue, so a search over 5,000 plugins
// costs a few small fuzzy scans instead of one fuzzy scan per plugin field.
import Fuse from "fuse.js";
import type { CataloguePlugin, PluginCatalogue } from "./catalogue";
import { isInstrumentCategory, type Category } from "./categories";
import type { FormatName } from "./formats";
import { organisationOf, sameTag, type UserLibrary } from "./library";

export interface SearchFilter {
  /** "Instrument" also matches Synth, Sampler and Drum. */
  category?: Category;
  format?: FormatName;
  tag?: string;
  favouritesOnly?: boolean;
  minRating?: number;
  instrumentsOnly?: boolean;
  effectsOnly?: boolean;
  /** Blocked plugins are shown (marked, ranked last) by default so the user can see why they are missing. */
  includeBlocked?: boolean;
}

export interface SearchHit {
  plugin: CataloguePlugin;
  /** 0 = perfect match; larger is worse. */
  score: number;
}

interface SearchDocument {
  plugin: CataloguePlugin;
  tags: string[];
  favourite: boolean;
  rating: number;
}

type Field = "name" | "tag" | "vendor" | "category";

/** A word found in the name says more than the same word in the vendor or category. */
const FIELD_PENALTY: Record<Field, number> = { name: 0, tag: 0.02, vendor: 0.05, category: 0.08 };
/** How far a query word may be from a vocabulary word (Bitap errors per character). */
const THRESHOLD = 0.34;
const WORD_CACHE_SIZE = 256;

export function searchWords(text: string): string[] {
  // NFKD is slow; only text with non-ASCII letters needs it (to drop diacritics).
  const plain = /[^\x00-\x7f]/.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  return plain
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function matchesFilter(doc: SearchDocument, filter: SearchFilter): boolean {
  const { plugin } = doc;
  if (filter.includeBlocked === false && plugin.blocked) return false;
  if (filter.format && !plugin.variants.some((v) => v.format === filter.format)) return false;
  if (filter.category) {
    const wanted = filter.category;
    const hit = plugin.categories.some((c) => c === wanted || (wanted === "Instrument" && isInstrumentCategory(c)));
    if (!hit) return false;
  }
  if (filter.tag !== undefined && !doc.tags.some((t) => sameTag(t, filter.tag!))) return false;
  if (filter.favouritesOnly && !doc.favourite) return false;
  if (filter.minRating !== undefined && doc.rating < filter.minRating) return false;
  if (filter.instrumentsOnly && !plugin.isInstrument) return false;
  if (filter.effectsOnly && plugin.isInstrument) return false;
  return true;
}

/** Among equally good matches: loadable before blocked, favourites, higher ratings, then by name. */
function preference(a: SearchDocument, b: SearchDocument): number {
  return (
    Number(a.plugin.blocked) - Number(b.plugin.blocked) ||
    Number(b.favourite) - Number(a.favourite) ||
    b.rating - a.rating ||
    a.plugin.name.localeCompare(b.plugin.name)
  );
}

export class PluginSearch {
  private readonly documents: SearchDocument[];
  /** word -> (document index -> best field penalty) */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly vocabulary: Fuse<string>;

  /** Build once per catalogue or library change; searching is then cheap. */
  constructor(catalogue: PluginCatalogue, library: UserLibrary) {
    this.documents = catalogue.plugins.map((plugin) => {
      const organisation = organisationOf(library, plugin.key);
      return { plugin, tags: organisation.tags, favourite: organisation.favourite, rating: organisation.rating };
    });
    const wordsOf = new Map<string, string[]>(); // vendors and categories repeat across plugins
    const cachedWords = (text: string): string[] => {
      let words = wordsOf.get(text);
      if (!words) wordsOf.set(text, (words = searchWords(text)));
      return words;
    };
    this.documents.forEach((doc, index) => {
      const fields: [Field, string[]][] = [
        // Every format's name: a plugin joined by the user may be called differently in each.
        ["name", [...new Set(doc.plugin.variants.map((v) => v.name))]],
        ["tag", doc.tags],
        ["vendor", [doc.plugin.vendor]],
        ["category", doc.plugin.categories],
      ];
      for (const [field, texts] of fields) {
        for (const text of texts) for (const word of cachedWords(text)) this.post(word, index, FIELD_PENALTY[field]);
      }
    });
    this.vocabulary = new Fuse([...this.postings.keys()], {
      includeScore: true,
      ignoreLocation: true, // "comp" finds "zamcomp": the word may sit anywhere in a vocabulary word
      threshold: THRESHOLD,
    });
  }

  private post(word: string, doc: number, penalty: number): void {
    let docs = this.postings.get(word);
    if (!docs) this.postings.set(word, (docs = new Map()));
    const current = docs.get(doc);
    if (current === undefined || penalty < current) docs.set(doc, penalty);
  }

  /** Per-word results: typing "vintage co" -> "vintage com" only matches the last word afresh. */
  private readonly wordCache = new Map<string, ReadonlyMap<number, number>>();

  private matchWord(word: string): ReadonlyMap<number, number> {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const result = this.scanWord(word);
    if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.delete(this.wordCache.keys().next().value!);
    this.wordCache.set(word, result);
    return result;
  }

  /** Documents matching one query word, with their best score for it. */
  private scanWord(word: string): Map<number, number> {
    const best = new Map<number, number>();
    for (const result of this.vocabulary.search(word)) {
      // A whole-word match beats the same letters inside a longer word ("comp" vs "compressor").
      const partial = 0.1 * (1 - Math.min(word.length, result.item.length) / result.item.length);
      const wordScore = (result.score ?? 0) + partial;
      for (const [doc, penalty] of this.postings.get(result.item)!) {
        const score = wordScore + penalty;
        const current = best.get(doc);
        if (current === undefined || score < current) best.set(doc, score);
      }
    }
    return best;
  }

  /** Every query word must match somewhere (name, tags, vendor or category); ranked best first. */
  search(query: string, filter: SearchFilter = {}, limit = 100): SearchHit[] {
    const words = [...new Set(searchWords(query))];
    if (words.length === 0) {
      return this.documents
        .filter((doc) => matchesFilter(doc, filter))
        .sort(preference)
        .slice(0, limit)
        .map((doc) => ({ plugin: doc.plugin, score: 0 }));
    }
    let total: Map<number, number> | undefined;
    for (const word of words) {
      const matched = this.matchWord(word);
      if (total === undefined) {
        total = new Map(matched); // the cached map stays untouched
        continue;
      }
      for (const [doc, score] of total) {
        const more = matched.get(doc);
        if (more === undefined) total.delete(doc);
        else total.set(doc, score + more);
      }
    }
    const scored: { doc: SearchDocument; score: number }[] = [];
    for (const [index, sum] of total!) {
      const doc = this.documents[index]!;
      if (matchesFilter(doc, filter)) scored.push({ doc, score: sum / words.length });
    }
    // Scores within a hair of each other are the same match to a user; let their preferences decide.
    scored.sort((a, b) => (Math.abs(a.score - b.score) > 0.01 ? a.score - b.score : preference(a.doc, b.doc)));
    return scored.slice(0, limit).map(({ doc, score }) => ({ plugin: doc.plugin, score }));
  }
}
