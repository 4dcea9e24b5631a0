import { describe, expect, it } from "vitest";
import {
  applyLibraryOperations,
  collectionEntries,
  emptyLibrary,
  favouritePlugins,
  groupPlugins,
  PluginCatalogue,
  pluginKey,
  tagCounts,
} from "../../src/catalogue";
import { scanned } from "./make-plugin";

const catalogue = PluginCatalogue.fromScan([
  scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2", category: "lv2:CompressorPlugin" }),
  scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "CLAP" }),
  scanned({ name: "ZamVerb", vendor: "Damien Zammit", format: "VST3", category: "Fx|Reverb" }),
  scanned({ name: "Diva", vendor: "u-he", format: "CLAP", category: "instrument synthesizer", isInstrument: true }),
]);
const zamComp = pluginKey("Damien Zammit", "ZamComp");
const diva = pluginKey("u-he", "Diva");
const library = applyLibraryOperations(emptyLibrary(), [
  { kind: "tag.add", plugin: zamComp, tag: "Bus" },
  { kind: "tag.add", plugin: diva, tag: "bus" },
  { kind: "favourite.set", plugin: diva, favourite: true },
  { kind: "collection.create", collection: "c", name: "Starter" },
  { kind: "collection.addPlugin", collection: "c", plugin: diva },
  { kind: "collection.addPlugin", collection: "c", plugin: "gone/uninstalled" },
  { kind: "collection.addPlugin", collection: "c", plugin: zamComp },
]).library;

const summary = (groups: ReturnType<typeof groupPlugins>) =>
  Object.fromEntries(groups.map((g) => [g.label, g.plugins.map((p) => p.name)]));

describe("browsing", () => {
  it("groups by vendor, format, category and tag", () => {
    expect(summary(groupPlugins(catalogue, "vendor", library))).toEqual({
      "Damien Zammit": ["ZamComp", "ZamVerb"],
      "u-he": ["Diva"],
    });
    expect(summary(groupPlugins(catalogue, "format", library))).toEqual({
      CLAP: ["Diva", "ZamComp"],
      LV2: ["ZamComp"],
      VST3: ["ZamVerb"],
    });
    expect(summary(groupPlugins(catalogue, "category", library))).toEqual({
      Dynamics: ["ZamComp"],
      Instrument: ["Diva"],
      Reverb: ["ZamVerb"],
      Synth: ["Diva"],
    });
    expect(summary(groupPlugins(catalogue, "tag", library))).toEqual({ bus: ["Diva", "ZamComp"] });
  });

  it("lists favourites, collections in the user's order (keeping uninstalled entries), and tag counts", () => {
    expect(favouritePlugins(catalogue, library).map((p) => p.name)).toEqual(["Diva"]);
    expect(collectionEntries(catalogue, library, "c").map((e) => [e.key, e.plugin?.name])).toEqual([
      [diva, "Diva"],
      ["gone/uninstalled", undefined],
      [zamComp, "ZamComp"],
    ]);
    expect(tagCounts(library)).toEqual(new Map([["Bus", 2]]));
  });
});
