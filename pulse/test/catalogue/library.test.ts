import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyLibraryOperations,
  emptyLibrary,
  LibraryError,
  loadLibrary,
  organisationOf,
  parseLibrary,
  PluginCatalogue,
  saveLibrary,
  serialiseLibrary,
  type LibraryOperation,
} from "../../src/catalogue";
import { scanned } from "./make-plugin";

const organised = applyLibraryOperations(emptyLibrary(), [
  { kind: "tag.add", plugin: "damien zammit/zamcomp", tag: "  vocal   chain " },
  { kind: "favourite.set", plugin: "damien zammit/zamcomp", favourite: true },
  { kind: "rating.set", plugin: "damien zammit/zamverb", rating: 4 },
  { kind: "preferredFormat.set", plugin: "damien zammit/zamverb", format: "LV2" },
  { kind: "collection.create", collection: "c1", name: "Mix bus" },
  { kind: "collection.addPlugin", collection: "c1", plugin: "damien zammit/zamverb" },
  { kind: "collection.addPlugin", collection: "c1", plugin: "damien zammit/zamcomp", index: 0 },
] satisfies LibraryOperation[]).library;

describe("user library document", () => {
  it("round-trips through JSON exactly, with a stable layout", () => {
    const text = serialiseLibrary(organised);
    expect(parseLibrary(text)).toEqual(organised);
    expect(serialiseLibrary(parseLibrary(text))).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: "loophole.plugin-library", version: 1 });
    expect(organisationOf(organised, "damien zammit/zamcomp").tags).toEqual(["vocal chain"]);
  });

  it.each([
    ["[1]", /not a JSON object/],
    ["{", /not valid JSON/],
    ['{"format":"other","version":1}', /"format" must be "loophole.plugin-library"/],
    ['{"format":"loophole.plugin-library","version":7}', /newer Loophole \(version 7\)/],
    ['{"format":"loophole.plugin-library","version":1,"plugins":{"a/b":{"rating":9}}}', /plugin "a\/b": "rating" must be/],
    ['{"format":"loophole.plugin-library","version":1,"plugins":{"a/b":{"preferredFormat":"VST9"}}}', /unknown "preferredFormat"/],
    ['{"format":"loophole.plugin-library","version":1,"collections":[{"id":"x","name":"A"},{"id":"x","name":"B"}]}', /used twice/],
    ['{"format":"loophole.plugin-library","version":1,"plugins":{"__proto__":{"rating":1}}}', /"__proto__" is not a plugin key/],
  ])("rejects %s with a clear error", (text, message) => {
    expect(() => parseLibrary(text)).toThrow(LibraryError);
    expect(() => parseLibrary(text)).toThrow(message);
  });

  it("saves and loads from disk; a missing file is an empty library; a corrupt one is an error and stays untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loophole-library-"));
    const path = join(dir, "plugins.json");
    expect(await loadLibrary(path)).toEqual(emptyLibrary());
    await saveLibrary(path, organised);
    expect(await loadLibrary(path)).toEqual(organised);
    await saveLibrary(path, emptyLibrary());
    // The previous version is kept as a backup.
    expect(parseLibrary(readFileSync(`${path}.bak1`, "utf8"))).toEqual(organised);

    writeFileSync(path, '{"format":"loophole.plugin-library","version":1,"plugins":');
    await expect(loadLibrary(path)).rejects.toThrow(/plugins\.json: plugin library: not valid JSON/);
    expect(readFileSync(path, "utf8")).toBe('{"format":"loophole.plugin-library","version":1,"plugins":');
  });

  it("keeps applying to a plugin after a rescan finds it in a new format and a new version", () => {
    const before = PluginCatalogue.fromScan([scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2", version: "4.1" })]);
    const after = PluginCatalogue.fromScan([
      scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2", version: "4.2" }),
      scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "CLAP", version: "4.2", uid: "com.zamaudio.ZamComp" }),
    ]);
    const key = before.plugins[0]!.key;
    expect(after.plugins.map((p) => p.key)).toEqual([key]);
    expect(organisationOf(parseLibrary(serialiseLibrary(organised)), after.plugins[0]!.key).favourite).toBe(true);
  });
});
