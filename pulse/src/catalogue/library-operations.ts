// Every change to the user library is a plain, serialisable operation. Applying one yields the new library
// and the operation that undoes it.
import type { FormatName } from "./formats";
import { isFormatName } from "./formats";
import { isPluginKey, type PluginKey } from "./identity";
import {
  isEmptyOrganisation,
  isValidRating,
  MAX_RATING,
  normaliseTag,
  organisationOf,
  sameTag,
  type Collection,
  type PluginOrganisation,
  type UserLibrary,
} from "./library";

export type LibraryOperation =
  | { kind: "tag.add"; plugin: PluginKey; tag: string }
  | { kind: "tag.remove"; plugin: PluginKey; tag: string }
  | { kind: "favourite.set"; plugin: PluginKey; favourite: boolean }
  | { kind: "rating.set"; plugin: PluginKey; rating: number }
  | { kind: "preferredFormat.set"; plugin: PluginKey; format: FormatName | null }
  /** Puts a plugin's whole organisation back (null = none); the inverse of the per-plugin operations. */
  | { kind: "plugin.restore"; plugin: PluginKey; organisation: PluginOrganisation | null }
  | { kind: "collection.create"; collection: string; name: string; index?: number }
  | { kind: "collection.rename"; collection: string; name: string }
  | { kind: "collection.move"; collection: string; index: number }
  | { kind: "collection.delete"; collection: string }
  | { kind: "collection.addPlugin"; collection: string; plugin: PluginKey; index?: number }
  | { kind: "collection.removePlugin"; collection: string; plugin: PluginKey }
  | { kind: "collection.movePlugin"; collection: string; plugin: PluginKey; index: number }
  /** Puts a collection back at a position (null = it did not exist); the inverse of the collection operations. */
  | { kind: "collection.restore"; collection: string; state: Collection | null; index: number }
  /** "`plugin` is the same as `sameAs`": for plugins whose names differ between formats. null = unlink. */
  | { kind: "alias.set"; plugin: PluginKey; sameAs: PluginKey | null };

export class LibraryOperationError extends Error {
  override name = "LibraryOperationError";
}

export interface LibraryApplied {
  library: UserLibrary;
  inverse: LibraryOperation;
}

function withPlugin(library: UserLibrary, key: PluginKey, organisation: PluginOrganisation | null): UserLibrary {
  const plugins = { ...library.plugins };
  if (organisation === null || isEmptyOrganisation(organisation)) delete plugins[key];
  else plugins[key] = organisation;
  return { ...library, plugins };
}

function changePlugin(
  library: UserLibrary,
  key: PluginKey,
  change: (current: PluginOrganisation) => PluginOrganisation,
): LibraryApplied {
  const before = Object.hasOwn(library.plugins, key) ? library.plugins[key]! : null;
  const after = change(organisationOf(library, key));
  return { library: withPlugin(library, key, after), inverse: { kind: "plugin.restore", plugin: key, organisation: before } };
}

function collectionIndex(library: UserLibrary, id: string): number {
  const index = library.collections.findIndex((c) => c.id === id);
  if (index < 0) throw new LibraryOperationError(`no collection "${id}"`);
  return index;
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined) return length;
  if (!Number.isInteger(index) || index < 0) throw new LibraryOperationError(`bad position ${index}`);
  return Math.min(index, length);
}

function inserted<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

function changeCollection(library: UserLibrary, id: string, change: (c: Collection) => Collection): LibraryApplied {
  const index = collectionIndex(library, id);
  const before = library.collections[index]!;
  const collections = [...library.collections];
  collections[index] = change(before);
  return {
    library: { ...library, collections },
    inverse: { kind: "collection.restore", collection: id, state: before, index },
  };
}

function requireName(name: string): string {
  if (typeof name !== "string" || name.trim() === "") throw new LibraryOperationError("a collection needs a name");
  return name.trim();
}

