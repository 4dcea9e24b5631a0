import { describe, expect, it } from "vitest";
import { applyLibraryOperations, emptyLibrary, PluginCatalogue, PluginSearch, pluginKey } from "../../src/catalogue";
import { scanned } from "./make-plugin";
import { manyPlugins } from "./many-plugins";

const catalogue = PluginCatalogue.fromScan([
  scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2", category: "lv2:CompressorPlugin" }),
  scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "CLAP", category: "audio-effect" }),
  scanned({ name: "ZamVerb", vendor: "Damien Zammit", format: "VST3", category: "Fx|Reverb" }),
  scanned({ name: "Valhalla Room", vendor: "Valhalla DSP", format: "VST3", category: "Fx|Reverb" }),
  scanned({ name: "Pro-C 2", vendor: "FabFilter", format: "VST3", category: "Fx|Dynamics" }),
  scanned({ name: "Diva", vendor: "u-he", format: "CLAP", category: "instrument synthesizer", isInstrument: true }),
  scanned({ name: "Crashy Compressor", vendor: "Bad Co", format: "VST3", category: "Fx|Dynamics", blocked: true, blockedReason: "crashed" }),
]);
const names = (hits: { plugin: { name: string } }[]) => hits.map((h) => h.plugin.name);

describe("plugin search", () => {
  const search = new PluginSearch(catalogue, emptyLibrary());

  it("finds plugins by name despite typos", () => {
    expect(names(search.search("zamcmop"))[0]).toBe("ZamComp");
    expect(names(search.search("valhala"))[0]).toBe("Valhalla Room");
    expect(names(search.search("diav"))[0]).toBe("Diva");
  });

  it("gives the same answers while the user types (cached words)", () => {
    const typing = new PluginSearch(catalogue, emptyLibrary());
    for (const prefix of ["z", "za", "zam", "zam c", "zam co", "zam com", "zam comp"]) typing.search(prefix);
    expect(typing.search("zam comp")).toEqual(search.search("zam comp"));
    expect(names(typing.search("zam comp"))[0]).toBe("ZamComp");
    expect(typing.search("zam")).toEqual(search.search("zam"));
  });

  it("finds plugins by vendor and by normalised category", () => {
    expect(names(search.search("fabfilter"))).toEqual(["Pro-C 2"]);
    expect(names(search.search("reverb"))).toEqual(expect.arrayContaining(["ZamVerb", "Valhalla Room"]));
    expect(names(search.search("synth"))).toContain("Diva");
    expect(names(search.search("dynamics"))).toEqual(expect.arrayContaining(["ZamComp", "Pro-C 2"]));
  });

  it("ranks blocked plugins after loadable ones, and can hide them", () => {
    const hits = names(search.search("dynamics"));
    expect(hits.at(-1)).toBe("Crashy Compressor");
    expect(names(search.search("dynamics", { includeBlocked: false }))).not.toContain("Crashy Compressor");
  });

  it("searches the user's tags and puts favourites first among equal matches", () => {
    const zamVerb = pluginKey("Damien Zammit", "ZamVerb");
    const valhalla = pluginKey("Valhalla DSP", "Valhalla Room");
    const library = applyLibraryOperations(emptyLibrary(), [
      { kind: "tag.add", plugin: zamVerb, tag: "lush vocals" },
      { kind: "favourite.set", plugin: valhalla, favourite: true },
    ]).library;
    const tagged = new PluginSearch(catalogue, library);
    expect(names(tagged.search("lush vocls"))[0]).toBe("ZamVerb");
    expect(names(search.search("zammit"))).toEqual(["ZamComp", "ZamVerb"]);
    const favourite = new PluginSearch(catalogue, applyLibraryOperations(library, [{ kind: "favourite.set", plugin: zamVerb, favourite: true }]).library);
    expect(names(favourite.search("zammit"))).toEqual(["ZamVerb", "ZamComp"]);
    expect(names(tagged.search("", { favouritesOnly: true }))).toEqual(["Valhalla Room"]);
    expect(names(tagged.search("", { tag: "LUSH VOCALS" }))).toEqual(["ZamVerb"]);
  });

  it("filters by category (Instrument covers synths), format and rating", () => {
    expect(names(search.search("", { category: "Instrument" }))).toEqual(["Diva"]);
    expect(names(search.search("", { format: "LV2" }))).toEqual(["ZamComp"]);
    expect(search.search("", { minRating: 1 })).toEqual([]);
  });

  it("ranks the intended plugin first among 5,000", () => {
    const big = PluginCatalogue.fromScan(manyPlugins(5000));
    expect(big.size).toBeGreaterThan(1500); // the three formats of one product merge
    const bigSearch = new PluginSearch(big, emptyLibrary());
    const hits = bigSearch.search("vintge compresor 2", {}, 20);
    expect(hits.length).toBe(20);
    expect(hits.every((h) => h.plugin.name === "Vintage Compressor 2")).toBe(true);
    const one = bigSearch.search("kilohaerts vintage compresor 2");
    expect(one.map((h) => `${h.plugin.vendor}: ${h.plugin.name}`)[0]).toBe("Kilohearts: Vintage Compressor 2");
    expect(bigSearch.search("kilohearts", { category: "Reverb" }).every((h) => h.plugin.vendor === "Kilohearts")).toBe(true);
  });
});
