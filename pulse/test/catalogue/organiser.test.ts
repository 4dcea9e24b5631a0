import { describe, expect, it } from "vitest";
import { emptyLibrary, joinPluginsOperations, LibraryOperationError, PluginOrganiser, pluginKey } from "../../src/catalogue";
import { scanned } from "./make-plugin";

const comp = pluginKey("Damien Zammit", "ZamComp");

describe("plugin organiser", () => {
  it("keeps catalogue, library, undo and search consistent", () => {
    const organiser = new PluginOrganiser(
      [scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2", category: "lv2:CompressorPlugin" })],
      emptyLibrary(),
    );
    const notified: number[] = [];
    const unsubscribe = organiser.subscribe((o) => notified.push(o.catalogue.size));

    expect(organiser.search("glue")).toEqual([]);
    organiser.apply({ kind: "tag.add", plugin: comp, tag: "glue" }, "tag");
    expect(organiser.search("glue").map((h) => h.plugin.key)).toEqual([comp]);
    organiser.undo();
    expect(organiser.search("glue")).toEqual([]);
    expect(organiser.redo()).toBe(true);
    expect(organiser.search("glue")).toHaveLength(1);

    // A rescan finds the CLAP build too: still one plugin, still tagged.
    organiser.rescan([
      scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "LV2" }),
      scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "CLAP", uid: "com.zamaudio.ZamComp" }),
    ]);
    expect(organiser.catalogue.get(comp)?.formats).toEqual(["CLAP", "LV2"]);
    expect(organiser.search("glue")).toHaveLength(1);

    expect(() => organiser.apply({ kind: "rating.set", plugin: comp, rating: 9 })).toThrow(LibraryOperationError);
    expect(notified).toEqual([1, 1, 1, 1]);
    unsubscribe();
  });

  it("regroups the catalogue when the user joins two plugins, and undoes it", () => {
    const organiser = new PluginOrganiser(
      [
        scanned({ name: "x42 Parametric EQ", vendor: "Robin Gareus", format: "LV2" }),
        scanned({ name: "Fil4 EQ", vendor: "x42-plugins", format: "VST3" }),
      ],
      emptyLibrary(),
    );
    const lv2 = pluginKey("Robin Gareus", "x42 Parametric EQ");
    const vst3 = pluginKey("x42-plugins", "Fil4 EQ");
    organiser.apply(joinPluginsOperations(organiser.library, lv2, vst3), "same plugin");
    expect(organiser.catalogue.size).toBe(1);
    expect(organiser.search("x42").map((h) => h.plugin.key)).toEqual([vst3]);
    expect(organiser.search("fil4").map((h) => h.plugin.key)).toEqual([vst3]);
    expect(organiser.search("parametric").map((h) => h.plugin.key)).toEqual([vst3]); // only the LV2 build's name says so
    organiser.undo();
    expect(organiser.catalogue.size).toBe(2);
  });
});
