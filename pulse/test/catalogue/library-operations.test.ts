import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyLibraryOperation,
  emptyLibrary,
  joinPluginsOperations,
  PluginCatalogue,
  pluginKey,
  LibraryHistory,
  LibraryOperationError,
  organisationOf,
  parseLibrary,
  serialiseLibrary,
  type LibraryOperation,
} from "../../src/catalogue";
import { scanned } from "./make-plugin";

const A = "vendor/a";
const B = "vendor/b";

describe("library operations", () => {
  it("tags are trimmed and unique regardless of case", () => {
    const history = new LibraryHistory(emptyLibrary());
    history.apply({ kind: "tag.add", plugin: A, tag: "Warm" });
    history.apply({ kind: "tag.add", plugin: A, tag: " warm " });
    history.apply({ kind: "tag.add", plugin: A, tag: "drums" });
    expect(organisationOf(history.library, A).tags).toEqual(["Warm", "drums"]);
    history.apply({ kind: "tag.remove", plugin: A, tag: "WARM" });
    expect(organisationOf(history.library, A).tags).toEqual(["drums"]);
  });

  it("drops a plugin's entry once it carries no organisation", () => {
    const history = new LibraryHistory(emptyLibrary());
    history.apply({ kind: "favourite.set", plugin: A, favourite: true });
    history.apply({ kind: "favourite.set", plugin: A, favourite: false });
    expect(history.library.plugins).toEqual({});
  });

  it("orders collections and their plugins as the user says", () => {
    const history = new LibraryHistory(emptyLibrary());
    history.apply([
      { kind: "collection.create", collection: "x", name: "Vocals" },
      { kind: "collection.create", collection: "y", name: "Drums", index: 0 },
      { kind: "collection.addPlugin", collection: "x", plugin: A },
      { kind: "collection.addPlugin", collection: "x", plugin: B },
      { kind: "collection.movePlugin", collection: "x", plugin: B, index: 0 },
      { kind: "collection.move", collection: "x", index: 0 },
      { kind: "collection.rename", collection: "y", name: "Drum bus" },
    ]);
    expect(history.library.collections).toEqual([
      { id: "x", name: "Vocals", plugins: [B, A] },
      { id: "y", name: "Drum bus", plugins: [] },
    ]);
  });

  it.each([
    [{ kind: "rating.set", plugin: A, rating: 6 }, /whole number from 0 to 5/],
    [{ kind: "rating.set", plugin: A, rating: 2.5 }, /whole number/],
    [{ kind: "tag.add", plugin: A, tag: "   " }, /tag cannot be empty/],
    [{ kind: "collection.rename", collection: "nope", name: "x" }, /no collection "nope"/],
    [{ kind: "collection.create", collection: "c", name: " " }, /needs a name/],
    [{ kind: "preferredFormat.set", plugin: A, format: "VST9" as never }, /unknown format/],
    [{ kind: "favourite.set", plugin: "__proto__", favourite: true }, /"__proto__" is not a plugin key/],
    [{ kind: "collection.addPlugin", collection: "c", plugin: "no-slash" }, /not a plugin key/],
  ] as [LibraryOperation, RegExp][])("rejects %j", (op, message) => {
    expect(() => applyLibraryOperation(emptyLibrary(), op)).toThrow(LibraryOperationError);
    expect(() => applyLibraryOperation(emptyLibrary(), op)).toThrow(message);
  });

  it("a failing step changes nothing and is not recorded", () => {
    const history = new LibraryHistory(emptyLibrary());
    history.apply({ kind: "rating.set", plugin: A, rating: 3 }, "rate");
    const before = history.library;
    expect(() =>
      history.apply([
        { kind: "rating.set", plugin: A, rating: 5 },
        { kind: "collection.delete", collection: "missing" },
      ]),
    ).toThrow(LibraryOperationError);
    expect(history.library).toBe(before);
    expect(history.undoLabel).toBe("rate");
  });
});

const keys = fc.constantFrom(A, B, "other/c");
const collections = fc.constantFrom("x", "y");
const operation: fc.Arbitrary<LibraryOperation> = fc.oneof(
  fc.record({ kind: fc.constant("tag.add" as const), plugin: keys, tag: fc.constantFrom("warm", "Warm", "bus", "vox") }),
  fc.record({ kind: fc.constant("tag.remove" as const), plugin: keys, tag: fc.constantFrom("warm", "bus") }),
  fc.record({ kind: fc.constant("favourite.set" as const), plugin: keys, favourite: fc.boolean() }),
  fc.record({ kind: fc.constant("rating.set" as const), plugin: keys, rating: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("preferredFormat.set" as const), plugin: keys, format: fc.constantFrom("CLAP", "LV2", null) }),
  fc.record({ kind: fc.constant("collection.create" as const), collection: collections, name: fc.constantFrom("A", "B") }),
  fc.record({ kind: fc.constant("collection.rename" as const), collection: collections, name: fc.constantFrom("C", "D") }),
  fc.record({ kind: fc.constant("collection.delete" as const), collection: collections }),
  fc.record({ kind: fc.constant("collection.move" as const), collection: collections, index: fc.nat(3) }),
  fc.record({ kind: fc.constant("collection.addPlugin" as const), collection: collections, plugin: keys, index: fc.nat(3) }),
  fc.record({ kind: fc.constant("collection.removePlugin" as const), collection: collections, plugin: keys }),
  fc.record({ kind: fc.constant("collection.movePlugin" as const), collection: collections, plugin: keys, index: fc.nat(3) }),
  fc.record({ kind: fc.constant("alias.set" as const), plugin: keys, sameAs: fc.constantFrom(A, B, "other/c", null) }),
);

