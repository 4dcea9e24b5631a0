// The user's plugin library: their organisation of plugins (tags, collections, favourites, ratings, preferred
// formats). One document per user, separate from any project, keyed by merged plugin identity.
import { isFormatName, type FormatName } from "./formats";
import { isPluginKey, type PluginKey } from "./identity";

export const LIBRARY_FORMAT = "loophole.plugin-library";
export const LIBRARY_VERSION = 1;
export const MAX_RATING = 5;

export interface PluginOrganisation {
  tags: string[];
  favourite: boolean;
  /** 0 = unrated, 1..5 stars. */
  rating: number;
  /** null = follow the default order. */
  preferredFormat: FormatName | null;
}

export interface Collection {
  id: string;
  name: string;
  /** Ordered by the user. */
  plugins: PluginKey[];
}

export interface UserLibrary {
  format: typeof LIBRARY_FORMAT;
  version: typeof LIBRARY_VERSION;
  plugins: Readonly<Record<PluginKey, PluginOrganisation>>;
  /** Ordered by the user. */
  collections: readonly Collection[];
  /** "Same plugin" links the user made where names differ between formats: alias key -> the key it joins. */
  aliases: Readonly<Record<PluginKey, PluginKey>>;
}

export class LibraryError extends Error {
  override name = "LibraryError";
}

export const NO_ORGANISATION: PluginOrganisation = Object.freeze({
  tags: [],
  favourite: false,
  rating: 0,
  preferredFormat: null,
}) as PluginOrganisation;

export function emptyLibrary(): UserLibrary {
  return { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, plugins: {}, collections: [], aliases: {} };
}

export function organisationOf(library: UserLibrary, key: PluginKey): PluginOrganisation {
  return Object.hasOwn(library.plugins, key) ? library.plugins[key]! : NO_ORGANISATION;
}

export function isEmptyOrganisation(o: PluginOrganisation): boolean {
  return o.tags.length === 0 && !o.favourite && o.rating === 0 && o.preferredFormat === null;
}

/** Tags compare case-insensitively and ignore surrounding/doubled spaces. */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, " ");
}

export function sameTag(a: string, b: string): boolean {
  return normaliseTag(a).toLowerCase() === normaliseTag(b).toLowerCase();
}

export function isValidRating(rating: unknown): rating is number {
  return typeof rating === "number" && Number.isInteger(rating) && rating >= 0 && rating <= MAX_RATING;
}

// ---- reading ----

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readOrganisation(value: unknown, where: string): PluginOrganisation {
  if (!isObject(value)) throw new LibraryError(`${where}: must be an object`);
  const { tags = [], favourite = false, rating = 0, preferredFormat = null } = value;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string" && normaliseTag(t) !== "")) {
    throw new LibraryError(`${where}: "tags" must be a list of non-empty strings`);
  }
  if (typeof favourite !== "boolean") throw new LibraryError(`${where}: "favourite" must be true or false`);
  if (!isValidRating(rating)) throw new LibraryError(`${where}: "rating" must be an integer from 0 to ${MAX_RATING}`);
  if (preferredFormat !== null && !isFormatName(preferredFormat)) {
    throw new LibraryError(`${where}: unknown "preferredFormat" ${JSON.stringify(preferredFormat)}`);
  }
  const unique: string[] = [];
  for (const tag of tags as string[]) if (!unique.some((t) => sameTag(t, tag))) unique.push(normaliseTag(tag));
  return { tags: unique, favourite, rating, preferredFormat };
}

function readCollection(value: unknown, where: string): Collection {
  if (!isObject(value)) throw new LibraryError(`${where}: must be an object`);
  const { id, name, plugins = [] } = value;
  if (typeof id !== "string" || id === "") throw new LibraryError(`${where}: "id" must be a non-empty string`);
  if (typeof name !== "string") throw new LibraryError(`${where}: "name" must be a string`);
  if (!Array.isArray(plugins) || !plugins.every(isPluginKey)) {
    throw new LibraryError(`${where}: "plugins" must be a list of plugin keys`);
  }
  return { id, name, plugins: [...new Set(plugins as string[])] };
}

/** Validates a parsed library document; throws LibraryError naming the first problem. */
export function readLibrary(value: unknown): UserLibrary {
  if (!isObject(value)) throw new LibraryError("plugin library: not a JSON object");
  if (value["format"] !== LIBRARY_FORMAT) {
    throw new LibraryError(`plugin library: "format" must be "${LIBRARY_FORMAT}", found ${JSON.stringify(value["format"])}`);
  }
  const version = value["version"];
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new LibraryError(`plugin library: "version" must be a positive integer`);
  }
  if (version > LIBRARY_VERSION) {
    throw new LibraryError(
      `plugin library: written by a newer Loophole (version ${version}); this one reads up to version ${LIBRARY_VERSION}`,
    );
  }
  const rawPlugins = value["plugins"] ?? {};
  if (!isObject(rawPlugins)) throw new LibraryError(`plugin library: "plugins" must be an object`);
  const plugins: Record<PluginKey, PluginOrganisation> = {};
  for (const [key, raw] of Object.entries(rawPlugins)) {
    if (!isPluginKey(key)) throw new LibraryError(`plugin library: "${key}" is not a plugin key (vendor/name)`);
    const organisation = readOrganisation(raw, `plugin library: plugin "${key}"`);
    if (!isEmptyOrganisation(organisation)) plugins[key] = organisation;
  }
  const rawCollections = value["collections"] ?? [];
  if (!Array.isArray(rawCollections)) throw new LibraryError(`plugin library: "collections" must be a list`);
  const collections = rawCollections.map((c, i) => readCollection(c, `plugin library: collection #${i}`));
  const ids = new Set<string>();
  for (const c of collections) {
    if (ids.has(c.id)) throw new LibraryError(`plugin library: collection id "${c.id}" is used twice`);
    ids.add(c.id);
  }
  const rawAliases = value["aliases"] ?? {};
  if (!isObject(rawAliases)) throw new LibraryError(`plugin library: "aliases" must be an object`);
  const aliases: Record<PluginKey, PluginKey> = {};
  for (const [from, to] of Object.entries(rawAliases)) {
    if (!isPluginKey(from) || !isPluginKey(to) || to === from) {
      throw new LibraryError(`plugin library: alias "${from}" must link a plugin key to another`);
    }
    if (Object.hasOwn(rawAliases, to)) throw new LibraryError(`plugin library: alias "${from}" points at "${to}", which is itself an alias`);
    aliases[from] = to;
  }
  return { format: LIBRARY_FORMAT, version: LIBRARY_VERSION, plugins, collections, aliases };
}

export function parseLibrary(json: string): UserLibrary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new LibraryError(`plugin library: not valid JSON (${(error as Error).message})`);
  }
  return readLibrary(parsed);
}

/** Stable output (plugin keys sorted) so the file diffs well and round-trips byte for byte. */
export function serialiseLibrary(library: UserLibrary): string {
  const plugins: Record<string, PluginOrganisation> = {};
  for (const key of Object.keys(library.plugins).sort()) plugins[key] = library.plugins[key]!;
  const document = {
    format: library.format,
    version: library.version,
    plugins,
    collections: library.collections,
    aliases: Object.fromEntries(Object.keys(library.aliases).sort().map((k) => [k, library.aliases[k]!])),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