function checkKeys(op: LibraryOperation): void {
  for (const field of ["plugin", "sameAs"] as const) {
    const value = (op as Partial<Record<typeof field, unknown>>)[field];
    if (value !== undefined && value !== null && !isPluginKey(value)) {
      throw new LibraryOperationError(`${JSON.stringify(value)} is not a plugin key (vendor/name)`);
    }
  }
}

export function applyLibraryOperation(library: UserLibrary, op: LibraryOperation): LibraryApplied {
  checkKeys(op);
  switch (op.kind) {
    case "tag.add": {
      const tag = normaliseTag(op.tag);
      if (tag === "") throw new LibraryOperationError("a tag cannot be empty");
      return changePlugin(library, op.plugin, (o) =>
        o.tags.some((t) => sameTag(t, tag)) ? o : { ...o, tags: [...o.tags, tag] },
      );
    }
    case "tag.remove":
      return changePlugin(library, op.plugin, (o) => ({ ...o, tags: o.tags.filter((t) => !sameTag(t, op.tag)) }));
    case "favourite.set":
      return changePlugin(library, op.plugin, (o) => ({ ...o, favourite: op.favourite }));
    case "rating.set":
      if (!isValidRating(op.rating)) throw new LibraryOperationError(`a rating is a whole number from 0 to ${MAX_RATING}`);
      return changePlugin(library, op.plugin, (o) => ({ ...o, rating: op.rating }));
    case "preferredFormat.set":
      if (op.format !== null && !isFormatName(op.format)) throw new LibraryOperationError(`unknown format "${op.format}"`);
      return changePlugin(library, op.plugin, (o) => ({ ...o, preferredFormat: op.format }));
    case "plugin.restore": {
      const before = Object.hasOwn(library.plugins, op.plugin) ? library.plugins[op.plugin]! : null;
      return {
        library: withPlugin(library, op.plugin, op.organisation),
        inverse: { kind: "plugin.restore", plugin: op.plugin, organisation: before },
      };
    }
    case "collection.create": {
      if (library.collections.some((c) => c.id === op.collection)) {
        throw new LibraryOperationError(`collection "${op.collection}" already exists`);
      }
      const index = clampIndex(op.index, library.collections.length);
      const created: Collection = { id: op.collection, name: requireName(op.name), plugins: [] };
      return {
        library: { ...library, collections: inserted(library.collections, index, created) },
        inverse: { kind: "collection.restore", collection: op.collection, state: null, index },
      };
    }
    case "collection.rename": {
      const name = requireName(op.name);
      return changeCollection(library, op.collection, (c) => ({ ...c, name }));
    }
    case "collection.move": {
      const from = collectionIndex(library, op.collection);
      const moving = library.collections[from]!;
      const rest = library.collections.filter((_, i) => i !== from);
      return {
        library: { ...library, collections: inserted(rest, clampIndex(op.index, rest.length), moving) },
        inverse: { kind: "collection.restore", collection: op.collection, state: moving, index: from },
      };
    }
    case "collection.delete": {
      const index = collectionIndex(library, op.collection);
      return {
        library: { ...library, collections: library.collections.filter((_, i) => i !== index) },
        inverse: { kind: "collection.restore", collection: op.collection, state: library.collections[index]!, index },
      };
    }
    case "collection.addPlugin":
      return changeCollection(library, op.collection, (c) => {
        const rest = c.plugins.filter((p) => p !== op.plugin);
        return { ...c, plugins: inserted(rest, clampIndex(op.index, rest.length), op.plugin) };
      });
    case "collection.removePlugin":
      return changeCollection(library, op.collection, (c) => ({ ...c, plugins: c.plugins.filter((p) => p !== op.plugin) }));
    case "collection.movePlugin":
      return changeCollection(library, op.collection, (c) => {
        if (!c.plugins.includes(op.plugin)) {
          throw new LibraryOperationError(`plugin "${op.plugin}" is not in collection "${c.name}"`);
        }
        const rest = c.plugins.filter((p) => p !== op.plugin);
        return { ...c, plugins: inserted(rest, clampIndex(op.index, rest.length), op.plugin) };
      });
    case "collection.restore": {
      const existing = library.collections.findIndex((c) => c.id === op.collection);
      const rest = library.collections.filter((c) => c.id !== op.collection);
      const collections = op.state === null ? rest : inserted(rest, clampIndex(op.index, rest.length), op.state);
      return {
        library: { ...library, collections },
        inverse: {
          kind: "collection.restore",
          collection: op.collection,
          state: existing < 0 ? null : library.collections[existing]!,
          index: existing < 0 ? 0 : existing,
        },
      };
    }
    case "alias.set": {
      const before = Object.hasOwn(library.aliases, op.plugin) ? library.aliases[op.plugin]! : null;
      const aliases = { ...library.aliases };
      if (op.sameAs === null) delete aliases[op.plugin];
      else {
        if (op.sameAs === op.plugin) throw new LibraryOperationError("a plugin cannot be an alias of itself");
        // One hop only: link to what the target is linked to, and never chain through an alias.
        const target = Object.hasOwn(aliases, op.sameAs) ? aliases[op.sameAs]! : op.sameAs;
        if (target === op.plugin) throw new LibraryOperationError(`"${op.sameAs}" is already an alias of "${op.plugin}"`);
        if (Object.values(aliases).includes(op.plugin)) {
          throw new LibraryOperationError(`other plugins are aliases of "${op.plugin}"; unlink them first`);
        }
        aliases[op.plugin] = target;
      }
      return { library: { ...library, aliases }, inverse: { kind: "alias.set", plugin: op.plugin, sameAs: before } };
    }
    default: {
      const unknown: never = op;
      throw new LibraryOperationError(`unknown library operation ${JSON.stringify(unknown)}`);
    }
  }
}