describe("joining plugins the name matching missed", () => {
  it("merges the catalogue entries and the user's organisation in one undoable step", () => {
    const scan = [
      scanned({ name: "x42 EQ", vendor: "Robin Gareus", format: "LV2", uid: "urn:x42:eq" }),
      scanned({ name: "Fil4 EQ", vendor: "x42-plugins", format: "VST3", uid: "vst3:fil4" }),
    ];
    const lv2 = pluginKey("Robin Gareus", "x42 EQ");
    const vst3 = pluginKey("x42-plugins", "Fil4 EQ");
    expect(PluginCatalogue.fromScan(scan).size).toBe(2);

    const history = new LibraryHistory(emptyLibrary());
    history.apply([
      { kind: "tag.add", plugin: lv2, tag: "mastering" },
      { kind: "rating.set", plugin: lv2, rating: 4 },
      { kind: "tag.add", plugin: vst3, tag: "eq" },
      { kind: "favourite.set", plugin: vst3, favourite: true },
      { kind: "collection.create", collection: "m", name: "Master chain" },
      { kind: "collection.addPlugin", collection: "m", plugin: lv2 },
    ]);
    const before = history.library;
    history.apply(joinPluginsOperations(history.library, lv2, vst3), "same plugin");

    const joined = PluginCatalogue.fromScan(scan, history.library.aliases);
    expect(joined.size).toBe(1);
    expect(joined.plugins[0]!.key).toBe(vst3);
    expect(joined.plugins[0]!.formats).toEqual(["VST3", "LV2"]);
    expect(organisationOf(history.library, vst3)).toEqual({ tags: ["eq", "mastering"], favourite: true, rating: 4, preferredFormat: null });
    expect(history.library.plugins[lv2]).toBeUndefined();
    expect(history.library.collections[0]!.plugins).toEqual([vst3]);
    expect(parseLibrary(serialiseLibrary(history.library))).toEqual(history.library);

    history.undo();
    expect(history.library).toEqual(before);
  });

  it("refuses links that would chain or loop", () => {
    const linked = applyLibraryOperation(emptyLibrary(), { kind: "alias.set", plugin: A, sameAs: B }).library;
    expect(() => applyLibraryOperation(linked, { kind: "alias.set", plugin: B, sameAs: A })).toThrow(/already an alias/);
    expect(() => applyLibraryOperation(linked, { kind: "alias.set", plugin: B, sameAs: "other/c" })).toThrow(/unlink them first/);
    expect(applyLibraryOperation(linked, { kind: "alias.set", plugin: "other/c", sameAs: A }).library.aliases).toEqual({ [A]: B, "other/c": B });
    expect(() => parseLibrary(JSON.stringify({ format: "loophole.plugin-library", version: 1, aliases: { "v/a": "v/b", "v/b": "v/c" } }))).toThrow(/itself an alias/);
  });
});

describe("undo and redo", () => {
  it("undoing every step restores every earlier state, and redo replays them (property)", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (ops) => {
        const history = new LibraryHistory(emptyLibrary());
        const states = [history.library];
        for (const op of ops) {
          try {
            history.apply(op);
            states.push(history.library);
          } catch (error) {
            if (!(error instanceof LibraryOperationError)) throw error;
          }
        }
        for (let i = states.length - 1; i > 0; i--) {
          expect(history.library).toEqual(states[i]);
          expect(history.undo()).toBe(true);
        }
        expect(history.library).toEqual(states[0]);
        expect(history.undo()).toBe(false);
        for (let i = 1; i < states.length; i++) {
          expect(history.redo()).toBe(true);
          expect(history.library).toEqual(states[i]);
        }
        expect(history.redo()).toBe(false);
        // Operations and libraries are plain data: they survive JSON.
        expect(parseLibrary(serialiseLibrary(history.library))).toEqual(history.library);
        expect(JSON.parse(JSON.stringify(ops))).toEqual(ops);
      }),
      { numRuns: 300 },
    );
  });

  it("a new change clears redo", () => {
    const history = new LibraryHistory(emptyLibrary());
    history.apply({ kind: "favourite.set", plugin: A, favourite: true }, "favourite");
    history.undo();
    expect(history.redoLabel).toBe("favourite");
    history.apply({ kind: "rating.set", plugin: A, rating: 1 });
    expect(history.canRedo).toBe(false);
  });
});