/** Applies operations in order, all or nothing. Returns the inverses in undo order. */
export function applyLibraryOperations(
  library: UserLibrary,
  ops: readonly LibraryOperation[],
): { library: UserLibrary; inverse: LibraryOperation[] } {
  let current = library;
  const inverse: LibraryOperation[] = [];
  for (const op of ops) {
    const applied = applyLibraryOperation(current, op);
    current = applied.library;
    inverse.unshift(applied.inverse);
  }
  return { library: current, inverse };
}

/**
 * The operations that say "`plugin` is the same as `sameAs`" and move what the user organised under
 * `plugin` (tags, favourite, rating, preferred format, collection places) onto `sameAs`. Apply them as
 * one step, so one undo separates the two again.
 */
export function joinPluginsOperations(library: UserLibrary, plugin: PluginKey, sameAs: PluginKey): LibraryOperation[] {
  const target = Object.hasOwn(library.aliases, sameAs) ? library.aliases[sameAs]! : sameAs;
  const from = organisationOf(library, plugin);
  const into = organisationOf(library, target);
  const tags = [...into.tags];
  for (const tag of from.tags) if (!tags.some((t) => sameTag(t, tag))) tags.push(tag);
  const ops: LibraryOperation[] = [
    {
      kind: "plugin.restore",
      plugin: target,
      organisation: {
        tags,
        favourite: into.favourite || from.favourite,
        rating: Math.max(into.rating, from.rating),
        preferredFormat: into.preferredFormat ?? from.preferredFormat,
      },
    },
    { kind: "plugin.restore", plugin, organisation: null },
  ];
  library.collections.forEach((collection, index) => {
    if (!collection.plugins.includes(plugin)) return;
    const plugins = collection.plugins.includes(target)
      ? collection.plugins.filter((p) => p !== plugin)
      : collection.plugins.map((p) => (p === plugin ? target : p));
    ops.push({ kind: "collection.restore", collection: collection.id, state: { ...collection, plugins }, index });
  });
  ops.push({ kind: "alias.set", plugin, sameAs: target });
  return ops;
}
